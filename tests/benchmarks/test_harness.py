"""The benchmark harness (benchmarks/compare.py): its scripts run, its report says what it measured.

No test here measures anything: the scripts run with a handful of calls and chunks to show that
they work in both SDKs, and the report is fed made-up samples. Timings are never asserted.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.reference import OfficialSdk, clean_environment
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.chat import Reply

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
import _profile  # noqa: E402
import _report  # noqa: E402
import _scripts  # noqa: E402

sys.path.remove(str(BENCHMARKS))


def run(python: Path | str, script: str, *args: object, flags: tuple[str, ...] = ()) -> Any:
    result = subprocess.run(
        [python, *flags, "-c", script, *map(str, args)],
        capture_output=True,
        text=True,
        env=clean_environment(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(params=["ours", "official"])
def python(request: pytest.FixtureRequest) -> Path | str:
    """The Python of this SDK's development environment, or of the official SDK's."""
    if request.param == "ours":
        return sys.executable
    official: OfficialSdk = request.getfixturevalue("official_sdk")
    return official.python


# -- the scripts, in both SDKs -----------------------------------------------------------------


def target(emulator: Emulator) -> tuple[str, str]:
    """The key and the host, named `localhost` as in the harness: the official SDK's default
    channel is a local-credentials one for `localhost:` hosts only (TLS for 127.0.0.1)."""
    return emulator.api_key, f"localhost:{emulator.port}"


def test_the_cold_script_reports_the_instant_of_its_first_response_and_its_memory(
    python: Path | str, xai_emulator: Emulator
) -> None:
    import time

    started = time.monotonic()
    result = run(python, _scripts.COLD["sdk"], *target(xai_emulator))
    assert started < result["first"] < time.monotonic()
    assert result["peak_kb"] > result["anon_kb"] > 0
    assert 0 < result["modules_import"] < result["modules_call"]


@pytest.mark.parametrize("kind", ["python", "grpc", "raw"])
def test_the_floor_scripts_run(kind: str, xai_emulator: Emulator) -> None:
    result = run(sys.executable, _scripts.COLD[kind], *target(xai_emulator))
    assert set(result) == {"first", "cpu_to_first_s", "peak_kb", "anon_kb", "modules_import", "modules_call"}


def test_the_unary_script_times_the_sdk_and_the_raw_stub_in_one_process(
    python: Path | str, xai_emulator: Emulator
) -> None:
    result = run(python, _scripts.UNARY, *target(xai_emulator), 5)
    assert set(result) == {"sdk", "raw", "sdk_default_channel"}
    assert all(0 < figures["p50"] <= figures["p99"] for figures in result.values())


def test_the_headers_script_times_the_raw_stub_with_and_without_the_sdk_headers(
    python: Path | str, xai_emulator: Emulator
) -> None:
    result = run(python, _scripts.UNARY_HEADERS, *target(xai_emulator), 5)
    assert set(result) == {"raw", "raw_with_headers"}
    assert all(0 < figures["p50"] <= figures["p99"] for figures in result.values())
    sent = {call.headers.get("xai-sdk-language") for call in xai_emulator.calls("Chat/GetCompletion")}
    assert sent == {None, f"python/{sys.version_info.major}.{sys.version_info.minor}"}


@pytest.mark.parametrize(
    ("mode", "measures"),
    [("streams", {"per_wall_second", "cpu_us_per_chunk"}), ("reads", {"thread_cpu_us_per_chunk"})],
)
@pytest.mark.parametrize("script", ["STREAM", "ASYNC_STREAM"])
def test_the_stream_scripts_measure_the_sdk_and_the_raw_stub_in_each_set(
    script: str, mode: str, measures: set[str], python: Path | str, xai_emulator: Emulator
) -> None:
    chunks, sets = 30, 2
    lengths = _scripts.stream_replies(chunks, sets)
    xai_emulator.chat.script(*(Reply(content="x" * length, chunk_size=1) for length in lengths))
    result = run(python, getattr(_scripts, script), *target(xai_emulator), chunks, sets, 1, mode)
    # The script asserts that each measured stream had `chunks` chunks: its replies were consumed
    # in the order stream_replies() gives, and the model streams no reasoning chunks.
    assert {name: len(streams) for name, streams in result.items()} == {
        "sdk": sets,
        "raw": sets,
        "raw_again": sets,
    }
    streams = [stream for streams in result.values() for stream in streams]
    assert all(set(stream) == measures for stream in streams)
    assert all(value > 0 for stream in streams for value in stream.values())


def test_the_concurrency_script_runs(python: Path | str, xai_emulator: Emulator) -> None:
    result = run(python, _scripts.CONCURRENT, *target(xai_emulator), 4, 2)
    assert set(result) == {"calls_per_second", "calls_per_cpu_second"}


@pytest.mark.parametrize("kind", ["sdk", "raw"])
def test_the_profile_attributes_modules_and_memory_to_packages(kind: str, xai_emulator: Emulator) -> None:
    result = run(sys.executable, _scripts.profile(kind), *target(xai_emulator))
    assert result["modules"]["grpc"] > 0
    assert result["modules"]["xai_sdk.proto"] > 0
    assert "grpc" in result["import_kb"]
    assert sum(result["rss_kb"].values()) > 0
    assert ("xai_sdk.chat" in result["modules"]) == (kind == "sdk")


# -- grouping ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "group"),
    [
        ("xai_sdk.chat._chat", "xai_sdk.chat"),
        ("xai_sdk.proto.chat_pb2", "xai_sdk.proto"),
        ("xai_sdk._client", "xai_sdk"),
        ("xai_sdk", "xai_sdk"),
        ("google.protobuf.internal.builder", "google.protobuf"),
        ("grpc._cython.cygrpc", "grpc"),
        ("json.decoder", "stdlib"),
        ("pluggy._hooks", "pluggy"),
    ],
)
def test_modules_are_grouped_by_package(module: str, group: str) -> None:
    assert _profile.module_group(module) == group


def test_shared_objects_are_grouped_by_name_without_their_platform_tag() -> None:
    assert _profile.mapping_group(
        "/venv/site-packages/grpc/_cython/cygrpc.cpython-311-x86_64-linux-gnu.so"
    ) == ("cygrpc.so")
    assert _profile.mapping_group("") == "[anonymous]"
    assert _profile.mapping_group("[heap]") == "[heap]"


# -- the report, from made-up samples ----------------------------------------------------------


def cold(start_s: float, peak_mb: float) -> dict[str, Any]:
    return {
        "start_to_first_s": start_s,
        "cpu_to_first_s": start_s / 2,
        "peak_kb": peak_mb * 1024,
        "anon_kb": peak_mb * 512,
        "modules_import": 10,
        "modules_call": 20,
    }


def stream(rate: float, cpu_us: float) -> dict[str, float]:
    return {"per_wall_second": rate, "cpu_us_per_chunk": cpu_us}


def reads(sdk_us: float, raw_us: float, again_us: float) -> dict[str, list[dict[str, float]]]:
    """A set of streams read in turn: each one's CPU time per chunk on the reading thread."""
    return {
        name: [{"thread_cpu_us_per_chunk": us}]
        for name, us in (("sdk", sdk_us), ("raw", raw_us), ("raw_again", again_us))
    }


