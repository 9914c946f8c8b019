"""The driver both runners share: one call's state, and everything about a flow that is not I/O.

A runner creates a `CallState` for each call, asks it for the flow's next step (`advance`),
performs the step (that is the runner's only job: blocking in `xai_sdk._sync_runner`, awaiting
in `xai_sdk._async_runner`) and hands the outcome back. `CallState` holds the deadline, the
retry decisions, the request id, the early close, and what the observation hooks are told.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterable, Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import grpc

from xai_sdk import hookspecs
from xai_sdk._config import Metadata
from xai_sdk._uploads import Requests
from xai_sdk.errors import RpcError, error_from_status, from_grpc_error, request_id_from
from xai_sdk.hookspecs import ChannelKind
from xai_sdk.meta import attach_request_id
from xai_sdk.operations import Call, Operation, Receive, Rpc, Sleep, Step, Unary

if TYPE_CHECKING:
    from xai_sdk._transport import Transport
    from xai_sdk.hookspecs import CallInfo
    from xai_sdk.plugins import Observers
    from xai_sdk.service import Binding


class Runner(Protocol):
    """What a call's state needs of the runner that drives it (see `xai_sdk._runners.Runner`)."""

    is_async: ClassVar[bool]
    timeout: float
    transport: Transport
    observers: Observers

    def metadata(self, kind: ChannelKind) -> Metadata:
        """Everything sent with a call on a channel."""


class Failure:
    """The outcome of a step that failed: the error is raised inside the flow.

    `delivered` counts the messages a failed server stream handed over before it failed.
    """

    __slots__ = ("delivered", "error")

    def __init__(self, error: BaseException, delivered: int = 0) -> None:
        self.error = error
        self.delivered = delivered


