"""Runs the cases of the catalogue with one SDK and describes what happened, as JSON.

The same module runs in two places: in the test process, with this SDK, and as a script in the
official SDK's virtual environment (``python harness.py --mode sync ...``), where it takes its
orders on stdin. It uses the standard library only, and reaches the SDK through the public
names both SDKs share (`xai_sdk.Client`, ``client.chat.create``, ...), so that one catalogue
of cases drives both.

What a case produced is an *outcome*: ``{"result": <summary>}`` or ``{"error": <description>}``,
plus the warnings it emitted. Summaries turn SDK objects into plain JSON: protos into dicts
(timestamps masked: they are the emulator's clock), response wrappers into their public
properties, bytes into their length and digest.

The protocol with the test process, one line each way (the child's lines start with `PREFIX`):
the child says ``READY``; the parent sends ``RUN <case>``; the child may ask ``CONTROL <json>``
(an action on the emulator, such as scripting the next chat reply) and gets back
``CONTROL-RESULT <json>``; it ends each case with ``OUTCOME <json>``; ``EXIT`` ends the child.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import hashlib
import importlib
import inspect
import json
import math
import os
import sys
import tempfile
import traceback
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

PREFIX = "@@dropin "
"""Starts every protocol line the child prints (anything else on stdout is ignored)."""

ENVIRONMENT_KEYS = ("XAI_API_KEY", "XAI_MANAGEMENT_KEY", "XAI_API_HOST", "XAI_MANAGEMENT_API_HOST")
"""Variables a client would read; unset while a case builds a client of its own."""

Control = Callable[[str, list[Any]], Any]


class Target:
    """What a case works with: an SDK's client in one mode, and the means to drive it.

    Cases call the SDK as users do (``t.client.chat.create(...)``); `call` awaits what the
    async client returns and passes the sync client's results through, `collect` reads a
    stream of either kind, `control` acts on the emulator (in the test process).
    """

    def __init__(
        self,
        *,
        sdk: str,
        mode: str,
        address: str,
        api_key: str,
        management_key: str,
        control: Control,
        directory: str,
    ) -> None:
        self.sdk = sdk
        self.mode = mode
        self.address = address
        self.api_key = api_key
        self.management_key = management_key
        self.directory = directory
        self._control = control
        self._clients: list[Any] = []
        self._client: Any = None

    @property
    def is_async(self) -> bool:
        """Whether the case runs with the `AsyncClient`."""
        return self.mode == "async"

    @property
    def client(self) -> Any:
        """The client of this mode, connected to the emulator with both keys (made on first use)."""
        if self._client is None:
            self._client = self.new_client()
        return self._client

    def new_client(self, **options: Any) -> Any:
        """A client of this mode; `options` replace the defaults (keys and hosts of the emulator).

        The ``XAI_*`` variables are unset while it is built, so that a missing key stays missing.
        """
        import xai_sdk

        arguments: dict[str, Any] = {
            "api_key": self.api_key,
            "management_api_key": self.management_key,
            "api_host": self.address,
            "management_api_host": self.address,
            **options,
        }
        saved = {key: os.environ.pop(key) for key in ENVIRONMENT_KEYS if key in os.environ}
        try:
            client = (xai_sdk.AsyncClient if self.is_async else xai_sdk.Client)(**arguments)
        finally:
            os.environ.update(saved)
        self._clients.append(client)
        return client

    async def call(self, value: Any) -> Any:
        """`value` awaited if it is awaitable (async client), else as it is."""
        return await value if inspect.isawaitable(value) else value

    async def collect(self, stream: Any) -> list[Any]:
        """Every item of a sync or async stream."""
        if self.is_async:
            return [item async for item in stream]
        return list(stream)

    async def control(self, name: str, *arguments: Any) -> Any:
        """Run the emulator action `name` of the catalogue's `CONTROLS` with JSON arguments."""
        return self._control(name, list(arguments))

    def path(self, name: str, content: bytes) -> str:
        """A file of this case's own directory, written with `content`; returns its path."""
        path = os.path.join(self.directory, name)
        with open(path, "wb") as stream:
            stream.write(content)
        return path

    async def close(self) -> None:
        """Close the clients the case made."""
        for client in self._clients:
            result = client.close()
            if inspect.isawaitable(result):
                await result
        self._clients.clear()
        self._client = None


# -- describing what happened -----------------------------------------------------------------


