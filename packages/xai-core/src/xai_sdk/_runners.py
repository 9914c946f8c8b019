"""The two drivers of operations: `SyncRunner` and `AsyncRunner`.

Every sub-client method of every service goes through one of them. A runner drives an
`Operation`'s flow: it performs each step the flow yields (an RPC with the client's metadata
and the call's remaining time, or a sleep), sends the outcome back, and tells the observation
hooks what happened. The sync runner blocks on `grpc.Channel` and `time.sleep`; the async one
awaits `grpc.aio.Channel` and `asyncio.sleep`. All the bookkeeping they share lives in
`_CallState`, and streams in `ResponseStream`, which serves both iteration protocols (as
`xai_sdk.pagination.Paginator` does for paged listings, one operation per page).
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections.abc import AsyncIterable, AsyncIterator, Coroutine, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any, ClassVar, Generic, TypeVar, cast

import grpc
import grpc.aio

from xai_sdk._config import Metadata, sdk_metadata
from xai_sdk._transport import Transport
from xai_sdk.errors import RpcError, error_from_status, from_grpc_error, request_id_from
from xai_sdk.hookspecs import CallInfo, ChannelKind, RpcInfo
from xai_sdk.meta import ProtoDecorator
from xai_sdk.operations import (
    Call,
    Flow,
    Gather,
    Offload,
    Operation,
    Receive,
    Rpc,
    Sleep,
    Step,
    StreamOperation,
)
from xai_sdk.pagination import PagedOperation, Paginator
from xai_sdk.plugins import Observers
from xai_sdk.service import Binding

T = TypeVar("T")
_END_OF_STREAM = grpc.aio.EOF  # type: ignore[attr-defined]  # missing from grpc-stubs


class _Failure:
    """The outcome of a step that failed: the error is raised inside the flow.

    `delivered` counts the messages a failed server stream handed over before it failed.
    """

    __slots__ = ("delivered", "error")

    def __init__(self, error: BaseException, delivered: int = 0) -> None:
        self.error = error
        self.delivered = delivered


class _CallState:
    """One call in progress: its deadline, its flow, and what the observers are told."""

    __slots__ = (
        "binding",
        "deadline",
        "finished",
        "flow",
        "info",
        "rate_limit_retries",
        "repeat",
        "request_id",
        "result",
        "runner",
        "step",
        "stream_retries",
    )

    def __init__(
        self,
        runner: Runner,
        binding: Binding,
        method: str,
        request: Any,
        timeout: float | None,
        *,
        streaming: bool,
        flow: Flow[Any] | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        self.runner = runner
        self.binding = binding
        self.deadline = time.monotonic() + (runner.timeout if timeout is None else timeout)
        self.flow = flow
        self.result: Any = None
        self.request_id: str | None = None
        self.finished = False
        self.step: Step | None = None
        self.repeat: Call[Any, Any] | Receive[Any, Any] | None = None
        self.rate_limit_retries = 0
        self.stream_retries = 0
        self.info: CallInfo | None = None
        if runner.observers.active:
            self.info = CallInfo(
                binding.service,
                method,
                request,
                streaming,
                runner.is_async,
                runner.transport.config.api_host,
                details=details or {},
            )
            runner.observers.call_started(self.info)

    # -- driving the flow ---------------------------------------------------------------------

    def advance(self, outcome: Any) -> Step | None:
        """Send the last step's outcome into the flow; the next step, or None when it returned.

        A failure the retry policy retries is not reported to the flow: the next steps are a
        `Sleep`, then the same RPC again (see `retry_delay`).
        """
        if self.repeat is not None:  # the outcome of the Sleep before a retry
            self.step, self.repeat = self.repeat, None
            return self.step
        step = self.step
        if type(outcome) is _Failure and (type(step) is Call or type(step) is Receive):
            delay = self.retry_delay(step.rpc, outcome.error, delivered=outcome.delivered)
            if delay is not None:
                self.repeat, self.step = step, Sleep(delay)
                return self.step
        assert self.flow is not None
        try:
            if type(outcome) is _Failure:
                self.step = self.flow.throw(outcome.error)
            else:
                self.step = self.flow.send(outcome)
            return self.step
        except StopIteration as stop:
            self.result = stop.value
            attach_request_id(stop.value, self.request_id)
            self.finish(stop.value, None)
            return None

    def retry_delay(self, rpc: Rpc[Any, Any], error: BaseException, *, delivered: int) -> float | None:
        """Seconds to wait before making `rpc` again after `error`, or None to fail.

        The one place that decides the SDK's own retries (gRPC's retry unary calls on the
        policy's codes by themselves):

        - a server stream that delivered nothing: the policy's codes, with its backoff or the
          server's hint, up to its attempts; after a message, a failure is final;
        - a rate limit on a unary call or such a stream, when the server said how long to wait;
        - never an upload (its data was consumed), never against the server's "do not retry"
          (a negative or malformed pushback), never past the call's deadline.
        """
        policy = self.runner.transport.config.retry
        streaming = rpc.kind == "server_stream"
        if policy is None or not isinstance(error, RpcError) or error.retry_refused:
            return None
        if rpc.kind == "client_stream" or (streaming and delivered):
            return None
        if policy.retries(error.code()):
            if not streaming:  # gRPC's own retries covered it
                return None
            self.stream_retries += 1
            if self.stream_retries >= policy.max_attempts:
                return None
            delay: float | None = policy.delay(self.stream_retries, error.retry_after)
        else:
            delay = policy.rate_limit_delay(error, self.rate_limit_retries)
            self.rate_limit_retries += delay is not None
        if delay is None or delay >= self.deadline - time.monotonic():
            return None
        return delay

    def abort(self, error: BaseException) -> None:
        """The call ended with an exception (from the flow, or e.g. a cancellation)."""
        if self.flow is not None:
            self.flow.close()
        self.finish(None, error)

    def finish(self, result: Any, error: BaseException | None) -> None:
        """Tell the observers the call ended (once)."""
        if self.finished:
            return
        self.finished = True
        if self.info is not None:
            self.runner.observers.call_finished(self.info, result, error)

    # -- steps ----------------------------------------------------------------------------------

    def sleep_seconds(self, seconds: float) -> float:
        """How long a `Sleep` may last: as asked, but never past the deadline."""
        return max(0.0, min(seconds, self.deadline - time.monotonic()))

    def prepare(self, rpc: Rpc[Any, Any]) -> tuple[Any, float, Metadata] | _Failure:
        """The multi-callable, timeout and metadata of an RPC, or a failure if time is up."""
        kind: ChannelKind = rpc.channel or self.binding.channel
        metadata = self.runner.metadata(kind)
        callable_ = self.runner.transport.callable(rpc, kind)
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            error = error_from_status(
                grpc.StatusCode.DEADLINE_EXCEEDED,
                "the call's timeout ran out before this RPC could start",
                method=rpc.path,
            )
            return self.rpc_failed(rpc, None, error, time.monotonic())
        return callable_, remaining, metadata

    def rpc_succeeded(
        self, rpc: Rpc[Any, Any], request: Any, response: Any, started: float, metadata: Any
    ) -> Any:
        """Record a successful RPC; returns its response, the flow's outcome."""
        self.request_id = request_id_from(metadata) or self.request_id
        if self.info is not None:
            rpc_info = RpcInfo(rpc.path, _loggable(rpc, request), response, None, time.monotonic() - started)
            rpc_info.request_id = self.request_id
            self.runner.observers.rpc_finished(self.info, rpc_info)
        return response

    def unparsable(self, rpc: Rpc[Any, Any], request: Any, metadata: Any, started: float) -> _Failure:
        """Record an RPC whose response did not parse (grpc.aio hands it over as None)."""
        return self.rpc_failed(rpc, request, unparsable_response(rpc, metadata), started)

    def rpc_failed(self, rpc: Rpc[Any, Any], request: Any, error: grpc.RpcError, started: float) -> _Failure:
        """Record a failed RPC; returns the typed error as the flow's outcome."""
        typed = from_grpc_error(error, rpc.path)
        if self.info is not None:
            rpc_info = RpcInfo(rpc.path, _loggable(rpc, request), None, typed, time.monotonic() - started)
            rpc_info.request_id = typed.request_id
            self.runner.observers.rpc_finished(self.info, rpc_info)
        return _Failure(typed)


