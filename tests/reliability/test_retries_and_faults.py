"""Retries, deadlines and broken streams under the emulator's fault injection."""

from __future__ import annotations

import json

import grpc
import pytest

from tests.chat.test_chat_calls import collect
from tests.conftest import outcome
from xai_sdk import errors
from xai_sdk.chat import user
from xai_sdk.emulator import Emulator
from xai_sdk.retry import RetryPolicy

LIST = "Models/ListLanguageModels"
STREAM = "Chat/GetCompletionChunk"
FAST = {"initial_backoff": 0.01, "max_backoff": 0.02}


@pytest.mark.parametrize("failures", [1, 2, 3, 4])
async def test_unavailable_k_times_then_success(client, xai_emulator: Emulator, failures: int) -> None:
    xai_emulator.faults.fail(LIST, grpc.StatusCode.UNAVAILABLE, times=failures)
    assert await outcome(client.models.list_language_models())
    assert len(xai_emulator.calls(LIST)) == failures + 1


@pytest.mark.parametrize("failures", [5, 8])
async def test_unavailable_five_times_or_more_fails_after_exactly_five_attempts(
    client, xai_emulator: Emulator, failures: int
) -> None:
    xai_emulator.faults.fail(LIST, grpc.StatusCode.UNAVAILABLE, times=failures)
    with pytest.raises(errors.UnavailableError):
        await outcome(client.models.list_language_models())
    assert len(xai_emulator.calls(LIST)) == 5


async def test_a_custom_policy_sets_the_number_of_attempts(xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, grpc.StatusCode.UNAVAILABLE, times=None)
    async with xai_emulator.async_client(retry=RetryPolicy(max_attempts=3, **FAST)) as client:
        with pytest.raises(errors.UnavailableError):
            await client.models.list_language_models()
    assert len(xai_emulator.calls(LIST)) == 3


async def test_rate_limits_are_retried_only_when_configured(xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, grpc.StatusCode.RESOURCE_EXHAUSTED, times=2)
    with xai_emulator.client() as default, pytest.raises(errors.RateLimitError):
        default.models.list_language_models()
    assert len(xai_emulator.calls(LIST)) == 1
    policy = RetryPolicy(retryable_codes=["UNAVAILABLE", grpc.StatusCode.RESOURCE_EXHAUSTED], **FAST)
    with xai_emulator.client(retry=policy) as patient:
        assert patient.models.list_language_models()
    assert len(xai_emulator.calls(LIST)) == 1 + 2


@pytest.mark.parametrize(
    "code", [grpc.StatusCode.INTERNAL, grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.UNAUTHENTICATED]
)
async def test_non_retryable_codes_are_never_retried(client, xai_emulator: Emulator, code) -> None:
    xai_emulator.faults.fail(LIST, code, times=3)
    with pytest.raises(errors.RpcError) as raised:
        await outcome(client.models.list_language_models())
    assert raised.value.code() is code
    assert len(xai_emulator.calls(LIST)) == 1


async def test_retry_none_disables_retries(xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, grpc.StatusCode.UNAVAILABLE, times=1)
    with xai_emulator.client(retry=None) as client, pytest.raises(errors.UnavailableError):
        client.models.list_language_models()
    assert len(xai_emulator.calls(LIST)) == 1


async def test_the_servers_retry_hint_is_honoured_and_exposed(xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, grpc.StatusCode.UNAVAILABLE, times=2, retry_after=0.3)
    with xai_emulator.client(retry=RetryPolicy(**FAST)) as client:
        assert client.models.list_language_models()
    first, second, third = (call.time for call in xai_emulator.calls(LIST))
    assert second - first >= 0.29 and third - second >= 0.29  # waits as asked, not the 0.02 s backoff
    xai_emulator.faults.fail(LIST, grpc.StatusCode.RESOURCE_EXHAUSTED, retry_after=90)  # over a minute
    with xai_emulator.client() as client, pytest.raises(errors.RateLimitError) as raised:
        client.models.list_language_models()
    assert raised.value.retry_after == pytest.approx(90)


