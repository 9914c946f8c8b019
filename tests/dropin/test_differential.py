"""Differential tests: every case of the catalogue, run with the official SDK 1.21.0 and with ours.

The official SDK runs once per session, in its own virtual environment, one child process per
mode that runs every case in turn against the session's emulator; the test process resets the
emulator before each case and keeps what it recorded. Each test then runs one case with this
SDK, against the same emulator, and compares:

* the outcome: a result must summarize the same (public properties, protos, bytes); an error
  must be of the official class or a subclass (by name, or the builtin it derives from; a
  pydantic ``ValidationError`` must be a `ValueError` here; a gRPC error must carry the same
  status) and its message must contain the official wording, when that wording is the official
  SDK's own (messages of protobuf, pydantic and Python internals vary by version: for pydantic
  errors the messages of its error list are required instead);
* the warnings the SDK emitted;
* the requests the emulator received, message by message.

A case marked `deliberate` must differ from the official outcome, and behave as it says.
"""

from __future__ import annotations

import math
import queue
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import text_format

from tests.dropin.catalogue import CASES, CONTROLS, METHODS, Case
from tests.dropin.harness import PREFIX, Target, drive, mask, run_case
from tests.reference import OfficialSdk, clean_environment
from xai_sdk.emulator import Emulator

HARNESS = Path(__file__).with_name("harness.py")
MODES = ("sync", "async")
WATCHDOG_SECONDS = 120
"""How long a case of the official side may go silent before it is deemed hung (not a time limit
on behaviour: the cases take milliseconds)."""


@dataclass
class Recorded:
    """What one case did with one SDK: its outcome and the requests the emulator received."""

    outcome: dict[str, Any]
    requests: list[tuple[str, Any, float | None]]


def _requests(emulator: Emulator) -> list[tuple[str, Any, float | None]]:
    return [(record.method, _masked(record.request), record.time_remaining) for record in emulator.requests]


def _masked(request: Any) -> Any:
    """A copy of a request with what the emulator's clock decides masked (pagination tokens)."""
    if request is None:
        return None
    copy = type(request)()
    copy.CopyFrom(request)
    mask(copy)
    return copy


def _run_control(emulator: Emulator, name: str, arguments: list[Any]) -> Any:
    return CONTROLS[name](emulator, *arguments)


# -- the official side ------------------------------------------------------------------------


class _Child:
    """The official SDK's harness process for one mode, and the lines it prints."""

    def __init__(self, official_sdk: OfficialSdk, emulator: Emulator, mode: str, directory: Path) -> None:
        self.stderr = directory / f"official-{mode}.stderr"
        command = [
            str(official_sdk.python),
            str(HARNESS),
            "--mode",
            mode,
            "--address",
            f"localhost:{emulator.port}",
            "--api-key",
            emulator.api_key,
            "--management-key",
            emulator.management_api_key,
        ]
        with self.stderr.open("w") as stderr:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                env=clean_environment(),
                cwd=directory,
            )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith(PREFIX):
                self.lines.put(line[len(PREFIX) :].rstrip("\n"))
        self.lines.put(None)

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def receive(self) -> tuple[str, str]:
        try:
            line = self.lines.get(timeout=WATCHDOG_SECONDS)
        except queue.Empty:
            self.process.kill()
            raise RuntimeError(
                f"the official harness went silent; stderr:\n{self.stderr.read_text()}"
            ) from None
        if line is None:
            raise RuntimeError(f"the official harness ended early; stderr:\n{self.stderr.read_text()}")
        kind, _, payload = line.partition(" ")
        return kind, payload

    def close(self) -> None:
        if self.process.poll() is None:
            self.send("EXIT")
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


def _run_official(
    official_sdk: OfficialSdk, emulator: Emulator, mode: str, directory: Path
) -> dict[str, Recorded]:
    import json

    child = _Child(official_sdk, emulator, mode, directory)
    recorded: dict[str, Recorded] = {}
    try:
        kind, _ = child.receive()
        assert kind == "READY", kind
        for case in CASES:
            emulator.reset()
            child.send(f"RUN {case.name}")
            while True:
                kind, payload = child.receive()
                if kind == "OUTCOME":
                    recorded[case.name] = Recorded(json.loads(payload), _requests(emulator))
                    break
                assert kind == "CONTROL", kind
                order = json.loads(payload)
                try:
                    answer = {"result": _run_control(emulator, order["name"], order["arguments"])}
                except Exception as error:
                    answer = {"error": repr(error)}
                child.send("CONTROL-RESULT " + json.dumps(answer))
    finally:
        child.close()
    return recorded


