"""Listings read lazily, one page at a time, written once for `Client` and `AsyncClient`.

A sub-client method that lists many items marks itself with `paged_operation` and returns a
`PagedOperation`: how to fetch the page that a pagination token points at (`paged` builds one
from an RPC). The caller gets a `Paginator` of the items: an iterator on `Client`, an async
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

Each page is one operation run by the client's runner: observers see one call per page, named
for the method, and the timeout bounds each page's call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar

from xai_sdk.operations import Operation, Rpc, Timeout, call_timeout, unary
from xai_sdk.service import Binding, BoundT, _ItemsMethod

if TYPE_CHECKING:
    from xai_sdk._runners import Runner

__all__ = ["Page", "PagedOperation", "Paginator", "paged", "paged_operation"]

P = ParamSpec("P")
T = TypeVar("T")
RequestT = TypeVar("RequestT")
ResponseT = TypeVar("ResponseT")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing: its items, and the token of the next page (None or "" at the end)."""

    items: Iterable[T]
    next_token: str | None


@dataclass(frozen=True, slots=True)
class PagedOperation(Generic[T]):
    """A method's listing: `fetch(token)` is the operation reading the page `token` points at.

    The first page is fetched with `first_token` (None: from the start of the listing).
    """

    fetch: Callable[[str | None], Operation[Page[T]]]
    first_token: str | None = None


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


_NOTHING: Any = object()


class Paginator(Generic[T]):
    """The items of a listing, fetched one page at a time as they are iterated.

    Iterate it with ``for`` (`Client`) or ``async for`` (`AsyncClient`), once. Nothing is fetched
    before the first item is asked for; then one page at a time, each when the previous one is
    used up. If fetching a page fails, the error is raised and the paginator stays where it was:
    iterating again retries that page. `close()` (or leaving a ``with`` block) ends it early.
    `pages` counts the pages fetched so far.
    """

    def __init__(self, runner: Runner, op: PagedOperation[T], binding: Binding, method: str) -> None:
        self._runner = runner
        self._op = op
        self._binding = binding
        self._method = method
        self._token = op.first_token
        self._items: Iterator[T] = iter(())
        self._last = False
        self.pages = 0
        """How many pages have been fetched."""

    def __repr__(self) -> str:
        status = "done" if self._last else f"{self.pages} page(s) fetched"
        return f"<Paginator {self._binding.service}.{self._method} ({status})>"

    def _next_page(self) -> Operation[Page[T]]:
        return self._op.fetch(self._token)

    def _accept(self, page: Page[T]) -> None:
        """Take a fetched page: its items come next; its token says where the following one is."""
        self.pages += 1
        token = page.next_token or None
        if token is not None and token == self._token:
            self._last = True
            raise RuntimeError(
                f"{self._binding.service}.{self._method}: the server returned the pagination token it "
                "was given, which would repeat the same page forever; the listing stops here"
            )
        self._items = iter(page.items)
        self._token = token
        self._last = token is None

    def __iter__(self) -> Paginator[T]:
        return self

    def __next__(self) -> T:
        if self._runner.is_async:
            raise TypeError("This listing belongs to an AsyncClient: iterate it with `async for`.")
        runner: Any = self._runner  # a SyncRunner: `run` returns the page
        while True:
            item = next(self._items, _NOTHING)
            if item is not _NOTHING:
                return item
            if self._last:
                raise StopIteration
            self._accept(runner.run(self._next_page(), self._binding, self._method))

    def __aiter__(self) -> Paginator[T]:
        return self

    async def __anext__(self) -> T:
        if not self._runner.is_async:
            raise TypeError("This listing belongs to a blocking Client: iterate it with `for`.")
        runner: Any = self._runner  # an AsyncRunner: `run` returns a coroutine of the page
        while True:
            item = next(self._items, _NOTHING)
            if item is not _NOTHING:
                return item
            if self._last:
                raise StopAsyncIteration
            self._accept(await runner.run(self._next_page(), self._binding, self._method))

    def close(self) -> None:
        """Stop: no further page is fetched. Safe to call more than once."""
        self._last = True
        self._items = iter(())

    async def aclose(self) -> None:
        """Async spelling of `close`, for ``contextlib.aclosing`` and the like."""
        self.close()

    def __enter__(self) -> Paginator[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    async def __aenter__(self) -> Paginator[T]:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()


class paged_operation(_ItemsMethod[BoundT, P, T]):
    """Decorator: the method returns a `PagedOperation[T]`; the caller iterates over `T` values.

    On `Client` the result is an iterator, on `AsyncClient` an async iterator (a `Paginator`
    either way), which fetches pages as it goes. The method's arguments are checked when it is
    called; the first RPC is made when the first item is asked for.
    """

    _runner_method = "paginate"

    def __init__(self, build: Callable[Concatenate[BoundT, P], PagedOperation[T]]) -> None:
        super().__init__(build)
