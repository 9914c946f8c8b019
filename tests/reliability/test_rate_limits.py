"""Rate limits and the server's retry hints: retried when the server says how long, within bounds."""

from __future__ import annotations

import itertools

import grpc
import pytest

from tests.chat.test_chat_calls import collect
from tests.conftest import is_upload_refusal, outcome
from xai_sdk import errors
from xai_sdk.chat import user
from xai_sdk.emulator import Emulator
from xai_sdk.retry import RetryPolicy

LIST = "Models/ListLanguageModels"
STREAM = "Chat/GetCompletionChunk"
UPLOAD = "Files/UploadFile"
LIMITED = grpc.StatusCode.RESOURCE_EXHAUSTED


def gaps(emulator: Emulator, method: str) -> list[float]:
    times = [call.time for call in emulator.calls(method)]
    return [later - earlier for earlier, later in itertools.pairwise(times)]


async def test_a_rate_limit_with_a_hint_is_retried_twice_waiting_as_asked(
    client, xai_emulator: Emulator
) -> None:
    xai_emulator.faults.fail(LIST, LIMITED, times=2, retry_after=0.2)
    assert await outcome(client.models.list_language_models())
    assert len(xai_emulator.calls(LIST)) == 3
    assert all(gap >= 0.19 for gap in gaps(xai_emulator, LIST))


async def test_a_third_rate_limit_is_raised_with_its_hint(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, LIMITED, times=3, retry_after=0.05)
    with pytest.raises(errors.RateLimitError) as raised:
        await outcome(client.models.list_language_models())
    assert len(xai_emulator.calls(LIST)) == 3 and raised.value.retry_after == pytest.approx(0.05)


async def test_a_rate_limit_without_a_hint_is_raised_at_once(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, LIMITED)
    with pytest.raises(errors.RateLimitError) as raised:
        await outcome(client.models.list_language_models())
    assert len(xai_emulator.calls(LIST)) == 1 and raised.value.retry_after is None


async def test_a_hint_longer_than_the_policy_allows_is_raised_at_once(xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, LIMITED, retry_after=0.5)
    with (
        xai_emulator.client(retry=RetryPolicy(max_retry_after=0.2)) as client,
        pytest.raises(errors.RateLimitError),
    ):
        client.models.list_language_models()
    assert len(xai_emulator.calls(LIST)) == 1


async def test_a_hint_beyond_the_calls_timeout_is_raised_at_once(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, LIMITED, retry_after=5)
    with pytest.raises(errors.RateLimitError):
        await outcome(client.models.list_language_models(timeout=2))
    assert len(xai_emulator.calls(LIST)) == 1


@pytest.mark.parametrize("retry", [RetryPolicy(rate_limit_retries=0), None])
async def test_rate_limit_retries_can_be_turned_off(
    xai_emulator: Emulator, retry: RetryPolicy | None
) -> None:
    xai_emulator.faults.fail(LIST, LIMITED, retry_after=0.01)
    with xai_emulator.client(retry=retry) as client, pytest.raises(errors.RateLimitError):
        client.models.list_language_models()
    assert len(xai_emulator.calls(LIST)) == 1


async def test_a_stream_rate_limited_before_its_first_chunk_is_retried(
    client, xai_emulator: Emulator
) -> None:
    xai_emulator.faults.fail(STREAM, LIMITED, times=2, retry_after=0.1)
    items = await collect(client.chat.create("grok-4", messages=[user("a b")]).stream())
    assert items[-1][0].content == "a b" and len(xai_emulator.calls(STREAM)) == 3
    assert all(gap >= 0.09 for gap in gaps(xai_emulator, STREAM))


async def test_an_upload_is_never_retried_its_data_was_consumed(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(UPLOAD, LIMITED, retry_after=0.01)
    with pytest.raises(errors.RpcError) as raised:
        await outcome(client.files.upload(b"data", filename="a.txt"))
    assert is_upload_refusal(raised.value, LIMITED, client)
    assert len(xai_emulator.calls(UPLOAD)) == 1


async def test_a_negative_pushback_means_no_retry_and_no_hint(client, xai_emulator: Emulator) -> None:
    # gRPC's rule: a negative (or malformed) grpc-retry-pushback-ms says "do not retry".
    xai_emulator.faults.fail(STREAM, grpc.StatusCode.UNAVAILABLE, retry_after=-1)
    with pytest.raises(errors.UnavailableError) as raised:
        await collect(client.chat.create("grok-4", messages=[user("a b")]).stream())
    assert len(xai_emulator.calls(STREAM)) == 1
    assert raised.value.retry_refused and raised.value.retry_after is None


def test_an_absurd_hint_reads_as_the_cap() -> None:
    error = errors.error_from_status(
        LIMITED, "slow down", trailing_metadata=(("grpc-retry-pushback-ms", str(10**15)),)
    )
    assert error.retry_after == errors.MAX_RETRY_AFTER and not error.retry_refused
    malformed = errors.error_from_status(
        LIMITED, "x", trailing_metadata=(("grpc-retry-pushback-ms", "soon"),)
    )
    assert malformed.retry_after is None and malformed.retry_refused


def server_stream_call(entry: str, client, file_id: str, destination: str):  # type: ignore[no-untyped-def]
    """Start one of the entry points that read a server stream."""
    chat = client.chat.create("grok-4", messages=[user("a b")])
    return {
        "chat.stream": chat.stream,
        "chat.stream_batch": lambda: chat.stream_batch(2),
        "files.iter_content": lambda: client.files.iter_content(file_id),
        "files.content": lambda: client.files.content(file_id),
        "files.download": lambda: client.files.download(file_id, destination),
    }[entry]()


@pytest.mark.filterwarnings("ignore:chat.stream_batch will be deprecated:PendingDeprecationWarning")
@pytest.mark.parametrize(
    "entry", ["chat.stream", "chat.stream_batch", "files.iter_content", "files.content", "files.download"]
)
async def test_every_server_stream_is_retried_before_its_first_chunk(
    client, xai_emulator: Emulator, entry: str, tmp_path
) -> None:
    method = STREAM if entry.startswith("chat") else "Files/RetrieveFileContent"
    file_id = xai_emulator.files.add_file("a.txt", b"abc").id
    xai_emulator.faults.fail(method, grpc.StatusCode.UNAVAILABLE)
    started = server_stream_call(entry, client, file_id, str(tmp_path / "copy.txt"))
    if entry in ("files.content", "files.download"):
        await outcome(started)
    else:
        assert await collect(started)
    assert len(xai_emulator.calls(method)) == 2
