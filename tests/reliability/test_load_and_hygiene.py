"""Many calls at once on one client, and clients that come and go without leaking."""

from __future__ import annotations

import asyncio
import gc
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from xai_sdk.chat import user
from xai_sdk.emulator import Emulator


async def test_a_thousand_concurrent_async_calls_each_get_their_own_answer(xai_emulator: Emulator) -> None:
    async with xai_emulator.async_client() as client:

        async def ask(number: int) -> tuple[int, str]:
            response = await client.chat.create("grok-4", messages=[user(f"request {number}")]).sample()
            return number, response.content

        answers = await asyncio.gather(*(ask(number) for number in range(1000)))
    assert [content for _, content in answers] == [f"request {number}" for number, _ in answers]
    assert len(xai_emulator.calls("Chat/GetCompletion")) == 1000


def test_sixty_four_threads_share_one_sync_client(xai_emulator: Emulator) -> None:
    with xai_emulator.client() as client:

        def ask(number: int) -> tuple[int, str]:
            chat = client.chat.create("grok-4", messages=[user(f"thread request {number}")])
            return number, chat.sample().content

        with ThreadPoolExecutor(max_workers=64) as pool:
            answers = list(pool.map(ask, range(640)))
    assert all(content == f"thread request {number}" for number, content in answers)


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def settle() -> None:
    for _ in range(3):
        gc.collect()


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors through /proc")
def test_two_hundred_client_lifetimes_leave_threads_and_descriptors_flat(xai_emulator: Emulator) -> None:
    def lifetime() -> None:
        with xai_emulator.client() as client:
            client.models.list_language_models()

    for _ in range(20):  # let gRPC start its long-lived threads first
        lifetime()
    settle()
    threads, descriptors = threading.active_count(), open_descriptors()
    for _ in range(200):
        lifetime()
    settle()
    assert threading.active_count() <= threads + 2
    assert open_descriptors() <= descriptors + 5


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors through /proc")
def test_clients_dropped_without_close_do_not_leak(xai_emulator: Emulator) -> None:
    def forgotten() -> None:
        xai_emulator.client().models.list_language_models()

    for _ in range(20):
        forgotten()
    settle()
    descriptors = open_descriptors()
    for _ in range(100):
        forgotten()
    settle()
    assert open_descriptors() <= descriptors + 5


def test_async_clients_closed_in_their_loop_leave_descriptors_flat(xai_emulator: Emulator) -> None:
    async def lifetime() -> None:
        async with xai_emulator.async_client() as client:
            await client.models.list_language_models()

    for _ in range(10):
        asyncio.run(lifetime())
    settle()
    descriptors = open_descriptors()
    for _ in range(100):
        asyncio.run(lifetime())
    settle()
    assert open_descriptors() <= descriptors + 5
