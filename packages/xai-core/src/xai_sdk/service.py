"""Sub-clients written once for `Client` and `AsyncClient`.

A sub-client class subclasses `Bound` and marks its methods with `operation` (or
`stream_operation`). Each method builds an `xai_sdk.operations.Operation` and returns it; the
decorator hands it to the client's runner. On `Client` the method then returns the result; on
`AsyncClient` it returns a coroutine (a stream: an iterator or an async iterator)::

    class Models(Bound[ModeT]):
        @operation
        def get_language_model(self, name: str, *, timeout: Timeout = None) -> Operation[LanguageModel]:
            return unary(GET_LANGUAGE_MODEL, GetModelRequest(name=name), timeout=timeout)

    client.models.get_language_model("grok-4")                   # LanguageModel
    await async_client.models.get_language_model("grok-4")       # LanguageModel

Type checkers follow along: `Models[Sync]` methods return `T`, `Models[Async]` methods return
`Coroutine[..., T]`; the clients declare their sub-clients with the right mode.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from xai_sdk.hookspecs import ChannelKind
from xai_sdk.operations import Operation, StreamOperation

if TYPE_CHECKING:
    from xai_sdk._runners import Runner

__all__ = ["Async", "Binding", "Bound", "ModeT", "Sync", "operation", "stream_operation"]

P = ParamSpec("P")
T = TypeVar("T")


class Mode:
    """How a bound object's methods return: see `Sync` and `Async`."""


class Sync(Mode):
    """Mode of objects bound to `Client`: methods block and return their result."""


class Async(Mode):
    """Mode of objects bound to `AsyncClient`: methods return coroutines or async iterators."""


ModeT = TypeVar("ModeT", bound=Mode)


class Binding:
    """What connects a sub-client (and the objects it creates) to its client.

    It carries the client's runner, the service name observers see, and the service's default
    channel. Objects created by a sub-client, such as a chat conversation, share its binding.
    """

    __slots__ = ("channel", "runner", "service")

    def __init__(self, runner: Runner, service: str, channel: ChannelKind = "api") -> None:
        self.runner = runner
        self.service = service
        self.channel = channel

    @property
    def is_async(self) -> bool:
        """Whether this binding belongs to an `AsyncClient`."""
        return self.runner.is_async

    def __repr__(self) -> str:
        return f"Binding(service={self.service!r}, channel={self.channel!r}, is_async={self.is_async})"


class Bound(Generic[ModeT]):
    """Base of sub-clients and of the objects they return that make calls of their own."""

    def __init__(self, binding: Binding) -> None:
        self._binding = binding

    def __repr__(self) -> str:
        mode = "async" if self._binding.is_async else "sync"
        return f"<{type(self).__qualname__} ({mode}) of client.{self._binding.service}>"


BoundT = TypeVar("BoundT", bound=Bound[Any])


class _RunnerMethod:
    """What `operation` and `stream_operation` share: binding a builder to its object's runner."""

    _runner_method: str

    def __init__(self, build: Callable[..., Any]) -> None:
        self._build = build
        self._name = build.__name__
        functools.update_wrapper(self, build)  # type: ignore[arg-type]

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._name = name

    def build(self, obj: Any, *args: Any, **kwargs: Any) -> Any:
        """The operation a call of this method on `obj` would run, without running it.

        For flows that run other methods' operations, e.g. in a `Gather` step.
        """
        return self._build(obj, *args, **kwargs)

    def _bind(self, obj: Any) -> Callable[..., Any]:
        build, name, binding = self._build, self._name, obj._binding
        execute = getattr(binding.runner, self._runner_method)

        @functools.wraps(build)
        def method(*args: Any, **kwargs: Any) -> Any:
            return execute(build(obj, *args, **kwargs), binding, name)

        obj.__dict__[name] = method  # later lookups skip the descriptor
        return method


class operation(_RunnerMethod, Generic[BoundT, P, T]):
    """Decorator: the method returns an `Operation[T]`; the caller gets `T` (or a coroutine of it)."""

    _runner_method = "run"

    def __init__(self, build: Callable[Concatenate[BoundT, P], Operation[T]]) -> None:
        super().__init__(build)

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> operation[BoundT, P, T]: ...
    @overload
    def __get__(self, obj: Bound[Sync], owner: type[Any]) -> Callable[P, T]: ...
    @overload
    def __get__(self, obj: Bound[Async], owner: type[Any]) -> Callable[P, Coroutine[Any, Any, T]]: ...
    def __get__(self, obj: Any, owner: type[Any]) -> Any:
        return self if obj is None else self._bind(obj)


class _ItemsMethod(_RunnerMethod, Generic[BoundT, P, T]):
    """What `stream_operation` and `xai_sdk.pagination.paged_operation` share: the caller iterates.

    On `Client` the bound method returns an iterator of `T`, on `AsyncClient` an async iterator.
    """

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> _ItemsMethod[BoundT, P, T]: ...
    @overload
    def __get__(self, obj: Bound[Sync], owner: type[Any]) -> Callable[P, Iterator[T]]: ...
    @overload
    def __get__(self, obj: Bound[Async], owner: type[Any]) -> Callable[P, AsyncIterator[T]]: ...
    def __get__(self, obj: Any, owner: type[Any]) -> Any:
        return self if obj is None else self._bind(obj)


class stream_operation(_ItemsMethod[BoundT, P, T]):
    """Decorator: the method returns a `StreamOperation[T]`; the caller iterates over `T` values.

    On `Client` the result is an iterator; on `AsyncClient` an async iterator (used with
    ``async for``, without ``await``). Both have ``close()`` and work as context managers;
    closing before the end cancels the RPC.
    """

    _runner_method = "stream"

    def __init__(self, build: Callable[Concatenate[BoundT, P], StreamOperation[T]]) -> None:
        super().__init__(build)
