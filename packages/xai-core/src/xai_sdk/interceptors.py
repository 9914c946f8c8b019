"""The official SDK's gRPC interceptors, for code that builds its own channel to the API.

This SDK's clients do not use them (the runners set each call's metadata and deadline); they are
kept, working, for code that wraps a channel of its own::

    channel = grpc.intercept_channel(
        grpc.secure_channel("api.x.ai", grpc.ssl_channel_credentials()),
        AuthInterceptor(api_key), TimeoutInterceptor(60),
    )

`AuthInterceptor` and the ``...AuthAioInterceptor`` classes add ``authorization: Bearer <key>``
(then the given metadata) to each call; `TimeoutInterceptor` and the ``...TimeoutAioInterceptor``
classes replace each call's timeout with theirs. The sync ones cover unary and server-streaming
calls; the asyncio ones one kind each.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import grpc
import grpc.aio

if TYPE_CHECKING:  # generic in the type stubs only
    _UnaryUnary = grpc.UnaryUnaryClientInterceptor[Any, Any]
    _UnaryStream = grpc.UnaryStreamClientInterceptor[Any, Any]
    _AioUnaryUnaryBase = grpc.aio.UnaryUnaryClientInterceptor[Any, Any]
    _AioUnaryStreamBase = grpc.aio.UnaryStreamClientInterceptor[Any, Any]
else:
    _UnaryUnary = grpc.UnaryUnaryClientInterceptor
    _UnaryStream = grpc.UnaryStreamClientInterceptor
    _AioUnaryUnaryBase = grpc.aio.UnaryUnaryClientInterceptor
    _AioUnaryStreamBase = grpc.aio.UnaryStreamClientInterceptor

__all__ = [
    "AuthInterceptor",
    "TimeoutInterceptor",
    "UnaryStreamAuthAioInterceptor",
    "UnaryStreamTimeoutAioInterceptor",
    "UnaryUnaryAuthAioInterceptor",
    "UnaryUnaryTimeoutAioInterceptor",
]


class _AddsKey:
    """Changes a call's details: the key's authorization header, then `metadata`, are appended."""

    def __init__(self, api_key: str, metadata: Sequence[tuple[str, str]] | None = None) -> None:
        self._added = (("authorization", f"Bearer {api_key}"), *(metadata or ()))

    def _details(self, details: Any) -> Any:
        return details._replace(metadata=[*(details.metadata or ()), *self._added])

    def __repr__(self) -> str:
        return f"<{type(self).__name__} authorization=***>"


class _SetsTimeout:
    """Changes a call's details: its timeout becomes `timeout` seconds."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout

    def _details(self, details: Any) -> Any:
        return details._replace(timeout=self.timeout)


class _Sync(_UnaryUnary, _UnaryStream):
    _details: Any

    def intercept_unary_unary(self, continuation: Any, client_call_details: Any, request: Any) -> Any:
        """Make the unary call with the changed details."""
        return continuation(self._details(client_call_details), request)

    def intercept_unary_stream(self, continuation: Any, client_call_details: Any, request: Any) -> Any:
        """Make the server-streaming call with the changed details."""
        return continuation(self._details(client_call_details), request)


class _AioUnaryUnary(_AioUnaryUnaryBase):
    _details: Any

    async def intercept_unary_unary(self, continuation: Any, client_call_details: Any, request: Any) -> Any:
        """Make the unary call with the changed details."""
        return await continuation(self._details(client_call_details), request)


class _AioUnaryStream(_AioUnaryStreamBase):
    _details: Any

    async def intercept_unary_stream(self, continuation: Any, client_call_details: Any, request: Any) -> Any:
        """Make the server-streaming call with the changed details."""
        return await continuation(self._details(client_call_details), request)


class AuthInterceptor(_AddsKey, _Sync):
    """Sends the API key (and extra metadata) with unary and server-streaming calls."""


class TimeoutInterceptor(_SetsTimeout, _Sync):
    """Gives unary and server-streaming calls a fixed timeout, in seconds."""


class UnaryUnaryAuthAioInterceptor(_AddsKey, _AioUnaryUnary):
    """Sends the API key (and extra metadata) with `grpc.aio` unary calls."""


class UnaryStreamAuthAioInterceptor(_AddsKey, _AioUnaryStream):
    """Sends the API key (and extra metadata) with `grpc.aio` server-streaming calls."""


class UnaryUnaryTimeoutAioInterceptor(_SetsTimeout, _AioUnaryUnary):
    """Gives `grpc.aio` unary calls a fixed timeout, in seconds."""


class UnaryStreamTimeoutAioInterceptor(_SetsTimeout, _AioUnaryStream):
    """Gives `grpc.aio` server-streaming calls a fixed timeout, in seconds."""
