"""Every example runs to completion against the emulator, configured through the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from xai_sdk.emulator import Emulator

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCRIPTS = sorted(path for path in EXAMPLES.rglob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: str(path.relative_to(EXAMPLES)))
def test_the_example_runs(script: Path, xai_emulator: Emulator) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("XAI_")}
    env.update(xai_emulator.env())
    result = subprocess.run([sys.executable, script], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""


def test_the_demo_needs_no_key_and_shows_models_and_tokens() -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("XAI_")}
    result = subprocess.run(
        [sys.executable, EXAMPLES / "demo.py"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "grok-4" in result.stdout and "tokens:" in result.stdout
