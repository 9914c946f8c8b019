"""From the samples of a `compare.py` run to its figures, its targets, the console and the README.

Pure functions of the saved JSON (``--report`` re-renders a run without measuring). A target's
value is the median of its per-round values, each taken from contenders of the same round; its
spread is the lowest and highest of them, so that a reader can tell noise from change.
"""

from __future__ import annotations

import re
import statistics
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

SDKS = ("ours[chat]", "ours[all]", "official")
STREAM_MEASURES = ("per_wall_second", "cpu_us_per_chunk")
START, END = "<!-- --8<-- [start:performance] -->", "<!-- --8<-- [end:performance] -->"


@dataclass(frozen=True)
class Spread:
    """The median of per-round values, their quartiles (the middle half of the rounds lies between
    `q1` and `q3`), and the lowest and highest of them."""

    median: float
    q1: float
    q3: float
    lowest: float
    highest: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else values * 3
        return cls(statistics.median(values), q1, q3, min(values), max(values))


@dataclass(frozen=True)
class Row:
    """One line of the targets table. `target` None: a reference figure, not a target."""

    issue: int
    name: str
    value: Spread
    form: str
    reference: str
    target: float | None = None
    at_most: bool = True
    bound: float | None = None
    """What the raw stub or the floor itself scores on this measure, where it is not 1 by definition:
    a target that it misses cannot be met by an SDK built on it."""
    bound_label: str = "the raw stub alone"

    @property
    def holds(self) -> bool | None:
        if self.target is None:
            return None
        return self.value.median <= self.target if self.at_most else self.value.median >= self.target

    @property
    def straddles(self) -> bool:
        """The target lies within the interquartile range: another run may well give the other verdict."""
        return self.target is not None and self.value.q1 <= self.target <= self.value.q3

    @property
    def unreachable(self) -> bool:
        if self.target is None or self.bound is None:
            return False
        return self.bound > self.target if self.at_most else self.bound < self.target

    def verdict(self) -> str:
        if self.holds is None:
            return ""
        text = "holds" if self.holds else "MISSED"
        if self.straddles:
            text += "*"
        if self.unreachable:
            text += f", out of reach: {self.bound_label} {self.form.format(self.bound)}"
        return text

    def cells(self) -> tuple[str, str, str, str, str, str]:
        """Measure, value, target, reference, spread (interquartile), verdict, as text."""
        form = self.form.format
        target = "" if self.target is None else ("≤ " if self.at_most else "≥ ") + form(self.target)
        spread = f"{form(self.value.q1)} to {form(self.value.q3)}"
        return self.name, form(self.value.median), target, self.reference, spread, self.verdict()

    def extremes(self) -> str:
        """The lowest and the highest round, as text."""
        return f"{self.form.format(self.value.lowest)} to {self.form.format(self.value.highest)}"


def _per_round(
    runs: dict[str, list[Any]], name: str, other: str, value: Callable[[Any, Any], float]
) -> Spread:
    """A figure of each round from two contenders' samples of that round."""
    return Spread.of([value(a, b) for a, b in zip(runs[name], runs[other], strict=True)])


def _median(samples: Sequence[Any], value: Callable[[Any], float]) -> float:
    return statistics.median(value(sample) for sample in samples)


