"""Errors raised by the SDK.

Every failed RPC raises a subclass of `RpcError`, chosen by the gRPC status code (`NotFoundError`
for NOT_FOUND, `RateLimitError` for RESOURCE_EXHAUSTED, ...). `RpcError` is itself a
`grpc.aio.AioRpcError`, hence a `grpc.RpcError`, so existing handlers keep working::

    try:
        client.models.get_language_model("no-such-model")
    except xai_sdk.errors.NotFoundError as error:
        print(error.code(), error.details(), error.request_id)
    except grpc.RpcError:  # still catches every RPC failure
        ...

Invalid arguments are refused before any RPC with a `ValueError` or `TypeError`.
"""

from __future__ import annotations

from typing import Any

import grpc
import grpc.aio

__all__ = [
    "AbortedError",
    "AlreadyExistsError",
    "AuthenticationError",
    "ClientClosedError",
    "DataLossError",
    "DeadlineExceededError",
    "FailedPreconditionError",
    "InternalServerError",
    "InvalidArgumentError",
    "MAX_RETRY_AFTER",
    "NotFoundError",
    "OutOfRangeError",
    "PermissionDeniedError",
    "PluginError",
    "RateLimitError",
    "RequestCancelledError",
    "RpcError",
    "ServiceNotInstalledError",
    "UnavailableError",
    "UnimplementedError",
    "UnknownError",
    "XaiError",
    "error_from_status",
    "request_id_from",
]

MAX_RETRY_AFTER = 3600.0
"""The longest wait a server's retry hint is read as (seconds); a longer hint reads as this."""

# Metadata keys under which servers report the id of a request, most specific first.
REQUEST_ID_KEYS = ("x-request-id", "request-id", "x-xai-request-id")
_REQUEST_ID_RANK = {key: rank for rank, key in enumerate(REQUEST_ID_KEYS)}


def request_id_from(metadata: Any) -> str | None:
    """The request id among gRPC metadata pairs (see `REQUEST_ID_KEYS`), or None."""
    found: str | None = None
    rank = len(REQUEST_ID_KEYS)
    for key, value in metadata or ():
        if value and key in _REQUEST_ID_RANK and _REQUEST_ID_RANK[key] <= rank:
            found, rank = value, _REQUEST_ID_RANK[key]
    return None if found is None else str(found)


class XaiError(Exception):
    """Base class of the errors the SDK raises on its own account."""


class ClientClosedError(XaiError, RuntimeError):
    """The client was closed; create a new one to make calls."""


class ServiceNotInstalledError(XaiError, AttributeError):
    """A sub-client such as `client.image` was used but its distribution is not installed."""


class PluginError(XaiError):
    """A plugin could not be loaded, or declared something the client cannot use."""


def _metadata(pairs: Any) -> grpc.aio.Metadata:
    if isinstance(pairs, grpc.aio.Metadata):
        return pairs
    return grpc.aio.Metadata(*((key, value) for key, value in pairs or ()))


