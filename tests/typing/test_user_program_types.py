"""The SDK's types reach user code: mypy accepts a correct program and rejects misuse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def mypy(program: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--no-incremental",
        "--config-file",
        "/dev/null",
        program,
    ]
    return subprocess.run(command, capture_output=True, text=True, cwd=HERE, timeout=300)


def test_a_typed_user_program_passes_mypy_strict() -> None:
    result = mypy("user_program.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_misuse_is_caught_by_mypy() -> None:
    result = mypy("wrong_program.py")
    assert result.returncode == 1
    assert 'Incompatible return value type (got "Sequence[LanguageModel]", expected "str")' in result.stdout
    assert '"Coroutine[Any, Any, LanguageModel]" has no attribute "name"' in result.stdout
