"""`Requests`: the request messages of a client stream (an upload), as the runners send them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class Requests:
    """The request messages of a client stream, remembering the exception their iterator raised.

    grpc reports such an exception as a bare cancellation (UNKNOWN in `Client`, an
    `asyncio.CancelledError` in `AsyncClient`); the runners raise the exception itself instead.
    """

    __slots__ = ("error", "iterator")

    def __init__(self, requests: Any) -> None:
        self.iterator: Iterator[Any] = iter(requests)
        self.error: BaseException | None = None

    def __iter__(self) -> Requests:
        return self

    def __next__(self) -> Any:
        try:
            return next(self.iterator)
        except StopIteration:
            raise
        except Exception as error:
            self.error = error
            raise
