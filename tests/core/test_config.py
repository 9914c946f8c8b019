from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest

from xai_sdk import AsyncClient, Client
from xai_sdk._config import DEFAULT_CHANNEL_OPTIONS, DEFAULT_TIMEOUT, ClientConfig, is_loopback
from xai_sdk.auth import GET_API_KEY_INFO

KEY = "xai-test-key-0123456789"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("XAI_API_KEY", "XAI_MANAGEMENT_KEY", "XAI_API_HOST", "XAI_MANAGEMENT_API_HOST"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("client_type", [Client, AsyncClient])
def test_a_missing_key_names_the_environment_variable(client_type: type) -> None:
    official = (
        "Trying to read the xAI API key from the XAI_API_KEY environment variable but it doesn't exist."
    )
    with pytest.raises(ValueError, match=re.escape(official)):
        client_type()


def test_an_empty_key_names_the_environment_variable() -> None:
    with pytest.raises(ValueError, match="from the XAI_API_KEY environment variable"):
        Client(api_key="")


def test_the_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XAI_API_KEY", KEY)
    monkeypatch.setenv("XAI_MANAGEMENT_KEY", "management-" + KEY)
    config = ClientConfig.resolve()
    assert (config.api_key, config.management_api_key) == (KEY, "management-" + KEY)


def test_an_explicit_key_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XAI_API_KEY", "from-the-environment")
    assert ClientConfig.resolve(KEY).api_key == KEY


def test_a_key_with_a_trailing_newline_is_refused_without_echoing_it() -> None:
    with pytest.raises(ValueError, match="whitespace") as raised:
        ClientConfig.resolve(KEY + "\n")
    assert KEY not in str(raised.value)


def test_a_key_that_is_not_a_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="api_key must be a string"):
        ClientConfig.resolve(b"bytes-key")  # type: ignore[arg-type]


def test_the_key_is_in_no_repr() -> None:
    client = Client(api_key=KEY, management_api_key="m-" + KEY)
    config = client._config
    for text in (repr(client), str(client), repr(config), repr(client._transport), repr(client.models)):
        assert KEY not in text


def test_hosts_default_to_xai(monkeypatch: pytest.MonkeyPatch) -> None:
    config = ClientConfig.resolve(KEY)
    assert (config.api_host, config.management_api_host) == ("api.x.ai", "management-api.x.ai")


def test_hosts_come_from_the_environment_and_arguments_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XAI_API_HOST", "localhost:1234")
    monkeypatch.setenv("XAI_MANAGEMENT_API_HOST", "localhost:5678")
    config = ClientConfig.resolve(KEY)
    assert (config.api_host, config.management_api_host) == ("localhost:1234", "localhost:5678")
    assert ClientConfig.resolve(KEY, api_host="api.example:443").api_host == "api.example:443"


@pytest.mark.parametrize("host", ["https://api.x.ai", "http://localhost:50051"])
def test_a_url_as_host_is_refused_with_the_fix(host: str) -> None:
    with pytest.raises(ValueError, match=repr(host.split("://", 1)[1])):
        ClientConfig.resolve(KEY, api_host=host)


@pytest.mark.parametrize("host", ["", " api.x.ai", "api .x.ai"])
def test_a_blank_or_spaced_host_is_refused(host: str) -> None:
    with pytest.raises(ValueError, match="api_host"):
        ClientConfig.resolve(KEY, api_host=host)


def test_timeout_defaults_to_27_minutes_and_takes_a_timedelta() -> None:
    assert ClientConfig.resolve(KEY).timeout == DEFAULT_TIMEOUT == 1620
    assert ClientConfig.resolve(KEY, timeout=timedelta(seconds=90)).timeout == 90


@pytest.mark.parametrize("timeout", [0, 0.0, timedelta(0)])
def test_a_zero_timeout_means_the_default_as_in_the_official_sdk(timeout: float | timedelta) -> None:
    assert ClientConfig.resolve(KEY, timeout=timeout).timeout == DEFAULT_TIMEOUT


