"""Helpers of the cassette tests: recording a case of the drop-in catalogue, replaying it, and
checking that the files a test wrote hold no key."""

from __future__ import annotations

import asyncio
import json
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.dropin.catalogue import CONTROLS, Case
from tests.dropin.harness import Target, drive, run_case
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.cassette import Cassette

API_KEY = "xai-cassette-test-api-key-5b8e0d"
MANAGEMENT_KEY = "xai-cassette-test-management-key-c41a97"
SECRETS = (API_KEY, MANAGEMENT_KEY, "xai-emulator-api-key", "xai-emulator-management-key", "Bearer")
"""What no cassette may contain: the keys the tests' emulators check, and any authorization header."""


def secret_emulator() -> Emulator:
    """An emulator whose keys are the secrets the cassette tests look for."""
    return Emulator(api_key=API_KEY, management_api_key=MANAGEMENT_KEY)


def secrets_in(directory: Path, secrets: Iterable[str] = SECRETS) -> list[str]:
    """``file: secret`` for every secret found in a file under `directory` (cassettes and blobs)."""
    found = []
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path}: {secret}" for secret in secrets if secret.encode() in data]
    return found


@dataclass
class Recording:
    """A case run once through a recording cassette: what it returned, and its emulator controls."""

    path: Path
    outcome: dict[str, Any]
    controls: list[Any] = field(default_factory=list)


def run(case: Case, mode: str, address: str, control: Any, *, keys: tuple[str, str]) -> dict[str, Any]:
    """Run a case with this SDK in `mode` against `address`; its outcome (the harness's JSON)."""
    with tempfile.TemporaryDirectory() as directory:
        target = Target(
            sdk="ours",
            mode=mode,
            address=address,
            api_key=keys[0],
            management_key=keys[1],
            control=control,
            directory=directory,
        )
        if mode == "sync":
            return dict(drive(run_case(case, target)))
        return dict(asyncio.run(run_case(case, target)))


def record(case: Case, mode: str, emulator: Emulator, path: Path) -> Recording:
    """Run a case through a cassette recording everything from `emulator` (reset first)."""
    emulator.reset()
    recording = Recording(path, {})

    def control(name: str, arguments: list[Any]) -> Any:
        result = CONTROLS[name](emulator, *arguments)
        recording.controls.append(result)
        return result

    with Cassette(path, record_mode="all", upstream=emulator) as cassette:
        recording.outcome = run(case, mode, cassette.address, control, keys=(API_KEY, MANAGEMENT_KEY))
    return recording


def replay(case: Case, mode: str, recording: Recording) -> dict[str, Any]:
    """Run a case against its cassette alone (record mode none: no upstream at all).

    The clients carry other keys than when recording: replay needs none. Emulator controls
    return what they returned when recording (an uploaded file's id) and do nothing else.
    """
    answers = iter(recording.controls)
    with Cassette(recording.path) as cassette:
        return run(
            case,
            mode,
            cassette.address,
            lambda name, arguments: next(answers),
            keys=("replay-api-key", "replay-management-key"),
        )


def comparable(outcome: dict[str, Any], case: Case, *masks: str) -> Any:
    """An outcome as JSON, with what the case says may vary (a time measured) and `masks` masked."""
    text = json.dumps(outcome, sort_keys=True)
    for pattern in (*case.masks, *masks):
        text = re.sub(pattern, "<masked>", text)
    return json.loads(text)
