"""This SDK side by side with the official xai-sdk 1.21.0, the raw generated stub and the floors.

    python -m hatch run bench [--quick] [--readme] [--json FILE] [--report FILE]

It builds fresh virtual environments under .cache/bench, all from the local wheelhouse
(scripts/wheelhouse.py) so that every one holds the same grpcio and protobuf: this SDK from this
checkout's wheels as ``xai-sdk[chat]`` and ``xai-sdk[all]``; the official ``xai-sdk==1.21.0``;
"raw", with grpcio and protobuf alone and the generated modules of xai_sdk/proto under an empty
package (the raw stub, nothing of the SDK); and an empty one (for sizes). One emulator runs in
this process. Each scenario runs its contenders in rounds, one process each, alternating, the
order rotating from round to round, so that the machine's noise hits all alike:

1. start-up and memory: a fresh process to its first response (``python -c pass``; python and
   ``import grpc``; the raw stub's one call; each SDK's import, client, chat and ``sample()``),
   its wall and CPU time, peak RSS and module counts;
2. ``import xai_sdk`` alone, and where the one-call process's modules, memory and import time go;
3. unary ``sample()`` p50/p99, the SDK and the raw stub interleaved call by call in one process;
   and what the two headers both SDKs send cost the raw stub (with and without, interleaved);
4. streams of 2,000 and 20,000 chunks, sync and async: the SDK, the raw stub (``grpc`` or
   ``grpc.aio``) and the raw stub again (an A/A gauge of the noise) stream in turn in one process;
   chunks per second of wall time and the client's CPU time per chunk;
5. 64 and 512 concurrent async ``sample()`` calls.

Every target is a ratio (or difference) to a figure of the same round: the median of the rounds,
with their interquartile range as its spread. docs/performance.md says more. The command exits 0
whether the targets hold or not.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import _profile
import _report
import _scripts

from xai_sdk.emulator import Emulator
from xai_sdk.emulator.chat import Reply

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".cache" / "bench"
WHEELHOUSE = ROOT / ".cache" / "wheelhouse"
OFFICIAL = "xai-sdk==1.21.0"
STREAM_LENGTHS = (2_000, 20_000)
PACED_CHUNKS, PACED_INTERVAL = 500, 0.0005
"""Paced streams: chunks per stream, and seconds between two chunks (the emulator's
`chunk_interval`): each chunk reaches the client on its own, as from a model, so the CPU per
chunk does not depend on how the chunks happen to bunch up."""


@dataclasses.dataclass(frozen=True)
class Plan:
    """How many rounds each scenario runs."""

    cold_rounds: int
    import_rounds: int
    unary_rounds: int
    unary_calls: int
    stream_rounds: int
    stream_sets: tuple[int, int]
    """Sets of streams (the SDK's, the raw stub's, the raw stub's again) per process, at 2,000 and
    at 20,000 chunks."""
    read_sets: tuple[int, int]
    """Sets of streams read in turn per process (ours only), at 2,000 and at 20,000 chunks. With
    one set of 20,000 per process, the blocking client's ratio read 1.073 in one run; with three,
    1.013 and 1.028 in the next two."""
    reference_stream_rounds: int
    """Rounds of the official SDK's streams: a reference, not a target."""
    paced_rounds: int
    paced_sets: int
    """Sets of paced streams per process (ours and the raw stub twice, as above). A paced stream's
    ratio to the raw stub's varies by about ±8 % from one set to the next on a shared machine:
    the full plan's 36 sets (twice its first 18) keep the median's own wobble near ±3 %."""
    concurrency_rounds: int
    """Rounds of concurrent calls. Two rounds gave ours / official 0.84 and 0.92 in two runs, and
    six rounds on a fresh emulator right after 0.90 to 1.22 round by round (median 1.085)."""

    @classmethod
    def full(cls) -> Plan:
        return cls(
            cold_rounds=12,
            import_rounds=10,
            unary_rounds=4,
            unary_calls=800,
            stream_rounds=6,
            stream_sets=(3, 1),
            read_sets=(3, 3),
            reference_stream_rounds=2,
            paced_rounds=6,
            paced_sets=6,
            concurrency_rounds=4,
        )

    @classmethod
    def quick(cls) -> Plan:
        return cls(
            cold_rounds=3,
            import_rounds=3,
            unary_rounds=2,
            unary_calls=200,
            stream_rounds=2,
            stream_sets=(1, 1),
            read_sets=(1, 1),
            reference_stream_rounds=1,
            paced_rounds=1,
            paced_sets=1,
            concurrency_rounds=1,
        )


# -- environments ------------------------------------------------------------------------------


def uv(*args: str | Path) -> str:
    """Run uv (installed in the development environment); its output."""
    result = subprocess.run([sys.executable, "-m", "uv", *map(str, args)], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"uv {' '.join(map(str, args))} failed:\n{result.stderr}")
    return result.stdout


def build_wheels() -> Path:
    """Wheels of every distribution of this checkout (packages/*; the core is xai-sdk)."""
    out = WORK / "wheels"
    shutil.rmtree(out, ignore_errors=True)
    projects = sorted(path for path in (ROOT / "packages").iterdir() if (path / "pyproject.toml").exists())
    for project in projects:
        uv("build", "--wheel", "--no-build-isolation", "--python", sys.executable, "--out-dir", out, project)
    return out


def environment(name: str, requirements: list[str], wheels: Path | None = None) -> Path:
    """A fresh venv with the requirements installed from the wheelhouse (and wheels); its Python."""
    path = WORK / name
    shutil.rmtree(path, ignore_errors=True)
    uv("venv", "--quiet", "--python", sys.executable, path)
    python = path / "bin" / "python"
    if requirements:
        links = ["--find-links", WHEELHOUSE, *(["--find-links", wheels] if wheels else [])]
        # uv's cache keeps a wheel by name and version: without a refresh, a rebuilt 1.22.0 would
        # be installed from the cache as it was at an earlier build.
        ours = sorted({wheel.name.split("-")[0] for wheel in wheels.glob("*.whl")}) if wheels else []
        refresh = [argument for name in ours for argument in ("--refresh-package", name)]
        uv("pip", "install", "--quiet", "--no-index", "--python", python, *links, *refresh, *requirements)
    return python


def purelib(python: Path) -> Path:
    """The site-packages directory of an environment."""
    command = [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
    return Path(subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip())


def versions(python: Path, *names: str) -> dict[str, str]:
    """The installed versions of some distributions in an environment."""
    code = (
        "import sys, json, importlib.metadata as m\n"
        "print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    )
    output = subprocess.run([python, "-c", code, *names], capture_output=True, text=True, check=True).stdout
    return json.loads(output)  # type: ignore[no-any-return]


def raw_environment(pins: dict[str, str]) -> Path:
    """grpcio and protobuf at the SDKs' versions, and the generated modules under a bare package.

    The generated code imports its siblings as ``xai_sdk.proto.*``: an empty ``xai_sdk`` package
    holds them, so that the raw stub's process loads nothing of the SDK.
    """
    python = environment("raw", [f"{name}=={version}" for name, version in pins.items()])
    package = purelib(python) / "xai_sdk"
    (package / "proto").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "proto" / "__init__.py").write_text("")
    for module in (ROOT / "packages" / "xai-core" / "src" / "xai_sdk" / "proto").glob("*_pb2*.py"):
        shutil.copy(module, package / "proto" / module.name)
    return python


def native_files(python: Path) -> tuple[tuple[int, int], ...]:
    """The device and inode of the environment's grpc and protobuf extension modules."""
    root = purelib(python)
    files = sorted([*root.glob("grpc/_cython/cygrpc*.so"), *root.glob("google/_upb/_message*.so")])
    return tuple((stat.st_dev, stat.st_ino) for stat in map(os.stat, files))


def site_packages(python: Path) -> tuple[int, int]:
    """Bytes under site-packages, and the number of installed distributions."""
    root = purelib(python)
    size = sum(path.stat().st_size for path in root.rglob("*") if path.is_file())
    return size, len(list(root.glob("*.dist-info")))


# -- running the scripts -----------------------------------------------------------------------


def run(python: Path, script: str, *args: object, flags: tuple[str, ...] = ()) -> dict[str, Any]:
    """Run a measurement script in an environment; the JSON it printed."""
    result = subprocess.run(
        [python, *flags, "-c", script, *map(str, args)], capture_output=True, text=True, env=child_env()
    )
    if result.returncode != 0:
        raise SystemExit(f"measurement failed in {python}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def child_env() -> dict[str, str]:
    """This environment less the SDK's and Python's settings (PYTHONDONTWRITEBYTECODE among them)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XAI_", "VIRTUAL_ENV", "PYTHON"))
    }
    env["XAI_SDK_DISABLE_TRACING"] = "1"  # measure the SDKs, not an exporter
    return env


def interleaved(
    contenders: dict[str, Callable[[], Any]], rounds: int, limits: dict[str, int] | None = None
) -> dict[str, list[Any]]:
    """Each contender once per round, alternating; the order rotates so that none always leads.

    `limits` runs some contenders (references) in the first rounds only.
    """
    results: dict[str, list[Any]] = {name: [] for name in contenders}
    names = list(contenders)
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            if round_ < (limits or {}).get(name, rounds):
                results[name].append(contenders[name]())
    return results


def cold(python: Path, kind: str, key: str, host: str) -> dict[str, Any]:
    """A fresh process to its first response: seconds from start, peak RSS, module counts."""
    started = time.monotonic()
    result = run(python, _scripts.COLD[kind], key, host)
    result["start_to_first_s"] = result.pop("first") - started
    return result


def importtime_ms(python: Path, script: str, key: str, host: str) -> dict[str, float]:
    """A process's import time (self, ms) by package, from ``-X importtime``."""
    command = [python, "-X", "importtime", "-c", script, key, host]
    stderr = subprocess.run(command, capture_output=True, text=True, env=child_env()).stderr
    totals: Counter[str] = Counter()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "cumulative" not in line:
            self_us, _, name = line.removeprefix("import time:").split("|")
            totals[_profile.module_group(name.strip())] += int(self_us) / 1000
    return dict(totals)


def profiles(pythons: dict[str, Path], key: str, host: str) -> dict[str, Any]:
    """Where the one-call processes of ours[chat] and the raw stub keep their modules, memory and time."""
    result: dict[str, Any] = {}
    for name, python, kind in (
        ("ours[chat]", pythons["ours[chat]"], "sdk"),
        ("raw stub", pythons["raw"], "raw"),
    ):
        result[name] = run(python, _scripts.profile(kind), key, host)
        result[name]["importtime_ms"] = importtime_ms(python, _scripts.COLD[kind], key, host)
    return result


# -- the run -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Build, measure, print, save."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for trying the harness")
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results" / "latest.json"))
    parser.add_argument("--readme", action="store_true", help="rewrite README.md's performance section")
    parser.add_argument("--report", metavar="JSON", help="print (and --readme) a saved run; measure nothing")
    args = parser.parse_args(argv)
    if args.report:
        report = json.loads(Path(args.report).read_text())
    else:
        report = measure(Plan.quick() if args.quick else Plan.full(), quick=args.quick)
        output = Path(args.json)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(report, indent=2))
    summary = _report.summarize(report)
    print(_report.console(report, summary))
    if not args.report:
        print(f"\nwritten to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    if args.readme:
        readme = ROOT / "README.md"
        readme.write_text(_report.replace_section(readme.read_text(), _report.markdown(report, summary)))
        print("README.md: performance section rewritten")
    return 0


def measure(plan: Plan, *, quick: bool) -> dict[str, Any]:
    """Build the environments and run every scenario; the samples of every round."""
    started = time.monotonic()
    phases: dict[str, float] = {}

    def phase(name: str) -> None:
        """Note the start of a phase (the previous one ends), and say so."""
        phases[name] = time.monotonic()
        print(f"{name} ...", flush=True)

    WORK.mkdir(parents=True, exist_ok=True)
    phase("environments")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "wheelhouse.py")], check=True)
    wheels = build_wheels()
    version = next(wheels.glob("xai_sdk-*.whl")).name.split("-")[1]
    pythons = {
        "ours[chat]": environment("ours-chat", [f"xai-sdk[chat]=={version}"], wheels),
        "ours[all]": environment("ours-all", [f"xai-sdk[all]=={version}"], wheels),
        "official": environment("official", [OFFICIAL]),
    }
    pins = versions(pythons["ours[chat]"], "grpcio", "protobuf", "googleapis-common-protos")
    pythons["raw"] = raw_environment(pins)
    for name, python in pythons.items():
        found = versions(python, "grpcio", "protobuf")
        if any(found[dist] != pins[dist] for dist in found):
            raise SystemExit(f"{name} has {found}, the others {pins}: the comparison would not be fair")
    # The native libraries' resident pages depend on the page cache's history of their files: the
    # environments must map the very same files (uv links them from its cache) for their RSS to compare.
    native = {name: native_files(python) for name, python in pythons.items()}
    if len(set(native.values())) != 1:
        print(
            f"warning: the environments hold different copies of grpc's and protobuf's native code: {native}"
        )
    base_size, base_distributions = site_packages(environment("empty", []))
    sizes = {name: site_packages(python) for name, python in pythons.items()}
    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "quick": quick,
        "plan": dataclasses.asdict(plan),
        "versions": pins,
        "size_mb": {name: (size - base_size) / 1e6 for name, (size, _) in sizes.items()},
        "distributions": {name: count - base_distributions for name, (_, count) in sizes.items()},
    }
    ours, official, raw = pythons["ours[chat]"], pythons["official"], pythons["raw"]

    with Emulator(host="localhost") as emulator:
        key, host = emulator.api_key, f"localhost:{emulator.port}"

        phase("start-up and memory")
        contenders = {
            "python": lambda: cold(raw, "python", key, host),
            "python + grpc": lambda: cold(raw, "grpc", key, host),
            "raw stub": lambda: cold(raw, "raw", key, host),
            **{
                name: (lambda p=pythons[name]: cold(p, "sdk", key, host))
                for name in ("ours[chat]", "ours[all]", "official")
            },
        }
        interleaved(contenders, 1)  # compiles the bytecode and fills the page cache
        report["cold"] = interleaved(contenders, plan.cold_rounds)
        imports = {
            name: (lambda p=pythons[name]: run(p, _scripts.IMPORT_ONLY)["import"])
            for name in ("ours[chat]", "ours[all]", "official")
        }
        report["import_s"] = interleaved(imports, plan.import_rounds)
        report["profile"] = profiles(pythons, key, host)

        phase("unary latency")
        report["unary"] = interleaved(
            {
                "ours": lambda: run(ours, _scripts.UNARY, key, host, plan.unary_calls),
                "official": lambda: run(official, _scripts.UNARY, key, host, plan.unary_calls),
            },
            plan.unary_rounds,
        )
        report["unary_headers"] = [
            run(ours, _scripts.UNARY_HEADERS, key, host, plan.unary_calls) for _ in range(plan.unary_rounds)
        ]

        def streamed(
            python: Path, rounds: Iterator[int], chunks: int, sets: int, script: str, mode: str = "streams"
        ) -> Any:
            replies = _scripts.stream_replies(chunks, sets)
            emulator.chat.script(*(Reply(content="x" * length, chunk_size=1) for length in replies))
            # The round's number: where the rotation of the contenders starts.
            return run(python, script, key, host, chunks, sets, next(rounds), mode)

        drivers = (("sync", _scripts.STREAM), ("async", _scripts.ASYNC_STREAM))
        phase("streams")
        report["stream"], report["stream_reads"] = {}, {}
        for driver, script in drivers:
            for chunks, sets, read_sets in zip(STREAM_LENGTHS, plan.stream_sets, plan.read_sets, strict=True):
                reads = functools.partial(
                    streamed, ours, itertools.count(), chunks, read_sets, script, "reads"
                )
                report["stream_reads"][f"{driver} {chunks}"] = interleaved(
                    {"ours": reads}, plan.stream_rounds
                )
                ours_rounds, official_rounds = itertools.count(), itertools.count()
                report["stream"][f"{driver} {chunks}"] = interleaved(
                    {
                        "ours": functools.partial(streamed, ours, ours_rounds, chunks, sets, script),
                        "official": functools.partial(
                            streamed, official, official_rounds, chunks, sets, script
                        ),
                    },
                    plan.stream_rounds,
                    limits={"official": plan.reference_stream_rounds},
                )

        phase("paced streams")
        report["paced"] = {"chunks": PACED_CHUNKS, "interval_s": PACED_INTERVAL}
        report["paced_reads"] = {}
        emulator.chat.chunk_interval = PACED_INTERVAL
        try:
            for driver, script in drivers:
                for mode, section in (("streams", "paced"), ("reads", "paced_reads")):
                    paced = functools.partial(
                        streamed, ours, itertools.count(), PACED_CHUNKS, plan.paced_sets, script, mode
                    )
                    report[section][driver] = interleaved({"ours": paced}, plan.paced_rounds)
        finally:
            emulator.chat.chunk_interval = 0

        phase("concurrent async calls")
        report["concurrent"] = {}
        # About 1,300 and 2,000 calls per run: shorter runs (0.15 s) measured the connection's
        # first moments more than the steady state, and swung by 20 % run to run.
        for concurrency, batches in ((64, 20), (512, 4)):
            report["concurrent"][str(concurrency)] = interleaved(
                {
                    name: (
                        lambda p=python, c=concurrency, n=batches: run(
                            p, _scripts.CONCURRENT, key, host, c, n
                        )
                    )
                    for name, python in (("ours", ours), ("official", official))
                },
                plan.concurrency_rounds,
            )

    ended = time.monotonic()
    starts = [*phases.values(), ended]
    report["phase_seconds"] = {
        name: round(end - start, 1) for name, start, end in zip(phases, starts, starts[1:], strict=False)
    }
    report["seconds"] = ended - started
    return report


if __name__ == "__main__":
    sys.exit(main())
