"""Every module path and public name of the official SDK 1.21.0 exists here and is the same kind of thing.

The official wheel's modules are read from the wheelhouse; their public names come from running
`surface.py` in the official SDK's environment. Each official module must import here (all
distributions are installed in the development environment), and each of its public names must
be importable from it and be the same kind of thing: a module, a class, a function, a literal
type with the same values (or more), a constant of the same value.
"""

from __future__ import annotations

import importlib
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.dropin import surface
from tests.reference import OfficialSdk, needs_wheelhouse, official_wheel

pytestmark = needs_wheelhouse


def _official_modules() -> list[str]:
    if not official_wheel().exists():
        return []
    names = []
    for path in zipfile.ZipFile(official_wheel()).namelist():
        if path.startswith("xai_sdk/") and path.endswith(".py"):
            module = path[: -len(".py")].replace("/", ".")
            names.append(module.removesuffix(".__init__"))
    return sorted(names)


OFFICIAL_MODULES = _official_modules()


@pytest.fixture(scope="session")
def official_surface(official_sdk: OfficialSdk) -> dict[str, Any]:
    path = Path(surface.__file__)
    return official_sdk.run(f"import runpy; runpy.run_path({str(path)!r}, run_name='__main__')")  # type: ignore[no-any-return]


def test_the_official_wheel_has_the_modules_this_test_expects() -> None:
    assert len(OFFICIAL_MODULES) == 114  # 50 modules, and 2 x 32 generated ones under proto.v5/v6
    assert {"xai_sdk.sync.chat", "xai_sdk.aio.client", "xai_sdk.proto.v6.chat_pb2"} <= set(OFFICIAL_MODULES)


def _same_kind(official: dict[str, Any], ours: dict[str, Any], name: str) -> str | None:
    """Why `ours` does not stand for `official`, or None when it does."""
    kind = official["kind"]
    if "error" in ours:
        return ours["error"]
    if kind == "module":
        return None if ours == official else f"module {ours} instead of {official}"
    if kind in ("class", "exception"):
        if ours["kind"] != kind:
            return f"a {ours['kind']}, not a {kind}"
        if official.get("keys") != ours.get("keys"):
            return f"keys {ours.get('keys')} instead of {official.get('keys')}"
        return None
    if kind == "function":
        return None if ours["kind"] in ("function", "class") else f"a {ours['kind']}, not callable"
    if kind == "literal":
        missing = set(official["values"]) - set(ours.get("values", ()))
        return None if ours["kind"] == "literal" and not missing else f"{ours} lacks {sorted(missing)}"
    if kind == "typing":
        return None if ours["kind"] in ("typing", "literal", "class") else f"a {ours['kind']}, not a type"
    if kind == "constant":
        if ours["kind"] != "constant":
            return f"a {ours['kind']}, not a constant"
        if name not in surface.VERSIONED and ours["value"] != official["value"]:
            return f"{ours['value']!r} instead of {official['value']!r}"
        return None
    if official.get("type") == "TypeAdapter":  # pydantic's validators: ours has validate_python
        return None if ours["kind"] == "object" else f"a {ours['kind']}, not a validator"
    return None


@pytest.mark.parametrize("module", OFFICIAL_MODULES)
def test_each_official_module_and_its_names_exist_here(module: str, official_surface: dict[str, Any]) -> None:
    official = official_surface[module]
    assert "error" not in official, official  # the reference itself imports
    assert "error" not in surface.describe_module(module, public_only=False), module
    differences = {
        name: why
        for name, description in official["names"].items()
        if (why := _same_kind(description, surface.describe_name(module, name), name)) is not None
    }
    assert not differences, differences


def test_names_are_checked_in_every_module(official_surface: dict[str, Any]) -> None:
    # Guards the test above against a reference that lists nothing.
    counts = {module: len(official_surface[module]["names"]) for module in OFFICIAL_MODULES}
    assert counts["xai_sdk.sync.chat"] >= 10 and counts["xai_sdk.chat"] >= 30
    assert sum(counts.values()) > 1400  # 1,455 in 1.21.0


@pytest.mark.parametrize("module", OFFICIAL_MODULES)
def test_dir_of_each_module_lists_the_official_names(module: str, official_surface: dict[str, Any]) -> None:
    # Names imported on first access (`lazy_names`) are listed too, as the official modules list them.
    listed = set(dir(importlib.import_module(module)))
    assert not set(official_surface[module]["names"]) - listed