@pytest.mark.parametrize("timeout", [-1, float("nan"), float("inf"), timedelta(seconds=-1)])
def test_a_timeout_that_is_not_positive_is_refused(timeout: float | timedelta) -> None:
    with pytest.raises(ValueError, match="positive"):
        ClientConfig.resolve(KEY, timeout=timeout)


@pytest.mark.parametrize("timeout", ["10", True])
def test_a_timeout_of_the_wrong_type_is_refused(timeout: object) -> None:
    with pytest.raises(TypeError, match="timeout"):
        ClientConfig.resolve(KEY, timeout=timeout)  # type: ignore[arg-type]


def test_user_channel_options_replace_defaults_by_name_and_come_last() -> None:
    options = ClientConfig.resolve(
        KEY, channel_options=[("grpc.enable_retries", 0), ("grpc.custom", "x")]
    ).channel_options
    names = [name for name, _ in options]
    assert names.count("grpc.enable_retries") == 1
    assert options[-2:] == (("grpc.enable_retries", 0), ("grpc.custom", "x"))
    assert len(options) == len(DEFAULT_CHANNEL_OPTIONS) + 1


def test_default_channel_options_match_the_official_sdk() -> None:
    options = dict(DEFAULT_CHANNEL_OPTIONS)
    assert (
        options["grpc.max_send_message_length"]
        == options["grpc.max_receive_message_length"]
        == 20 * 1024 * 1024
    )
    assert (options["grpc.keepalive_time_ms"], options["grpc.keepalive_timeout_ms"]) == (30_000, 10_000)
    assert '"maxAttempts": 5' in options["grpc.service_config"]
    assert '"retryableStatusCodes": ["UNAVAILABLE"]' in options["grpc.service_config"]


@pytest.mark.parametrize(
    ("metadata", "error", "message"),
    [
        ((("X-Team", "ml"),), ValueError, "lowercase"),
        ((("authorization", "Bearer other"),), ValueError, "set by the SDK"),
        ((("x-team", 3),), ValueError, "printable ASCII"),
        ((("x-team", "line\nbreak"),), ValueError, "printable ASCII"),
        ((("x-trace-bin", "text"),), TypeError, "takes bytes"),
        ({"x-team": "ml"}, TypeError, "sequence of"),
        ((("x-team",),), TypeError, "pairs"),
    ],
)
def test_bad_metadata_is_refused(metadata: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        ClientConfig.resolve(KEY, metadata=metadata)  # type: ignore[arg-type]


def test_good_metadata_is_kept_as_given() -> None:
    metadata = (("x-team", "ml"), ("x-trace-bin", b"\x00\x01"))
    assert ClientConfig.resolve(KEY, metadata=metadata).metadata == metadata


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost:50051", True),
        ("localhost", True),
        ("127.0.0.1:8080", True),
        ("127.1.2.3:8080", True),
        ("[::1]:50051", True),
        ("api.x.ai", False),
        ("api.x.ai:443", False),
        ("10.0.0.1:50051", False),
        ("localhost.example.com:1", False),
    ],
)
def test_loopback_hosts_are_recognized(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_an_insecure_channel_to_a_remote_host_warns_once_when_it_opens_without_the_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Opening the channel is what sends the key; no connection is made here (channels are lazy).
    with caplog.at_level(logging.WARNING, logger="xai_sdk"):
        client = Client(KEY, api_host="api.example.com:50051", use_insecure_channel=True)
        assert "clear text" not in caplog.text  # creating the client sends nothing
        for _ in range(3):
            client._transport.callable(GET_API_KEY_INFO, "api")
            client.with_options(timeout=5)._transport.callable(GET_API_KEY_INFO, "api")
        client.close()
    warnings = [record for record in caplog.records if "clear text" in record.getMessage()]
    assert len(warnings) == 1 and "api.example.com:50051" in warnings[0].getMessage()
    assert "management-api" not in caplog.text  # never used, never warned about
    assert KEY not in caplog.text


def test_insecure_channels_to_loopback_log_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="xai_sdk"):
        ClientConfig.resolve(
            KEY, api_host="localhost:1", management_api_host="127.0.0.1:2", use_insecure_channel=True
        )
    assert caplog.text == ""
