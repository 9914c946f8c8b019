"""Reading a batch's requests from an uploaded JSONL file (``CreateBatch`` with ``input_file_id``).

Each non-blank line is one request, in either of two forms:

* the OpenAI-compatible form the API documents: ``{"custom_id": "r1", "method": "POST",
  "url": "/v1/chat/completions", "body": {"model": ..., "messages": [...], ...}}``, where `url`
  is ``/v1/chat/completions`` (messages with string content or ``text`` and ``image_url``
  parts; other body keys are read as fields of ``GetCompletionsRequest``) or
  ``/v1/images/generations`` (``model``, ``prompt``, ``n``, ``response_format``);
* a ``BatchRequest`` message in protobuf JSON: ``{"batch_request_id": "r1",
  "completion_request": {...}}`` (or ``image_request``, ``video_request``,
  ``video_extension_request``).

Anything else, including body keys the emulator cannot map, is INVALID_ARGUMENT naming the line.
"""

from __future__ import annotations

import json
from typing import Any

import grpc
from google.protobuf import json_format

from xai_sdk.emulator._base import RpcAbort
from xai_sdk.proto import batch_pb2, chat_pb2, image_pb2

__all__ = ["read_requests"]

_ROLES = {
    "user": chat_pb2.ROLE_USER,
    "assistant": chat_pb2.ROLE_ASSISTANT,
    "system": chat_pb2.ROLE_SYSTEM,
    "developer": chat_pb2.ROLE_DEVELOPER,
    "tool": chat_pb2.ROLE_TOOL,
}
_DETAILS = {"auto": image_pb2.DETAIL_AUTO, "low": image_pb2.DETAIL_LOW, "high": image_pb2.DETAIL_HIGH}
_IMAGE_FORMATS = {"url": image_pb2.IMG_FORMAT_URL, "b64_json": image_pb2.IMG_FORMAT_BASE64}
_PROTO_KEYS = {field.name for field in batch_pb2.BatchRequest.DESCRIPTOR.fields} | {
    field.json_name for field in batch_pb2.BatchRequest.DESCRIPTOR.fields
}


class _LineError(ValueError):
    """A line that cannot be read as a request."""


def read_requests(data: bytes) -> list[batch_pb2.BatchRequest]:
    """The requests of a JSONL file, in order; RpcAbort(INVALID_ARGUMENT) for a bad file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _invalid("the input file is not UTF-8 text (expected JSONL)") from None
    requests = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            if not isinstance(entry, dict):
                raise _LineError("expected a JSON object")
            requests.append(_proto_form(entry) if set(entry) <= _PROTO_KEYS else _openai_form(entry))
        except (ValueError, json_format.ParseError) as error:  # JSONDecodeError is a ValueError
            raise _invalid(f"input file line {number}: {error}") from None
    if not requests:
        raise _invalid("the input file holds no requests")
    return requests


def _invalid(details: str) -> RpcAbort:
    return RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, details)


def _proto_form(entry: dict[str, Any]) -> batch_pb2.BatchRequest:
    request = json_format.ParseDict(entry, batch_pb2.BatchRequest())
    if request.WhichOneof("request") is None:
        raise _LineError("the BatchRequest has no request")
    return request


def _openai_form(entry: dict[str, Any]) -> batch_pb2.BatchRequest:
    unknown = set(entry) - {"custom_id", "method", "url", "body"}
    if unknown:
        raise _LineError(f"unknown keys {sorted(unknown)} (expected custom_id, method, url, body)")
    custom_id, url, body = entry.get("custom_id"), entry.get("url"), entry.get("body")
    if not isinstance(custom_id, str) or not custom_id:
        raise _LineError("custom_id must be a non-empty string")
    if entry.get("method", "POST") != "POST":
        raise _LineError("method must be POST")
    if not isinstance(body, dict):
        raise _LineError("body must be a JSON object")
    if url == "/v1/chat/completions":
        return batch_pb2.BatchRequest(batch_request_id=custom_id, completion_request=_chat(dict(body)))
    if url == "/v1/images/generations":
        return batch_pb2.BatchRequest(batch_request_id=custom_id, image_request=_image(dict(body)))
    raise _LineError(f"url must be /v1/chat/completions or /v1/images/generations, got {url!r}")


def _chat(body: dict[str, Any]) -> chat_pb2.GetCompletionsRequest:
    messages = body.pop("messages", None)
    if not isinstance(messages, list) or not messages:
        raise _LineError("body.messages must be a non-empty list")
    if "max_completion_tokens" in body:
        body["max_tokens"] = body.pop("max_completion_tokens")
    if isinstance(body.get("stop"), str):
        body["stop"] = [body["stop"]]
    request = json_format.ParseDict(body, chat_pb2.GetCompletionsRequest())
    request.messages.extend(_message(message) for message in messages)
    return request


def _message(message: Any) -> chat_pb2.Message:
    if not isinstance(message, dict) or message.get("role") not in _ROLES:
        raise _LineError(f"each message needs a role among {sorted(_ROLES)}")
    content = message.get("content", "")
    parts = [{"type": "text", "text": content}] if isinstance(content, str) else content
    if not isinstance(parts, list):
        raise _LineError("a message's content must be a string or a list of parts")
    converted = chat_pb2.Message(role=_ROLES[message["role"]], content=[_part(part) for part in parts])
    if isinstance(message.get("tool_call_id"), str):
        converted.tool_call_id = message["tool_call_id"]
    return converted


def _part(part: Any) -> chat_pb2.Content:
    kind = part.get("type") if isinstance(part, dict) else None
    if kind == "text" and isinstance(part.get("text"), str):
        return chat_pb2.Content(text=part["text"])
    if kind == "image_url" and isinstance(part.get("image_url"), dict):
        image = part["image_url"]
        return chat_pb2.Content(
            image_url=image_pb2.ImageUrlContent(
                image_url=str(image.get("url", "")),
                detail=_DETAILS.get(image.get("detail", "auto"), image_pb2.DETAIL_AUTO),
            )
        )
    raise _LineError("content parts must be {'type': 'text', 'text': ...} or {'type': 'image_url', ...}")


def _image(body: dict[str, Any]) -> image_pb2.GenerateImageRequest:
    response_format = body.pop("response_format", "url")
    if response_format not in _IMAGE_FORMATS:
        raise _LineError(f"response_format must be 'url' or 'b64_json', got {response_format!r}")
    request = json_format.ParseDict(body, image_pb2.GenerateImageRequest())
    request.format = _IMAGE_FORMATS[response_format]
    return request
