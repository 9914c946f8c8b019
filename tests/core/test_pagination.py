"""Paged listings (`xai_sdk.pagination`) driven by both clients: lazy pages, retries, closing, timeouts.

The listing under test is a sub-client written here, over the emulator's ``Files/ListFiles``.
"""

from __future__ import annotations

import asyncio
from typing import Any

import grpc
import pytest

from xai_sdk import AsyncClient, Client, errors
from xai_sdk._runners import Iteration
from xai_sdk.emulator import Emulator
from xai_sdk.hookspecs import ServiceSpec, hookimpl
from xai_sdk.operations import Rpc, Timeout
from xai_sdk.pagination import Page, PagedOperation, paged, paged_operation
from xai_sdk.proto import files_pb2
from xai_sdk.service import Bound, ModeT

LIST = "Files/ListFiles"
LIST_FILES = Rpc("/xai_api.Files/ListFiles", files_pb2.ListFilesRequest, files_pb2.ListFilesResponse)


class FileNames(Bound[ModeT]):
    """The names of the stored files, oldest first, listed page by page."""

    @paged_operation
    def names(
        self, *, page_size: int = 2, start: str | None = None, timeout: Timeout = None
    ) -> PagedOperation[str]:
        return paged(
            LIST_FILES,
            lambda token: files_pb2.ListFilesRequest(
                limit=page_size, order=files_pb2.ASCENDING, pagination_token=token
            ),
            lambda response: Page([file.filename for file in response.data], response.pagination_token),
            timeout=timeout,
            first_token=start,
        )

    @paged_operation
    def stuck(self) -> PagedOperation[str]:
        """A broken listing: every page points at itself."""
        return paged(
            LIST_FILES,
            lambda token: files_pb2.ListFilesRequest(limit=1),
            lambda response: Page([file.filename for file in response.data], "same-token"),
        )


class _Plugin:
    @hookimpl
    def xai_sdk_services(self) -> list[ServiceSpec]:
        return [ServiceSpec(name="names", client=f"{__name__}:FileNames")]


@pytest.fixture(params=["sync", "async"])
async def lister(request: pytest.FixtureRequest, xai_emulator: Emulator):  # type: ignore[no-untyped-def]
    for index in range(5):
        xai_emulator.files.add_file(f"file-{index}.txt", b"x")
    if request.param == "sync":
        with xai_emulator.client(plugins=[_Plugin()]) as client:
            yield client.names
    else:
        async with xai_emulator.async_client(plugins=[_Plugin()]) as async_client:
            yield async_client.names


def is_async(paginator: Any) -> bool:
    return bool(paginator._runner.is_async)


async def take(paginator: Any, count: int | None = None) -> list[Any]:
    """`count` items (all when None) of a paginator of either client."""
    items: list[Any] = []
    while count is None or len(items) < count:
        try:
            items.append(await anext(paginator) if is_async(paginator) else next(paginator))
        except (StopIteration, StopAsyncIteration):
            break
    return items


ALL = [f"file-{index}.txt" for index in range(5)]


async def test_a_paginator_yields_every_item_of_every_page(lister, xai_emulator: Emulator) -> None:
    assert await take(lister.names()) == ALL
    assert len(xai_emulator.calls(LIST)) == 3


async def test_nothing_is_fetched_before_the_first_item_is_asked_for(lister, xai_emulator: Emulator) -> None:
    paginator = lister.names()
    assert isinstance(paginator, Iteration)
    assert xai_emulator.calls(LIST) == []


async def test_each_page_is_fetched_when_the_previous_one_is_used_up(lister, xai_emulator: Emulator) -> None:
    paginator = lister.names()
    assert await take(paginator, 2) == ALL[:2]
    assert len(xai_emulator.calls(LIST)) == 1
    assert await take(paginator, 1) == ALL[2:3]
    assert len(xai_emulator.calls(LIST)) == 2


async def test_each_page_request_carries_the_previous_pages_token(lister, xai_emulator: Emulator) -> None:
    await take(lister.names())
    first, second, third = (call.request for call in xai_emulator.calls(LIST))
    assert not first.HasField("pagination_token")
    assert second.pagination_token and third.pagination_token != second.pagination_token


async def test_a_listing_may_start_at_a_saved_token(lister, xai_emulator: Emulator) -> None:
    with xai_emulator.client() as client:
        token = client.files.list(limit=2, order="asc").pagination_token
    assert await take(lister.names(start=token)) == ALL[2:]


async def test_a_failed_page_raises_and_iterating_again_retries_it(lister, xai_emulator: Emulator) -> None:
    paginator = lister.names()
    assert await take(paginator, 2) == ALL[:2]
    xai_emulator.faults.fail(LIST, grpc.StatusCode.INTERNAL)
    with pytest.raises(errors.InternalServerError):
        await take(paginator, 1)
    assert await take(paginator) == ALL[2:]
    second_try = xai_emulator.calls(LIST)[2].request
    assert second_try.pagination_token == xai_emulator.calls(LIST)[1].request.pagination_token


async def test_closing_stops_the_listing(lister, xai_emulator: Emulator) -> None:
    paginator = lister.names()
    with paginator:
        assert await take(paginator, 1) == ALL[:1]
    assert await take(paginator) == []
    assert len(xai_emulator.calls(LIST)) == 1


async def test_each_page_call_is_bounded_by_the_timeout(lister, xai_emulator: Emulator) -> None:
    await take(lister.names(timeout=7))
    remaining = [call.time_remaining for call in xai_emulator.calls(LIST)]
    assert len(remaining) == 3
    assert all(value is not None and 0 < value <= 7.5 for value in remaining)  # grpc rounds it up


async def test_a_bad_timeout_is_refused_when_the_method_is_called(lister, xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="timeout must be a positive"):
        lister.names(timeout=-1)
    assert xai_emulator.requests == []


async def test_a_server_repeating_its_token_stops_the_listing_with_an_error(lister) -> None:
    paginator = lister.stuck()
    assert await take(paginator, 1) == ALL[:1]
    with pytest.raises(RuntimeError, match="same page forever"):
        await take(paginator, 1)
    assert await take(paginator) == []


def test_a_sync_listing_refuses_async_iteration_and_vice_versa(xai_emulator: Emulator) -> None:
    with (
        xai_emulator.client(plugins=[_Plugin()]) as client,
        pytest.raises(TypeError, match="iterate it with `for`"),
    ):
        asyncio.run(anext(client.names.names()))
    async_client = xai_emulator.async_client(plugins=[_Plugin()])
    with pytest.raises(TypeError, match="async for"):
        next(async_client.names.names())


def test_the_descriptor_types_follow_the_client(xai_emulator: Emulator) -> None:
    assert isinstance(FileNames.names, paged_operation)
    with xai_emulator.client(plugins=[_Plugin()]) as client:
        sync_listing = client.names.names()
    assert isinstance(client, Client) and hasattr(sync_listing, "__next__")
    assert not isinstance(client, AsyncClient)
    assert "names.names" in repr(sync_listing)
