"""What ``xai_sdk.proto.v5`` and ``xai_sdk.proto.v6`` share: they have no modules of their own.

Their empty `__path__` leaves the import of ``xai_sdk.proto.v6.chat_pb2`` to the official-paths
finder, which gives the module of the one tree; attribute access (this `__getattr__`) too.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def __getattr__(name: str) -> ModuleType:
    return getattr(importlib.import_module("xai_sdk.proto"), name)  # type: ignore[no-any-return]


def __dir__() -> list[str]:
    return dir(importlib.import_module("xai_sdk.proto"))