def made_up_report(*, ours_start: list[float], ours_peak_mb: float = 35.0) -> dict[str, Any]:
    """A run's samples: three rounds everywhere, the official SDK at 0.300 s to its first response."""
    rounds = range(3)
    cold_samples = {
        "python": [cold(0.010, 10.0) for _ in rounds],
        "python + grpc": [cold(0.050, 30.0) for _ in rounds],
        "raw stub": [cold(0.070, 37.0) for _ in rounds],
        "ours[chat]": [cold(seconds, ours_peak_mb) for seconds in ours_start],
        "ours[all]": [cold(seconds, ours_peak_mb) for seconds in ours_start],
        "official": [cold(0.300, 67.0) for _ in rounds],
    }
    latency = {"p50": 0.000600, "p99": 0.000900}
    unary = {"sdk": latency, "raw": {"p50": 0.000580, "p99": 0.000850}, "sdk_default_channel": latency}
    streams = {
        f"{driver} {chunks}": {
            "ours": [
                {
                    "sdk": [stream(10_000, 50.0)],
                    "raw": [stream(10_000, 49.0)],
                    "raw_again": [stream(10_000, 49.0)],
                }
                for _ in rounds
            ],
            "official": [
                {
                    "sdk": [stream(9_000, 60.0)],
                    "raw": [stream(10_000, 49.0)],
                    "raw_again": [stream(10_000, 49.0)],
                }
            ],
        }
        for driver in ("sync", "async")
        for chunks in (2000, 20000)
    }
    paced = {
        "chunks": 500,
        "interval_s": 0.0005,
        **{
            driver: {
                "ours": [
                    {
                        "sdk": [stream(1_900, 86.0)],
                        "raw": [stream(1_900, 80.0)],
                        "raw_again": [stream(1_900, 81.0)],
                    }
                    for _ in rounds
                ]
            }
            for driver in ("sync", "async")
        },
    }
    stream_reads = {
        f"{driver} {chunks}": {"ours": [reads(17.0, 15.0, 15.5) for _ in rounds]}
        for driver in ("sync", "async")
        for chunks in (2000, 20000)
    }
    paced_reads = {
        driver: {"ours": [reads(42.0, 38.0, 37.0) for _ in rounds]} for driver in ("sync", "async")
    }
    calls = {"calls_per_second": 2000.0, "calls_per_cpu_second": 5000.0}
    profile = {
        "modules": {"grpc": 50, "stdlib": 100},
        "stdlib": ["json"],
        "rss_kb": {"[heap]": 1000},
        "import_kb": {"grpc": 9000},
        "outside_imports_kb": 4000,
        "importtime_ms": {"grpc": 10.0},
    }
    return {
        "date": "2026-12-01",
        "machine": "x86_64, 2 cores, Python 3.11.7",
        "quick": False,
        "plan": {
            "cold_rounds": 3,
            "unary_rounds": 3,
            "unary_calls": 1000,
            "stream_rounds": 3,
            "stream_sets": [1, 1],
            "reference_stream_rounds": 1,
            "paced_rounds": 3,
            "paced_sets": 1,
            "concurrency_rounds": 3,
        },
        "versions": {"grpcio": "1.85.3", "protobuf": "7.36.2"},
        "size_mb": {"ours[chat]": 21.0, "ours[all]": 23.0, "official": 44.0, "raw": 20.0},
        "distributions": {"ours[chat]": 7, "ours[all]": 20, "official": 26, "raw": 4},
        "cold": cold_samples,
        "import_s": {name: [0.05, 0.05, 0.05] for name in ("ours[chat]", "ours[all]", "official")},
        "profile": {"ours[chat]": profile, "raw stub": {**profile, "stdlib": []}},
        "unary": {"ours": [unary for _ in rounds], "official": [unary for _ in rounds]},
        "unary_headers": [
            {"raw": {"p50": 0.000580, "p99": 0.000850}, "raw_with_headers": {"p50": 0.000586, "p99": 0.00086}}
            for _ in rounds
        ],
        "stream": streams,
        "stream_reads": stream_reads,
        "paced": paced,
        "paced_reads": paced_reads,
        "concurrent": {
            concurrency: {"ours": [calls for _ in rounds], "official": [calls for _ in rounds]}
            for concurrency in ("64", "512")
        },
        "seconds": 150.0,
    }