@pytest.fixture(scope="session")
def official_outcomes(
    official_sdk: OfficialSdk, xai_emulator_session: Emulator, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Recorded]]:
    """Every case, run once with the official SDK in each mode."""
    directory = tmp_path_factory.mktemp("dropin-official")
    return {mode: _run_official(official_sdk, xai_emulator_session, mode, directory) for mode in MODES}


# -- our side ---------------------------------------------------------------------------------


def _target(emulator: Emulator, mode: str, directory: str) -> Target:
    return Target(
        sdk="ours",
        mode=mode,
        address=f"localhost:{emulator.port}",
        api_key=emulator.api_key,
        management_key=emulator.management_api_key,
        control=lambda name, arguments: _run_control(emulator, name, arguments),
        directory=directory,
    )


def _run_ours_sync(case: Case, emulator: Emulator) -> Recorded:
    emulator.reset()
    with tempfile.TemporaryDirectory() as directory:
        outcome = drive(run_case(case, _target(emulator, "sync", directory)))
    return Recorded(outcome, _requests(emulator))


async def _run_ours_async(case: Case, emulator: Emulator) -> Recorded:
    emulator.reset()
    with tempfile.TemporaryDirectory() as directory:
        outcome = await run_case(case, _target(emulator, "async", directory))
    return Recorded(outcome, _requests(emulator))


# -- comparing --------------------------------------------------------------------------------


def _first_builtin(error: dict[str, Any]) -> str:
    return next(name for name in error["builtins"] if name not in ("object",))


def compare_errors(official: dict[str, Any], ours: dict[str, Any], case: Case, where: str) -> list[str]:
    """Why `ours` does not stand in for the official error (empty: it does)."""
    shown = (
        f"{where}: official {official['class']}({official['message']!r}), "
        f"ours {ours['class']}({ours['message']!r})"
    )
    if "grpc" in official:
        if "grpc" not in ours:
            return [f"{shown}: ours is not a gRPC error"]
        if official["grpc"]["code"] != ours["grpc"]["code"]:
            return [f"{shown}: status {official['grpc']['code']} != {ours['grpc']['code']}"]
        if official["grpc"]["details"] not in ours["grpc"]["details"]:
            return [f"{shown}: details {ours['grpc']['details']!r} lack {official['grpc']['details']!r}"]
        return []
    if "pydantic" in official:
        if "ValueError" not in ours["builtins"]:
            return [f"{shown}: a pydantic ValidationError is a ValueError, ours is not"]
        wanted = list(case.match) or list(dict.fromkeys(item["msg"] for item in official["pydantic"]))
        missing = [message for message in wanted if message not in ours["message"]]
        return [f"{shown}: ours lacks the wording {missing}"] if missing else []
    builtin = _first_builtin(official)
    if official["class"] == builtin:
        if builtin not in ours["builtins"]:
            return [f"{shown}: ours is not a {builtin}"]
    elif official["class"] not in ours["classes"] or builtin not in ours["builtins"]:
        return [f"{shown}: ours is not a {official['class']} ({builtin})"]
    if official["origin"] == "sdk" and _masked_text(official["message"], case) not in _masked_text(
        ours["message"], case
    ):
        return [f"{shown}: ours lacks the official wording"]
    return []


def _masked_text(message: str, case: Case) -> str:
    for pattern in case.masks:
        message = re.sub(pattern, "<masked>", message)
    return message


def compare_values(official: Any, ours: Any, case: Case, where: str) -> list[str]:
    """Differences between two summaries."""
    if isinstance(official, dict) and "raised" in official:
        if not (isinstance(ours, dict) and "raised" in ours):
            return [f"{where}: the official SDK raised {official['raised']['class']}, ours gave {ours!r}"]
        return compare_errors(official["raised"], ours["raised"], case, where)
    if isinstance(official, dict) and isinstance(ours, dict):
        problems = [f"{where}.{key}: missing in ours" for key in official if key not in ours]
        problems += [f"{where}.{key}: only in ours" for key in ours if key not in official]
        for key in official:
            if key in ours:
                problems += compare_values(official[key], ours[key], case, f"{where}.{key}")
        return problems
    if isinstance(official, list) and isinstance(ours, list):
        if len(official) != len(ours):
            counts = f"{len(official)} items in the official result, {len(ours)} in ours"
            return [f"{where}: {counts}: {official!r} vs {ours!r}"]
        problems = []
        for index, (left, right) in enumerate(zip(official, ours, strict=True)):
            problems += compare_values(left, right, case, f"{where}[{index}]")
        return problems
    if isinstance(official, float) and isinstance(ours, (int, float)) and not isinstance(ours, bool):
        return (
            []
            if math.isclose(official, ours, rel_tol=1e-9, abs_tol=1e-12)
            else [f"{where}: {official!r} != {ours!r}"]
        )
    if type(official) is not type(ours) or official != ours:
        return [f"{where}: official {official!r}, ours {ours!r}"]
    return []


