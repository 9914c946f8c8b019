"""Operations driven by both runners: multi-step flows, deadlines, streams."""

from __future__ import annotations

import asyncio
import inspect

import grpc
import pytest

from tests.conftest import outcome
from tests.plugin_for_tests import xai_echo
from xai_sdk import errors
from xai_sdk.emulator import Emulator
from xai_sdk.operations import Sleep, unary
from xai_sdk.proto import sample_pb2

SAMPLE = "Sample/SampleText"
STREAM = "Sample/SampleTextStreaming"


@pytest.fixture(params=["sync", "async"])
async def echo(request: pytest.FixtureRequest, xai_emulator: Emulator):  # type: ignore[no-untyped-def]
    if request.param == "sync":
        with xai_emulator.client(plugins=[xai_echo.plugin]) as client:
            yield client.echo
    else:
        async with xai_emulator.async_client(plugins=[xai_echo.plugin]) as client:
            yield client.echo


async def collect(stream) -> list[str]:  # type: ignore[no-untyped-def]
    if hasattr(stream, "__anext__") and stream._runner.is_async:
        return [value async for value in stream]
    return list(stream)


async def test_a_multi_step_flow_makes_each_rpc_and_returns_its_result(echo, xai_emulator: Emulator) -> None:
    assert await outcome(echo.complete_twice("hi")) == ["hi", "hi"]
    assert len(xai_emulator.calls(SAMPLE)) == 2


async def test_an_rpc_error_is_raised_inside_the_flow_which_may_handle_it(echo) -> None:
    assert await outcome(echo.complete_or("hi", "fallback", model="no-such-model")) == "fallback"
    assert await outcome(echo.complete_or("hi", "fallback", model="grok-4")) == "hi"


async def test_the_timeout_bounds_the_whole_flow_including_its_sleeps(echo, xai_emulator: Emulator) -> None:
    with pytest.raises(errors.DeadlineExceededError, match="ran out before this RPC"):
        await outcome(echo.complete_twice("hi", pause=30, timeout=0.3))
    assert len(xai_emulator.calls(SAMPLE)) == 1


async def run_built(bound, method: str, *args):  # type: ignore[no-untyped-def]
    """Build a method's operation, run it on the bound object's runner; (operation, result)."""
    operation = getattr(type(bound)._variant_of, method).build(bound, *args)
    binding = bound._binding
    return operation, await outcome(binding.runner.run(operation, binding, method))


async def test_a_unary_call_that_succeeds_never_starts_its_flow(echo) -> None:
    operation, result = await run_built(echo, "complete", "hi")
    assert result == "hi"
    assert inspect.getgeneratorstate(operation.flow) == inspect.GEN_CREATED


async def test_a_unary_call_that_fails_raises_from_its_flow_with_the_request_id(
    echo, xai_emulator: Emulator
) -> None:
    xai_emulator.faults.fail(SAMPLE, grpc.StatusCode.INTERNAL)
    with pytest.raises(errors.InternalServerError) as raised:
        await run_built(echo, "complete", "hi")
    assert raised.value.request_id == xai_emulator.calls(SAMPLE)[0].request_id
    assert any(frame.function == "_single_call" for frame in inspect.getinnerframes(raised.tb))


def test_a_unary_operation_compares_and_shows_its_operations_fields_too() -> None:
    request = sample_pb2.SampleTextRequest(prompt=["hi"])
    one, other = (
        unary(xai_echo.SAMPLE_TEXT, request, timeout=1),
        unary(xai_echo.SAMPLE_TEXT, request, timeout=2),
    )
    assert one != other
    assert "timeout=1.0" in repr(one) and "call=Call(" in repr(one)
    assert Sleep(1) == Sleep(1) != Sleep(2)


async def test_a_bad_timeout_is_refused_before_any_rpc(echo, xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="timeout must be a positive"):
        await outcome(echo.complete("hi", timeout=-5))
    with pytest.raises(TypeError, match="timeout must be a number"):
        await outcome(echo.complete("hi", timeout="5"))
    assert xai_emulator.requests == []


async def test_a_stream_yields_each_chunk(echo) -> None:
    assert await collect(echo.stream("one two three")) == ["one", " two", " three"]


def test_a_blocking_stream_hands_each_chunk_over_from_one_generator(xai_emulator: Emulator) -> None:
    # Each chunk resumes the runner's generator only: a generator it delegated to would be
    # resumed per chunk too (gi_yieldfrom is that generator while it runs).
    with xai_emulator.client(plugins=[xai_echo.plugin]) as client:
        stream = client.echo.stream("one two three")
        iterator = iter(stream)
        assert next(iterator) == "one"
        assert iterator.gi_yieldfrom is None
        assert list(iterator) == [" two", " three"]


