"""The runner of `Client`: it performs each step of a flow with blocking I/O.

RPCs go through `grpc.Channel` multi-callables, sleeps through `time.sleep`, concurrent
operations (a `Gather`) through a thread pool. Everything else is `xai_sdk._flow.CallState`'s.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterator
from typing import Any, TypeVar

import grpc

from xai_sdk._flow import CallState, Failure, outcome_of
from xai_sdk._runners import Runner
from xai_sdk.operations import Call, Emit, Gather, Offload, Operation, Receive, Run, Sleep, Step, Unary
from xai_sdk.service import Binding

T = TypeVar("T")


class SyncRunner(Runner):
    """Drives operations for `Client`: blocking calls on `grpc.Channel`, `time.sleep`."""

    is_async = False

    def run(self, op: Operation[T], binding: Binding, method: str) -> T:
        """Run an operation to its end and return its result."""
        state = CallState(self, op, binding, method, emits=False)
        outcome = None
        if type(op) is Unary:
            try:
                outcome = self._call(op.call, state)
                if state.unary_answered(op, outcome):
                    return state.result  # type: ignore[no-any-return]
            except BaseException as error:  # what `with state` does, without its two calls
                state.abort(error)
                raise
        for _ in self.emitted(state, outcome):
            raise TypeError(f"{state!r} emits values: it must be iterated, not run")
        return state.result  # type: ignore[no-any-return]

    def emitted(self, state: CallState, outcome: Any = None) -> Iterator[Any]:  # noqa: PLR0912 - see below
        """Drive the call's flow, step by step; yields the values it emits.

        `outcome` is that of the step the flow is at, if the runner made it (see `run`). A server
        stream's messages are read here rather than in a generator it delegates to: each message
        would resume both.
        """
        with state:
            step = state.advance(outcome)
            while step is not None:
                if type(step) is Call:
                    outcome = self._call(step, state)
                elif type(step) is Receive:
                    outcome = call = state.open_stream(step)
                    if type(call) is not Failure:
                        handle, emit, delivered = state.chunk_handler(step), step.emit, 0
                        try:
                            for chunk in call:
                                delivered += 1
                                value = handle(chunk)
                                if emit:
                                    yield value
                        except grpc.RpcError as error:
                            if state.closed:
                                return
                            outcome = state.stream_failed(step, error, delivered)
                        except Exception as error:
                            outcome = state.handler_failed(error)
                        else:
                            outcome = state.stream_ended(step, call.initial_metadata())
                elif type(step) is Emit:
                    yield from step.values
                    outcome = None
                else:
                    outcome = self._perform(step, state)
                if state.closed:  # by another thread, while this one waited for the server
                    return
                step = state.advance(outcome)

    def _perform(self, step: Step, state: CallState) -> Any:
        if type(step) is Sleep:
            time.sleep(state.sleep_seconds(step.seconds))
            return None
        if type(step) is Offload:
            return outcome_of(step.function, *step.args)
        if type(step) is Run:
            return outcome_of(self.run, step.operation, state.binding, step.method or state.method)
        assert type(step) is Gather
        return self._gather(step, state.binding)

    def _call(self, step: Call[Any, Any], state: CallState) -> Any:
        prepared = state.prepare(step)
        if isinstance(prepared, Failure):
            return prepared
        function, request, timeout, metadata = prepared
        try:
            response, call = function.with_call(request, timeout=timeout, metadata=metadata)
        except grpc.RpcError as error:
            return state.call_failed(step, request, error)
        return state.rpc_succeeded(step, response, call.initial_metadata())

    def _gather(self, step: Gather, binding: Binding) -> list[Any]:
        # concurrent.futures.thread (and queue) cost start-up time to every program otherwise.
        from concurrent.futures import ThreadPoolExecutor, as_completed  # noqa: PLC0415

        outcomes: list[Any] = [None] * len(step.operations)
        if not outcomes:
            return outcomes
        with ThreadPoolExecutor(max_workers=max(1, min(step.limit, len(outcomes)))) as pool:
            # Each runs in a copy of the caller's context, so that e.g. a tracing span of the
            # calling operation is the parent of theirs, as it is for asyncio tasks.
            futures = {
                pool.submit(contextvars.copy_context().run, self.run, operation, binding, method): index
                for index, (method, operation) in enumerate(step.operations)
            }
            for future in as_completed(futures):
                index = futures[future]
                outcomes[index] = future.exception() or future.result()
                if step.on_done is not None:
                    step.on_done(index, outcomes[index])
        return outcomes
