"""The official xai-sdk 1.21.0 as a reference: its wheel, and a virtual environment running it.

The drop-in tests compare this SDK with the official one. The official wheel and everything it
depends on come from the wheelhouse that `scripts/wheelhouse.py` fills (``hatch run test`` runs
it first), so the tests install it offline, into an environment of its own: both SDKs own the
``xai_sdk`` package, so they cannot share one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
WHEELHOUSE = ROOT / ".cache" / "wheelhouse"
OFFICIAL_VERSION = "1.21.0"

needs_wheelhouse = pytest.mark.skipif(
    not (WHEELHOUSE / "sets.sha256").exists(),
    reason="no wheelhouse: run `python scripts/wheelhouse.py` (hatch run test does) to provision it",
)


def official_wheel() -> Path:
    """The official 1.21.0 wheel in the wheelhouse."""
    return WHEELHOUSE / f"xai_sdk-{OFFICIAL_VERSION}-py3-none-any.whl"


def clean_environment() -> dict[str, str]:
    """This process's environment without what would leak into a child's Python, pip or SDK.

    pip reads no configuration file (PIP_CONFIG_FILE=/dev/null): a machine's find-links, extra
    indexes or constraints must not change what an install test resolves.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XAI_", "PYTHON", "VIRTUAL_ENV", "PIP_", "UV_", "OTEL_"))
    }
    env["PIP_CONFIG_FILE"] = os.devnull
    return env


class OfficialSdk:
    """A virtual environment with the official SDK installed; runs scripts in it."""

    def __init__(self, path: Path) -> None:
        uv = [sys.executable, "-m", "uv"]
        subprocess.run([*uv, "venv", "--quiet", "--python", sys.executable, path], check=True)
        self.python = path / "bin" / "python"
        install = [*uv, "pip", "install", "--quiet", "--offline", "--no-index", "--python", self.python]
        subprocess.run([*install, "--find-links", WHEELHOUSE, f"xai-sdk=={OFFICIAL_VERSION}"], check=True)

    def run(self, script: str, *, env: dict[str, str] | None = None, timeout: float = 120) -> Any:
        """Run a script; it prints one JSON document as its last line, which is returned."""
        result = subprocess.run(
            [self.python, "-c", textwrap.dedent(script)],
            capture_output=True,
            text=True,
            env={**clean_environment(), **(env or {})},
            cwd=self.python.parent,
            timeout=timeout,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])