async def test_a_stream_starts_its_rpc_only_when_iterated(echo, xai_emulator: Emulator) -> None:
    stream = echo.stream("one two")
    assert xai_emulator.calls(STREAM) == []
    await collect(stream)
    assert len(xai_emulator.calls(STREAM)) == 1


async def test_a_stream_failing_midway_raises_a_typed_error_after_the_chunks_sent(
    echo, xai_emulator: Emulator
) -> None:
    xai_emulator.faults.fail(STREAM, grpc.StatusCode.INTERNAL, after_chunks=2)
    received: list[str] = []

    async def consume() -> None:
        stream = echo.stream("one two three four")
        if stream._runner.is_async:
            async for value in stream:
                received.append(value)
        else:
            received.extend(stream)

    with pytest.raises(errors.InternalServerError) as raised:
        await consume()
    assert received == ["one", " two"]
    assert raised.value.request_id == xai_emulator.calls(STREAM)[0].request_id


async def test_closing_a_stream_cancels_the_rpc_at_the_server(echo, xai_emulator: Emulator) -> None:
    stream = echo.stream(" ".join(["word"] * 2000))
    first = await anext(stream) if stream._runner.is_async else next(stream)
    stream.close()
    assert first == "word"
    assert await collect(stream) == []
    record = xai_emulator.calls(STREAM)[0]
    for _ in range(500):  # the server learns of the cancellation asynchronously
        if record.cancelled:
            break
        await asyncio.sleep(0.01)
    assert record.cancelled


def test_a_sync_stream_refuses_async_iteration_and_vice_versa(xai_emulator: Emulator) -> None:
    with xai_emulator.client(plugins=[xai_echo.plugin]) as client:
        stream = client.echo.stream("a")
        with pytest.raises(TypeError, match="iterate it with `for`"):
            asyncio.run(anext(stream))
    async_client = xai_emulator.async_client(plugins=[xai_echo.plugin])
    with pytest.raises(TypeError, match="async for"):
        next(async_client.echo.stream("a"))


async def test_gather_runs_operations_concurrently_and_returns_each_outcome(
    echo, xai_emulator: Emulator
) -> None:
    outcomes = await outcome(
        echo.complete_many(["a", "b", "c"], limit=2, models=["grok-4", "no-such-model", "grok-3"])
    )
    assert outcomes[0] == "a" and outcomes[2] == "c"
    assert isinstance(outcomes[1], errors.NotFoundError)
    assert len(xai_emulator.calls(SAMPLE)) == 3


async def test_gathered_operations_are_seen_as_calls_of_their_own(xai_emulator: Emulator) -> None:
    from tests.core.test_plugins import Recorder

    recorder = Recorder()
    with xai_emulator.client(plugins=[recorder, xai_echo.plugin]) as client:
        client.echo.complete_many(["x", "y"])
    started = [details for kind, details in recorder.events if kind == "started"]
    assert [method for _, method, _, _ in started] == ["complete_many", "complete", "complete"]


async def test_offload_runs_a_blocking_function_and_passes_its_error_to_the_flow(echo) -> None:
    assert await outcome(echo.shout("hey")) == "HEY"
    assert await outcome(echo.shout("")) == "(nothing to shout)"


async def test_receive_hands_each_chunk_of_a_stream_to_the_flow(echo, xai_emulator: Emulator) -> None:
    assert await outcome(echo.collect("one two three")) == ["one", " two", " three"]
    assert len(xai_emulator.calls(STREAM)) == 1


async def test_receive_raises_a_stream_failing_midway_in_the_flow(echo, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(STREAM, grpc.StatusCode.INTERNAL, after_chunks=1)
    with pytest.raises(errors.InternalServerError):
        await outcome(echo.collect("one two three"))


async def test_an_error_of_the_chunk_handler_cancels_the_stream_and_reaches_the_caller(
    echo, xai_emulator: Emulator
) -> None:
    with pytest.raises(ValueError, match="stopped after 1 chunks"):
        await outcome(echo.collect(" ".join(["word"] * 2000), stop_after=1))
    record = xai_emulator.calls(STREAM)[0]
    for _ in range(200):
        if record.cancelled:
            break
        await asyncio.sleep(0.01)
    assert record.cancelled
