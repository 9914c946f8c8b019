"""Building messages, content parts and tools: what a conversation is made of.

Everything here is pure and checks its input: a bad argument raises `ValueError` or `TypeError`
saying what is allowed, before any request is sent.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, overload

from xai_sdk.chat._types import Content, ImageDetail
from xai_sdk.proto import chat_pb2, image_pb2

__all__ = [
    "assistant",
    "developer",
    "file",
    "image",
    "is_pydantic_model",
    "json_schema_of",
    "required_tool",
    "system",
    "text",
    "tool",
    "tool_result",
    "user",
]

_IMAGE_DETAIL = {"auto": image_pb2.DETAIL_AUTO, "low": image_pb2.DETAIL_LOW, "high": image_pb2.DETAIL_HIGH}


def text(content: str) -> chat_pb2.Content:
    """A text part of a message."""
    if not isinstance(content, str):
        raise TypeError(f"text content must be a string, got {type(content).__name__}")
    return chat_pb2.Content(text=content)


def _part(part: Content) -> chat_pb2.Content:
    if isinstance(part, str):
        return chat_pb2.Content(text=part)
    if isinstance(part, chat_pb2.Content):
        return part
    raise TypeError(
        f"message parts must be strings or parts made by text(), image() or file(), got {type(part).__name__}"
    )


def _message(role: chat_pb2.MessageRole, parts: Iterable[Content]) -> chat_pb2.Message:
    return chat_pb2.Message(role=role, content=[_part(part) for part in parts])


def user(*args: Content) -> chat_pb2.Message:
    """A message from the user; strings become text parts: ``user("Describe", image(url))``."""
    return _message(chat_pb2.ROLE_USER, args)


def assistant(*args: Content) -> chat_pb2.Message:
    """A message from the assistant, e.g. to replay an earlier answer."""
    return _message(chat_pb2.ROLE_ASSISTANT, args)


def system(*args: Content) -> chat_pb2.Message:
    """A system message: instructions that frame the conversation."""
    return _message(chat_pb2.ROLE_SYSTEM, args)


def developer(*args: Content) -> chat_pb2.Message:
    """A developer message (models up to grok-4.1 treat it as a system message)."""
    return _message(chat_pb2.ROLE_DEVELOPER, args)


def tool_result(result: str, tool_call_id: str | None = None) -> chat_pb2.Message:
    """The result of a tool the model called, to append before sampling again.

    Pass `tool_call_id` (the `ToolCall.id` answered) whenever the model may call several tools.
    """
    if not isinstance(result, str):
        raise TypeError(
            "a tool result must be a string (serialize it, e.g. with json.dumps), "
            f"got {type(result).__name__}"
        )
    return chat_pb2.Message(role=chat_pb2.ROLE_TOOL, content=[text(result)], tool_call_id=tool_call_id)


def image(image_url: str, *, detail: ImageDetail | None = "auto") -> chat_pb2.Content:
    """An image part, from an ``https://`` URL or a ``data:image/...;base64,...`` URL.

    `detail` is ``"auto"`` (the default), ``"low"`` (fewer tokens, faster) or ``"high"``; other
    values raise `ValueError` (the official SDK reads them as ``"auto"``). The URL is sent as
    given: the API fetches or decodes it, and says so if it cannot.
    """
    if not isinstance(image_url, str):
        raise TypeError(f"image_url must be a string, got {type(image_url).__name__}")
    detail_pb = _IMAGE_DETAIL.get(detail or "auto")
    if detail_pb is None:
        raise ValueError(f"Invalid image detail {detail!r}: must be one of {list(_IMAGE_DETAIL)}")
    return chat_pb2.Content(image_url=image_pb2.ImageUrlContent(image_url=image_url, detail=detail_pb))


@overload
def file(file_id: str) -> chat_pb2.Content: ...
@overload
def file(*, data: bytes, filename: str | None = ..., mime_type: str | None = ...) -> chat_pb2.Content: ...
@overload
def file(*, url: str, filename: str | None = ..., mime_type: str | None = ...) -> chat_pb2.Content: ...
def file(
    file_id: str | None = None,
    *,
    data: bytes | None = None,
    url: str | None = None,
    filename: str | None = None,
    mime_type: str | None = None,
) -> chat_pb2.Content:
    """A file part: an uploaded file (`file_id`), inline bytes (`data`) or a public `url`.

    Exactly one of the three must be given; `filename` and `mime_type` describe `data` or
    `url` and cannot be given with `file_id`.
    """
    if sum(source is not None for source in (file_id, data, url)) != 1:
        raise ValueError("Exactly one of `file_id`, `data`, or `url` must be set.")
    if file_id is not None:
        if filename is not None or mime_type is not None:
            raise ValueError(
                "`filename`/`mime_type` are only supported for inline uploads (`data`) or URL (`url`)."
            )
        return chat_pb2.Content(file=chat_pb2.FileContent(file_id=file_id))
    if data is not None and not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes, got {type(data).__name__}")
    content = (
        chat_pb2.FileContent(url=url) if url is not None else chat_pb2.FileContent(data=bytes(data or b""))
    )
    if filename is not None:
        content.filename = filename
    if mime_type is not None:
        content.mime_type = mime_type
    return chat_pb2.Content(file=content)


def _check_parameters_schema(name: str, parameters: object) -> str:
    if not isinstance(parameters, Mapping):
        raise TypeError(
            f"tool {name!r}: parameters must be a JSON schema of an object (a dict), "
            f"got {type(parameters).__name__}"
        )
    if parameters.get("type", "object") != "object":
        raise ValueError(f"tool {name!r}: parameters must describe an object, not {parameters.get('type')!r}")
    if not isinstance(parameters.get("properties", {}), Mapping):
        raise ValueError(f"tool {name!r}: parameters['properties'] must map argument names to schemas")
    try:
        return json.dumps(parameters)
    except TypeError as error:  # a value JSON has no type for
        raise TypeError(f"{error}: the parameters of tool {name!r} must be JSON-serializable") from error
    except ValueError as error:  # a circular reference
        raise ValueError(f"{error}: the parameters of tool {name!r} must be JSON-serializable") from error


def tool(name: str, description: str, parameters: Mapping[str, Any]) -> chat_pb2.Tool:
    """A function the model may call, with a JSON schema of its arguments.

    `parameters` is a JSON schema of an object, such as ``Model.model_json_schema()`` of a
    pydantic model or a dict written by hand. See also `tool_from_function`.
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"tool name must be a non-empty string, got {name!r}")
    schema = _check_parameters_schema(name, parameters)
    return chat_pb2.Tool(function=chat_pb2.Function(name=name, description=description, parameters=schema))


def required_tool(name: str) -> chat_pb2.ToolChoice:
    """A tool choice that makes the model call the function `name` (one of the chat's `tools`)."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"required_tool needs a function name, got {name!r}")
    return chat_pb2.ToolChoice(function_name=name)


# -- structured output -------------------------------------------------------------------------


def is_pydantic_model(value: object) -> bool:
    """Whether `value` is a pydantic model class (checked without importing pydantic)."""
    return (
        isinstance(value, type)
        and hasattr(value, "model_json_schema")
        and hasattr(value, "model_validate_json")
    )


def json_schema_of(model: Any) -> str:
    """The JSON schema of a pydantic model class, as the API takes it."""
    return json.dumps(model.model_json_schema())
