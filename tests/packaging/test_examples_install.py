"""Each example runs in a fresh environment holding only what its ``Install:`` line names.

Examples sharing the same extras share one environment, built from this checkout's wheels;
all of them talk to the test session's emulator through the environment variables, except those
that start an emulator of their own (they name the ``emulator`` extra).
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from tests.examples.test_examples import EXAMPLES, SCRIPTS, stated_extras
from tests.packaging.environments import VERSION, Venv, clean_environment, needs_wheelhouse
from xai_sdk.emulator import Emulator

pytestmark = [pytest.mark.packaging, needs_wheelhouse]

BY_EXTRAS: defaultdict[tuple[str, ...], list[Path]] = defaultdict(list)
for _script in SCRIPTS:
    BY_EXTRAS[stated_extras(_script)].append(_script)


@pytest.mark.parametrize("extras", sorted(BY_EXTRAS), ids=lambda extras: ",".join(extras) or "core")
def test_the_examples_run_with_only_the_extras_they_state(
    extras: tuple[str, ...], wheels: Path, tmp_path: Path, xai_emulator: Emulator
) -> None:
    requirement = f"xai-sdk[{','.join(extras)}]=={VERSION}" if extras else f"xai-sdk=={VERSION}"
    venv = Venv(tmp_path / "venv", wheels, requirement)
    for script in BY_EXTRAS[extras]:
        xai_emulator.reset()
        result = subprocess.run(
            [venv.python, script],
            capture_output=True,
            text=True,
            env={**clean_environment(), **xai_emulator.env()},
            cwd=tmp_path,
            timeout=60,
        )
        name = script.relative_to(EXAMPLES)
        assert result.returncode == 0, f"{name} with {requirement}:\n{result.stderr}"
        assert result.stderr == "", f"{name}: {result.stderr}"
