"""pytest fixtures that run the emulator, for the SDK's tests and for yours.

* ``xai_emulator``: an `Emulator` shared by the whole session, reset (recorded calls, pending
  faults, chat scripts and every service's state forgotten) before each test that uses it.
* ``xai_client``: a `Client` connected to it, closed after the test.
* ``xai_async_client``: an `AsyncClient` connected to it. It opens its channels inside the
  test's event loop on first use; they are closed with that loop.

The plugin loads automatically when xai-emulator is installed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from xai_sdk import AsyncClient, Client
from xai_sdk.emulator.server import Emulator


@pytest.fixture(scope="session")
def xai_emulator_session() -> Iterator[Emulator]:
    """The session's emulator, started once."""
    with Emulator() as emulator:
        yield emulator


@pytest.fixture
def xai_emulator(xai_emulator_session: Emulator) -> Emulator:
    """The session's emulator, reset: no recorded calls, pending faults, scripts or stored state."""
    xai_emulator_session.reset()
    return xai_emulator_session


@pytest.fixture
def xai_client(xai_emulator: Emulator) -> Iterator[Client]:
    """A `Client` pointed at the emulator."""
    with xai_emulator.client() as client:
        yield client


@pytest.fixture
def xai_async_client(xai_emulator: Emulator) -> AsyncClient:
    """An `AsyncClient` pointed at the emulator."""
    return xai_emulator.async_client()
