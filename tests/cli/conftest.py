"""`xai`: the command line run as a subprocess, configured for the emulator through the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from xai_sdk.emulator import Emulator

COMMAND = [sys.executable, "-m", "xai_sdk.cli"]


def clean_environment() -> dict[str, str]:
    """The test process's environment without any XAI_ setting (the tracing switch aside)."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("XAI_") or key == "XAI_SDK_DISABLE_TRACING"
    }


class Cli:
    """Runs ``python -m xai_sdk.cli ARGS`` with the emulator's environment; returns the completed process."""

    def __init__(self, emulator: Emulator) -> None:
        self.env = {**clean_environment(), **emulator.env()}

    def __call__(
        self,
        *args: str | Path,
        stdin: str = "",
        cwd: Path | None = None,
        env: Mapping[str, str | None] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """Run the command; `env` overrides variables (None removes one); stdin is `stdin`."""
        environment = dict(self.env)
        for key, value in (env or {}).items():
            if value is None:
                environment.pop(key, None)
            else:
                environment[key] = value
        return subprocess.run(
            [*COMMAND, *map(str, args)],
            input=stdin,
            capture_output=True,
            text=True,
            env=environment,
            cwd=cwd,
            timeout=60,
        )


@pytest.fixture
def xai(xai_emulator: Emulator) -> Cli:
    """The command line, pointed at the (reset) emulator."""
    return Cli(xai_emulator)


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line an expected failure prints on stderr (asserted to be alone, and no traceback)."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def lines(text: str) -> list[str]:
    """The lines of `text`, trailing spaces removed."""
    return [line.rstrip() for line in text.splitlines()]


def table_column(text: str, header: str) -> list[str]:
    """The values of one column of a table printed by the command line (cells are 2+ spaces apart).

    Lines after the table (a summary) are left out.
    """
    rows = [[cell.strip() for cell in line.split("  ") if cell.strip()] for line in lines(text)]
    index = rows[0].index(header)
    return [row[index] for row in rows[1:] if len(row) == len(rows[0])]
