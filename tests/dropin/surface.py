"""Describes the public surface of an installed ``xai_sdk``: its modules and their public names.

The same module runs in two places: in the test process, describing this SDK, and as a script in
the official SDK's virtual environment (``python surface.py``, which prints the description of
every module as JSON). It uses the standard library only.

A module's public names are those bound at its top level that do not start with ``_`` (and
``__version__``). For the official SDK, a name is left out when the module bound it by importing
it from another library (``from typing import Optional``, ``import grpc``): those are not the
SDK's API. What is left are the classes, functions and constants the module defines or takes from
the SDK's own modules (``chat_pb2``, ``BaseClient``, ...).
"""

from __future__ import annotations

import ast
import datetime
import enum
import importlib
import inspect
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

VERSIONED = frozenset({"__version__", "xai_sdk_version", "USER_AGENT"})
"""Constants that name the SDK's version, which differs by design."""


def modules(package: str = "xai_sdk") -> list[str]:
    """Every module of the package: each ``.py`` file of its installed tree.

    Walked on disk rather than with `pkgutil`, which skips directories without an
    ``__init__.py`` (the official ``xai_sdk.proto.v5`` and ``.v6`` are such namespace packages).
    """
    found = set()
    for directory in importlib.import_module(package).__path__:
        root = Path(directory)
        for path in root.rglob("*.py"):
            parts = (package, *path.relative_to(root).with_suffix("").parts)
            found.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(found)


def _imported_from_elsewhere(module: types.ModuleType) -> set[str]:
    """Names whose last top-level binding in the module's source imports them from another library."""
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        return set()
    bindings: dict[str, bool] = {}

    def visit(statements: list[ast.stmt]) -> None:
        for statement in statements:
            if isinstance(statement, (ast.If, ast.Try)):
                visit(statement.body)
                visit(statement.orelse)
                for handler in getattr(statement, "handlers", []):
                    visit(handler.body)
                visit(getattr(statement, "finalbody", []))
            elif isinstance(statement, ast.ImportFrom):
                external = not statement.level and not (statement.module or "").startswith("xai_sdk")
                for alias in statement.names:
                    bindings[alias.asname or alias.name] = external
            elif isinstance(statement, ast.Import):
                for alias in statement.names:
                    bindings[alias.asname or alias.name.split(".")[0]] = not alias.name.startswith("xai_sdk")
            elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bindings[statement.name] = False
            elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
                for target in targets:
                    for node in ast.walk(target):
                        if isinstance(node, ast.Name):
                            bindings[node.id] = False

    visit(ast.parse(source).body)
    return {name for name, external in bindings.items() if external}


def _json_value(value: Any) -> Any:
    """A JSON form of a simple constant, or raises TypeError."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, enum.Enum):
        return _json_value(value.value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, datetime.timedelta):
        return {"timedelta": value.total_seconds()}
    if isinstance(value, (list, tuple, frozenset, set)):
        items = [_json_value(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, dict):
        return {str(_json_value(key)): _json_value(item) for key, item in value.items()}
    raise TypeError(type(value))


def describe_value(value: Any) -> dict[str, Any]:
    """What kind of thing a public name is, with what a comparison needs to know about it."""
    if isinstance(value, types.ModuleType):
        return {"kind": "module", "name": value.__name__.rpartition(".")[2]}
    origin = typing.get_origin(value)
    if origin is typing.Literal:
        return {"kind": "literal", "values": sorted(map(repr, typing.get_args(value)))}
    if origin is not None or type(value).__module__ in ("typing", "typing_extensions"):
        return {"kind": "typing"}
    if isinstance(value, type):
        description: dict[str, Any] = {"kind": "class"}
        if typing.is_typeddict(value):
            description["keys"] = sorted(getattr(value, "__annotations__", {}))
        if issubclass(value, BaseException):
            description["kind"] = "exception"
        return description
    if callable(value):
        return {"kind": "function"}
    try:
        return {"kind": "constant", "value": _json_value(value)}
    except TypeError:
        return {"kind": "object", "type": type(value).__name__}


def describe_module(name: str, *, public_only: bool = True) -> dict[str, Any]:
    """The public names of a module and what each is; ``{"error": ...}`` if it does not import."""
    try:
        module = importlib.import_module(name)
    except Exception as error:  # the description says why
        return {"error": f"{type(error).__name__}: {error}"}
    elsewhere = _imported_from_elsewhere(module) if public_only else set()
    names: dict[str, Any] = {}
    for key, value in vars(module).items():
        if (key.startswith("_") and key != "__version__") or key in elsewhere:
            continue
        if isinstance(value, types.ModuleType) and not value.__name__.startswith("xai_sdk"):
            continue
        names[key] = describe_value(value)
    return {"names": names}


def describe_name(module: str, name: str) -> dict[str, Any]:
    """What ``from module import name`` gives, described; ``{"error": ...}`` if it fails."""
    try:
        value = getattr(importlib.import_module(module), name)
    except Exception:
        try:  # a submodule that is not an attribute yet
            value = importlib.import_module(f"{module}.{name}")
        except Exception as error:
            return {"error": f"{type(error).__name__}: {error}"}
    return describe_value(value)


def main() -> None:
    """Print the surface of every module of the installed SDK."""
    print(json.dumps({module: describe_module(module) for module in modules()}))


if __name__ == "__main__":
    sys.exit(main())
