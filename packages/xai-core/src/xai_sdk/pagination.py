"""Listings read lazily, one page at a time, written once for `Client` and `AsyncClient`.

A sub-client method that lists many items marks itself with `paged_operation` and returns a
`PagedOperation`: how to fetch the page that a pagination token points at (`paged` builds one
from an RPC). The caller gets an iterator of the items: an iterator on `Client`, an async
iterator on `AsyncClient` (``async for``, without ``await``). It fetches the first page when
it is first iterated and each next page when the previous one is used up, so a listing of any
length holds one page in memory::

    class Batches(Bound[ModeT]):
        @paged_operation
        def iter_batches(self, *, page_size: int = 100, timeout: Timeout = None) -> PagedOperation[Batch]:
            return paged(
                LIST_BATCHES,
                lambda token: ListBatchesRequest(limit=page_size, pagination_token=token),
                lambda response: Page(response.batches, response.pagination_token),
                timeout=timeout,
            )

    for batch in client.batches.iter_batches():                  # Client
        ...
    async for batch in async_client.batches.iter_batches():      # AsyncClient
        ...

A listing is a flow like any other: for each page it runs the page's operation (a `Run` step:
observers see one call per page, named for the method, and the timeout bounds each page's call)
and emits the page's items (an `Emit` step). The caller's iterator is the one every stream gets
(`xai_sdk._runners.Iteration`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Concatenate, Generic, ParamSpec, TypeVar

from xai_sdk.operations import Emit, Flow, Operation, Rpc, Run, Timeout, call_timeout, unary
from xai_sdk.service import BoundT, _ItemsMethod

__all__ = ["Page", "PagedOperation", "paged", "paged_operation"]

P = ParamSpec("P")
T = TypeVar("T")
RequestT = TypeVar("RequestT")
ResponseT = TypeVar("ResponseT")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing: its items, and the token of the next page (None or "" at the end)."""

    items: Iterable[T]
    next_token: str | None


class PagedOperation(Operation[None], Generic[T]):
    """A method's listing: `fetch(token)` is the operation reading the page `token` points at.

    Its flow fetches the first page with `first_token` (None: from the start of the listing),
    emits its items, and goes on while pages point at a next one. `pages` counts the pages
    fetched. If a page fails, iterating the listing again fetches that page again.
    """

    __slots__ = ("fetch", "pages", "token")

    def __init__(
        self, fetch: Callable[[str | None], Operation[Page[T]]], first_token: str | None = None
    ) -> None:
        self.fetch = fetch
        self.token = first_token
        self.pages = 0
        # Only its pages are calls; a listing lasts as long as its caller iterates it.
        super().__init__(self._pages(), timeout=math.inf, observed=False, restart=self._again)

    def _again(self) -> PagedOperation[T]:
        """The rest of the listing, from the page that failed."""
        rest = PagedOperation(self.fetch, self.token)
        rest.pages = self.pages
        return rest

    def _pages(self) -> Flow[None]:
        while True:
            page: Page[T] = yield Run(self.fetch(self.token))
            self.pages += 1
            token = page.next_token or None
            if token is not None and token == self.token:
                self.restart = None  # iterating again would only repeat it
                raise RuntimeError(
                    "the server returned the pagination token it was given, which would repeat the "
                    "same page forever; the listing stops here"
                )
            self.token = token
            yield Emit(page.items)
            if token is None:
                return


def paged(
    rpc: Rpc[RequestT, ResponseT],
    request: Callable[[str | None], RequestT],
    read: Callable[[ResponseT], Page[T]],
    *,
    timeout: Timeout = None,
    first_token: str | None = None,
) -> PagedOperation[T]:
    """A listing made of calls of one RPC.

    Args:
        rpc: the RPC that returns a page.
        request: builds the request of the page a token points at (None: the first page).
        read: the page's items and next token, from the response.
        timeout: bounds each page's call (validated now, before any RPC).
        first_token: where the listing starts, e.g. a token saved from an earlier listing.

    """
    seconds = call_timeout(timeout)

    def fetch(token: str | None) -> Operation[Page[T]]:
        return unary(rpc, request(token), read, timeout=seconds)

    return PagedOperation(fetch, first_token)


class paged_operation(_ItemsMethod[BoundT, P, T]):
    """Decorator: the method returns a `PagedOperation[T]`; the caller iterates over `T` values.

    On `Client` the result is an iterator, on `AsyncClient` an async iterator, which fetches
    pages as it goes. The method's arguments are checked when it is called; the first RPC is
    made when the first item is asked for.
    """

    def __init__(self, build: Callable[Concatenate[BoundT, P], PagedOperation[T]]) -> None:
        super().__init__(build)