def figures(report: dict[str, Any]) -> dict[str, Any]:
    """The medians of every contender's figures."""
    cold = report["cold"]
    result: dict[str, Any] = {
        "start_ms": {
            name: _median(runs, lambda r: r["start_to_first_s"] * 1e3) for name, runs in cold.items()
        },
        "start_cpu_ms": {
            name: _median(runs, lambda r: r["cpu_to_first_s"] * 1e3) for name, runs in cold.items()
        },
        "peak_rss_mb": {name: _median(runs, lambda r: r["peak_kb"] / 1024) for name, runs in cold.items()},
        "anon_rss_mb": {name: _median(runs, lambda r: r["anon_kb"] / 1024) for name, runs in cold.items()},
        "modules_import": {name: _median(runs, lambda r: r["modules_import"]) for name, runs in cold.items()},
        "modules_call": {name: _median(runs, lambda r: r["modules_call"]) for name, runs in cold.items()},
        "import_ms": {name: statistics.median(runs) * 1e3 for name, runs in report["import_s"].items()},
    }
    unary: dict[str, dict[str, float]] = {}
    for sdk, runs in report["unary"].items():
        for who, label in (
            ("sdk", sdk),
            ("sdk_default_channel", f"{sdk}, default channel"),
            ("raw", f"raw stub, beside {sdk}"),
        ):
            unary[label] = {q: _median(runs, lambda r, w=who, q=q: r[w][q] * 1e6) for q in ("p50", "p99")}
    result["unary_us"] = unary
    result["stream"] = {}
    for case, contenders in report["stream"].items():
        streams = {
            "ours": [stream for r in contenders["ours"] for stream in r["sdk"]],
            "official": [stream for r in contenders["official"] for stream in r["sdk"]],
            "raw stub": [stream for r in contenders["ours"] for stream in r["raw"]],
            "raw stub again": [stream for r in contenders["ours"] for stream in r["raw_again"]],
            "raw stub, beside official": [stream for r in contenders["official"] for stream in r["raw"]],
        }
        result["stream"][case] = {
            name: {measure: _median(values, lambda r, m=measure: r[m]) for measure in STREAM_MEASURES}
            for name, values in streams.items()
        }
    result["concurrent"] = {
        concurrency: {
            name: {
                measure: _median(runs, lambda r, m=measure: r[m])
                for measure in ("calls_per_second", "calls_per_cpu_second")
            }
            for name, runs in contenders.items()
        }
        for concurrency, contenders in report["concurrent"].items()
    }
    return result