def rows(report: dict[str, Any]) -> dict[str, _report.Row]:
    return {row.name: row for row in _report.summarize(report)["targets"]}


def test_every_target_of_issue_18_is_a_row_with_its_target() -> None:
    targets = {row.name: row.target for row in rows(made_up_report(ours_start=[0.08] * 3)).values()}
    expected = {
        "start-up to first response, ours / official": 0.30,
        "one-call peak RSS above python + grpc (MB)": 6.0,
        "unary p50, ours / raw stub": 1.05,
        **{
            f"{driver} stream {chunks}: {measure}": target
            for driver in ("sync", "async")
            for chunks in ("2,000", "20,000")
            for measure, target in (
                ("chunks/s, ours / raw stub", 0.95),
                ("CPU per chunk, ours / raw stub", None),
                ("CPU per chunk, ours / raw stub, read in turn", 1.05),
            )
        },
        **{
            f"{driver} stream 500, a chunk every 0.5 ms: CPU per chunk, ours / raw stub{how}": target
            for driver in ("sync", "async")
            for how, target in (("", None), (", read in turn", 1.05))
        },
    }
    assert {name: targets[name] for name in expected} == expected


def test_cpu_per_chunk_read_in_turn_adds_the_sdks_extra_on_the_reading_thread_to_the_raw_stubs_cpu() -> None:
    # Streams one after the other: the raw stub 49 µs per chunk, all threads. Read in turn, the
    # SDK's thread spends 2 µs more per chunk than the raw stub's, the raw stub's second stream 0.5.
    row = rows(made_up_report(ours_start=[0.08] * 3))[
        "async stream 20,000: CPU per chunk, ours / raw stub, read in turn"
    ]
    assert row.value.median == pytest.approx(1 + 2.0 / 49.0)
    assert row.target == 1.05 and row.holds
    assert "ours +2.00 µs on the reading thread, where raw spends 15.0 of its 49.0 µs" in row.reference
    assert f"raw / raw {1 + 0.5 / 49.0:.3f}" in row.reference
    paced = rows(made_up_report(ours_start=[0.08] * 3))[
        "sync stream 500, a chunk every 0.5 ms: CPU per chunk, ours / raw stub, read in turn"
    ]
    assert paced.value.median == pytest.approx(1 + 4.0 / 80.0)


def test_a_run_whose_streams_were_not_read_in_turn_judges_cpu_stream_by_stream() -> None:
    report = made_up_report(ours_start=[0.08] * 3)
    del report["stream_reads"], report["paced_reads"]
    found = rows(report)
    assert found["sync stream 2,000: CPU per chunk, ours / raw stub"].target == 1.05
    assert found["sync stream 500, a chunk every 0.5 ms: CPU per chunk, ours / raw stub"].target == 1.05
    assert not any(name.endswith("read in turn") for name in found)