def unparsable_response(rpc: Rpc[Any, Any], metadata: Any) -> RpcError:
    """The error for a response that does not parse as the RPC's message: INTERNAL, as grpc's own.

    grpc's blocking calls raise INTERNAL "Exception deserializing response!"; grpc.aio returns
    None instead, which the async runner turns into this same error.
    """
    expected = rpc.response_type.DESCRIPTOR.full_name
    return error_from_status(
        grpc.StatusCode.INTERNAL,
        f"Exception deserializing response! (not a {expected})",
        method=rpc.path,
        initial_metadata=metadata or (),
    )


def attach_request_id(result: Any, request_id: str | None) -> None:
    """Give a call's response wrappers (one, or a list or tuple of them) the server's request id."""
    if request_id is None:
        return
    for item in result if isinstance(result, (list, tuple)) else (result,):
        if isinstance(item, ProtoDecorator):
            item._request_id = request_id


def _outcome_of(function: Any, *args: Any) -> Any:
    """What an `Offload` step sends back to its flow: the function's result or its failure."""
    try:
        return function(*args)
    except Exception as error:
        return _Failure(error)


class _Requests:
    """The request messages of a client stream, remembering the exception their iterator raised.

    grpc reports such an exception as a bare cancellation (UNKNOWN in `Client`, an
    `asyncio.CancelledError` in `AsyncClient`); the runners raise the exception itself instead.
    """

    __slots__ = ("error", "iterator")

    def __init__(self, requests: Any) -> None:
        self.iterator: Iterator[Any] = iter(requests)
        self.error: BaseException | None = None

    def __iter__(self) -> _Requests:
        return self

    def __next__(self) -> Any:
        try:
            return next(self.iterator)
        except StopIteration:
            raise
        except Exception as error:
            self.error = error
            raise


