"""Shared fixtures: the emulator fixtures come from xai-emulator's pytest plugin."""

from __future__ import annotations

import inspect
import os
from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest

from tests.reference import OfficialSdk, official_wheel
from xai_sdk import AsyncClient, Client, errors
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


def is_upload_refusal(error: object, code: grpc.StatusCode, client: Client | AsyncClient) -> bool:
    """Whether `error` is how `client` reports a client stream that the server refused with `code`.

    `Client` always reports the server's status. grpc.aio has a race of its own: when the server
    ends a client stream while the client is still sending it, the send may fail before the
    status is read, and grpc.aio then reports INTERNAL "Internal error from Core" instead (11
    of 600 uploads that the emulator refused at once).
    """
    if not isinstance(error, errors.RpcError):
        return False
    if error.code() is code:
        return True
    lost = error.code() is grpc.StatusCode.INTERNAL and error.details() == "Internal error from Core"
    return lost and isinstance(client, AsyncClient)


@pytest.fixture(scope="session")
def official_sdk(tmp_path_factory: pytest.TempPathFactory) -> OfficialSdk:
    """The official xai-sdk 1.21.0 in a virtual environment of its own (see tests/reference.py)."""
    if not official_wheel().exists():
        pytest.skip("no official wheel in the wheelhouse: run `python scripts/wheelhouse.py`")
    return OfficialSdk(tmp_path_factory.mktemp("official-sdk"))
