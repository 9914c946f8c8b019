"""Tools that look at methods see ours as they see the official SDK's 1.21.0.

`methods.py` describes the public methods of the classes user code calls (by their official
paths), once in the official SDK's environment and once here. For every method, the parameters
(names, kinds, defaults) must be the official ones, in order, optionally followed by options of
ours that have defaults (``timeout=``); coroutine functions must be coroutine functions.
`unittest.mock.create_autospec` must make the same kind of mock of each, and ``help()`` must show
a docstring for each. Where ours differs on purpose, `DELIBERATE` says why (the README's
"Deliberate differences" lists the same).
"""

from __future__ import annotations

import inspect
import pydoc
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from tests.dropin import methods
from tests.reference import OfficialSdk, needs_wheelhouse
from xai_sdk import AsyncClient, Client

pytestmark = needs_wheelhouse

SUB_CLIENT_INIT = (
    "sub-clients and chats are created by the client (client.chat, client.chat.create), not from a channel"
)
DELIBERATE = {
    ("client.Client", "__init__"): "api_host and management_api_host default to None: XAI_API_HOST and "
    "XAI_MANAGEMENT_API_HOST are read when they are not given, then api.x.ai / management-api.x.ai",
    (
        "chat.Chat",
        "stream",
    ): "a stream is an iterator object, not a generator: close() from another thread or "
    "task, `with` / `async with`, and break all cancel the request",
    ("chat.Chat", "stream_batch"): "as stream",
}
"""(official path without the sync/aio package, method) -> why ours differs there."""


def _deliberate(path: str, method: str) -> str | None:
    short = path.removeprefix("xai_sdk.sync.").removeprefix("xai_sdk.aio.")
    created_by_the_client = (short.endswith(".Client") and short != "client.Client") or short == "chat.Chat"
    if method == "__init__" and created_by_the_client:
        return SUB_CLIENT_INIT
    return DELIBERATE.get((short, method))


@pytest.fixture(scope="session")
def official_methods(official_sdk: OfficialSdk) -> dict[str, Any]:
    path = Path(methods.__file__)
    return official_sdk.run(f"import runpy; runpy.run_path({str(path)!r}, run_name='__main__')")  # type: ignore[no-any-return]


def _why_different(official: dict[str, Any], ours: dict[str, Any]) -> str | None:
    expected, actual = official["parameters"], ours["parameters"]
    if actual[: len(expected)] != expected:
        return f"parameters {actual} instead of {expected}"
    added = actual[len(expected) :]
    if any(default is None or kind in ("VAR_POSITIONAL", "VAR_KEYWORD") for _, kind, default in added):
        return f"added parameters without defaults: {added}"
    for flag in ("coroutine", "async_generator", "generator"):
        if official[flag] != ours[flag]:
            return f"{flag}: {ours[flag]} instead of {official[flag]}"
    if not ours["documented"]:
        return "no docstring"
    return None


@pytest.mark.parametrize("path", methods.CLASSES)
def test_every_public_method_looks_like_the_official_one(path: str, official_methods: dict[str, Any]) -> None:
    official, ours = official_methods[path], methods.describe_class(path)
    assert "error" not in official and "error" not in ours, (official, ours)
    differences = {
        name: why
        for name, description in official.items()
        if _deliberate(path, name) is None
        and (why := _why_different(description, ours[name]) if name in ours else "missing")
    }
    assert not differences, differences


def test_every_deliberate_difference_is_still_a_difference(official_methods: dict[str, Any]) -> None:
    # A difference that went away must leave the list (and the README's).
    for path in methods.CLASSES:
        ours = methods.describe_class(path)
        for name, description in official_methods[path].items():
            if _deliberate(path, name) is not None:
                assert _why_different(description, ours[name]) is not None, (path, name)


def test_the_methods_compared_cover_the_official_surface(official_methods: dict[str, Any]) -> None:
    count = sum(len(described) for described in official_methods.values())
    assert count >= 160  # 163 methods of 33 classes in 1.21.0
    assert official_methods["xai_sdk.aio.chat.Chat"]["sample"]["coroutine"]


@pytest.mark.parametrize("path", methods.CLASSES)
def test_autospec_makes_the_official_kind_of_mock_of_each_method(
    path: str, official_methods: dict[str, Any]
) -> None:
    spec = mock.create_autospec(methods.load(path), instance=True)
    for name, description in official_methods[path].items():
        if name == "__init__":
            continue
        stand_in = getattr(spec, name)
        assert isinstance(stand_in, mock.AsyncMock) == description["coroutine"], name
        if all(kind != "VAR_KEYWORD" for _, kind, _ in description["parameters"]):
            with pytest.raises(TypeError):  # the mock checks calls against the signature
                stand_in(not_a_parameter_of_any_method=1)


@pytest.mark.parametrize("path", methods.CLASSES)
def test_help_shows_each_method_with_its_docstring(path: str, official_methods: dict[str, Any]) -> None:
    page = pydoc.render_doc(methods.load(path), renderer=pydoc.plaintext)
    for name in official_methods[path]:
        if name != "__init__":
            doc = inspect.getdoc(getattr(methods.load(path), name))
            assert doc and doc.splitlines()[0] in page, name


@pytest.mark.parametrize("client_type", [Client, AsyncClient])
def test_bound_methods_of_the_sub_clients_show_no_self(client_type: type[Client | AsyncClient]) -> None:
    client = client_type(api_key="unused-no-call-is-made")
    for service in methods.SERVICES:
        sub_client = getattr(client, "tokenize" if service == "tokenizer" else service)
        for name, function in methods.public_methods(type(sub_client)).items():
            if name != "__init__":
                unbound = list(inspect.signature(function).parameters)
                assert list(inspect.signature(getattr(sub_client, name)).parameters) == unbound[1:], name
    assert mock.create_autospec(client_type, instance=True).close is not None