def _requests_of(step: Call[Any, Any]) -> Any:
    """The request to send: a client stream's iterable wrapped in `_Requests`."""
    if step.rpc.kind != "client_stream" or isinstance(step.request, AsyncIterable):
        return step.request
    return _Requests(step.request)


async def _produced_in_threads(requests: _Requests) -> AsyncIterator[Any]:
    """A client stream's requests for grpc.aio, each made in a worker thread.

    Producing a request may block (an upload reads its file): that must not stall the loop.
    """
    while (request := await asyncio.to_thread(next, requests, _NO_MORE)) is not _NO_MORE:
        yield request


_NO_MORE: Any = object()


def _request_failure(
    state: _CallState, step: Call[Any, Any], requests: Any, started: float
) -> _Failure | None:
    """The failure to raise when a client stream's own iterator raised, else None."""
    if type(requests) is not _Requests or requests.error is None:
        return None
    cancelled = error_from_status(
        grpc.StatusCode.CANCELLED, f"the request iterator raised {requests.error!r}", method=step.rpc.path
    )
    state.rpc_failed(step.rpc, None, cancelled, started)
    return _Failure(requests.error)


def _loggable(rpc: Rpc[Any, Any], request: Any) -> Any:
    # A client stream's request is an iterator that the RPC consumed: there is nothing to show.
    return None if rpc.kind == "client_stream" else request


class Runner:
    """What both runners share: the transport, observers, default timeout and metadata."""

    is_async: ClassVar[bool]

    def __init__(
        self,
        transport: Transport,
        observers: Observers,
        *,
        timeout: float,
        metadata: Metadata = (),
    ) -> None:
        self.transport = transport
        self.observers = observers
        self.timeout = timeout
        self.user_metadata = metadata
        self._metadata: dict[ChannelKind, Metadata] = {}

    def metadata(self, kind: ChannelKind) -> Metadata:
        """Everything sent with a call on a channel: the key, the user's metadata, the SDK's."""
        metadata = self._metadata.get(kind)
        if metadata is None:
            metadata = self.transport.auth_metadata(kind) + self.user_metadata + sdk_metadata()
            self._metadata[kind] = metadata
        return metadata

    def with_defaults(self, *, timeout: float | None = None, metadata: Metadata = ()) -> Runner:
        """A runner on the same channels with another default timeout and extra metadata."""
        return type(self)(
            self.transport,
            self.observers,
            timeout=self.timeout if timeout is None else timeout,
            metadata=self.user_metadata + metadata,
        )

    def stream(self, op: StreamOperation[T], binding: Binding, method: str) -> ResponseStream[T]:
        """Start a streaming call; the RPC begins when the stream is first iterated."""
        return ResponseStream(self, op, binding, method)

    def paginate(self, op: PagedOperation[T], binding: Binding, method: str) -> Paginator[T]:
        """Start a paged listing; its first page is fetched when it is first iterated."""
        return Paginator(self, op, binding, method)

    def _state(self, op: Operation[Any], binding: Binding, method: str) -> _CallState:
        return _CallState(
            self, binding, method, op.request, op.timeout, streaming=False, flow=op.flow, details=op.details
        )


