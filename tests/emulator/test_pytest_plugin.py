"""The pytest plugin of xai-emulator, run in a pytest of its own: fixtures, and async tests.

Each test writes a test module into a temporary directory and runs pytest on it in a child
process, with `-p no:asyncio` / `-p no:anyio` standing for a machine without pytest-asyncio or
anyio (tests/packaging/test_pytest_plugin_install.py does the same in fresh environments that
really lack them).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

NO_PLUGIN = (
    "Failed: this async test uses the xai-emulator fixtures, but no plugin runs async tests: install "
    "pytest-asyncio (then mark the test @pytest.mark.asyncio) or anyio (then mark it @pytest.mark.anyio) "
    "(see xai_sdk.emulator.pytest_plugin)"
)


@dataclass
class Outcome:
    """What happened to one test: ``passed``, ``failed`` (at call), ``error`` (at set-up) or ``skipped``."""

    status: str
    message: str = ""


def run_pytest(
    python: Path | str, directory: Path, module: str, *options: str, ini: str = ""
) -> dict[str, Outcome]:
    """Run `python -m pytest` on `module` (written as test_module.py) in `directory`; outcomes by test."""
    (directory / "pytest.ini").write_text(f"[pytest]\n{ini}\n")
    (directory / "test_module.py").write_text(textwrap.dedent(module))
    report = directory / "report.xml"
    module_name = "test_module.py"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XAI_", "PYTEST_"))}
    result = subprocess.run(
        [python, "-m", "pytest", "-p", "no:cacheprovider", f"--junitxml={report}", *options, module_name],
        capture_output=True,
        text=True,
        cwd=directory,
        env=env,
        timeout=120,
    )
    assert report.exists(), result.stdout + result.stderr
    outcomes = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        status, message = "passed", ""
        for kind in ("failure", "error", "skipped"):
            element = case.find(kind)
            if element is not None:
                status, message = kind.replace("failure", "failed"), element.get("message", "")
        outcomes[case.get("name", "")] = Outcome(status, message)
    return outcomes


TESTS = """
import pytest

def test_sync(xai_client):
    assert xai_client.models.get_language_model("grok-4").name == "grok-4"

@pytest.mark.asyncio
async def test_marked_asyncio(xai_async_client):
    assert (await xai_async_client.models.get_language_model("grok-4")).name == "grok-4"

@pytest.mark.anyio
async def test_marked_anyio(xai_async_client):
    assert (await xai_async_client.models.get_language_model("grok-4")).name == "grok-4"

async def test_unmarked(xai_emulator):
    pass

async def test_unmarked_without_the_fixtures():
    pass
"""


def test_without_an_async_plugin_async_tests_fail_naming_pytest_asyncio_and_anyio(tmp_path: Path) -> None:
    outcomes = run_pytest(sys.executable, tmp_path, TESTS, "-p", "no:asyncio", "-p", "no:anyio")
    assert outcomes["test_sync"].status == "passed"
    for name in ("test_marked_asyncio", "test_marked_anyio", "test_unmarked"):
        assert (outcomes[name].status, outcomes[name].message) == ("failed", NO_PLUGIN), name
    # A test that does not use the fixtures is left to pytest's own verdict.
    assert "xai-emulator" not in outcomes["test_unmarked_without_the_fixtures"].message


def test_with_pytest_asyncio_marked_tests_run_and_unmarked_ones_are_told_to_mark(tmp_path: Path) -> None:
    outcomes = run_pytest(sys.executable, tmp_path, TESTS, "-p", "no:anyio")
    assert outcomes["test_sync"].status == "passed"
    assert outcomes["test_marked_asyncio"].status == "passed"
    assert outcomes["test_unmarked"] == Outcome(
        "failed",
        "Failed: this async test uses the xai-emulator fixtures, but no plugin runs async tests: "
        'pytest-asyncio is installed: mark the test @pytest.mark.asyncio, or set asyncio_mode = "auto" '
        "(see xai_sdk.emulator.pytest_plugin)",
    )


def test_with_pytest_asyncio_in_auto_mode_every_async_test_runs(tmp_path: Path) -> None:
    outcomes = run_pytest(sys.executable, tmp_path, TESTS, "-p", "no:anyio", ini="asyncio_mode = auto")
    assert {name: outcome.status for name, outcome in outcomes.items()} == dict.fromkeys(outcomes, "passed")


def test_with_anyio_tests_marked_anyio_run_on_asyncio(tmp_path: Path) -> None:
    outcomes = run_pytest(sys.executable, tmp_path, TESTS, "-p", "no:asyncio")
    assert [name for name, outcome in outcomes.items() if outcome.status == "passed"] == [
        "test_sync",
        "test_marked_anyio[asyncio]",
    ]
    assert "anyio is installed: mark the test @pytest.mark.anyio" in outcomes["test_unmarked"].message


def test_the_async_client_refuses_an_anyio_backend_other_than_asyncio(tmp_path: Path) -> None:
    module = """
        import pytest

        @pytest.fixture
        def anyio_backend():
            return "trio"

        @pytest.mark.anyio
        async def test_on_trio(xai_async_client):
            pass
    """
    outcomes = run_pytest(sys.executable, tmp_path, module, "-p", "no:asyncio")
    assert outcomes["test_on_trio"] == Outcome(
        "error",
        "failed on setup with \"Failed: xai_async_client runs on asyncio (gRPC's asyncio client), and "
        "anyio runs this test on 'trio': define a fixture anyio_backend returning 'asyncio' in your "
        'conftest.py"',
    )
