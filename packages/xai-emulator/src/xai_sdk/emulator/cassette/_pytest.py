"""The pytest side of cassettes: the ``xai_cassette`` marker and fixture, and their options.

xai-emulator's pytest plugin (`xai_sdk.emulator.pytest_plugin`) exposes what this module defines.
A test marked ``@pytest.mark.xai_cassette`` runs with a `Cassette` serving on localhost and the
``XAI_*`` variables pointing at it, so that clients it builds (``Client()``) talk to the
cassette; the ``xai_cassette`` fixture is that cassette (``xai_cassette.client()``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import pytest

from xai_sdk.emulator.cassette._cassette import REAL_API, Cassette, CassetteMismatchError, RecordMode

__all__ = ["add_options", "register_marker", "xai_cassette", "xai_cassette_config", "xai_cassette_marker"]

MARKER = "xai_cassette"
UPSTREAM_HELP = (
    "where the calls of recording tests go: 'api' (xAI's API), 'emulator' (the xai_emulator fixture's "
    "emulator), or HOST:PORT; default: XAI_API_HOST and XAI_MANAGEMENT_API_HOST when set, else xAI's API"
)


def add_options(parser: pytest.Parser) -> None:
    """The command-line options: ``--xai-record-mode`` and ``--xai-upstream``."""
    group = parser.getgroup("xai-emulator", "xAI API emulator and cassettes")
    group.addoption(
        "--xai-record-mode",
        choices=get_args(RecordMode),
        default=None,
        help="record mode of the tests marked xai_cassette (default: their marker's, else none: replay only)",
    )
    group.addoption("--xai-upstream", default=None, metavar="UPSTREAM", help=UPSTREAM_HELP)


def register_marker(config: pytest.Config) -> None:
    """Declare the marker (``--strict-markers`` accepts it, ``pytest --markers`` lists it)."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}(path=None, **options): run the test with an xAI cassette (options of "
        "xai_sdk.emulator.cassette.Cassette); by default cassettes/<module>/<test>.json beside the module",
    )


@pytest.fixture
def xai_cassette_config() -> dict[str, Any]:
    """`Cassette` options for the tests that see this fixture; override it in a conftest.py.

    The marker's own options take precedence, and ``--xai-record-mode`` and ``--xai-upstream``
    over both. For example ``{"ignore_fields": ["user"], "record_mode": "once"}``.
    """
    return {}


@pytest.fixture
def xai_cassette(
    request: pytest.FixtureRequest, xai_cassette_config: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Cassette]:
    """The test's cassette, serving; ``XAI_API_HOST`` and the other variables point at it.

    The test fails if a call matched no recorded interaction, even if the code under test
    caught the error.
    """
    marker = request.node.get_closest_marker(MARKER)
    options = {**xai_cassette_config, **(marker.kwargs if marker else {})}
    path = options.pop("path", None)
    if marker and marker.args:
        path = marker.args[0]
    record_mode = options.pop("record_mode", "none")
    record_mode = request.config.getoption("--xai-record-mode") or record_mode
    upstream = options.pop("upstream", None)
    upstream = request.config.getoption("--xai-upstream") or upstream
    if upstream == "emulator":
        options["upstream"] = request.getfixturevalue("xai_emulator")
    elif upstream == "api":
        options["upstream"] = None
    elif upstream is not None:
        options["upstream"] = upstream
    else:  # where the tests' clients would have gone
        options["upstream"] = os.environ.get("XAI_API_HOST")
        options.setdefault("management_upstream", os.environ.get("XAI_MANAGEMENT_API_HOST") or REAL_API[1])
    module_directory = Path(request.node.path).parent
    cassette = Cassette(
        module_directory / path if path is not None else default_path(request.node),
        record_mode=record_mode,
        **options,
    )
    try:
        cassette.start()
    except FileNotFoundError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        for name, value in cassette.env().items():
            monkeypatch.setenv(name, value)
        yield cassette
    finally:
        cassette.stop()
    if cassette.mismatches:
        pytest.fail(str(CassetteMismatchError(cassette.mismatches)), pytrace=False)


@pytest.fixture(autouse=True)
def xai_cassette_marker(request: pytest.FixtureRequest) -> None:
    """Give a test marked ``xai_cassette`` its cassette, whether or not it asks for the fixture."""
    if request.node.get_closest_marker(MARKER) is not None and "xai_cassette" not in request.fixturenames:
        request.getfixturevalue("xai_cassette")


def default_path(item: pytest.Item) -> Path:
    """``cassettes/<module>/<test>.json`` in the test module's directory (``Class.test[param]``)."""
    module = Path(item.path)
    name = ".".join(item.nodeid.split("::")[1:]) or item.name
    return module.parent / "cassettes" / module.stem / (re.sub(r"[^\w.\[\]-]+", "-", name) + ".json")
