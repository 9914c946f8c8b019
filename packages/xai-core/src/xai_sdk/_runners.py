"""What both runners share, and the iterator a caller gets from an operation that emits values.

Every sub-client method of every service goes through a runner: `SyncRunner`
(`xai_sdk._sync_runner`, for `Client`) or `AsyncRunner` (`xai_sdk._async_runner`, for
`AsyncClient`). A runner drives an `Operation`'s flow: it performs each step (an RPC with the
client's metadata and the call's remaining time, a sleep, ...) and sends the outcome back; the
bookkeeping is `xai_sdk._flow.CallState`'s. An operation whose flow emits values (a stream, a
listing) is not run but iterated: the caller gets an `Iteration`, a thin shell over the runner's
generator of the emitted values.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar, Generic, TypeVar

from xai_sdk._config import Metadata, sdk_metadata
from xai_sdk._flow import CallState
from xai_sdk._transport import Transport
from xai_sdk.hookspecs import ChannelKind
from xai_sdk.operations import Operation
from xai_sdk.plugins import Observers
from xai_sdk.service import Binding

T = TypeVar("T")


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

    def run(self, op: Operation[Any], binding: Binding, method: str) -> Any:
        """Run the operation to its end: its result, or on `AsyncRunner` a coroutine of it."""
        raise NotImplementedError

    def iterate(self, op: Operation[Any], binding: Binding, method: str) -> Iteration[Any]:
        """The values the operation emits, for ``for`` or ``async for``; it starts when iterated."""
        return Iteration(self, op, binding, method)

    def emitted(self, state: CallState, outcome: Any = None) -> Any:
        """A generator (async on `AsyncRunner`) driving the call's flow, of the values it emits.

        `outcome` is that of the step the flow is at, if the runner made that step without it.
        """
        raise NotImplementedError


class Iteration(Generic[T]):
    """The values of a stream or a listing: an iterator on `Client`, an async one on `AsyncClient`.

    Iterate it with ``for`` (`Client`) or ``async for`` (`AsyncClient`, without ``await``). Its
    work starts at the first iteration. `close()`, leaving a ``with`` / ``async with`` block, or
    dropping it (``break`` out of a loop over it) stops early and cancels the RPC in progress;
    values already received stay valid. `close()` may be called from another thread or task
    while it is being iterated: the iteration then simply ends. Cancelling the task that iterates
    it cancels the RPC too. A listing whose page failed may be iterated again: it fetches that
    page again.
    """

    __slots__ = ("__weakref__", "_binding", "_method", "_op", "_runner", "_state", "_values")

    def __init__(self, runner: Runner, op: Operation[Any], binding: Binding, method: str) -> None:
        self._runner = runner
        self._op = op
        self._binding = binding
        self._method = method
        self._state = CallState(runner, op, binding, method, emits=True)
        self._values: Any = None

    def __repr__(self) -> str:
        return f"<Iteration of {self._state!r}>"

    def _generator(self) -> Any:
        """The runner's generator of the values, made on first use (or again after a failure)."""
        values, state = self._values, self._state
        if values is not None and state.failed and self._op.restart is not None:
            self._op = self._op.restart()
            state = self._state = CallState(self._runner, self._op, self._binding, self._method, emits=True)
            values = None
        if values is None:
            values = self._values = self._runner.emitted(state)
        return values

    def _refuse(self, is_async: bool) -> None:
        if is_async != self._runner.is_async:
            mode, loop = ("a blocking Client", "for") if is_async else ("an AsyncClient", "async for")
            raise TypeError(f"This iterator belongs to {mode}: iterate it with `{loop}`.")

    def __iter__(self) -> Iterator[T]:
        self._refuse(False)
        if self._state.closed:
            return iter(())
        return self._generator()  # type: ignore[no-any-return]

    def __next__(self) -> T:
        self._refuse(False)
        if self._state.closed:
            raise StopIteration
        return next(self._generator())  # type: ignore[no-any-return]

    def __aiter__(self) -> AsyncIterator[T]:
        self._refuse(True)
        if self._state.closed:
            return _nothing()
        return self._generator()  # type: ignore[no-any-return]

    async def __anext__(self) -> T:
        self._refuse(True)
        if self._state.closed:
            raise StopAsyncIteration
        return await anext(self._generator())

    def close(self) -> None:
        """Stop early: cancel the RPC if it is still running. Safe to call more than once."""
        self._state.close()
        values = self._values
        if values is not None and not self._runner.is_async:
            # Iterated by another thread right now, it ends there, seeing the state closed; so
            # does an async generator at its next step.
            with contextlib.suppress(ValueError):  # "generator already executing"
                values.close()

    async def aclose(self) -> None:
        """Async spelling of `close`, for ``contextlib.aclosing`` and the like."""
        self.close()

    def __enter__(self) -> Iteration[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    async def __aenter__(self) -> Iteration[T]:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()

    def __del__(self) -> None:
        # Once iterated, the generator ends the call when it is dropped; before, nothing else can.
        # (`getattr`: an instance whose __init__ raised has neither attribute.)
        if getattr(self, "_values", True) is None:
            self._state.close()


async def _nothing() -> AsyncIterator[Any]:
    return
    yield  # pragma: no cover - makes this an async generator
