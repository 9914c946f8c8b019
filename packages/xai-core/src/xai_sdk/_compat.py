"""Names the official SDK's modules have that are more than re-exports of this SDK's.

- `should_disable_sensitive_attributes`, which the official SDK's service modules import from its
  telemetry: here it is core's, so that they have it without xai-telemetry.
- The module-level ``tracer`` and ``get_tracer`` of the official ``xai_sdk.sync.*`` and
  ``xai_sdk.aio.*`` modules, served by `tracing_names` from xai-telemetry when it is installed.
  This SDK's spans come from xai-telemetry's hooks, not from those names: replacing one (e.g.
  with ``mock.patch``) does not change what is traced.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = [
    "SENSITIVE_ATTRIBUTES_ENV",
    "lazy_names",
    "list_lazy_names",
    "should_disable_sensitive_attributes",
    "tracing_names",
]

SENSITIVE_ATTRIBUTES_ENV = "XAI_SDK_DISABLE_SENSITIVE_TELEMETRY_ATTRIBUTES"


def should_disable_sensitive_attributes() -> bool:
    """Whether ``XAI_SDK_DISABLE_SENSITIVE_TELEMETRY_ATTRIBUTES`` is ``1`` or ``true`` (read per call)."""
    return os.environ.get(SENSITIVE_ATTRIBUTES_ENV, "").strip().lower() in ("1", "true")


def tracing_names(module: str) -> Callable[[str], Any]:
    """A module `__getattr__` that gives ``get_tracer`` and ``tracer`` (this module's tracer).

    Both come from xai-telemetry, imported on first access; without it, `AttributeError` says
    what to install. The tracer is made once per module, as the official module makes it.
    """

    def __getattr__(name: str) -> Any:
        if name not in ("get_tracer", "tracer"):
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        try:
            telemetry = importlib.import_module("xai_sdk.telemetry")
        except ModuleNotFoundError as error:
            from xai_sdk._catalog import install_hint  # noqa: PLC0415 - only when it is missing

            raise AttributeError(
                f"{module}.{name} comes with the xai-telemetry distribution, which is not installed: "
                f"{install_hint('telemetry')}",
                name=name,
            ) from error
        value = telemetry.get_tracer if name == "get_tracer" else telemetry.get_tracer(module)
        setattr(sys.modules[module], name, value)
        return value

    list_lazy_names(module, ("get_tracer", "tracer"))
    return __getattr__


def lazy_names(module: str, sources: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` that gives each name of `sources` from the module it maps to.

    For names the official module imports from other services (``xai_sdk.batch.Response`` is
    chat's), which here are imported on first access, keeping the module's import light. It
    also gives the module a `__dir__` that lists them, as ``dir()`` of the official module does.
    """

    def __getattr__(name: str) -> Any:
        source = sources.get(name)
        if source is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(source), name)
        setattr(sys.modules[module], name, value)
        return value

    list_lazy_names(module, sources)
    return __getattr__


def list_lazy_names(module: str, names: Iterable[str]) -> None:
    """Give `module` a `__dir__` that lists `names` too: the names its `__getattr__` serves.

    ``dir()`` of the official modules lists them (they are imported eagerly there); code that
    looks a name up in ``dir(module)`` finds it here without importing anything.
    """
    served = frozenset(names)

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[module]), *served})

    sys.modules[module].__dir__ = __dir__  # type: ignore[method-assign]
