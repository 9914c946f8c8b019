"""The emulator's implementation of each service of the API, one module per service.

A service class has a `full_name` (the gRPC service, e.g. ``"xai_api.Chat"``) and one method
per RPC it implements, named like the RPC, taking the request and an `EmulatorCall`; RPCs it
does not implement answer UNIMPLEMENTED. Optional hooks: ``reset()`` (called by
`Emulator.reset`) and ``attach(emulator)`` (called once, for services that use another
service's state, e.g. documents stored as files). Modules of this package are found on their
own: adding a module adds its services.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any


def service_classes() -> list[type[Any]]:
    """Every service class defined in the modules of this package."""
    classes: list[type[Any]] = []
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        classes.extend(
            value
            for value in vars(module).values()
            if isinstance(value, type) and value.__module__ == module.__name__ and hasattr(value, "full_name")
        )
    return classes