def _request_key(request: tuple[str, Any, float | None]) -> tuple[str, bytes]:
    method, message, _ = request
    return method, b"" if message is None else message.SerializeToString(deterministic=True)


def _shown(message: Any) -> str:
    return "None" if message is None else text_format.MessageToString(message, as_one_line=True)[:2000]


def compare_requests(official: Recorded, ours: Recorded, case: Case) -> list[str]:
    """Differences between the requests the emulator received from each SDK."""
    left, right = official.requests, ours.requests
    if case.collapse_repeats:
        left, right = _collapsed(left), _collapsed(right)
    if case.unordered:
        left, right = sorted(left, key=_request_key), sorted(right, key=_request_key)
    methods = [method for method, _, _ in left], [method for method, _, _ in right]
    if methods[0] != methods[1]:
        return [f"requests: official called {methods[0]}, ours {methods[1]}"]
    problems = []
    for index, ((method, expected, deadline), (_, got, our_deadline)) in enumerate(
        zip(left, right, strict=True)
    ):
        if expected != got:
            problems.append(
                f"request {index} ({method}):\n  official {_shown(expected)}\n  ours     {_shown(got)}"
            )
        if case.deadline and _bucket(deadline) != _bucket(our_deadline):
            problems.append(f"request {index} ({method}): deadline {deadline} vs {our_deadline}")
    return problems


def _collapsed(requests: list[tuple[str, Any, float | None]]) -> list[tuple[str, Any, float | None]]:
    kept: list[tuple[str, Any, float | None]] = []
    for request in requests:
        if not kept or _request_key(kept[-1]) != _request_key(request):
            kept.append(request)
    return kept


def _bucket(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, -2)


def compare_warnings(official: list[dict[str, str]], ours: list[dict[str, str]]) -> list[str]:
    """Each official warning must be emitted by ours too (same category, wording included)."""
    problems = []
    if [item["category"] for item in official] != [item["category"] for item in ours]:
        return [f"warnings: official {official}, ours {ours}"]
    for expected, got in zip(official, ours, strict=True):
        if expected["message"] not in got["message"]:
            problems.append(f"warning {got['message']!r} lacks {expected['message']!r}")
    return problems


def compare(case: Case, official: Recorded, ours: Recorded) -> list[str]:
    """Every difference between the two SDKs' runs of a case."""
    left, right = official.outcome, ours.outcome
    if "error" in left and "error" in right:
        problems = compare_errors(left["error"], right["error"], case, "error")
    elif "error" in left:
        problems = [
            f"the official SDK raised {left['error']['class']}({left['error']['message']!r}); ours returned"
        ]
    elif "error" in right:
        problems = [
            f"ours raised {right['error']['class']}({right['error']['message']!r}); the official SDK returned"
        ]
    else:
        problems = compare_values(left["result"], right["result"], case, "result")
    problems += compare_warnings(left["warnings"], right["warnings"])
    return problems + compare_requests(official, ours, case)


def check(case: Case, official: Recorded, ours: Recorded, mode: str) -> None:
    """Assert that ours stands in for the official SDK in this case, or differs as documented."""
    problems = compare(case, official, ours)
    if case.deliberate is None or mode not in case.deliberate_in:
        assert not problems, "\n".join(problems)
        return
    assert case.ours is not None, f"{case.name}: a deliberate difference says what ours does"
    assert problems, (
        f"{case.name} is marked deliberate ({case.deliberate}) but both SDKs agree: drop the mark"
    )
    error = ours.outcome.get("error")
    if case.ours.raises is None:
        assert error is None, f"ours raised {error}"
    else:
        assert error is not None, f"ours returned {ours.outcome.get('result')!r}"
        assert case.ours.raises in error["builtins"], error
        assert case.ours.contains in error["message"], error


# -- the tests --------------------------------------------------------------------------------


def _ids() -> Iterator[Any]:
    for case in CASES:
        yield pytest.param(case, id=case.name)