class SyncRunner(Runner):
    """Drives operations for `Client`: blocking calls on `grpc.Channel`, `time.sleep`."""

    is_async = False

    def run(self, op: Operation[T], binding: Binding, method: str) -> T:
        """Run an operation to its end and return its result."""
        state = self._state(op, binding, method)
        try:
            step = state.advance(None)
            while step is not None:
                step = state.advance(self._perform(step, state))
        except BaseException as error:
            state.abort(error)
            raise
        return state.result  # type: ignore[no-any-return]

    def _perform(self, step: Step, state: _CallState) -> Any:
        if type(step) is Call:
            return self._call(step, state)
        if type(step) is Receive:
            return self._receive(step, state)
        if type(step) is Sleep:
            time.sleep(state.sleep_seconds(step.seconds))
            return None
        if type(step) is Offload:
            return _outcome_of(step.function, *step.args)
        assert type(step) is Gather
        return self._gather(step, state.binding)

    def _call(self, step: Call[Any, Any], state: _CallState) -> Any:
        prepared = state.prepare(step.rpc)
        if type(prepared) is _Failure:
            return prepared
        callable_, timeout, metadata = prepared  # type: ignore[misc]
        started = time.monotonic()
        requests = _requests_of(step)
        try:
            response, call = callable_.with_call(requests, timeout=timeout, metadata=metadata)
        except grpc.RpcError as error:
            return _request_failure(state, step, requests, started) or state.rpc_failed(
                step.rpc, step.request, error, started
            )
        return state.rpc_succeeded(step.rpc, step.request, response, started, call.initial_metadata())

    def _receive(self, step: Receive[Any, Any], state: _CallState) -> Any:
        prepared = state.prepare(step.rpc)
        if type(prepared) is _Failure:
            return prepared
        callable_, timeout, metadata = prepared  # type: ignore[misc]
        started = time.monotonic()
        call = callable_(step.request, timeout=timeout, metadata=metadata)
        delivered = 0
        try:
            for chunk in call:
                delivered += 1
                step.on_chunk(chunk)
        except grpc.RpcError as error:
            call.cancel()  # after a response that did not parse, the server may still be sending
            failure = state.rpc_failed(step.rpc, step.request, error, started)
            failure.delivered = delivered
            return failure
        except Exception as error:
            call.cancel()
            return _Failure(error)
        except BaseException:
            call.cancel()
            raise
        return state.rpc_succeeded(step.rpc, step.request, None, started, call.initial_metadata())

    def _gather(self, step: Gather, binding: Binding) -> list[Any]:
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