def describe_error(error: BaseException) -> dict[str, Any]:
    """An exception as JSON: its class, builtin bases, message, and where its wording comes from.

    ``origin`` is ``"sdk"`` when an SDK's own ``raise`` statement made it (its wording is the
    SDK's), ``"library"`` when protobuf, pydantic or Python raised it inside a call.
    """
    mro = type(error).__mro__
    description: dict[str, Any] = {
        "class": type(error).__name__,
        "classes": [cls.__name__ for cls in mro],
        "builtins": [cls.__name__ for cls in mro if cls.__module__ == "builtins"],
        "message": str(error),
        "origin": _origin(error),
    }
    if type(error).__name__ == "ValidationError" and callable(getattr(error, "errors", None)):
        description["pydantic"] = [
            {"loc": [str(part) for part in item["loc"]], "msg": item["msg"], "type": item["type"]}
            for item in error.errors()  # type: ignore[attr-defined]
        ]
    if "RpcError" in description["classes"] and callable(getattr(error, "code", None)):
        code = error.code()  # type: ignore[attr-defined]
        description["grpc"] = {"code": getattr(code, "name", str(code)), "details": error.details()}  # type: ignore[attr-defined]
    return description


def _origin(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "library"
    last = frames[-1]
    in_sdk = f"{os.sep}xai_sdk{os.sep}" in last.filename
    return "sdk" if in_sdk and (last.line or "").lstrip().startswith("raise") else "library"


_WRAPPERS: dict[str, tuple[str, tuple[str, ...]]] = {
    # class name: (kind, public properties), from the official SDK's documented surface
    "Response": (
        "chat.Response",
        (
            "id",
            "content",
            "reasoning_content",
            "encrypted_content",
            "role",
            "finish_reason",
            "logprobs",
            "usage",
            "cost_usd",
            "system_fingerprint",
            "service_tier",
            "tool_calls",
            "citations",
            "inline_citations",
            "tool_outputs",
            "image_outputs",
            "server_side_tool_usage",
            "request_settings",
            "debug_output",
            "created",
            "proto",
        ),
    ),
    "Chunk": (
        "chat.Chunk",
        (
            "choices",
            "output",
            "content",
            "reasoning_content",
            "tool_calls",
            "server_side_tool_usage",
            "citations",
            "inline_citations",
            "tool_outputs",
            "debug_output",
            "created",
            "proto",
        ),
    ),
    "CompletionOutputChunk": (
        "chat.CompletionOutputChunk",
        ("content", "reasoning_content", "role", "tool_calls", "finish_reason", "proto"),
    ),
    "ImageGenerationOutput": (
        "chat.ImageGenerationOutput",
        ("tool_call", "data_url", "mime_type", "image_uuid", "image", "proto"),
    ),
    "CompactContextResponse": (
        "chat.CompactContextResponse",
        ("id", "encrypted_content", "dropped_message_count", "usage", "proto"),
    ),
    "BaseImageResponse": (
        "image.ImageResponse",
        (
            "model",
            "usage",
            "cost_usd",
            "respect_moderation",
            "url",
            "base64",
            "file_output",
            "storage_error",
            "public_url",
            "public_url_error",
            "proto",
        ),
    ),
    "VideoResponse": (
        "video.VideoResponse",
        (
            "model",
            "usage",
            "cost_usd",
            "respect_moderation",
            "url",
            "duration",
            "file_output",
            "storage_error",
            "public_url",
            "public_url_error",
            "proto",
        ),
    ),
    "ListBatchResultsResponse": (
        "batch.ListBatchResultsResponse",
        ("results", "succeeded", "failed", "pagination_token", "proto"),
    ),
    "BatchResult": (
        "batch.BatchResult",
        (
            "batch_request_id",
            "response",
            "image_response",
            "video_response",
            "has_error",
            "is_success",
            "error_message",
            "proto",
        ),
    ),
}
_WRAPPERS["ImageResponse"] = _WRAPPERS["BaseImageResponse"]


def summarize(value: Any) -> Any:
    """`value` as plain JSON, comparable between the two SDKs."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()[:16]}
    if isinstance(value, datetime.datetime):
        return {"datetime": "<emulator clock>"}
    if isinstance(value, datetime.timedelta):
        return {"timedelta": value.total_seconds()}
    if isinstance(value, BaseException):
        return {"raised": describe_error(value)}
    if _is_message(value):
        return _message(value)
    for cls in type(value).__mro__:
        wrapper = _WRAPPERS.get(cls.__name__)
        if wrapper is not None:
            return _wrapper(value, *wrapper)
    if isinstance(value, Mapping):
        return {str(key): summarize(item) for key, item in value.items()}
    if isinstance(value, Iterable):
        return [summarize(item) for item in value]
    return {"object": type(value).__name__}


def _wrapper(value: Any, kind: str, properties: tuple[str, ...]) -> dict[str, Any]:
    summary: dict[str, Any] = {"kind": kind}
    for name in properties:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                item = getattr(value, name)
            summary[name] = TOKEN if name == "pagination_token" and item else summarize(item)
        except Exception as error:
            summary[name] = {"raised": describe_error(error)}
    return summary


def _is_message(value: Any) -> bool:
    return (
        hasattr(value, "DESCRIPTOR") and hasattr(value, "SerializeToString") and hasattr(value, "ListFields")
    )


def _message(message: Any) -> dict[str, Any]:
    from google.protobuf import json_format

    copy = type(message)()
    copy.CopyFrom(message)
    mask(copy)
    return {
        "proto": message.DESCRIPTOR.full_name,
        "fields": json_format.MessageToDict(copy, preserving_proto_field_name=True),
    }


TOKEN = "<pagination token>"
"""What a pagination token reads as: the emulator's tokens hold its clock (a creation time)."""


def mask(message: Any) -> None:
    """Mask what the emulator's clock decides, in place: every Timestamp is set to the epoch
    (present or not is what is compared), and pagination tokens read `TOKEN`."""
    for field, value in message.ListFields():
        if field.name == "pagination_token" and isinstance(value, str):
            setattr(message, field.name, TOKEN)
        if field.message_type is None:
            continue
        if field.message_type.full_name == "google.protobuf.Timestamp":
            if _is_repeated(field):
                for stamp in value:
                    stamp.Clear()
            else:
                value.Clear()
                getattr(message, field.name).SetInParent()
        elif field.message_type.GetOptions().map_entry:
            for item in value.values() if hasattr(value, "values") else ():
                if _is_message(item):
                    mask(item)
        elif _is_repeated(field):
            for item in value:
                mask(item)
        else:
            mask(value)


def _is_repeated(field: Any) -> bool:
    repeated = getattr(field, "is_repeated", None)
    if repeated is not None:
        return bool(repeated)
    return bool(field.label == field.LABEL_REPEATED)


def _warning(caught: warnings.WarningMessage) -> dict[str, str] | None:
    """A warning the SDK emitted, or None for one from a library underneath."""
    filename = caught.filename.replace(os.sep, "/")
    if any(part in filename for part in ("/google/", "/grpc/", "/pydantic/", "/asyncio/")):
        return None
    return {"category": caught.category.__name__, "message": str(caught.message)}


async def run_case(case: Any, target: Target) -> dict[str, Any]:
    """Run one case; returns its outcome (result or error, and warnings)."""
    outcome: dict[str, Any] = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = case.run(target)
            if inspect.isawaitable(value):
                value = await value
            outcome["result"] = summarize(value)
        except (Exception, asyncio.CancelledError) as error:
            outcome["error"] = describe_error(error)
        finally:
            try:
                await target.close()
            except Exception as error:
                outcome.setdefault("close_error", describe_error(error))
    outcome["warnings"] = [item for item in map(_warning, caught) if item is not None]
    return outcome


def drive(coroutine: Any) -> Any:
    """Run a coroutine that never suspends (a case with the sync client) to its end."""
    try:
        coroutine.send(None)
    except StopIteration as stop:
        return stop.value
    coroutine.close()
    raise RuntimeError("a case run with the sync client awaited something that suspends")


# -- the child process (the official SDK's side) ------------------------------------------------


def _send(kind: str, payload: Any = None) -> None:
    line = kind if payload is None else f"{kind} {json.dumps(payload)}"
    sys.stdout.write(PREFIX + line + "\n")
    sys.stdout.flush()


def _pipe_control(name: str, arguments: list[Any]) -> Any:
    _send("CONTROL", {"name": name, "arguments": arguments})
    line = sys.stdin.readline()
    if not line.startswith("CONTROL-RESULT "):
        raise RuntimeError(f"the test process answered {line!r} to a control")
    answer = json.loads(line[len("CONTROL-RESULT ") :])
    if "error" in answer:
        raise RuntimeError(f"control {name} failed in the test process: {answer['error']}")
    return answer.get("result")


def _serve(arguments: argparse.Namespace, run: Callable[[Any, Target], dict[str, Any]]) -> None:
    catalogue = importlib.import_module("catalogue")
    cases = {case.name: case for case in catalogue.CASES}
    _send("READY")
    while True:
        line = sys.stdin.readline()
        if not line or line.strip() == "EXIT":
            return
        name = line.removeprefix("RUN ").strip()
        with tempfile.TemporaryDirectory() as directory:
            target = Target(
                sdk="official",
                mode=arguments.mode,
                address=arguments.address,
                api_key=arguments.api_key,
                management_key=arguments.management_key,
                control=_pipe_control,
                directory=directory,
            )
            _send("OUTCOME", run(cases[name], target))


def main() -> None:
    """The official side: run the cases the test process names, one at a time."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=("sync", "async"), required=True)
    parser.add_argument("--address", required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--management-key", required=True)
    arguments = parser.parse_args()
    if arguments.mode == "sync":
        _serve(arguments, lambda case, target: drive(run_case(case, target)))
    else:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            _serve(arguments, lambda case, target: loop.run_until_complete(run_case(case, target)))
        finally:
            loop.close()


if __name__ == "__main__":
    main()
