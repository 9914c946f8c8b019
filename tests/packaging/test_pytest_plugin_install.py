"""The emulator's pytest fixtures in a fresh environment: without an async plugin, then with each.

The environment starts with xai-sdk, xai-models, xai-emulator and pytest alone (from local
wheels), so that neither pytest-asyncio nor anyio is importable; they are added one at a time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.emulator.test_pytest_plugin import NO_PLUGIN, TESTS, run_pytest
from tests.packaging.environments import VERSION, Venv, needs_wheelhouse

pytestmark = [pytest.mark.packaging, needs_wheelhouse]


def test_async_tests_need_pytest_asyncio_or_anyio_and_work_with_either(wheels: Path, tmp_path: Path) -> None:
    venv = Venv(
        tmp_path / "venv",
        wheels,
        f"xai-sdk[models,emulator]=={VERSION}",
        "pytest",
    )
    installed = venv.distributions()
    assert "pytest" in installed and not {"pytest-asyncio", "pytest_asyncio", "anyio"} & installed

    outcomes = run_pytest(venv.python, tmp_path, TESTS)
    assert outcomes["test_sync"].status == "passed"
    for name in ("test_marked_asyncio", "test_marked_anyio", "test_unmarked"):
        assert (outcomes[name].status, outcomes[name].message) == ("failed", NO_PLUGIN), name

    venv.uv_pip("install", "pytest-asyncio")
    outcomes = run_pytest(venv.python, tmp_path, TESTS)
    assert outcomes["test_marked_asyncio"].status == "passed"
    assert "pytest-asyncio is installed" in outcomes["test_marked_anyio"].message

    venv.uv_pip("install", "anyio")
    outcomes = run_pytest(venv.python, tmp_path, TESTS)
    assert outcomes["test_marked_asyncio"].status == outcomes["test_marked_anyio[asyncio]"].status == "passed"
    outcomes = run_pytest(venv.python, tmp_path, TESTS, ini="asyncio_mode = auto")
    assert outcomes["test_unmarked"].status == "passed"
