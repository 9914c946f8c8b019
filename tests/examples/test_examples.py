"""Every example runs to completion against the emulator, configured through the environment.

Each example states what to install in its docstring, on a line of its own::

    Install: pip install "xai-sdk[chat,pydantic]==1.22.0"

tests/packaging/test_examples_install.py runs every example in a fresh environment holding only
that.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import xai_sdk
from xai_sdk.emulator import Emulator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SCRIPTS = sorted(path for path in EXAMPLES.rglob("*.py"))
INSTALL_LINE = re.compile(
    r'^Install: pip install "xai-sdk(?:\[(?P<extras>[a-z,-]+)\])?==(?P<version>[0-9a-z.]+)"$', re.MULTILINE
)


def stated_extras(script: Path) -> tuple[str, ...]:
    """The extras of xai-sdk that `script` says it needs (its ``Install:`` line)."""
    [line] = INSTALL_LINE.findall(_docstring(script))
    extras, _version = line
    return tuple(extras.split(",")) if extras else ()


def _docstring(script: Path) -> str:
    return ast.get_docstring(ast.parse(script.read_text())) or ""


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: str(path.relative_to(EXAMPLES)))
def test_the_example_states_what_to_install_at_this_version(script: Path) -> None:
    lines = INSTALL_LINE.findall(_docstring(script))
    assert len(lines) == 1, f"{script.name}: one line 'Install: pip install \"xai-sdk[...]==<version>\"'"
    [(extras, version)] = lines
    assert version == xai_sdk.__version__
    known = tomllib.loads((ROOT / "packages" / "xai-core" / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    assert set(filter(None, extras.split(","))) <= set(known), extras


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