def test_a_paced_stream_row_pairs_ours_with_the_raw_stub_of_its_set() -> None:
    row = rows(made_up_report(ours_start=[0.08] * 3))[
        "sync stream 500, a chunk every 0.5 ms: CPU per chunk, ours / raw stub"
    ]
    assert row.value.median == pytest.approx(86.0 / 80.0)
    assert "raw 80.0 µs; raw / raw 1.012" in row.reference


def test_the_headers_row_is_a_reference_of_the_raw_stub_with_and_without_them() -> None:
    row = rows(made_up_report(ours_start=[0.08] * 3))[
        "unary p50, raw stub with the SDKs' two headers / without"
    ]
    assert row.target is None and row.value.median == pytest.approx(586 / 580)


def test_the_sdks_own_memory_is_its_anonymous_rss_over_the_raw_stubs_of_the_same_round() -> None:
    row = rows(made_up_report(ours_start=[0.08] * 3, ours_peak_mb=41.0))[
        "one-call anonymous RSS, ours over the raw stub (MB)"
    ]
    assert row.target is None and row.value.median == pytest.approx((41.0 - 37.0) / 2)


def test_a_run_made_before_paced_streams_still_reports() -> None:
    report = made_up_report(ours_start=[0.08] * 3)
    del report["paced"], report["paced_reads"], report["unary_headers"]
    names = set(rows(report))
    assert "sync stream 2,000: CPU per chunk, ours / raw stub" in names
    assert not any("paced" in name or "every" in name for name in names)


def test_a_target_is_judged_by_the_median_of_its_rounds_and_shows_their_spread() -> None:
    row = rows(made_up_report(ours_start=[0.060, 0.084, 0.120]))[
        "start-up to first response, ours / official"
    ]
    assert dataclasses.astuple(row.value) == pytest.approx((0.28, 0.24, 0.34, 0.20, 0.40))
    assert row.holds
    assert row.verdict() == "holds*"  # the spread straddles 0.30


def test_a_target_whose_rounds_all_miss_it_is_missed_without_a_star() -> None:
    row = rows(made_up_report(ours_start=[0.120, 0.150, 0.180]))[
        "start-up to first response, ours / official"
    ]
    assert row.verdict() == "MISSED"


def test_a_target_that_the_raw_stub_itself_misses_says_it_is_out_of_reach() -> None:
    # python + grpc: 30 MB; the raw stub: 37 MB, 7 MB above it, over the 6 MB target.
    row = rows(made_up_report(ours_start=[0.08] * 3, ours_peak_mb=39.0))[
        "one-call peak RSS above python + grpc (MB)"
    ]
    assert row.value.median == pytest.approx(9.0)
    assert row.verdict() == "MISSED, out of reach: the raw stub alone 7.0"


def test_ratios_pair_the_contenders_of_the_same_round() -> None:
    report = made_up_report(ours_start=[0.08] * 3)
    report["cold"]["official"] = [cold(seconds, 67.0) for seconds in (0.2, 0.4, 0.8)]
    report["cold"]["ours[chat]"] = [cold(seconds, 35.0) for seconds in (0.05, 0.1, 0.2)]
    assert rows(report)["start-up to first response, ours / official"].value == _report.Spread(
        0.25, 0.25, 0.25, 0.25, 0.25
    )


def test_the_readme_section_holds_every_row_and_states_the_noise() -> None:
    report = made_up_report(ours_start=[0.060, 0.084, 0.120])
    summary = _report.summarize(report)
    section = _report.markdown(report, summary)
    assert section.startswith(_report.START) and section.endswith(_report.END)
    for row in summary["targets"]:
        assert f"| {row.issue} | {row.name} |" in section
    words = " ".join(section.split())
    assert (
        "spread (IQR)" in words
        and "The spreads run from ±" in words
        and "`raw / raw` is that A/A ratio" in words
    )


def test_the_readme_section_is_replaced_and_nothing_else() -> None:
    readme = f"# Title\n\nbefore\n{_report.START}\nold table\n{_report.END}\nafter\n"
    section = f"{_report.START}\nnew table\n{_report.END}"
    assert _report.replace_section(readme, section) == f"# Title\n\nbefore\n{section}\nafter\n"
    with pytest.raises(ValueError, match="exactly one performance section"):
        _report.replace_section("# Title\n", section)


def test_the_console_report_renders() -> None:
    report = made_up_report(ours_start=[0.08] * 3)
    text = _report.console(report, _report.summarize(report))
    assert "issue 18:" in text and "issue 9:" in text