class CallState:
    """One call in progress: its deadline, its flow, and what the observers are told."""

    __slots__ = (
        "binding",
        "closed",
        "deadline",
        "failed",
        "finished",
        "flow",
        "info",
        "live",
        "method",
        "rate_limit_retries",
        "repeat",
        "request_id",
        "result",
        "runner",
        "started",
        "step",
        "stream_retries",
    )

    def __init__(
        self, runner: Runner, op: Operation[Any], binding: Binding, method: str, *, emits: bool
    ) -> None:
        self.runner = runner
        self.binding = binding
        self.method = method
        self.deadline = time.monotonic() + (runner.timeout if op.timeout is None else op.timeout)
        self.flow = op.flow
        self.result: Any = None
        self.request_id: str | None = None
        self.finished = False
        self.failed = False
        self.closed = False
        self.live: Any = None
        """The gRPC call of the server stream being read, for `close` to cancel."""
        self.started = 0.0
        self.step: Step | None = None
        self.repeat: Call[Any, Any] | Receive[Any, Any] | None = None
        self.rate_limit_retries = 0
        self.stream_retries = 0
        self.info: CallInfo | None = None
        if op.observed and runner.observers.active:
            self.info = hookspecs.CallInfo(
                binding.service,
                method,
                op.request,
                emits,
                runner.is_async,
                runner.transport.config.api_host,
                details=op.details or {},
            )
            runner.observers.call_started(self.info)

    def __repr__(self) -> str:
        status = "done" if self.finished else "running" if self.step is not None else "not started"
        return f"{self.binding.service}.{self.method} ({status})"

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
        if type(outcome) is Failure and (type(step) is Call or type(step) is Receive):
            delay = self.retry_delay(step.rpc, outcome.error, delivered=outcome.delivered)
            if delay is not None:
                self.repeat, self.step = step, Sleep(delay)
                return self.step
        try:
            if type(outcome) is Failure:
                self.step = self.flow.throw(outcome.error)
            else:
                self.step = self.flow.send(outcome)
            return self.step
        except StopIteration as stop:
            self.returned(stop.value)
            return None

    def returned(self, result: Any) -> None:
        """The call's work returned `result`: give it the request id, and end the call."""
        self.result = result
        attach_request_id(result, self.request_id)
        self.finish(result, None)

    def unary_answered(self, op: Unary[Any], outcome: Any) -> bool:
        """Take the outcome of a `Unary`'s RPC, made by the runner without starting its flow.

        True: the call returned (`result`). False: the RPC failed and the flow is now at it;
        hand `outcome` to `advance`, as for any step (to be retried, or raised there).
        """
        if type(outcome) is Failure:
            self.step = next(self.flow)
            return False
        wrap = op.wrap
        self.returned(outcome if wrap is None else wrap(outcome))
        return True

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

    def __enter__(self) -> CallState:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _: object) -> None:
        """A runner drives the flow inside ``with state:``; this ends the call if it did not end."""
        if kind is GeneratorExit:  # the caller dropped or closed the iterator of an emitting call
            self.close()
            self.flow.close()
        elif error is not None:
            self.abort(error)

    def abort(self, error: BaseException) -> None:
        """The call ended with an exception (from the flow, or e.g. a cancellation)."""
        self.failed = not self.finished
        if self.live is not None:
            self.live.cancel()
        self.flow.close()
        self.finish(None, error)

    def close(self) -> None:
        """The caller stopped before the end: cancel the RPC in progress and end the call.

        Safe from another thread or task than the one iterating, and more than once.
        """
        if self.finished:
            return
        self.closed = True
        if self.live is not None:
            self.live.cancel()
        if self.info is not None:
            self.info.closed_early = True
        self.finish(None, None)

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

    def prepare(self, step: Call[Any, Any] | Receive[Any, Any]) -> tuple[Any, Any, float, Metadata] | Failure:
        """What making the step's RPC takes, or a failure if the call's time is up.

        That is ``(multi-callable, request(s), seconds left, metadata)``. The RPC's time starts
        now (`started`): a call makes one RPC at a time.
        """
        rpc = step.rpc
        kind: ChannelKind = rpc.channel or self.binding.channel
        metadata = self.runner.metadata(kind)
        function = self.runner.transport.callable(rpc, kind)
        self.started = time.monotonic()
        remaining = self.deadline - self.started
        if remaining <= 0:
            error = error_from_status(
                grpc.StatusCode.DEADLINE_EXCEEDED,
                "the call's timeout ran out before this RPC could start",
                method=rpc.path,
            )
            return self.rpc_failed(rpc, None, error)
        request = step.request
        if rpc.kind == "client_stream" and not isinstance(request, AsyncIterable):
            request = Requests(request)
        return function, request, remaining, metadata

    def open_stream(self, step: Receive[Any, Any]) -> Any:
        """Start the server stream of a `Receive` step: its gRPC call, or a failure if time is up."""
        prepared = self.prepare(step)
        if isinstance(prepared, Failure):
            return prepared
        function, request, timeout, metadata = prepared
        self.live = function(request, timeout=timeout, metadata=metadata)
        return self.live

    def chunk_handler(self, step: Receive[Any, Any]) -> Callable[[Any], Any]:
        """What to call with each message of the step's stream: `on_chunk`, observed if emitted."""
        info, on_chunk = self.info, step.on_chunk
        if info is None or not step.emit:
            return on_chunk
        observers = self.runner.observers

        def observed(chunk: Any) -> Any:
            info.chunks += 1
            if info.first_chunk_time is None:
                info.first_chunk_time = time.time()
            if observers.wants_chunks:
                observers.stream_chunk(info, chunk)
            return on_chunk(chunk)

        return observed

    def stream_ended(self, step: Receive[Any, Any], metadata: Any) -> Any:
        """Record the end of a `Receive` step's stream; returns the flow's outcome (None)."""
        self.live = None
        return self.rpc_succeeded(step, None, metadata)

    def stream_failed(self, step: Receive[Any, Any], error: grpc.RpcError, delivered: int) -> Failure:
        """Record the failure of a `Receive` step's stream after `delivered` messages."""
        self.live.cancel()  # after a response that did not parse, the server may still be sending
        self.live = None
        return self.rpc_failed(step.rpc, step.request, error, delivered)

    def stream_unparsable(self, step: Receive[Any, Any], metadata: Any) -> Failure:
        """A message of a `Receive` step's stream did not parse (grpc.aio hands it over as None)."""
        self.live.cancel()
        self.live = None
        return self.unparsable(step, metadata)

    def handler_failed(self, error: Exception) -> Failure:
        """A `Receive` step's `on_chunk` raised: the stream is cancelled, the flow gets the error."""
        self.live.cancel()
        self.live = None
        return Failure(error)

    def rpc_succeeded(self, step: Call[Any, Any] | Receive[Any, Any], response: Any, metadata: Any) -> Any:
        """Record the step's successful RPC; returns its response, the flow's outcome."""
        self.request_id = request_id_from(metadata) or self.request_id
        if self.info is not None:
            rpc, elapsed = step.rpc, time.monotonic() - self.started
            rpc_info = hookspecs.RpcInfo(rpc.path, _loggable(rpc, step.request), response, None, elapsed)
            rpc_info.request_id = self.request_id
            self.runner.observers.rpc_finished(self.info, rpc_info)
        return response

    def unparsable(self, step: Call[Any, Any] | Receive[Any, Any], metadata: Any) -> Failure:
        """Record an RPC whose response did not parse, as grpc's blocking calls report it.

        They raise INTERNAL "Exception deserializing response!"; grpc.aio hands over None.
        """
        expected = step.rpc.response_type.DESCRIPTOR.full_name
        message = f"Exception deserializing response! (not a {expected})"
        error = error_from_status(
            grpc.StatusCode.INTERNAL, message, method=step.rpc.path, initial_metadata=metadata
        )
        return self.rpc_failed(step.rpc, step.request, error)

    def rpc_failed(
        self, rpc: Rpc[Any, Any], request: Any, error: grpc.RpcError, delivered: int = 0
    ) -> Failure:
        """Record a failed RPC; returns the typed error as the flow's outcome."""
        typed = from_grpc_error(error, rpc.path)
        if self.info is not None:
            elapsed = time.monotonic() - self.started
            rpc_info = hookspecs.RpcInfo(rpc.path, _loggable(rpc, request), None, typed, elapsed)
            rpc_info.request_id = typed.request_id
            self.runner.observers.rpc_finished(self.info, rpc_info)
        return Failure(typed, delivered)

    def call_failed(self, step: Call[Any, Any], requests: Any, error: BaseException) -> Failure | None:
        """Record the failure of a `Call` step's RPC; None if it is a cancellation to propagate.

        When an upload's own iterator raised, grpc reports a bare cancellation (UNKNOWN on
        `Client`, `asyncio.CancelledError` on `AsyncClient`): the flow gets that exception instead.
        """
        if type(requests) is Requests and requests.error is not None:
            message = f"the request iterator raised {requests.error!r}"
            cancelled = error_from_status(grpc.StatusCode.CANCELLED, message, method=step.rpc.path)
            self.rpc_failed(step.rpc, None, cancelled)
            return Failure(requests.error)
        if isinstance(error, grpc.RpcError):
            return self.rpc_failed(step.rpc, step.request, error)
        return None


def outcome_of(function: Any, *args: Any) -> Any:
    """What an `Offload` step sends back to its flow: the function's result or its failure."""
    try:
        return function(*args)
    except Exception as error:
        return Failure(error)


def _loggable(rpc: Rpc[Any, Any], request: Any) -> Any:
    # A client stream's request is an iterator that the RPC consumed: there is nothing to show.
    return None if rpc.kind == "client_stream" else request
