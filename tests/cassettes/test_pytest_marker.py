"""The pytest side: ``@pytest.mark.xai_cassette``, ``--xai-record-mode``, ``--xai-upstream``, and the
``xai_cassette`` and ``xai_cassette_config`` fixtures, each run in a pytest of its own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.cassettes.recording import secrets_in
from tests.emulator.test_pytest_plugin import run_pytest
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.cassette import Cassette

RECORD = ("--xai-record-mode=once", "--xai-upstream=emulator")

TESTS = """
import os

import pytest

from xai_sdk import Client
from xai_sdk.chat import user

ASKING = os.environ.get("ASKING_USER", "alice")


@pytest.mark.xai_cassette
def test_a_client_made_by_the_code_under_test():
    chat = Client().chat.create("grok-4", messages=[user("Hello")])
    assert chat.sample().content == "Hello"


@pytest.mark.xai_cassette
@pytest.mark.asyncio
async def test_the_async_client_of_the_fixture(xai_cassette):
    async with xai_cassette.async_client() as client:
        assert (await client.models.get_language_model("grok-4")).name == "grok-4"


@pytest.mark.xai_cassette("shared/greeting.json", ignore_fields=["user"])
def test_a_named_cassette_with_options():
    chat = Client().chat.create("grok-4", messages=[user("Hi")], user=ASKING)
    assert chat.sample().content == "Hi"


class TestGrouped:
    @pytest.mark.xai_cassette
    @pytest.mark.parametrize("name", ["grok-4", "grok-3"])
    def test_parametrized(self, name):
        assert Client().models.get_language_model(name).name == name
"""


def test_marked_tests_record_once_then_replay_without_key_or_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ini = "asyncio_mode = strict\nasyncio_default_fixture_loop_scope = function"
    recorded = run_pytest(sys.executable, tmp_path, TESTS, *RECORD, ini=ini)
    assert {outcome.status for outcome in recorded.values()} == {"passed"}, recorded
    cassettes = tmp_path / "cassettes"
    assert sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*.json")) == [
        "cassettes/test_module/TestGrouped.test_parametrized[grok-3].json",
        "cassettes/test_module/TestGrouped.test_parametrized[grok-4].json",
        "cassettes/test_module/test_a_client_made_by_the_code_under_test.json",
        "cassettes/test_module/test_the_async_client_of_the_fixture.json",
        "shared/greeting.json",
    ]
    monkeypatch.setenv("ASKING_USER", "bob")  # an ignored field: the cassette still answers
    replayed = run_pytest(sys.executable, tmp_path, TESTS, ini=ini)  # no XAI_* variable, no option
    assert replayed == recorded
    assert secrets_in(cassettes) == secrets_in(tmp_path / "shared") == []


def test_a_call_the_cassette_lacks_fails_the_test_even_when_the_code_catches_it(
    tmp_path: Path, xai_emulator: Emulator
) -> None:
    module = """
        import grpc
        import pytest

        from xai_sdk import Client


        @pytest.mark.xai_cassette
        def test_swallowing_errors():
            try:
                Client().models.get_language_model("grok-3")
            except grpc.RpcError:
                pass


        @pytest.mark.xai_cassette
        def test_without_a_cassette():
            Client().models.list_language_models()
    """
    cassette = tmp_path / "cassettes" / "test_module" / "test_swallowing_errors.json"
    with Cassette(cassette, record_mode="all", upstream=xai_emulator) as recording:
        recording.client().models.get_language_model("grok-4")
    outcomes = run_pytest(sys.executable, tmp_path, module)
    swallowing, missing = outcomes["test_swallowing_errors"], outcomes["test_without_a_cassette"]
    assert swallowing.status == "error"  # at teardown: the test's own code saw nothing wrong
    assert (
        "no recorded interaction matches this call of /xai_api.Models/GetLanguageModel" in swallowing.message
    )
    assert missing.status == "error"
    assert "does not exist, and record mode 'none' only replays" in missing.message
    assert "--xai-record-mode=once" in missing.message


def test_the_config_fixture_sets_options_and_the_command_line_overrides_them(tmp_path: Path) -> None:
    module = """
        import pytest

        from xai_sdk import Client


        @pytest.fixture
        def xai_cassette_config():
            return {"record_mode": "once", "upstream": "emulator", "path": "recorded.json"}


        @pytest.mark.xai_cassette
        def test_models():
            assert Client().models.list_language_models()
    """
    overridden = run_pytest(sys.executable, tmp_path, module, "--xai-record-mode=none")
    assert overridden["test_models"].status == "error"
    assert not (tmp_path / "recorded.json").exists()
    assert run_pytest(sys.executable, tmp_path, module)["test_models"].status == "passed"
    assert (tmp_path / "recorded.json").exists()
    assert secrets_in(tmp_path) == []
