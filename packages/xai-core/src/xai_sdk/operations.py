"""Operations: what a sub-client method does, described without doing any I/O.

A sub-client method builds its request and returns an `Operation`: a *flow* (a generator) that
yields the steps it needs, a `Call` of an RPC or a `Sleep`, and receives each step's outcome
back, until it returns the method's result. The same flow is driven by the blocking runner of
`Client` and by the asyncio runner of `AsyncClient` (see `xai_sdk._runners`), so multi-step
work such as polling a deferred job is written once::

    def poll(request_id: str) -> Flow[Result]:
        while True:
            status = yield Call(GET_STATUS, StatusRequest(id=request_id))
            if status.done:
                return Result(status)
            yield Sleep(1.0)

A failed RPC is raised inside the flow at its ``yield`` (as an `xai_sdk.errors.RpcError`), so a
flow may catch it. Methods that make one RPC use `unary`.

A flow may also *emit* values to the caller, who then iterates over them: a `Receive` step with
``emit=True`` hands over each chunk of a server stream as it arrives (`StreamOperation` is that
flow), and an `Emit` step hands over values it already has (a listing's items, see
`xai_sdk.pagination`). Streams, listings, polls and uploads are all flows driven by the same two
runners.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterable, Callable, Generator, Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any, Generic, TypeVar, overload

from xai_sdk._config import to_seconds
from xai_sdk._rpc import Rpc, RpcKind, rpc
from xai_sdk.errors import RpcError

__all__ = [
    "Call",
    "Emit",
    "Flow",
    "Gather",
    "Offload",
    "Operation",
    "Receive",
    "Rpc",
    "RpcKind",
    "Run",
    "Sleep",
    "Step",
    "StreamOperation",
    "PENDING",
    "Timeout",
    "Unary",
    "poll",
    "rpc",
    "unary",
]

RequestT = TypeVar("RequestT")
ResponseT = TypeVar("ResponseT")
T = TypeVar("T")

Timeout = float | timedelta | None
"""A per-call timeout: seconds, a `timedelta`, or None for the client's default."""


class _Value:
    """Base of the steps: a value shown and compared by its fields, set once when it is made.

    Plain classes rather than dataclasses: generating the eight of this module cost about 2.5 ms
    at import, in every program that makes a client.
    """

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> list[str]:
        """The slots of the class and of its bases (a subclass such as `Unary` adds its own)."""
        return [name for klass in reversed(type(self).__mro__) for name in vars(klass).get("__slots__", ())]

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields())
        return f"{type(self).__name__}({fields})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, name) == getattr(other, name) for name in self._fields()
        )

    __hash__ = None  # type: ignore[assignment]  # fields may be lists or callables


class Call(_Value, Generic[RequestT, ResponseT]):
    """Step: make the RPC with this request; the flow receives the response message.

    For a client-streaming RPC, `request` is an iterable of request messages, consumed as
    they are sent (an async iterable is accepted by `AsyncClient` only). `AsyncClient` takes
    each message of a plain iterable in a worker thread, so producing one may block (e.g. read
    a file). An exception the iterable raises ends the RPC and is raised at the ``yield``.
    """

    __slots__ = ("request", "rpc")

    def __init__(
        self,
        rpc: Rpc[RequestT, ResponseT],
        request: RequestT | Iterable[RequestT] | AsyncIterable[RequestT],
    ) -> None:
        self.rpc = rpc
        self.request = request


class Receive(_Value, Generic[RequestT, ResponseT]):
    """Step: make a server-streaming RPC and hand each message to `on_chunk` as it arrives.

    The flow receives None once the stream has ended. A failed RPC is raised at the ``yield``
    (the messages received before the failure were handed over); so is an exception raised by
    `on_chunk`, which cancels the RPC. Nothing is kept by the runner, so a flow can process a
    long stream (e.g. write a download to disk) in bounded memory. `on_chunk` runs on the
    caller's thread (`Client`) or event loop (`AsyncClient`): keep it quick.

    With `emit`, what `on_chunk` returns for each message is emitted: the caller iterating the
    operation receives it before the next message is read. A stream that fails before its first
    message is made again as the client's retry policy says (see `xai_sdk.retry`).
    """

    __slots__ = ("emit", "on_chunk", "request", "rpc")

    def __init__(
        self,
        rpc: Rpc[RequestT, ResponseT],
        request: RequestT,
        on_chunk: Callable[[ResponseT], object],
        emit: bool = False,
    ) -> None:
        self.rpc = rpc
        self.request = request
        self.on_chunk = on_chunk
        self.emit = emit