class AsyncRunner(Runner):
    """Drives operations for `AsyncClient`: `grpc.aio` calls in the running loop, `asyncio.sleep`."""

    is_async = True

    def run(self, op: Operation[T], binding: Binding, method: str) -> Coroutine[Any, Any, T]:
        """A coroutine that runs the operation to its end and returns its result."""
        return self._run(op, binding, method)

    async def _run(self, op: Operation[Any], binding: Binding, method: str) -> Any:
        # The call starts when the coroutine runs (possibly as a task, in a copy of the context),
        # so that observers see its start and its end in the same context.
        state = self._state(op, binding, method)
        try:
            step = state.advance(None)
            while step is not None:
                step = state.advance(await self._perform(step, state))
        except BaseException as error:
            state.abort(error)
            raise
        return state.result

    async def _perform(self, step: Step, state: _CallState) -> Any:
        if type(step) is Call:
            return await self._call(step, state)
        if type(step) is Receive:
            return await self._receive(step, state)
        if type(step) is Sleep:
            await asyncio.sleep(state.sleep_seconds(step.seconds))
            return None
        if type(step) is Offload:
            return await asyncio.to_thread(_outcome_of, step.function, *step.args)
        assert type(step) is Gather
        return await self._gather(step, state.binding)

    async def _call(self, step: Call[Any, Any], state: _CallState) -> Any:
        prepared = state.prepare(step.rpc)
        if type(prepared) is _Failure:
            return prepared
        callable_, timeout, metadata = prepared  # type: ignore[misc]
        started = time.monotonic()
        requests = _requests_of(step)
        sent = _produced_in_threads(requests) if type(requests) is _Requests else requests
        call = callable_(sent, timeout=timeout, metadata=metadata)
        try:
            response = await call
        except grpc.RpcError as error:
            return _request_failure(state, step, requests, started) or state.rpc_failed(
                step.rpc, step.request, error, started
            )
        except asyncio.CancelledError:
            # grpc.aio cancels the RPC when the request iterator raises: give the flow that error.
            failure = _request_failure(state, step, requests, started)
            if failure is None:
                raise
            return failure
        metadata = await call.initial_metadata()
        if response is None:
            return state.unparsable(step.rpc, step.request, metadata, started)
        return state.rpc_succeeded(step.rpc, step.request, response, started, metadata)

    async def _receive(self, step: Receive[Any, Any], state: _CallState) -> Any:
        prepared = state.prepare(step.rpc)
        if type(prepared) is _Failure:
            return prepared
        callable_, timeout, metadata = prepared  # type: ignore[misc]
        started = time.monotonic()
        call = callable_(step.request, timeout=timeout, metadata=metadata)
        delivered = 0
        try:
            while (chunk := await call.read()) is not _END_OF_STREAM:
                if chunk is None:
                    metadata = await call.initial_metadata()
                    call.cancel()
                    return state.unparsable(step.rpc, step.request, metadata, started)
                delivered += 1
                step.on_chunk(chunk)
        except grpc.RpcError as error:
            failure = state.rpc_failed(step.rpc, step.request, error, started)
            failure.delivered = delivered
            return failure
        except Exception as error:
            call.cancel()
            return _Failure(error)
        except BaseException:
            call.cancel()
            raise
        return state.rpc_succeeded(step.rpc, step.request, None, started, await call.initial_metadata())

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


