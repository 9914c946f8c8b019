"""Debug logging of calls, and control over which plugins load."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

from xai_sdk import errors
from xai_sdk.chat import user
from xai_sdk.emulator import Emulator


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="xai_sdk")
    return caplog


def test_each_call_is_logged_with_status_duration_and_request_id(xai_emulator: Emulator, debug_log) -> None:
    with xai_emulator.client() as client:
        client.models.list_language_models()
        with pytest.raises(errors.NotFoundError):
            client.models.get_language_model("nope")
    lines = [record.getMessage() for record in debug_log.records if record.name == "xai_sdk"]
    ok, failed = lines
    first, second = xai_emulator.requests
    assert ok.startswith("models.list_language_models OK in ") and ok.endswith(
        f"request id {first.request_id}"
    )
    assert failed.startswith("models.get_language_model NOT_FOUND in ") and second.request_id in failed


def test_logs_carry_no_key_and_no_content_by_default(xai_emulator: Emulator, debug_log) -> None:
    with xai_emulator.client() as client:
        client.chat.create("grok-4", messages=[user("a private question")]).sample()
    assert "a private question" not in debug_log.text
    assert xai_emulator.api_key not in debug_log.text
    assert "chat.sample OK" in debug_log.text


def test_content_is_logged_only_with_its_own_switch(
    xai_emulator: Emulator, debug_log, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XAI_SDK_LOG_CONTENT", "1")
    with xai_emulator.client() as client:
        client.chat.create("grok-4", messages=[user("a private question")]).sample()
    assert "a private question" in debug_log.text
    assert xai_emulator.api_key not in debug_log.text


def test_nothing_is_logged_or_observed_when_debug_is_off(xai_emulator: Emulator, caplog) -> None:
    caplog.set_level(logging.INFO, logger="xai_sdk")
    with xai_emulator.client() as client:
        client.models.list_language_models()
        assert client._plugins.observers.active is False
    assert caplog.records == []


def test_the_environment_switch_logs_to_stderr(xai_emulator: Emulator) -> None:
    script = f"""
from xai_sdk import Client
with Client(api_key={xai_emulator.api_key!r}, api_host={xai_emulator.address!r}) as client:
    client.auth.get_api_key_info()
"""
    env = {**os.environ, "XAI_SDK_LOG": "debug"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0
    assert "auth.get_api_key_info OK in" in result.stderr
    assert xai_emulator.api_key not in result.stderr


def test_without_autoload_only_the_named_plugins_load(xai_emulator: Emulator) -> None:
    with xai_emulator.client(autoload=False) as bare:
        assert bare.services == ["auth"]
        with pytest.raises(errors.ServiceNotInstalledError):
            bare.models  # noqa: B018
    with xai_emulator.client(autoload=False, plugins=["models", "xai_sdk._plugins.chat"]) as chosen:
        assert chosen.services == ["auth", "chat", "models"]
        assert chosen.models.list_language_models()


def test_the_environment_switch_turns_autoload_off(
    xai_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XAI_SDK_DISABLE_PLUGIN_AUTOLOAD", "true")
    with xai_emulator.client() as client:
        assert client.services == ["auth"]
    with xai_emulator.client(autoload=True) as client:
        assert "models" in client.services


def test_an_unknown_plugin_name_is_an_error(xai_emulator: Emulator) -> None:
    with pytest.raises(errors.PluginError, match="no installed plugin is named 'chatt'"):
        xai_emulator.client(plugins=["chatt"])
    with pytest.raises(errors.PluginError, match="could not be imported"):
        xai_emulator.client(plugins=["no_such_package.plugin"])


def test_keepalive_options_can_be_replaced(xai_emulator: Emulator) -> None:
    options = [("grpc.keepalive_time_ms", 120_000), ("grpc.keepalive_permit_without_calls", 0)]
    with xai_emulator.client(channel_options=options) as client:
        merged = dict(client._config.channel_options)
        assert (merged["grpc.keepalive_time_ms"], merged["grpc.keepalive_permit_without_calls"]) == (
            120_000,
            0,
        )
        assert client.models.list_language_models()