def targets(report: dict[str, Any], numbers: dict[str, Any]) -> list[Row]:
    """The targets of issue 18 (and those of issue 9 that it did not replace), each with its reference."""
    cold, rows = report["cold"], []
    start, rss = numbers["start_ms"], numbers["peak_rss_mb"]
    floor_ratio = _per_round(
        cold, "raw stub", "official", lambda a, b: a["start_to_first_s"] / b["start_to_first_s"]
    )
    rows.append(
        Row(
            18,
            "start-up to first response, ours / official",
            _per_round(
                cold, "ours[chat]", "official", lambda a, b: a["start_to_first_s"] / b["start_to_first_s"]
            ),
            "{:.2f}",
            f"floor {start['raw stub']:.0f} ms = {floor_ratio.median:.2f} x official",
            0.30,
            bound=floor_ratio.median,
            bound_label="the floor",
        )
    )
    rows.append(
        Row(
            18,
            "start-up, ours - floor (ms)",
            _per_round(
                cold,
                "ours[chat]",
                "raw stub",
                lambda a, b: (a["start_to_first_s"] - b["start_to_first_s"]) * 1e3,
            ),
            "{:.0f}",
            f"floor {start['raw stub']:.0f} ms (python alone {start['python']:.0f} ms)",
        )
    )
    rows.append(
        Row(
            18,
            "start-up, ours / floor",
            _per_round(
                cold, "ours[chat]", "raw stub", lambda a, b: a["start_to_first_s"] / b["start_to_first_s"]
            ),
            "{:.2f}",
            f"official / floor {start['official'] / start['raw stub']:.2f}",
        )
    )
    cpu = numbers["start_cpu_ms"]
    rows.append(
        Row(
            18,
            "start-up CPU time, ours / official",
            _per_round(
                cold, "ours[chat]", "official", lambda a, b: a["cpu_to_first_s"] / b["cpu_to_first_s"]
            ),
            "{:.2f}",
            f"floor {cpu['raw stub']:.0f} ms = {cpu['raw stub'] / cpu['official']:.2f} x official",
        )
    )
    rows.append(
        Row(
            18,
            "start-up CPU time, ours - floor (ms)",
            _per_round(
                cold, "ours[chat]", "raw stub", lambda a, b: (a["cpu_to_first_s"] - b["cpu_to_first_s"]) * 1e3
            ),
            "{:.0f}",
            f"ours {cpu['ours[chat]']:.0f} ms, floor {cpu['raw stub']:.0f} ms",
        )
    )
    raw_above = _per_round(
        cold, "raw stub", "python + grpc", lambda a, b: (a["peak_kb"] - b["peak_kb"]) / 1024
    )
    rows.append(
        Row(
            18,
            "one-call peak RSS above python + grpc (MB)",
            _per_round(
                cold, "ours[chat]", "python + grpc", lambda a, b: (a["peak_kb"] - b["peak_kb"]) / 1024
            ),
            "{:.1f}",
            f"floor {rss['python + grpc']:.1f} MB; raw stub +{raw_above.median:.1f} MB",
            6.0,
            bound=raw_above.median,
        )
    )
    anon = numbers["anon_rss_mb"]
    rows.append(
        Row(
            18,
            "one-call anonymous RSS above python + grpc (MB)",
            _per_round(
                cold, "ours[chat]", "python + grpc", lambda a, b: (a["anon_kb"] - b["anon_kb"]) / 1024
            ),
            "{:.1f}",
            f"floor {anon['python + grpc']:.1f} MB; "
            f"raw stub +{anon['raw stub'] - anon['python + grpc']:.1f} MB",
        )
    )
    rows.append(
        Row(
            18,
            "one-call anonymous RSS, ours over the raw stub (MB)",
            _per_round(cold, "ours[chat]", "raw stub", lambda a, b: (a["anon_kb"] - b["anon_kb"]) / 1024),
            "{:.1f}",
            "the SDK's own share, free of page-cache effects",
        )
    )
    unary = report["unary"]["ours"]
    raw_us = numbers["unary_us"]["raw stub, beside ours"]
    for quantile, target in (("p50", 1.05), ("p99", None)):
        rows.append(
            Row(
                18,
                f"unary {quantile}, ours / raw stub",
                Spread.of([r["sdk"][quantile] / r["raw"][quantile] for r in unary]),
                "{:.3f}",
                f"raw {raw_us[quantile]:.0f} µs",
                target,
            )
        )
    headers = report.get("unary_headers")  # none in runs made before it was measured
    if headers:
        rows.append(
            Row(
                18,
                "unary p50, raw stub with the SDKs' two headers / without",
                Spread.of([r["raw_with_headers"]["p50"] / r["raw"]["p50"] for r in headers]),
                "{:.3f}",
                "the wire contract's share of the unary ratio",
            )
        )
    # Runs made before the streams were also read in turn judge CPU per chunk stream by stream.
    reads = report.get("stream_reads", {})
    for case, contenders in report["stream"].items():
        driver, chunks = case.split()
        label = f"{driver} stream {int(chunks):,}"
        rows.append(_stream_row(f"{label}: chunks/s", contenders, "per_wall_second", 0.95, at_most=False))
        rows.extend(_cpu_rows(f"{label}: CPU per chunk", contenders, reads.get(case)))
    paced = report.get("paced")  # none in runs made before paced streams were measured
    if paced:
        every = f"a chunk every {paced['interval_s'] * 1e3:g} ms"
        for driver in ("sync", "async"):
            label = f"{driver} stream {paced['chunks']:,}, {every}: CPU per chunk"
            rows.extend(_cpu_rows(label, paced[driver], report.get("paced_reads", {}).get(driver)))
    size = report["size_mb"]
    rows.append(
        Row(
            9,
            "installed size, ours / official",
            Spread.of([size["ours[chat]"] / size["official"]]),
            "{:.2f}",
            f"grpcio + protobuf {size['raw']:.1f} MB",
            0.45,
            bound=size["raw"] / size["official"],
            bound_label="grpcio + protobuf alone",
        )
    )
    rows.append(
        Row(
            9,
            "one-call peak RSS, ours / official",
            _per_round(cold, "ours[chat]", "official", lambda a, b: a["peak_kb"] / b["peak_kb"]),
            "{:.2f}",
            f"raw stub {rss['raw stub']:.1f} MB",
            0.65,
        )
    )
    runs = report["concurrent"]["64"]
    for measure, label in (("calls_per_second", "calls/s"), ("calls_per_cpu_second", "calls per CPU s")):
        rows.append(
            Row(
                9,
                f"async, 64 concurrent: {label}, ours / official",
                _per_round(runs, "ours", "official", lambda a, b, m=measure: a[m] / b[m]),
                "{:.2f}",
                f"official {numbers['concurrent']['64']['official'][measure]:,.0f}",
                1.0,
                at_most=False,
            )
        )
    return rows


