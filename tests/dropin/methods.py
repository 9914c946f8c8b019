"""Describes the public methods of an SDK's classes as introspection tools see them.

Like `surface.py`, this runs in the test process (this SDK) and as a script in the official SDK's
environment (``python methods.py``, printing JSON). Standard library only. For each class named
by its official path (``xai_sdk.aio.chat.Chat``), each public method is described by what
`inspect` reports: its parameters (name, kind, default) and whether it is a coroutine function,
an async generator function or a generator function.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
from typing import Any

SERVICES = ("auth", "batch", "chat", "collections", "files", "image", "models", "tokenizer", "video")
CLASSES = (
    "xai_sdk.sync.client.Client",
    "xai_sdk.aio.client.Client",
    *(f"xai_sdk.{mode}.{service}.Client" for mode in ("sync", "aio") for service in SERVICES),
    "xai_sdk.sync.chat.Chat",
    "xai_sdk.aio.chat.Chat",
    "xai_sdk.sync.image.ImageResponse",
    "xai_sdk.aio.image.ImageResponse",
    *(
        f"xai_sdk.chat.{name}"
        for name in (
            "Response",
            "Chunk",
            "CompletionOutputChunk",
            "ImageGenerationOutput",
            "CompactContextResponse",
        )
    ),
    "xai_sdk.video.VideoResponse",
    "xai_sdk.batch.BatchResult",
    "xai_sdk.batch.ListBatchResultsResponse",
    "xai_sdk.search.SearchParameters",
    "xai_sdk.poll_timer.PollTimer",
    "xai_sdk.telemetry.Telemetry",
)
"""The official SDK's classes whose methods user code calls, by their official paths."""


def load(path: str) -> Any:
    """The object at ``package.module.Name``."""
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def describe_function(function: Any) -> dict[str, Any]:
    """Parameters and kind of a function, as `inspect` sees them."""
    parameters = [
        [
            parameter.name,
            parameter.kind.name,
            None if parameter.default is inspect.Parameter.empty else repr(parameter.default),
        ]
        for parameter in inspect.signature(function).parameters.values()
    ]
    return {
        "parameters": parameters,
        "coroutine": inspect.iscoroutinefunction(function),
        "async_generator": inspect.isasyncgenfunction(function),
        "generator": inspect.isgeneratorfunction(function),
        "documented": bool(inspect.getdoc(function)),
    }


def public_methods(cls: type) -> dict[str, Any]:
    """The public methods of a class (properties left out), by name."""
    methods = {}
    for name in dir(cls):
        if name.startswith("_") and name != "__init__":
            continue
        attribute = inspect.getattr_static(cls, name)
        if isinstance(attribute, (staticmethod, classmethod)):
            attribute = attribute.__func__
        if inspect.isfunction(attribute):
            methods[name] = attribute
    return methods


def describe_class(path: str) -> dict[str, Any]:
    """Every public method of the class at `path`, described; ``{"error": ...}`` if it is missing."""
    try:
        cls = load(path)
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}
    return {name: describe_function(method) for name, method in public_methods(cls).items()}


def main() -> None:
    """Print the description of every class of `CLASSES`."""
    print(json.dumps({path: describe_class(path) for path in CLASSES}))


if __name__ == "__main__":
    sys.exit(main())
