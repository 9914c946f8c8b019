"""Module paths of the official SDK that are not files here: aliases, and services not installed.

A finder at the end of `sys.meta_path` (consulted only once the regular finders found nothing)
serves two kinds of names under ``xai_sdk``:

- ``xai_sdk.proto.v5.<module>`` and ``xai_sdk.proto.v6.<module>``, where the official SDK keeps
  one generated tree per protobuf major version: both are the one tree of ``xai_sdk.proto``, the
  same module objects (a second copy would register the descriptors twice);
- the module paths of a service whose distribution is not installed (``xai_sdk.sync.chat``
  without xai-chat): importing one raises `ModuleNotFoundError` naming the extra to install.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

from xai_sdk._compat import list_lazy_names

__all__ = ["CLIENT_MODULES", "client_package", "install", "lazy_submodules", "missing_module_error"]

_VERSIONED_PROTO_PACKAGES = ("xai_sdk.proto.v5.", "xai_sdk.proto.v6.")


class _Alias:
    """Loader of a module path that names another module: the import gives that module."""

    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: Any) -> ModuleType:
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module was imported under its own name."""


class _OfficialPathFinder:
    """The meta path finder described in the module docstring."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if not fullname.startswith("xai_sdk."):
            return None
        if fullname.startswith(_VERSIONED_PROTO_PACKAGES):
            from importlib.util import spec_from_loader  # noqa: PLC0415 - only for these paths

            alias: Any = _Alias("xai_sdk.proto." + fullname.rpartition(".")[2])
            return spec_from_loader(fullname, alias)
        from xai_sdk._catalog import extra_of_module  # noqa: PLC0415 - not needed by `import xai_sdk`

        if extra_of_module(fullname) is not None:
            raise missing_module_error(fullname)
        return None

    def __repr__(self) -> str:
        return "<xai_sdk official module paths>"


_FINDER = _OfficialPathFinder()


def install() -> None:
    """Append the finder to `sys.meta_path` (once)."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.append(_FINDER)


def missing_module_error(module: str) -> ModuleNotFoundError:
    """The error for a module path of a service that is not installed."""
    from xai_sdk._catalog import extra_of_module, install_hint  # noqa: PLC0415

    extra = extra_of_module(module)
    return ModuleNotFoundError(
        f"No module named {module!r}: it comes with the xai-{extra} distribution, which is not "
        f"installed: {install_hint(str(extra))}",
        name=module,
    )


CLIENT_MODULES = (
    "auth",
    "batch",
    "chat",
    "client",
    "collections",
    "files",
    "image",
    "models",
    "tokenizer",
    "video",
)
"""The modules of the official ``xai_sdk.sync`` and ``xai_sdk.aio`` packages."""


def lazy_submodules(package: str, names: Iterable[str], *, owner: str | None = None) -> Callable[[str], Any]:
    """A module `__getattr__` that imports ``package.<name>`` on first access, for `names`.

    Lets ``import xai_sdk; xai_sdk.chat.user(...)`` work as in the official SDK, which imports
    these modules eagerly, while importing nothing before it is used. `owner` is the module the
    `__getattr__` is for, when not `package` itself (``xai_sdk.sync.client`` has the modules of
    ``xai_sdk.sync`` as attributes). An unknown name, or a service that is not installed, raises
    `AttributeError` (the latter saying what to install).
    """
    known, owner = frozenset(names), owner or package

    def __getattr__(name: str) -> ModuleType:
        if name not in known:
            raise AttributeError(f"module {owner!r} has no attribute {name!r}")
        module = f"{package}.{name}"
        try:
            return importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
            from xai_sdk._catalog import extra_of_module  # noqa: PLC0415 - only when it is missing

            message = str(error) if extra_of_module(module) else f"module {owner!r} has no attribute {name!r}"
            raise AttributeError(message, name=name) from error

    list_lazy_names(owner, known)
    return __getattr__


def client_package(package: str, path: list[str]) -> tuple[list[str], list[str], Callable[[str], Any]]:
    """`__path__`, `__all__` and `__getattr__` of the official ``xai_sdk.sync`` / ``xai_sdk.aio``.

    The path is extended to the package's portions in other source trees (editable installs of
    the service distributions, which add its modules); the modules are imported on first access.
    """
    extended = pkgutil.extend_path(path, package)
    return extended, list(CLIENT_MODULES), lazy_submodules(package, CLIENT_MODULES)
