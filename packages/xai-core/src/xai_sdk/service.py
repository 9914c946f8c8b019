"""Sub-clients written once for `Client` and `AsyncClient`.

A sub-client class subclasses `Bound` and marks its methods with `operation` (or
`stream_operation`). Each method builds an `xai_sdk.operations.Operation` and returns it; the
client's runner executes it. The class is written once: `variant` derives from it the class each
client uses, in which the method returns the result (`Client`) or is an ``async def``
(`AsyncClient`); a stream method returns an iterator or an async iterator::

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
import inspect
import re
import types
import typing
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Concatenate,
    Generic,
    ParamSpec,
    Protocol,
    TypeVar,
    cast,
    overload,
)

from xai_sdk.hookspecs import ChannelKind
from xai_sdk.operations import Operation, StreamOperation

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["Async", "Binding", "Bound", "ModeT", "Sync", "operation", "stream_operation", "variant"]

P = ParamSpec("P")
T = TypeVar("T")


class Mode:
    """How a bound object's methods return: see `Sync` and `Async`."""


class Sync(Mode):
    """Mode of objects bound to `Client`: methods block and return their result."""


class Async(Mode):
    """Mode of objects bound to `AsyncClient`: methods return coroutines or async iterators."""


ModeT = TypeVar("ModeT", bound=Mode)
_MODES = ((Sync,), (Async,))