CPU_TARGET = 1.05
"""Issue 18: a stream's CPU per chunk, ours / the raw stub's, at most."""


def _cpu_rows(label: str, streams: dict[str, list[Any]], reads: dict[str, list[Any]] | None) -> list[Row]:
    """CPU per chunk, ours / the raw stub: the streams one after the other, and, if the run read
    them in turn too, the estimate from those reads, which then carries the target."""
    if reads is None:
        return [_stream_row(label, streams, "cpu_us_per_chunk", CPU_TARGET, at_most=True)]
    return [
        _stream_row(label, streams, "cpu_us_per_chunk", None, at_most=True),
        _reads_row(label, reads, streams),
    ]


def _reads_row(label: str, reads: dict[str, list[Any]], streams: dict[str, list[Any]]) -> Row:
    """CPU per chunk, ours / the raw stub, from the streams read in turn: the raw stub's CPU per
    chunk (all threads, `streams`) plus what ours spent more on the reading thread, per set, over
    the raw stub's. Its noise is the raw stub's second stream estimated the same way."""
    measure = "thread_cpu_us_per_chunk"
    whole = statistics.median(raw["cpu_us_per_chunk"] for r in streams["ours"] for raw in r["raw"])
    sets = [trio for r in reads["ours"] for trio in zip(r["sdk"], r["raw"], r["raw_again"], strict=True)]
    extra = statistics.median(sdk[measure] - raw[measure] for sdk, raw, _ in sets)
    thread = statistics.median(raw[measure] for _, raw, _ in sets)
    noise = Spread.of([1 + (again[measure] - raw[measure]) / whole for _, raw, again in sets])
    return Row(
        18,
        f"{label}, ours / raw stub, read in turn",
        Spread.of([1 + (sdk[measure] - raw[measure]) / whole for sdk, raw, _ in sets]),
        "{:.3f}",
        f"ours {extra:+.2f} µs on the reading thread, where raw spends {thread:.1f} of its {whole:.1f} µs; "
        f"raw / raw {noise.median:.3f} ({noise.q1:.3f} to {noise.q3:.3f})",
        CPU_TARGET,
    )


def _stream_row(
    label: str, contenders: dict[str, list[Any]], measure: str, target: float | None, at_most: bool
) -> Row:
    """A stream target: ours / the raw stub of the same set, with the raw stub's second stream of
    the set (on a channel of its own) beside it as the noise (raw / raw)."""
    sets = [
        streams
        for r in contenders["ours"]
        for streams in zip(r["sdk"], r["raw"], r["raw_again"], strict=True)
    ]
    raw = statistics.median(raw_[measure] for _, raw_, _ in sets)
    raw_text = f"{raw:,.0f}/s" if measure == "per_wall_second" else f"{raw:.1f} µs"
    noise = Spread.of([again[measure] / raw_[measure] for _, raw_, again in sets])
    return Row(
        18,
        f"{label}, ours / raw stub",
        Spread.of([sdk[measure] / raw_[measure] for sdk, raw_, _ in sets]),
        "{:.3f}",
        f"raw {raw_text}; raw / raw {noise.median:.3f} ({noise.q1:.3f} to {noise.q3:.3f})",
        target,
        at_most=at_most,
    )


def summarize(report: dict[str, Any]) -> dict[str, Any]:
    """The figures and the target rows of a run."""
    numbers = figures(report)
    return {"figures": numbers, "targets": targets(report, numbers)}


# -- output ------------------------------------------------------------------------------------


def _rounds(report: dict[str, Any]) -> str:
    plan = report["plan"]
    short, long = plan["stream_sets"]
    rounds = plan["stream_rounds"]
    unary = f"{plan['unary_rounds']} x {plan['unary_calls']:,} calls"
    text = (
        f"{plan['cold_rounds']} start-up rounds; unary: {unary}; "
        f"streams: {rounds} x {short} at 2,000 chunks, {rounds} x {long} at 20,000"
    )
    paced = report.get("paced")
    if paced:
        text += f", {plan['paced_rounds']} x {plan['paced_sets']} at {paced['chunks']:,} paced"
    if "stream_reads" in report:
        short, long = plan.get("read_sets", plan["stream_sets"])
        text += f"; read in turn: {rounds} x {short} at 2,000, {rounds} x {long} at 20,000"
        if paced:
            text += f", {plan['paced_rounds']} x {plan['paced_sets']} paced"
    return text