async def test_the_call_timeout_covers_every_attempt(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.delay(LIST, 0.3)
    xai_emulator.faults.fail(LIST, grpc.StatusCode.UNAVAILABLE, times=None)
    with pytest.raises(errors.DeadlineExceededError):
        await outcome(client.models.list_language_models(timeout=0.5))
    assert len(xai_emulator.calls(LIST)) <= 2


async def test_a_stream_failing_before_its_first_chunk_is_retried(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(STREAM, grpc.StatusCode.UNAVAILABLE, times=1)
    items = await collect(client.chat.create("grok-4", messages=[user("a b c")]).stream())
    assert items[-1][0].content == "a b c"
    assert len(xai_emulator.calls(STREAM)) == 2


@pytest.mark.parametrize("sent", [1, 3])
async def test_a_stream_failing_after_chunks_is_not_retried_and_keeps_them(
    client, xai_emulator, sent
) -> None:
    xai_emulator.faults.fail(STREAM, grpc.StatusCode.UNAVAILABLE, after_chunks=sent)
    with pytest.raises(errors.UnavailableError) as raised:
        # a model that answers at once: grok-4 would first think in chunks without text
        await collect(
            client.chat.create(
                "grok-4-fast-non-reasoning", messages=[user("one two three four five")]
            ).stream()
        )
    assert raised.value.partial.content == "".join(["one", " two", " three"][:sent])
    assert len(xai_emulator.calls(STREAM)) == 1


def test_a_restarted_server_is_reached_again(xai_emulator: Emulator) -> None:
    first = Emulator().start()
    port = first.port
    with Emulator(port=port).client() as client:  # an unstarted emulator, only for its address
        assert client.models.list_language_models()
        first.stop()
        second = Emulator(port=port).start()
        try:
            assert client.models.list_language_models()
            assert len(second.calls(LIST)) >= 1
        finally:
            second.stop()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"max_attempts": 1}, "between 2 and 5"),
        ({"max_attempts": 6}, "between 2 and 5"),
        ({"initial_backoff": 0}, "positive"),
        ({"initial_backoff": 2, "max_backoff": 1}, "max_backoff"),
        ({"retryable_codes": ["NOT_A_CODE"]}, "StatusCode"),
        ({"retryable_codes": []}, "at least one"),
        ({"retryable_codes": ["OK"]}, "OK is not a failure"),
    ],
)
def test_bad_retry_policies_are_refused(arguments, message) -> None:
    with pytest.raises(ValueError, match=message):
        RetryPolicy(**arguments)


def test_a_retry_that_is_not_a_policy_is_refused(xai_emulator: Emulator) -> None:
    with pytest.raises(TypeError, match="RetryPolicy or None"):
        xai_emulator.client(retry=3)


async def test_a_stream_failing_before_any_chunk_gets_exactly_max_attempts(
    client, xai_emulator: Emulator
) -> None:
    xai_emulator.faults.fail(STREAM, grpc.StatusCode.UNAVAILABLE, times=None)
    with pytest.raises(errors.UnavailableError):
        await collect(client.chat.create("grok-4", messages=[user("a b")]).stream())
    assert len(xai_emulator.calls(STREAM)) == 5


async def test_streams_are_not_retried_with_retry_none(xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(STREAM, grpc.StatusCode.UNAVAILABLE, times=1)
    with xai_emulator.client(retry=None) as client, pytest.raises(errors.UnavailableError):
        list(client.chat.create("grok-4", messages=[user("a")]).stream())
    assert len(xai_emulator.calls(STREAM)) == 1


async def test_a_stream_retry_waits_as_the_server_asks(xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(STREAM, grpc.StatusCode.UNAVAILABLE, times=1, retry_after=0.3)
    with xai_emulator.client(retry=RetryPolicy(**FAST)) as client:
        assert list(client.chat.create("grok-4", messages=[user("a")]).stream())
    first, second = (call.time for call in xai_emulator.calls(STREAM))
    assert second - first >= 0.29


def test_streams_are_left_to_grpc_when_channel_options_configure_retries(xai_emulator: Emulator) -> None:
    options = [("grpc.enable_retries", 0)]
    with xai_emulator.client(channel_options=options) as client:
        assert client._config.retry is None
    with xai_emulator.client() as client:
        config = json.loads(dict(client._config.channel_options)["grpc.service_config"])
        excluded = config["methodConfig"][1]
        assert {"service": "xai_api.Chat", "method": "GetCompletionChunk"} in excluded["name"]
        assert "retryPolicy" not in excluded