class RpcError(XaiError, grpc.aio.AioRpcError):
    """An RPC ended with a non-OK status.

    `code()`, `details()`, `initial_metadata()` and `trailing_metadata()` work as on any
    `grpc.RpcError`; `method` names the RPC and `request_id` is the id the server gave the
    request, when it sent one (quote it to support).
    """

    def __init__(
        self,
        code: grpc.StatusCode,
        details: str | None = None,
        *,
        method: str = "",
        initial_metadata: Any = (),
        trailing_metadata: Any = (),
        debug_error_string: str | None = None,
    ) -> None:
        super().__init__(
            code,
            _metadata(initial_metadata),
            _metadata(trailing_metadata),
            details,
            debug_error_string,
        )
        self.method = method
        self.partial: Any = None
        """For a stream that failed after some chunks: what was received (e.g. the chat `Response`)."""

    @property
    def request_id(self) -> str | None:
        """The server's id for the failed request, from the response metadata, if any."""
        return request_id_from(self.initial_metadata()) or request_id_from(self.trailing_metadata())

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked to wait before retrying, when it gave a usable hint.

        The hint is ``grpc-retry-pushback-ms`` or a ``RetryInfo`` in the status details. None
        when there is none, or when the pushback is negative or not a number: by gRPC's rule
        that means "do not retry" (see `retry_refused`). A hint above `MAX_RETRY_AFTER` (one
        hour) reads as one hour.
        """
        pushback = self._pushback()
        if pushback is not None:
            return None if pushback < 0 else min(pushback, MAX_RETRY_AFTER)
        details = self.trailing_metadata().get("grpc-status-details-bin")  # type: ignore[attr-defined]
        if isinstance(details, bytes):
            from google.rpc import error_details_pb2, status_pb2  # noqa: PLC0415 - only on errors

            try:
                status = status_pb2.Status.FromString(details)
            except Exception:  # details that do not parse carry no hint
                return None
            for detail in status.details:
                info = error_details_pb2.RetryInfo()
                if detail.Unpack(info):
                    seconds = info.retry_delay.ToNanoseconds() / 1e9
                    return None if seconds < 0 else min(seconds, MAX_RETRY_AFTER)
        return None

    @property
    def retry_refused(self) -> bool:
        """Whether the server's pushback says not to retry (negative, or not a number, as gRPC reads it)."""
        pushback = self._pushback()
        return pushback is not None and pushback < 0

    def _pushback(self) -> float | None:
        """``grpc-retry-pushback-ms`` in seconds; -1 when it is there but not a number."""
        value = self.trailing_metadata().get("grpc-retry-pushback-ms")  # type: ignore[attr-defined]
        if value is None:
            return None
        try:
            return int(value) / 1000
        except (TypeError, ValueError):
            return -1.0

    def __str__(self) -> str:
        text = f"{self.code().name}: {self.details() or 'no details'}"
        context = [
            part for part in (self.method, self.request_id and f"request id {self.request_id}") if part
        ]
        return f"{text} ({', '.join(context)})" if context else text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code()}, {self.details()!r}, method={self.method!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (
                type(self),
                self.code(),
                self.details(),
                self.method,
                tuple(self.initial_metadata()),
                tuple(self.trailing_metadata()),
                self.debug_error_string(),
            ),
        )


def _rebuild(
    cls: type[RpcError],
    code: grpc.StatusCode,
    details: str | None,
    method: str,
    initial: tuple[tuple[str, Any], ...],
    trailing: tuple[tuple[str, Any], ...],
    debug: str | None,
) -> RpcError:
    return cls(
        code,
        details,
        method=method,
        initial_metadata=initial,
        trailing_metadata=trailing,
        debug_error_string=debug,
    )


class RequestCancelledError(RpcError):
    """CANCELLED: the call was cancelled, usually by the client."""


class UnknownError(RpcError):
    """UNKNOWN: the server failed without a more specific status."""


class InvalidArgumentError(RpcError):
    """INVALID_ARGUMENT: the server rejected the request's content."""


class DeadlineExceededError(RpcError, TimeoutError):
    """DEADLINE_EXCEEDED: the call's timeout ran out (it is also a `TimeoutError`)."""


class NotFoundError(RpcError):
    """NOT_FOUND: the model, file, collection or other object does not exist."""


class AlreadyExistsError(RpcError):
    """ALREADY_EXISTS: the object to create exists already."""


class PermissionDeniedError(RpcError):
    """PERMISSION_DENIED: the API key may not do this."""


class RateLimitError(RpcError):
    """RESOURCE_EXHAUSTED: a rate limit or quota was hit; retry later."""


class FailedPreconditionError(RpcError):
    """FAILED_PRECONDITION: the object is not in a state that allows the operation."""


class AbortedError(RpcError):
    """ABORTED: the operation was aborted, typically by a concurrency conflict."""


class OutOfRangeError(RpcError):
    """OUT_OF_RANGE: a position or size argument is past the valid range."""


class UnimplementedError(RpcError):
    """UNIMPLEMENTED: the server does not offer this RPC."""