def _top(counts: dict[str, float], count: int, form: str) -> str:
    ranked = sorted(counts.items(), key=lambda item: -item[1])[:count]
    return ", ".join(f"{name} {form.format(value)}" for name, value in ranked)


def _difference(ours: dict[str, float], raw: dict[str, float]) -> dict[str, float]:
    return {name: value - raw.get(name, 0) for name, value in ours.items() if value - raw.get(name, 0) > 0}


def contributors(profile: dict[str, Any]) -> list[str]:
    """Where ours[chat]'s one-call process spends more than the raw stub's: modules, memory, import time.

    The profiled processes measure themselves (a meta path finder reading the RSS around each
    module's execution), so their totals exceed the timed processes' a little.
    """
    ours, raw = profile["ours[chat]"], profile["raw stub"]
    stdlib = sorted(set(ours["stdlib"]) - set(raw["stdlib"]))
    mb = lambda counts: {name: kb / 1024 for name, kb in counts.items()}  # noqa: E731
    counts = f"{sum(ours['modules'].values())} vs {sum(raw['modules'].values())}"
    return [
        f"modules, ours over the raw stub ({counts}): "
        + _top(_difference(ours["modules"], raw["modules"]), 8, "+{:.0f}"),
        f"  of the standard library ({len(stdlib)}): " + ", ".join(stdlib),
        "RSS growth while importing, by package (MB), ours: "
        + _top(mb(ours["import_kb"]), 8, "{:.1f}")
        + f"; outside imports (client, channel, call) {ours['outside_imports_kb'] / 1024:.1f}",
        "  the raw stub: "
        + _top(mb(raw["import_kb"]), 5, "{:.1f}")
        + f"; outside imports {raw['outside_imports_kb'] / 1024:.1f}",
        "resident memory by mapping, ours over the raw stub (MB): "
        + _top(mb(_difference(ours["rss_kb"], raw["rss_kb"])), 6, "+{:.1f}"),
        "import time by package, ours over the raw stub (self, ms): "
        + _top(_difference(ours["importtime_ms"], raw["importtime_ms"]), 8, "+{:.1f}"),
    ]