class Runner(Protocol):
    """What drives the operations of a client: `Client`'s blocks, `AsyncClient`'s awaits."""

    is_async: ClassVar[bool]

    def run(self, op: Operation[Any], binding: Binding, method: str) -> Any:
        """Run the operation to its end: its result (`Client`) or a coroutine of it (`AsyncClient`)."""

    def iterate(self, op: Operation[Any], binding: Binding, method: str) -> Any:
        """An iterator (`Client`) or async iterator (`AsyncClient`) of the values the operation emits."""

    def metadata(self, kind: ChannelKind) -> tuple[tuple[str, str | bytes], ...]:
        """What is sent with each call on the channel (raises `ValueError` without its key)."""


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
    """Base of sub-clients and of the objects they return that make calls of their own.

    A subclass is written once, for both clients: its *definition*. Each client uses a
    *variant* of it, a subclass for one mode in which every `operation` is a real method (see
    `variant`). A service declares its two variants by subclassing the definition with the mode::

        class SyncModels(Models[Sync]):  # client.models of xai_sdk.Client
            ...

        class AsyncModels(Models[Async]):  # client.models of xai_sdk.AsyncClient
            ...

    Instantiating the definition gives an instance of the variant for the binding's client.
    """

    _variant_of: ClassVar[type[Bound[Any]] | None] = None
    """For a variant, its definition."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for base in cls.__dict__.get("__orig_bases__", ()):
            definition, modes = typing.get_origin(base), typing.get_args(base)
            if isinstance(definition, type) and issubclass(definition, Bound) and modes in _MODES:
                _make_variant(cls, definition, is_async=modes == (Async,))

    def __new__(cls, binding: Binding, *args: Any, **kwargs: Any) -> Self:
        """An instance of the class's variant for the binding's client."""
        concrete = cls if cls._variant_of is not None else variant(cls, is_async=binding.is_async)
        return super().__new__(concrete)

    def __init__(self, binding: Binding) -> None:
        self._binding = binding

    def __repr__(self) -> str:
        name = (type(self)._variant_of or type(self)).__qualname__
        mode = "async" if self._binding.is_async else "sync"
        return f"<{name} ({mode}) of client.{self._binding.service}>"


BoundT = TypeVar("BoundT", bound=Bound[Any])

_VARIANTS: dict[tuple[type[Any], bool], type[Any]] = {}


def variant(definition: type[BoundT], *, is_async: bool) -> type[BoundT]:
    """The class that `Client` (or, with `is_async`, `AsyncClient`) uses for `definition`.

    A variant subclasses `definition` and turns each of its `operation` methods into a method
    with the builder's signature (the result type in place of the ``Operation``) and docstring: a
    plain method that runs the operation, or an ``async def`` that awaits it. Methods that
    stream or page return their iterator in both modes. Tools that look at methods
    (``inspect.signature``, ``inspect.iscoroutinefunction``, ``unittest.mock.create_autospec``,
    ``help()``) see them as if they were written out for each client.

    The variant a service declares (see `Bound`) is returned; for a definition without one (e.g. a
    third-party plugin's), one is made on first use. One class per definition and mode.
    """
    if definition._variant_of is not None:
        raise TypeError(f"{definition.__qualname__} is a variant, not a definition")
    made = _VARIANTS.get((definition, is_async))
    if made is None:
        name = ("Async" if is_async else "Sync") + definition.__name__
        module = {"__module__": definition.__module__}
        made = types.new_class(name, (definition,), exec_body=lambda namespace: namespace.update(module))
        _make_variant(made, definition, is_async=is_async)
    return cast("type[BoundT]", made)


def _make_variant(cls: type[Any], definition: type[Any], *, is_async: bool) -> None:
    """Turn `cls`, a subclass of `definition` for one mode, into its variant."""
    if (definition, is_async) in _VARIANTS:
        mode = "async" if is_async else "sync"
        raise TypeError(f"{cls.__qualname__}: {definition.__qualname__} has a {mode} variant already")
    cls._variant_of = definition
    resolved: set[str] = set(cls.__dict__)
    for klass in definition.__mro__:  # each name as attribute lookup finds it first
        for name, attribute in vars(klass).items():
            if name not in resolved:
                resolved.add(name)
                if isinstance(attribute, _RunnerMethod):
                    setattr(cls, name, attribute.method(is_async=is_async))
    _VARIANTS[definition, is_async] = cls


class _RunnerMethod:
    """What `operation` and `stream_operation` share: a builder whose result a runner executes.

    The class attribute is the descriptor; instances of the class's `variant` get `method` (a
    function the variant defines in its place).
    """

    _runner_method: str
    _returns_coroutine = False

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

    def method(self, *, is_async: bool) -> Callable[..., Any]:
        """The function that stands for this method in a `variant`: it runs what `build` returns."""
        build, name, execute = self._build, self._name, self._runner_method

        async def coroutine_method(self: Any, *args: Any, **kwargs: Any) -> Any:
            binding = self._binding
            return await getattr(binding.runner, execute)(build(self, *args, **kwargs), binding, name)

        def plain_method(self: Any, *args: Any, **kwargs: Any) -> Any:
            binding = self._binding
            return getattr(binding.runner, execute)(build(self, *args, **kwargs), binding, name)

        method: Any = coroutine_method if is_async and self._returns_coroutine else plain_method
        functools.update_wrapper(method, build)
        method.__signature__ = _public_signature(build, is_async=is_async)
        return cast("Callable[..., Any]", method)

    def _bind(self, obj: Any) -> Callable[..., Any]:
        return types.MethodType(self.method(is_async=obj._binding.is_async), obj)


def _public_signature(build: Callable[..., Any], *, is_async: bool) -> inspect.Signature:
    """The signature of `build` with what the caller receives as its return annotation."""
    signature = inspect.signature(build)
    returns = signature.return_annotation
    if isinstance(returns, str):
        match = re.fullmatch(r"(\w*)Operation\[(.*)\]", returns)
        if match is not None:
            kind, inner = match.groups()
            iterator = "AsyncIterator" if is_async else "Iterator"
            returns = inner if not kind else f"{iterator}[{inner}]"
        returns = re.sub(r"\bModeT\b", "Async" if is_async else "Sync", returns)
    return signature.replace(return_annotation=returns)


class operation(_RunnerMethod, Generic[BoundT, P, T]):
    """Decorator: the method returns an `Operation[T]`; the caller gets `T` (or a coroutine of it)."""

    _runner_method = "run"
    _returns_coroutine = True

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

    _runner_method = "iterate"

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

    _runner_method = "iterate"

    def __init__(self, build: Callable[Concatenate[BoundT, P], StreamOperation[T]]) -> None:
        super().__init__(build)