class InternalServerError(RpcError):
    """INTERNAL: the server failed."""


class UnavailableError(RpcError):
    """UNAVAILABLE: the server could not be reached or is overloaded (retried by default)."""


class DataLossError(RpcError):
    """DATA_LOSS: unrecoverable data loss or corruption."""


class AuthenticationError(RpcError):
    """UNAUTHENTICATED: the API key is missing, malformed or revoked."""


_BY_CODE: dict[grpc.StatusCode, type[RpcError]] = {
    grpc.StatusCode.CANCELLED: RequestCancelledError,
    grpc.StatusCode.UNKNOWN: UnknownError,
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgumentError,
    grpc.StatusCode.DEADLINE_EXCEEDED: DeadlineExceededError,
    grpc.StatusCode.NOT_FOUND: NotFoundError,
    grpc.StatusCode.ALREADY_EXISTS: AlreadyExistsError,
    grpc.StatusCode.PERMISSION_DENIED: PermissionDeniedError,
    grpc.StatusCode.RESOURCE_EXHAUSTED: RateLimitError,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPreconditionError,
    grpc.StatusCode.ABORTED: AbortedError,
    grpc.StatusCode.OUT_OF_RANGE: OutOfRangeError,
    grpc.StatusCode.UNIMPLEMENTED: UnimplementedError,
    grpc.StatusCode.INTERNAL: InternalServerError,
    grpc.StatusCode.UNAVAILABLE: UnavailableError,
    grpc.StatusCode.DATA_LOSS: DataLossError,
    grpc.StatusCode.UNAUTHENTICATED: AuthenticationError,
}


def error_from_status(
    code: grpc.StatusCode,
    details: str | None,
    *,
    method: str = "",
    initial_metadata: Any = (),
    trailing_metadata: Any = (),
    debug_error_string: str | None = None,
) -> RpcError:
    """Build the typed error for a status code (UNKNOWN's class for codes without their own)."""
    cls = _BY_CODE.get(code, UnknownError)
    return cls(
        code,
        details,
        method=method,
        initial_metadata=initial_metadata,
        trailing_metadata=trailing_metadata,
        debug_error_string=debug_error_string,
    )


def from_grpc_error(error: grpc.RpcError, method: str) -> RpcError:
    """Translate an error raised by grpc (sync or aio) into the SDK's typed error, without waiting."""
    if isinstance(error, RpcError):
        return error
    state = getattr(error, "_state", None)
    if state is not None and hasattr(state, "condition"):
        return _from_call_state(state, method)

    def read(name: str, default: Any) -> Any:
        getter = getattr(error, name, None)
        if getter is None:
            return default
        try:
            return getter()
        except Exception:  # a call object that never started has no metadata to give
            return default

    # A status without details keeps none; an error that is no call at all is described by itself.
    details = read("details", None) if hasattr(error, "details") else (str(error) or None)
    return error_from_status(
        read("code", grpc.StatusCode.UNKNOWN),
        details,
        method=method,
        initial_metadata=read("initial_metadata", ()),
        trailing_metadata=read("trailing_metadata", ()),
        debug_error_string=read("debug_error_string", None),
    )


def _from_call_state(state: Any, method: str) -> RpcError:
    """The typed error of one of grpc's blocking call objects, from what its state holds now.

    Their getters wait for every part of the status, and some parts never come: after a response
    that does not parse, grpc ends the call with INTERNAL but never sets ``debug_error_string``,
    so ``debug_error_string()`` (and, while the server goes on, ``trailing_metadata()``) would
    block for ever. What is missing is left out instead.
    """

    def text(value: Any) -> str | None:
        return value.decode(errors="replace") if isinstance(value, bytes) else value

    with state.condition:
        return error_from_status(
            state.code or grpc.StatusCode.UNKNOWN,
            text(state.details),
            method=method,
            initial_metadata=state.initial_metadata or (),
            trailing_metadata=state.trailing_metadata or (),
            debug_error_string=text(state.debug_error_string),
        )
