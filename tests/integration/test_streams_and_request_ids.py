"""Streams closed or cancelled from elsewhere, and request ids on responses."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time

import pytest

from tests.conftest import outcome
from xai_sdk import errors
from xai_sdk.chat import user
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.chat import Reply
from xai_sdk.hookspecs import CallInfo, hookimpl

STREAM = "Chat/GetCompletionChunk"


async def wait_for_cancellation(emulator: Emulator, seconds: float = 5.0) -> bool:
    """Whether the server saw the stream cancelled within `seconds` (it learns of it asynchronously)."""
    record = emulator.calls(STREAM)[0]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if record.cancelled:
            return True
        await asyncio.sleep(0.01)
    return record.cancelled


async def test_breaking_out_of_an_async_for_cancels_the_rpc(xai_emulator: Emulator) -> None:
    # The stream object is referenced by nothing but the loop: dropping it is the only signal.
    xai_emulator.chat.script(Reply(content="word " * 5000))
    async with xai_emulator.async_client() as client:
        async for _ in client.chat.create("grok-4", messages=[user("long")]).stream():
            break
        assert await wait_for_cancellation(xai_emulator, seconds=1.0)  # the bound: 1 s


def test_breaking_out_of_a_for_cancels_the_rpc(xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(Reply(content="word " * 5000))
    with xai_emulator.client() as client:
        for _ in client.chat.create("grok-4", messages=[user("long")]).stream():
            break
        assert asyncio.run(wait_for_cancellation(xai_emulator, seconds=1.0))


async def test_an_async_stream_dropped_before_its_end_cancels_the_rpc(xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(Reply(content="word " * 5000))
    async with xai_emulator.async_client() as client:
        stream = client.chat.create("grok-4", messages=[user("long")]).stream()
        await anext(stream)
        del stream
        assert await wait_for_cancellation(xai_emulator, seconds=1.0)


class _Ends:
    """Observes the end of each call."""

    def __init__(self) -> None:
        self.ended: list[tuple[str, bool, BaseException | None]] = []

    @hookimpl
    def xai_sdk_call_finished(self, call: CallInfo, result: object, error: BaseException | None) -> None:
        self.ended.append((call.method, call.closed_early, error))


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_a_stream_dropped_before_it_was_iterated_ends_its_call_for_observers(
    xai_emulator: Emulator, is_async: bool
) -> None:
    ends = _Ends()
    make = xai_emulator.async_client if is_async else xai_emulator.client
    client = make(plugins=[ends])
    stream = client.chat.create("grok-4", messages=[user("hi")]).stream()
    assert ends.ended == []
    del stream
    assert ends.ended == [("stream", True, None)]
    assert xai_emulator.calls(STREAM) == []  # it never started
    if not is_async:
        client.close()  # the async client opened no channel: no loop ever ran


async def test_an_async_stream_closed_from_another_task_ends_cleanly(xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(Reply(content="word " * 5000))
    async with xai_emulator.async_client() as client:
        stream = client.chat.create("grok-4", messages=[user("long")]).stream()
        received: list[str] = []
        responses = []
        first = asyncio.Event()

        async def consume() -> None:
            async for response, chunk in stream:
                received.append(chunk.content)
                responses.append(response)
                first.set()
                await asyncio.sleep(0)

        consumer = asyncio.create_task(consume())
        await first.wait()
        stream.close()
        await asyncio.wait_for(consumer, 10)  # no "asynchronous generator is already running"
        assert received and responses[-1].content == "".join(received)  # as the loop last saw it
    assert await wait_for_cancellation(xai_emulator)


async def test_cancelling_the_consuming_task_cancels_the_rpc(xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(Reply(content="word " * 5000))
    async with xai_emulator.async_client() as client:
        stream = client.chat.create("grok-4", messages=[user("long")]).stream()
        first = asyncio.Event()

        async def consume() -> None:
            async for _ in stream:
                first.set()
                await asyncio.sleep(0.001)

        consumer = asyncio.create_task(consume())
        await first.wait()
        consumer.cancel()
        with pytest.raises(asyncio.CancelledError):
            await consumer
    assert await wait_for_cancellation(xai_emulator)


async def test_a_sync_stream_closed_from_another_thread_ends_cleanly(xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(Reply(content="word " * 5000))
    with xai_emulator.client() as client:
        # A model that does not think first: its first chunk already holds "word".
        stream = client.chat.create("grok-4-fast-non-reasoning", messages=[user("long")]).stream()
        response, _ = next(stream)
        closer = threading.Timer(0.05, stream.close)
        closer.start()
        count = sum(1 for _ in stream)  # ends without an error once closed
        closer.join()
        assert count < 5000
        assert response.content.startswith("word")
    assert await wait_for_cancellation(xai_emulator)


async def test_responses_carry_the_request_id(client, xai_emulator: Emulator) -> None:
    chat = client.chat.create("grok-4", messages=[user("hi")])
    response = await outcome(chat.sample())
    assert response.request_id == xai_emulator.calls("Chat/GetCompletion")[-1].request_id
    stream = chat.stream()
    items = [item async for item in stream] if client._runner.is_async else list(stream)
    assert items[-1][0].request_id == xai_emulator.calls(STREAM)[-1].request_id


async def test_errors_carry_the_request_id(client, xai_emulator: Emulator) -> None:
    with pytest.raises(errors.InvalidArgumentError) as raised:  # "Model not found: grok-99", as the API says
        await outcome(client.chat.create("grok-99", messages=[user("hi")]).sample())
    assert raised.value.request_id == xai_emulator.calls("Chat/GetCompletion")[-1].request_id
    assert raised.value.request_id in str(raised.value)


def test_polling_uses_a_monotonic_clock(xai_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    # A wall clock jumping by hours must not end a poll early (or make it last forever).
    real_time, jumps = time.time, itertools.count()
    monkeypatch.setattr(time, "time", lambda: real_time() + next(jumps) * 3600)
    xai_emulator.chat.deferred_polls = 3
    with xai_emulator.client() as client:
        response = client.chat.create("grok-4", messages=[user("later")]).defer(timeout=30, interval=0.01)
    assert response.content == "later"
