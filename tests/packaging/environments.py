"""Fresh virtual environments with the distributions installed as users install them.

Everything is installed offline: the project's wheels are built from this checkout (the
`wheels` fixture in conftest.py), and third-party wheels (pip, the official xai-sdk 1.21.0 and
their dependencies) come from the wheelhouse that `scripts/wheelhouse.py` fills.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.reference import ROOT, WHEELHOUSE, clean_environment, needs_wheelhouse

__all__ = ["ROOT", "VERSION", "WHEELHOUSE", "Venv", "clean_environment", "needs_wheelhouse", "uv"]

VERSION = "1.22.0"


def uv(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "uv", *map(str, args)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result


class Venv:
    """A fresh virtual environment with some distributions installed from local wheels only."""

    def __init__(
        self, path: Path, wheels: Path | None, *requirements: str, python: str | Path = sys.executable
    ) -> None:
        uv("venv", "--quiet", "--python", python, path)
        self.python = path / "bin" / "python"
        self.sources = ["--find-links", str(WHEELHOUSE), *(["--find-links", str(wheels)] if wheels else [])]
        if requirements:
            self.uv_pip("install", *requirements)

    def uv_pip(self, *args: str) -> subprocess.CompletedProcess[str]:
        """`uv pip <command> <args>` on this environment, offline, from the local wheels only."""
        command, *rest = args
        offline = ["--quiet", "--offline", "--no-index", "--python", str(self.python)]
        return uv("pip", command, *offline, *self.sources, *rest)

    def pip(self, *args: str) -> subprocess.CompletedProcess[str]:
        """The environment's own pip (`python -m pip`), with no configuration and no index."""
        command, *rest = args
        sources = ["--no-index", *self.sources] if command == "install" else []
        result = subprocess.run(
            [self.python, "-m", "pip", command, *sources, *rest],
            capture_output=True,
            text=True,
            env=clean_environment(),
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def run(self, script: str, *args: str) -> dict:  # type: ignore[type-arg]
        """Run a script in the environment; it prints one JSON object as its last line."""
        result = subprocess.run(
            [self.python, "-c", textwrap.dedent(script), *args],
            capture_output=True,
            text=True,
            env=clean_environment(),
            cwd=self.python.parent,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]

    def distributions(self) -> set[str]:
        return set(
            self.run("""
            import json
            from importlib.metadata import distributions
            print(json.dumps(sorted(d.metadata["Name"] for d in distributions())))
        """)
        )
