"""Fixtures of the packaging tests: the wheels of this checkout, built once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.packaging.environments import ROOT, uv


@pytest.fixture(scope="session")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Wheels of every distribution under packages/ and of the test-only plugin, built offline."""
    out = tmp_path_factory.mktemp("wheels")
    projects = [*sorted((ROOT / "packages").iterdir()), ROOT / "tests" / "packaging" / "echo_plugin"]
    for project in projects:
        uv(
            "build",
            "--wheel",
            "--no-build-isolation",
            "--offline",
            "--python",
            sys.executable,
            "--out-dir",
            out,
            project,
        )
    return out
