"""`ProtoDecorator`: the base of response wrappers that add conveniences to an API message."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

__all__ = ["ProtoDecorator", "T"]

T = TypeVar("T")


class ProtoDecorator(Generic[T]):
    """Wraps an API message; `.proto` gives the message itself, `repr()` pretty-prints it."""

    _request_id: str | None = None

    def __init__(self, proto: T) -> None:
        self._proto = proto

    @property
    def proto(self) -> T:
        """The wrapped message."""
        return self._proto

    @property
    def request_id(self) -> str | None:
        """The id the server gave the request that returned this (quote it to support), if it sent one."""
        return self._request_id

    def __repr__(self) -> str:
        import pprint  # noqa: PLC0415 - only for a repr

        return pprint.pformat(self._proto)


def attach_request_id(result: Any, request_id: str | None) -> None:
    """Give a call's response wrappers (one, or a list or tuple of them) the server's request id."""
    if request_id is None:
        return
    if isinstance(result, ProtoDecorator):
        result._request_id = request_id
    elif isinstance(result, (list, tuple)):
        for item in result:
            if isinstance(item, ProtoDecorator):
                item._request_id = request_id