def console(report: dict[str, Any], summary: dict[str, Any]) -> str:
    """The run as text: targets, figures, contributors."""
    numbers, lines = summary["figures"], []
    versions = ", ".join(f"{name} {version}" for name, version in report["versions"].items())
    lines += [
        f"\n{report['date']}, {report['machine']}; {versions}",
        f"{_rounds(report)}; ran in {report['seconds']:.0f} s",
        "",
    ]
    header = ("target", "value", "target", "reference", "IQR", "all rounds", "")
    cells = {id(row): (*row.cells()[:5], row.extremes(), row.verdict()) for row in summary["targets"]}
    rows = [header, *cells.values()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for issue in (18, 9):
        lines.append(f"issue {issue}:")
        for row in (header, *(cells[id(r)] for r in summary["targets"] if r.issue == issue)):
            lines.append(
                "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            )
    lines.append(
        "  IQR: the middle half of the rounds; *: the target lies within it, and another run may"
        " give the other verdict"
    )
    names = [*SDKS, "raw stub", "python + grpc", "python"]
    lines += ["", f"{'':38}" + "".join(f"{name:>14}" for name in names)]
    table = (
        ("start-up to first response (ms)", "start_ms", "{:.0f}"),
        ("peak RSS (MB)", "peak_rss_mb", "{:.1f}"),
        ("anonymous RSS (MB)", "anon_rss_mb", "{:.1f}"),
        ("modules after import", "modules_import", "{:.0f}"),
        ("modules after one call", "modules_call", "{:.0f}"),
    )
    for label, key, form in table:
        lines.append(f"{label:38}" + "".join(f"{form.format(numbers[key][name]):>14}" for name in names))
    lines.append(
        f"{'import xai_sdk (ms)':38}" + "".join(f"{numbers['import_ms'][name]:>14.1f}" for name in SDKS)
    )
    lines.append(
        f"{'installed size (MB)':38}"
        + "".join(f"{report['size_mb'][name]:>14.1f}" for name in (*SDKS, "raw"))
    )
    lines.append("")
    for label, values in numbers["unary_us"].items():
        lines.append(f"{'unary ' + label + ' p50 / p99 (µs)':60}{values['p50']:>8.0f}{values['p99']:>8.0f}")
    lines += ["", f"{'':38}{'ours':>14}{'official':>14}{'raw stub':>14}"]
    for case, values in numbers["stream"].items():
        for measure, label, form in zip(
            STREAM_MEASURES, ("chunks/s", "CPU µs/chunk"), ("{:,.0f}", "{:.1f}"), strict=True
        ):
            lines.append(
                f"{f'{case} stream: {label}':38}"
                + "".join(f"{form.format(values[n][measure]):>14}" for n in ("ours", "official", "raw stub"))
            )
    for concurrency, values in numbers["concurrent"].items():
        for measure, label in (("calls_per_second", "calls/s"), ("calls_per_cpu_second", "calls per CPU s")):
            lines.append(
                f"{f'async {concurrency} concurrent: {label}':38}"
                + "".join(f"{values[n][measure]:>14,.0f}" for n in ("ours", "official"))
            )
    lines += ["", *contributors(report["profile"])]
    return "\n".join(lines)


def _half_width(row: Row) -> float:
    """Half the interquartile range, in percent of the median."""
    return (row.value.q3 - row.value.q1) / 2 / abs(row.value.median) * 100


def _noise(rows: list[Row]) -> str:
    """How wide the ratio targets' spreads are, in words."""
    ratios = sorted(
        (row for row in rows if row.target is not None and row.value.q1 != row.value.q3), key=_half_width
    )
    calmest, widest = ratios[0], ratios[-1]
    name = lambda row: row.name.removesuffix(", ours / raw stub").removesuffix(", ours / official")  # noqa: E731
    return (
        f"from ±{_half_width(calmest):.1f}% of the median ({name(calmest)}) to "
        f"±{_half_width(widest):.1f}% ({name(widest)})"
    )


def _paragraph(text: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=100, break_on_hyphens=False)


def markdown(report: dict[str, Any], summary: dict[str, Any]) -> str:
    """The README's performance section (between its markers, markers included)."""
    numbers, rows = summary["figures"], summary["targets"]
    lines = [
        START,
        *_paragraph(
            f"""`hatch run bench` builds fresh environments of this SDK, of the official `xai-sdk` 1.21.0
            and of the raw generated stub (grpcio and protobuf alone), and measures them in one run,
            in rounds that alternate them, against one emulator ({report["date"]}, {report["machine"]};
            {_rounds(report)}; {report["seconds"]:.0f} s). Each target is a ratio or a difference to a
            figure of the same rounds: the median of the rounds, and as its spread the middle half of
            them (the interquartile range)."""
        ),
        "",
        "| issue | measure | measured | target | reference | spread (IQR) | |",
        "|---|---|---|---|---|---|---|",
        *(f"| {row.issue} | " + " | ".join(row.cells()) + " |" for row in rows),
        "",
    ]
    names = [*SDKS, "raw stub"]
    cells = lambda values: " | ".join(values) + " |"  # noqa: E731
    lines += [
        "| | ours `[chat]` | ours `[all]` | official 1.21.0 | raw stub |",
        "|---|---|---|---|---|",
        "| installed size (MB) | " + cells(f"{report['size_mb'][n]:.1f}" for n in (*SDKS, "raw")),
        "| start-up to first response (ms) | " + cells(f"{numbers['start_ms'][n]:.0f}" for n in names),
        "| peak RSS after one call (MB) | " + cells(f"{numbers['peak_rss_mb'][n]:.1f}" for n in names),
        "| of which anonymous (MB) | " + cells(f"{numbers['anon_rss_mb'][n]:.1f}" for n in names),
        "| modules after the import / after one call | "
        + cells(f"{numbers['modules_import'][n]:.0f} / {numbers['modules_call'][n]:.0f}" for n in names),
        "| `import xai_sdk` (ms) | " + cells([*(f"{numbers['import_ms'][n]:.0f}" for n in SDKS), ""]),
        "",
    ]
    unary = numbers["unary_us"]
    raw = unary["raw stub, beside ours"]

    def latency(sdk: str, quantile: str) -> str:
        """An SDK's latency, and its ratio to the raw stub in the same processes (per-round median)."""
        ratio = statistics.median(r["sdk"][quantile] / r["raw"][quantile] for r in report["unary"][sdk])
        return f"{unary[sdk][quantile]:.0f} ({ratio:.2f} x)"

    lines += [
        "| | ours | official | raw stub |",
        "|---|---|---|---|",
        *(
            f"| unary `chat.sample()` {q} (µs; x the raw stub of the same process) | "
            + cells([latency("ours", q), latency("official", q), f"{raw[q]:.0f}"])
            for q in ("p50", "p99")
        ),
    ]
    for case, values in numbers["stream"].items():
        driver, chunks = case.split()
        lines.append(
            f"| {driver} stream of {int(chunks):,} chunks: chunks/s, CPU µs per chunk | "
            + cells(
                f"{values[n]['per_wall_second']:,.0f}, {values[n]['cpu_us_per_chunk']:.1f}"
                for n in ("ours", "official", "raw stub")
            )
        )
    for concurrency, values in numbers["concurrent"].items():
        lines.append(
            f"| async, {concurrency} concurrent: calls/s, calls per CPU second | "
            + cells(
                [
                    *(
                        f"{values[n]['calls_per_second']:,.0f}, {values[n]['calls_per_cpu_second']:,.0f}"
                        for n in ("ours", "official")
                    ),
                    "",
                ]
            )
        )
    floor, rss = numbers["start_ms"], numbers["peak_rss_mb"]
    lines += [
        "",
        *_paragraph(
            f"""The floors: `python -c pass` starts in {floor["python"]:.0f} ms; Python with
            `import grpc` holds {rss["python + grpc"]:.1f} MB; the raw stub's process takes
            {floor["raw stub"]:.0f} ms and {rss["raw stub"]:.1f} MB to its first response. Of an RSS,
            the anonymous part is the process's own; the rest, file-backed pages of shared libraries,
            depends on the page cache's history of those files too (the same `import grpc` has
            measured 30.5 and 37.0 MB, with 13.0 MB anonymous both times), so across runs compare the
            anonymous figures. Every channel
            is insecure, the SDKs' too: on localhost both SDKs otherwise open local-credentials channels
            (ours then takes {unary["ours, default channel"]["p50"]:.0f} µs at p50, the official SDK
            {unary["official, default channel"]["p50"]:.0f} µs)."""
        ),
        "",
        *_paragraph(
            f"""Noise: the machine is shared (two cores, other work running), so absolute figures drift
            from run to run, and a ratio carries the noise of the seconds between its contenders. The
            spreads run {_noise(rows)}. In every stream set the raw stub also streams a second time, on
            a channel of its own: `raw / raw` is that A/A ratio, and its distance from 1 is the noise of
            a stream ratio in this run.{_READ_IN_TURN if "stream_reads" in report else ""} `*`: the target
            lies within the spread, and another run may give the other verdict; a change smaller than a
            row's spread is not shown by one run. `docs/performance.md` says how each figure is
            measured."""
        ),
        END,
    ]
    return "\n".join(lines)


_READ_IN_TURN = """ A stream's CPU per chunk is judged on its sets read in turn (the rows
"read in turn"): the set's three streams at once, chunk by chunk, in one thread, so that the
machine's noise falls on all three alike. The ratio is the raw stub's CPU per chunk (all threads,
from the streams one after the other) plus what ours spends more per chunk on the reading thread,
over the former: the SDK runs no code on grpc's other threads."""


def replace_section(readme: str, section: str) -> str:
    """README.md with its performance section replaced (the rest unchanged)."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if len(pattern.findall(readme)) != 1:
        raise ValueError("README.md must hold exactly one performance section between its markers")
    return pattern.sub(lambda _: section, readme)