class ResponseStream(Generic[T]):
    """The values of a streaming call, for ``for`` (`Client`) or ``async for`` (`AsyncClient`).

    The RPC starts at the first iteration. `close()` (or leaving a ``with`` / ``async with``
    block) stops early and cancels the RPC; values already received stay valid. `close()` may be
    called from another thread or task while the stream is being iterated: the iteration then
    simply ends. Cancelling the task that iterates an async stream cancels the RPC too.
    """

    def __init__(self, runner: Runner, op: StreamOperation[T], binding: Binding, method: str) -> None:
        self._runner = runner
        self._op = op
        self._state = _CallState(
            runner, binding, method, op.request, op.timeout, streaming=True, details=op.details
        )
        self._call: Any = None
        self._done = False
        self._closed = False
        self._received = 0
        self._started = 0.0

    def __repr__(self) -> str:
        status = "done" if self._done else ("open" if self._call is not None else "not started")
        return f"<ResponseStream {self._op.rpc.path} {status}>"

    def _begin(self) -> Any:
        try:
            prepared = self._state.prepare(self._op.rpc)
            if type(prepared) is _Failure:
                raise prepared.error
            callable_, timeout, metadata = prepared  # type: ignore[misc]
            self._started = time.monotonic()
            self._call = callable_(self._op.request, timeout=timeout, metadata=metadata)
        except BaseException as error:
            self._done = True
            self._state.finish(None, error)
            raise
        return self._call

    def _note_request_id(self, metadata: Any) -> None:
        """Keep the server's request id (sent before the first chunk) and give it to the result."""
        self._state.request_id = request_id_from(metadata)
        if self._op.result is not None:
            attach_request_id(self._op.result(), self._state.request_id)

    def _retry_delay(self, error: grpc.RpcError) -> float | None:
        """Seconds to wait before starting the stream again, or None to raise the error.

        See `_CallState.retry_delay`: only a stream that delivered nothing is retried.
        """
        typed = from_grpc_error(error, self._op.rpc.path)
        delay = self._state.retry_delay(self._op.rpc, typed, delivered=self._received)
        if delay is not None:
            self._call = None
        return delay

    def _deliver(self, chunk: Any) -> T:
        self._received += 1
        info = self._state.info
        try:
            if info is not None:
                info.chunks += 1
                if info.first_chunk_time is None:
                    info.first_chunk_time = time.time()
                if self._runner.observers.wants_chunks:
                    self._runner.observers.stream_chunk(info, chunk)
            return self._op.on_chunk(chunk)
        except BaseException as error:
            self._call.cancel()
            self._end(None, error)
            raise

    def _end(self, rpc_error: grpc.RpcError | None, error: BaseException | None = None) -> RpcError | None:
        """Record the end of the stream; returns the typed error when the RPC failed."""
        self._done = True
        state, rpc = self._state, self._op.rpc
        typed = None
        if rpc_error is not None:
            if self._call is not None:  # after a response that did not parse, the server may still be sending
                self._call.cancel()
            failure = state.rpc_failed(rpc, self._op.request, rpc_error, self._started)
            typed = cast(RpcError, failure.error)
            error = typed
            if self._op.result is not None:
                typed.partial = self._op.result()
        elif error is None:
            state.rpc_succeeded(rpc, self._op.request, None, self._started, None)
        state.finish(self._op.result() if error is None and self._op.result else None, error)
        return typed

    def __iter__(self) -> ResponseStream[T]:
        return self

    def __next__(self) -> T:
        if self._done:
            raise StopIteration
        if self._runner.is_async:
            raise TypeError("This stream belongs to an AsyncClient: iterate it with `async for`.")
        first = self._call is None
        call = self._begin() if first else self._call
        try:
            chunk = next(call)
        except StopIteration:
            self._end(None)
            raise
        except grpc.RpcError as rpc_error:
            if self._closed:  # closed by another thread while this one waited
                raise StopIteration from None
            delay = self._retry_delay(rpc_error)
            if delay is not None:
                time.sleep(delay)
                return self.__next__()
            typed = self._end(rpc_error)
            assert typed is not None
            raise typed from None
        if first:
            self._note_request_id(call.initial_metadata())
        return self._deliver(chunk)

    def __aiter__(self) -> ResponseStream[T]:
        return self

    async def __anext__(self) -> T:
        if self._done:
            raise StopAsyncIteration
        if not self._runner.is_async:
            raise TypeError("This stream belongs to a blocking Client: iterate it with `for`.")
        first = self._call is None
        call = self._begin() if first else self._call
        try:
            chunk = await call.read()
            if first:
                self._note_request_id(await call.initial_metadata())
        except asyncio.CancelledError as cancelled:
            if self._closed:  # closed by another task while this one waited
                raise StopAsyncIteration from None
            call.cancel()  # the iterating task itself was cancelled: so is the RPC
            self._end(None, cancelled)
            raise
        except grpc.RpcError as rpc_error:
            if self._closed:
                raise StopAsyncIteration from None
            delay = self._retry_delay(rpc_error)
            if delay is not None:
                await asyncio.sleep(delay)
                return await self.__anext__()
            typed = self._end(rpc_error)
            assert typed is not None
            raise typed from None
        if chunk is _END_OF_STREAM:
            self._end(None)
            raise StopAsyncIteration
        if chunk is None:  # grpc.aio's way of saying the message did not parse
            typed = self._end(unparsable_response(self._op.rpc, await call.initial_metadata()))
            assert typed is not None
            raise typed
        return self._deliver(chunk)

    def close(self) -> None:
        """Stop early: cancel the RPC if it is still running. Safe to call more than once."""
        if self._done:
            return
        self._done = self._closed = True
        if self._call is not None:
            self._call.cancel()
        if self._state.info is not None:
            self._state.info.closed_early = True
        self._state.finish(None, None)

    async def aclose(self) -> None:
        """Async spelling of `close`, for ``contextlib.aclosing`` and the like."""
        self.close()

    def __enter__(self) -> ResponseStream[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    async def __aenter__(self) -> ResponseStream[T]:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()
