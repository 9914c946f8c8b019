"""Shared fixtures: the emulator fixtures come from xai-emulator's pytest plugin."""

from __future__ import annotations

import inspect
import os
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.reference import OfficialSdk, official_wheel
from xai_sdk import AsyncClient, Client
from xai_sdk.emulator import Emulator

# xai-telemetry is installed in the development environment; the tests of other services run
# without its hooks (its own tests register it explicitly). Read before the first client exists.
os.environ["XAI_SDK_DISABLE_TRACING"] = "1"


@pytest.fixture(params=["sync", "async"])
async def client(
    request: pytest.FixtureRequest, xai_emulator: Emulator
) -> AsyncIterator[Client | AsyncClient]:
    """A client of each kind, connected to the emulator; use `outcome()` on what its methods return."""
    if request.param == "sync":
        with xai_emulator.client() as sync_client:
            yield sync_client
    else:
        async with xai_emulator.async_client() as async_client:
            yield async_client


async def outcome(value: Any) -> Any:
    """The result of a sub-client method of either client: awaited if it is awaitable."""
    return await value if inspect.isawaitable(value) else value


@pytest.fixture(scope="session")
def official_sdk(tmp_path_factory: pytest.TempPathFactory) -> OfficialSdk:
    """The official xai-sdk 1.21.0 in a virtual environment of its own (see tests/reference.py)."""
    if not official_wheel().exists():
        pytest.skip("no official wheel in the wheelhouse: run `python scripts/wheelhouse.py`")
    return OfficialSdk(tmp_path_factory.mktemp("official-sdk"))