@pytest.mark.parametrize("case", list(_ids()))
def test_sync_client_matches_the_official(
    case: Case, official_outcomes: dict[str, dict[str, Recorded]], xai_emulator: Emulator
) -> None:
    check(case, official_outcomes["sync"][case.name], _run_ours_sync(case, xai_emulator), "sync")


@pytest.mark.parametrize("case", list(_ids()))
async def test_async_client_matches_the_official(
    case: Case, official_outcomes: dict[str, dict[str, Recorded]], xai_emulator: Emulator
) -> None:
    check(case, official_outcomes["async"][case.name], await _run_ours_async(case, xai_emulator), "async")


def test_every_public_method_is_called_with_good_and_bad_input(
    official_outcomes: dict[str, dict[str, Recorded]],
) -> None:
    """Each method of the official surface has a case the official SDK answers, and one it refuses."""
    gaps = []
    for service, methods in METHODS.items():
        for method in methods:
            prefix = f"{service}.{method}."
            outcomes = [
                recorded.outcome
                for mode in MODES
                for name, recorded in official_outcomes[mode].items()
                if name.startswith(prefix)
            ]
            if not any("result" in outcome for outcome in outcomes):
                gaps.append(f"{prefix[:-1]}: no case succeeds")
    assert not gaps, "\n".join(gaps)


def test_the_catalogue_names_cases_after_public_methods() -> None:
    """Case names start with ``<sub-client>.<method>`` of the official surface (or a helper)."""
    helpers = {"client.init", "chat.file", "chat.image", "chat.tool", "chat.user"}
    known = {f"{service}.{method}" for service, methods in METHODS.items() for method in methods}
    strays = [case.name for case in CASES if ".".join(case.name.split(".")[:2]) not in known | helpers]
    assert not strays, strays


# -- the comparison itself ----------------------------------------------------------------------


def _error(cls: str, message: str, builtins: list[str], origin: str = "sdk") -> dict[str, Any]:
    return {
        "class": cls,
        "classes": [cls, *builtins],
        "builtins": builtins,
        "message": message,
        "origin": origin,
    }


PLAIN = Case("example.method.case", lambda t: None)


def test_the_comparison_wants_the_official_class_and_wording() -> None:
    official = _error("ValueError", "Invalid mode: x.", ["ValueError", "Exception", "BaseException"])
    subclass = _error("ModeError", "Invalid mode: x. Use 'a'.", ["ValueError", "Exception", "BaseException"])
    assert compare_errors(official, subclass, PLAIN, "error") == []
    wrong_class = _error("TypeError", "Invalid mode: x.", ["TypeError", "Exception", "BaseException"])
    assert "ours is not a ValueError" in compare_errors(official, wrong_class, PLAIN, "error")[0]
    reworded = _error("ValueError", "Unknown mode 'x'", ["ValueError", "Exception", "BaseException"])
    assert "lacks the official wording" in compare_errors(official, reworded, PLAIN, "error")[0]
    from_protobuf = {**official, "origin": "library"}
    assert compare_errors(from_protobuf, reworded, PLAIN, "error") == []


def test_the_comparison_wants_pydantic_messages_from_a_value_error() -> None:
    official = {
        **_error("ValidationError", "1 validation error for X", ["ValueError", "Exception", "BaseException"]),
        "pydantic": [{"loc": ["a"], "msg": "Field required", "type": "missing"}],
    }
    ours = _error(
        "ValidationError", "1 validation error for X\na\n  Field required", ["ValueError", "Exception"]
    )
    assert compare_errors(official, ours, PLAIN, "error") == []
    assert compare_errors(official, {**ours, "message": "a is missing"}, PLAIN, "error")
    assert compare_errors(official, {**ours, "builtins": ["TypeError", "Exception"]}, PLAIN, "error")


def test_the_comparison_notices_other_results_warnings_and_requests() -> None:
    from xai_sdk.proto import models_pb2

    def recorded(result: Any, name: str, warnings: list[dict[str, str]]) -> Recorded:
        request = models_pb2.GetModelRequest(name=name)
        return Recorded({"result": result, "warnings": warnings}, [("/x/Get", request, None)])

    warning = {"category": "PendingDeprecationWarning", "message": "use sample()"}
    official = recorded({"content": "a", "cost": 0.5}, "grok-4", [warning])
    assert compare(PLAIN, official, recorded({"content": "a", "cost": 0.5}, "grok-4", [warning])) == []
    problems = compare(PLAIN, official, recorded({"content": "b", "cost": 0.5}, "grok-3", []))
    assert [problem.split(":")[0] for problem in problems] == [
        "result.content",
        "warnings",
        "request 0 (/x/Get)",
    ]
