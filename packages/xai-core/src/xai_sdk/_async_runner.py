"""The runner of `AsyncClient`: it performs each step of a flow by awaiting, in the running loop.

RPCs go through `grpc.aio.Channel` multi-callables, sleeps through `asyncio.sleep`, blocking
work (an `Offload`, the production of an upload's messages) through worker threads, concurrent
operations (a `Gather`) as tasks. Everything else is `xai_sdk._flow.CallState`'s.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine
from typing import Any, TypeVar

import grpc
import grpc.aio

from xai_sdk._flow import CallState, Failure, outcome_of
from xai_sdk._runners import Runner
from xai_sdk._uploads import Requests
from xai_sdk.operations import Call, Emit, Gather, Offload, Operation, Receive, Run, Sleep, Step, Unary
from xai_sdk.service import Binding

T = TypeVar("T")
_END_OF_STREAM = grpc.aio.EOF  # type: ignore[attr-defined]  # missing from grpc-stubs
_NO_MORE: Any = object()


class AsyncRunner(Runner):
    """Drives operations for `AsyncClient`: `grpc.aio` calls in the running loop, `asyncio.sleep`."""

    is_async = True

    def run(self, op: Operation[T], binding: Binding, method: str) -> Coroutine[Any, Any, T]:
        """A coroutine that runs the operation to its end and returns its result."""
        return self._run(op, binding, method)

    async def _run(self, op: Operation[Any], binding: Binding, method: str) -> Any:
        # The call starts when the coroutine runs (possibly as a task, in a copy of the context),
        # so that observers see its start and its end in the same context.
        state = CallState(self, op, binding, method, emits=False)
        outcome = None
        if type(op) is Unary:
            try:
                outcome = await self._call(op.call, state)
                if state.unary_answered(op, outcome):
                    return state.result
            except BaseException as error:  # what `with state` does, without its two calls
                state.abort(error)
                raise
        async for _ in self.emitted(state, outcome):
            raise TypeError(f"{state!r} emits values: it must be iterated, not run")
        return state.result

    async def emitted(self, state: CallState, outcome: Any = None) -> AsyncIterator[Any]:  # noqa: PLR0912 - see below
        """Drive the call's flow, step by step; yields the values it emits.

        `outcome` is that of the step the flow is at, if the runner made it (see `run`). A server
        stream's messages are read here rather than in a helper: an async generator cannot
        delegate to another, and a layer per message would slow every stream.
        """
        with state:
            step = state.advance(outcome)
            while step is not None:
                if type(step) is Call:
                    outcome = await self._call(step, state)
                elif type(step) is Receive:
                    outcome = call = state.open_stream(step)
                    if type(call) is not Failure:
                        handle, emit, delivered = state.chunk_handler(step), step.emit, 0
                        try:
                            while (chunk := await call.read()) is not _END_OF_STREAM:
                                if chunk is None:  # grpc.aio's way of saying it did not parse
                                    outcome = state.stream_unparsable(step, await call.initial_metadata())
                                    break
                                delivered += 1
                                value = handle(chunk)
                                if emit:
                                    yield value
                                    if state.closed:  # by the caller, or another task
                                        return
                            else:
                                outcome = state.stream_ended(step, await call.initial_metadata())
                        except grpc.RpcError as error:
                            outcome = state.stream_failed(step, error, delivered)
                        except asyncio.CancelledError:
                            if state.closed:  # closed by another task while this one waited
                                return
                            raise
                        except Exception as error:
                            outcome = state.handler_failed(error)
                elif type(step) is Emit:
                    for value in step.values:
                        yield value
                        if state.closed:
                            return
                    outcome = None
                else:
                    outcome = await self._perform(step, state)
                step = state.advance(outcome)

    async def _perform(self, step: Step, state: CallState) -> Any:
        if type(step) is Sleep:
            await asyncio.sleep(state.sleep_seconds(step.seconds))
            return None
        if type(step) is Offload:
            return await asyncio.to_thread(outcome_of, step.function, *step.args)
        if type(step) is Run:
            try:
                return await self.run(step.operation, state.binding, step.method or state.method)
            except Exception as error:
                return Failure(error)
        assert type(step) is Gather
        return await self._gather(step, state.binding)

    async def _call(self, step: Call[Any, Any], state: CallState) -> Any:
        prepared = state.prepare(step)
        if isinstance(prepared, Failure):
            return prepared
        function, requests, timeout, metadata = prepared
        sent = _produced_in_threads(requests) if type(requests) is Requests else requests
        call = function(sent, timeout=timeout, metadata=metadata)
        try:
            response = await call
        except (grpc.RpcError, asyncio.CancelledError) as error:
            # grpc.aio cancels the RPC when an upload's iterator raises: the flow gets that error.
            failure = state.call_failed(step, requests, error)
            if failure is None:
                raise
            return failure
        metadata = await call.initial_metadata()
        if response is None:
            return state.unparsable(step, metadata)
        return state.rpc_succeeded(step, response, metadata)

    async def _gather(self, step: Gather, binding: Binding) -> list[Any]:
        outcomes: list[Any] = [None] * len(step.operations)
        slots = asyncio.Semaphore(max(1, step.limit))

        async def one(index: int, method: str, operation: Operation[Any]) -> None:
            async with slots:
                try:
                    outcomes[index] = await self.run(operation, binding, method)
                except Exception as error:
                    outcomes[index] = error
            if step.on_done is not None:
                step.on_done(index, outcomes[index])

        await asyncio.gather(*(one(index, *pair) for index, pair in enumerate(step.operations)))
        return outcomes


async def _produced_in_threads(requests: Requests) -> AsyncIterator[Any]:
    """A client stream's requests for grpc.aio, each made in a worker thread.

    Producing a request may block (an upload reads its file): that must not stall the loop.
    """
    while (request := await asyncio.to_thread(next, requests, _NO_MORE)) is not _NO_MORE:
        yield request