class Emit(_Value):
    """Step: hand these values, in order, to the caller iterating the operation.

    The flow resumes (receiving None) once the caller has taken them all and asks for more.
    """

    __slots__ = ("values",)

    def __init__(self, values: Iterable[Any]) -> None:
        self.values = values


class Run(_Value):
    """Step: run another operation as a call of its own; the flow receives its result.

    The operation has its own deadline (its `Operation.timeout`) and observers see it as a call
    of `method` (None: the method of the running call). Its exception is raised at the ``yield``.
    """

    __slots__ = ("method", "operation")

    def __init__(self, operation: Operation[Any], method: str | None = None) -> None:
        self.operation = operation
        self.method = method


class Sleep(_Value):
    """Step: wait this many seconds (never past the call's deadline); the flow receives None."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds


class Offload(_Value):
    """Step: run a blocking function (e.g. an HTTP download) without blocking an event loop.

    `Client` calls it directly; `AsyncClient` runs it in a worker thread. The flow receives its
    return value, or its exception raised at the ``yield``.
    """

    __slots__ = ("args", "function")

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...] = ()) -> None:
        self.function = function
        self.args = args


class Gather(_Value):
    """Step: run other operations concurrently, at most `limit` at a time.

    Each ``(method, operation)`` runs as a call of its own (observers see it under `method`).
    The flow receives a list, in the given order, holding each operation's result or the
    exception it raised. `on_done(index, result_or_exception)` is called as each one finishes.
    `Client` runs them on a thread pool, `AsyncClient` as tasks of the running loop.
    """

    __slots__ = ("limit", "on_done", "operations")

    def __init__(
        self,
        operations: Sequence[tuple[str, Operation[Any]]],
        limit: int,
        on_done: Callable[[int, Any], None] | None = None,
    ) -> None:
        self.operations = operations
        self.limit = limit
        self.on_done = on_done


Step = Call[Any, Any] | Receive[Any, Any] | Emit | Run | Sleep | Offload | Gather
Flow = Generator[Step, Any, T]
"""A generator that yields steps, is sent their outcomes, and returns the result."""


class Operation(_Value, Generic[T]):
    """A sub-client method's work: its flow, the request observers see, its timeout.

    Args:
        flow: the generator of its steps.
        request: the request message observers see (its first RPC's), or None.
        timeout: seconds that bound the whole operation, every RPC and sleep of the flow
            included; None means the client's timeout.
        details: facts about the call that are not in the request (e.g. a conversation id),
            for observers.
        observed: whether observers see it as a call; False for one that only runs others
            (see `Run`).
        restart: for an operation that emits: after it failed, iterating again goes on with
            the operation this returns.

    """

    __slots__ = ("details", "flow", "observed", "request", "restart", "timeout")

    def __init__(
        self,
        flow: Flow[T],
        request: Any = None,
        timeout: float | None = None,
        details: Mapping[str, Any] | None = None,
        observed: bool = True,
        restart: Callable[[], Operation[Any]] | None = None,
    ) -> None:
        self.flow = flow
        self.request = request
        self.timeout = timeout
        self.details = details
        self.observed = observed
        self.restart = restart


class StreamOperation(Operation[Any], Generic[T]):
    """A method that streams: one server-streaming RPC whose chunks are turned into values.

    Its flow is a single `Receive` step that emits ``on_chunk(chunk)`` for each chunk. `result`,
    if given, returns the call's overall result: observers receive it when the stream ends, and
    an `xai_sdk.errors.RpcError` that ends the stream carries it as ``error.partial``.
    """

    __slots__ = ()

    def __init__(
        self,
        rpc: Rpc[Any, Any],
        request: Any,
        on_chunk: Callable[[Any], T],
        result: Callable[[], Any] | None = None,
        timeout: float | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(_streamed(rpc, request, on_chunk, result), request, timeout, details)


def _streamed(
    rpc: Rpc[Any, Any], request: Any, on_chunk: Callable[[Any], Any], result: Callable[[], Any] | None
) -> Flow[Any]:
    try:
        yield Receive(rpc, request, on_chunk, emit=True)
    except RpcError as error:
        if result is not None:
            error.partial = result()
        raise
    return None if result is None else result()


def call_timeout(timeout: Timeout) -> float | None:
    """Validate a per-call timeout (seconds or timedelta) and return it in seconds."""
    return None if timeout is None else to_seconds(timeout, "timeout")


class Unary(Operation[T]):
    """The operation `unary` returns: one RPC, whose response (through `wrap`) is the result.

    Runners make its `call` directly and start its flow only if that RPC fails (the flow then
    raises the error, or the call is retried as for any other flow): a call that succeeds costs
    no generator.
    """

    __slots__ = ("call", "wrap")

    def __init__(
        self,
        rpc: Rpc[Any, Any],
        request: Any,
        wrap: Callable[[Any], T] | None = None,
        timeout: float | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        # The slots are set here rather than by Operation.__init__: unary calls are the most common.
        self.call = call = Call(rpc, request)
        self.wrap = wrap
        self.flow = _single_call(call, wrap)
        self.request = request
        self.timeout = timeout
        self.details = details
        self.observed = True
        self.restart = None


def _single_call(call: Call[Any, Any], wrap: Callable[[Any], Any] | None) -> Flow[Any]:
    response = yield call
    return response if wrap is None else wrap(response)


@overload
def unary(
    rpc: Rpc[RequestT, ResponseT],
    request: RequestT,
    *,
    timeout: Timeout = None,
    details: Mapping[str, Any] | None = None,
) -> Operation[ResponseT]: ...


@overload
def unary(
    rpc: Rpc[RequestT, ResponseT],
    request: RequestT,
    wrap: Callable[[ResponseT], T],
    *,
    timeout: Timeout = None,
    details: Mapping[str, Any] | None = None,
) -> Operation[T]: ...


def unary(
    rpc: Rpc[RequestT, ResponseT],
    request: RequestT,
    wrap: Callable[[ResponseT], Any] | None = None,
    *,
    timeout: Timeout = None,
    details: Mapping[str, Any] | None = None,
) -> Operation[Any]:
    """An operation that makes one RPC and returns its response, passed through `wrap` if given."""
    return Unary(rpc, request, wrap, call_timeout(timeout), details)


PENDING: Any = object()
"""What a `poll` decision returns while the awaited work is not finished."""


def poll(
    check: Call[Any, Any],
    decide: Callable[[Any], Any],
    *,
    interval: float,
    timeout: float,
    waiting_for: str,
) -> Flow[Any]:
    """A flow that makes the `check` call every `interval` seconds until `decide` says it is done.

    `decide` receives each response and returns the flow's result, or `PENDING` to go on; it
    may raise to stop with an error. When `timeout` seconds have passed without a result, the
    flow raises `TimeoutError` ("Polling timed out after 12.0s: waiting for <what>"); it never
    sleeps past the timeout. Give its `Operation` the timeout ``timeout + interval``: that bounds
    the RPCs too, and leaves the last check the time to answer; a check cut short by it raises the
    same `TimeoutError`.
    """
    started = time.monotonic()

    def timed_out() -> TimeoutError:
        elapsed = time.monotonic() - started
        return TimeoutError(f"Polling timed out after {elapsed:.1f}s: waiting for {waiting_for}")

    while True:
        try:
            response = yield check
        except TimeoutError as error:  # the operation's deadline passed before a check answered
            raise timed_out() from error
        result = decide(response)
        if result is not PENDING:
            return result
        elapsed = time.monotonic() - started
        if elapsed >= timeout:
            raise timed_out()
        yield Sleep(min(interval, timeout - elapsed))
