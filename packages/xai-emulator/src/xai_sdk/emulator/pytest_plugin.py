"""pytest fixtures that run the emulator, for the SDK's tests and for yours.

* ``xai_emulator``: an `Emulator` shared by the whole session, reset (recorded calls, pending
  faults, chat scripts and every service's state forgotten) before each test that uses it.
* ``xai_client``: a `Client` connected to it, closed after the test.
* ``xai_async_client``: an `AsyncClient` connected to it. It opens its channels inside the
  test's event loop on first use; they are closed with that loop.
* ``xai_cassette``: the test's cassette (`xai_sdk.emulator.cassette.Cassette`), which tests
  marked ``@pytest.mark.xai_cassette`` get whether or not they ask for it, with the ``XAI_*``
  variables pointing at it; ``xai_cassette_config`` (override it in a conftest.py) gives options
  to every cassette. Options: ``--xai-record-mode`` (none, once, new_episodes, all) and
  ``--xai-upstream`` (api, emulator, or HOST:PORT).

The plugin loads automatically when xai-emulator is installed.

Async tests: pytest runs an ``async def`` test only through a plugin, and two work with these
fixtures (neither is a dependency of xai-emulator; install one):

* pytest-asyncio: mark the test ``@pytest.mark.asyncio``, or set ``asyncio_mode = "auto"`` in
  the pytest configuration to run every async test;
* anyio: mark the test ``@pytest.mark.anyio``. gRPC's asyncio client needs anyio's asyncio
  backend: when trio is installed too, anyio runs each marked test on both backends, and
  ``xai_async_client`` refuses trio; a fixture ``anyio_backend`` returning ``"asyncio"`` in your
  conftest.py picks asyncio alone.

An async test that uses these fixtures but that no plugin runs fails with a message naming
them, instead of pytest's "async def functions are not natively supported".
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import pytest

from xai_sdk import AsyncClient, Client
from xai_sdk.emulator.cassette import _pytest as _cassettes
from xai_sdk.emulator.cassette._pytest import xai_cassette, xai_cassette_config, xai_cassette_marker
from xai_sdk.emulator.server import Emulator

__all__ = [
    "xai_async_client",
    "xai_cassette",
    "xai_cassette_config",
    "xai_cassette_marker",
    "xai_client",
    "xai_emulator",
    "xai_emulator_session",
]

FIXTURES = ("xai_emulator_session", "xai_emulator", "xai_client", "xai_async_client", "xai_cassette")
"""The fixtures of this plugin."""


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add the cassettes' options, ``--xai-record-mode`` and ``--xai-upstream``."""
    _cassettes.add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    """Declare the ``xai_cassette`` marker."""
    _cassettes.register_marker(config)


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
def xai_async_client(xai_emulator: Emulator, request: pytest.FixtureRequest) -> AsyncClient:
    """An `AsyncClient` pointed at the emulator, for tests run on asyncio."""
    if "anyio_backend" in request.fixturenames:
        backend = request.getfixturevalue("anyio_backend")
        name = backend if isinstance(backend, str) else backend[0]
        if name != "asyncio":
            pytest.fail(
                f"xai_async_client runs on asyncio (gRPC's asyncio client), and anyio runs this test on "
                f"{name!r}: define a fixture anyio_backend returning 'asyncio' in your conftest.py",
                pytrace=False,
            )
    return xai_emulator.async_client()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> None:
    """Fail an async test that uses these fixtures and that no plugin runs, saying what to install.

    By the time this runs, pytest-asyncio has replaced the tests it runs by synchronous
    wrappers, and anyio runs those given its ``anyio_backend`` fixture; a coroutine function
    left over would reach pytest's own "async def functions are not natively supported". When a
    plugin this one does not know implements this hook, it may run the test: nothing is said.
    """
    function = pyfuncitem.obj
    if not (inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)):
        return
    if not set(FIXTURES) & set(pyfuncitem.fixturenames) or "anyio_backend" in pyfuncitem.funcargs:
        return
    implementers = {
        getattr(implementation.plugin, "__name__", None)
        for implementation in pyfuncitem.config.hook.pytest_pyfunc_call.get_hookimpls()
    }
    if implementers <= {*_KNOWN_RUNNERS, __name__}:
        pytest.fail(_no_async_runner(pyfuncitem.config), pytrace=False)


_KNOWN_RUNNERS = ("_pytest.python", "pytest_asyncio.plugin", "anyio.pytest_plugin")
"""Modules implementing `pytest_pyfunc_call` that run no test this hook could not recognize."""


def _no_async_runner(config: pytest.Config) -> str:
    plugins = config.pluginmanager
    advice = []
    if plugins.has_plugin("asyncio"):
        advice.append(
            'pytest-asyncio is installed: mark the test @pytest.mark.asyncio, or set asyncio_mode = "auto"'
        )
    if plugins.has_plugin("anyio"):
        advice.append("anyio is installed: mark the test @pytest.mark.anyio")
    if not advice:
        advice.append(
            "install pytest-asyncio (then mark the test @pytest.mark.asyncio) or anyio (then mark it "
            "@pytest.mark.anyio)"
        )
    return (
        "this async test uses the xai-emulator fixtures, but no plugin runs async tests: "
        + "; ".join(advice)
        + " (see xai_sdk.emulator.pytest_plugin)"
    )
