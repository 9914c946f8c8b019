"""What a call's span is named and which attributes it carries, service by service.

Names and attribute keys follow the official SDK 1.21.0 and the OpenTelemetry GenAI semantic
conventions. With sensitive attributes disabled, user content (prompts, completions, tool call
arguments, user ids, file names, URLs and image data) is left out and everything else is kept.
Calls of services this module does not know get a span named ``<service>.<method>``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from xai_sdk.hookspecs import CallInfo
from xai_sdk.proto import chat_pb2, image_pb2, usage_pb2, video_pb2

PROVIDER = "xai"
Attributes = dict[str, Any]
ResultAttributes = Callable[[Any, bool], Attributes]


@dataclass
class SpanPlan:
    """The span of one call: its name and attributes, and how to describe the call's result."""

    name: str
    attributes: Attributes
    operation: str
    model: str | None = None
    result_attributes: ResultAttributes | None = None


def plan(call: CallInfo, sensitive: bool) -> SpanPlan:
    """The span plan of a call; `sensitive` says whether user content may be recorded."""
    planner = _PLANNERS.get(call.service)
    planned = planner(call, sensitive) if planner is not None else None
    if planned is None:
        planned = SpanPlan(
            f"{call.service}.{call.method}", {"gen_ai.provider.name": PROVIDER}, operation=call.method
        )
    return planned


def _server(call: CallInfo) -> Attributes:
    host, _, port = call.api_host.rpartition(":")
    if not host or not port.isdigit():
        return {"server.address": call.api_host, "server.port": 443}
    return {"server.address": host.strip("[]"), "server.port": int(port)}


def usage_attributes(usage: usage_pb2.SamplingUsage) -> Attributes:
    """The ``gen_ai.usage.*`` attributes of a usage message."""
    attributes = {
        "gen_ai.usage.input_tokens": usage.prompt_tokens,
        "gen_ai.usage.output_tokens": usage.completion_tokens,
        "gen_ai.usage.total_tokens": usage.total_tokens,
        "gen_ai.usage.reasoning_tokens": usage.reasoning_tokens,
        "gen_ai.usage.cached_prompt_text_tokens": usage.cached_prompt_text_tokens,
        "gen_ai.usage.prompt_text_tokens": usage.prompt_text_tokens,
        "gen_ai.usage.prompt_image_tokens": usage.prompt_image_tokens,
    }
    if usage.HasField("cost_in_usd_ticks"):
        attributes["gen_ai.usage.cost_in_usd_ticks"] = usage.cost_in_usd_ticks
    return attributes


def _enum_name(enum: Any, value: int, prefix: str) -> str:
    return str(enum.Name(value)).removeprefix(prefix).lower()


# -- chat --------------------------------------------------------------------------------------

_CHAT_SPANS = {"sample", "sample_batch", "stream", "stream_batch", "parse", "defer", "defer_batch"}
_ROLES = {
    chat_pb2.ROLE_USER: "user",
    chat_pb2.ROLE_ASSISTANT: "assistant",
    chat_pb2.ROLE_SYSTEM: "system",
    chat_pb2.ROLE_DEVELOPER: "developer",
    chat_pb2.ROLE_TOOL: "tool",
}


def _tool_calls_json(tool_calls: Sequence[chat_pb2.ToolCall]) -> str:
    def arguments(text: str) -> Any:
        try:
            return json.loads(text)
        except ValueError:  # the official SDK fails here; a span must not break a call
            return text

    return json.dumps(
        [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.function.name, "arguments": arguments(call.function.arguments)},
            }
            for call in tool_calls
        ]
    )


_CHAT_SET_FIELDS = (
    ("n", "choice.count"),
    ("seed", "seed"),
    ("max_tokens", "max_tokens"),
    ("top_logprobs", "top_logprobs"),
    ("parallel_tool_calls", "parallel_tool_calls"),
)


def _chat(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    request = call.request
    if call.method not in _CHAT_SPANS or not isinstance(request, chat_pb2.GetCompletionsRequest):
        return None
    attributes: Attributes = {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": PROVIDER,
        "gen_ai.output.type": "text",
        "gen_ai.request.model": request.model,
        **_server(call),
        "gen_ai.request.frequency_penalty": 0.0,
        "gen_ai.request.presence_penalty": 0.0,
        "gen_ai.request.temperature": 1.0,
        "gen_ai.request.parallel_tool_calls": True,
        "gen_ai.request.store_messages": request.store_messages,
        "gen_ai.request.use_encrypted_content": request.use_encrypted_content,
        "gen_ai.request.logprobs": request.logprobs,
    }
    for field in ("frequency_penalty", "presence_penalty", "temperature", "top_p"):
        if request.HasField(field):
            attributes[f"gen_ai.request.{field}"] = round(getattr(request, field), 6)
    for field, key in _CHAT_SET_FIELDS:
        if request.HasField(field):
            attributes[f"gen_ai.request.{key}"] = getattr(request, field)
    if request.stop:
        attributes["gen_ai.request.stop_sequences"] = list(request.stop)
    if request.HasField("response_format"):
        attributes["gen_ai.output.type"] = _enum_name(
            chat_pb2.FormatType, request.response_format.format_type, "FORMAT_TYPE_"
        )
    if request.HasField("reasoning_effort"):
        attributes["gen_ai.request.reasoning_effort"] = _enum_name(
            chat_pb2.ReasoningEffort, request.reasoning_effort, "EFFORT_"
        )
    if request.previous_response_id:
        attributes["gen_ai.request.previous_response_id"] = request.previous_response_id
    if call.details.get("conversation_id"):
        attributes["gen_ai.conversation.id"] = call.details["conversation_id"]
    if sensitive:
        attributes.update(_prompt_attributes(request))
    return SpanPlan(f"chat.{call.method} {request.model}", attributes, "chat", request.model, _chat_result)


def _prompt_attributes(request: chat_pb2.GetCompletionsRequest) -> Attributes:
    """The user id and the messages of a chat request (user content)."""
    attributes: Attributes = {"user_id": request.user} if request.user else {}
    for index, message in enumerate(request.messages):
        role = _ROLES.get(message.role)
        if role is None:
            continue
        attributes[f"gen_ai.prompt.{index}.role"] = role
        attributes[f"gen_ai.prompt.{index}.content"] = "".join(part.text for part in message.content)
        if message.tool_calls and message.role == chat_pb2.ROLE_ASSISTANT:
            attributes[f"gen_ai.prompt.{index}.tool_calls"] = _tool_calls_json(message.tool_calls)
    return attributes


def _chat_responses(result: Any) -> list[Any]:
    if isinstance(result, tuple) and result and hasattr(result[0], "finish_reason"):
        return [result[0]]  # parse() returns (response, parsed)
    if isinstance(result, (list, tuple)):
        return list(result)
    return [result] if result is not None else []


def _chat_result(result: Any, sensitive: bool) -> Attributes:
    responses = _chat_responses(result)
    if not responses:
        return {}
    first = responses[0]
    proto = first.proto
    attributes: Attributes = {
        "gen_ai.response.id": proto.id,
        "gen_ai.response.model": proto.model,
        "gen_ai.response.system_fingerprint": proto.system_fingerprint,
        "gen_ai.response.finish_reasons": [response.finish_reason for response in responses],
        **usage_attributes(proto.usage),
    }
    if sensitive:
        for index, response in enumerate(responses):
            prefix = f"gen_ai.completion.{index}"
            attributes[f"{prefix}.role"] = response.role.removeprefix("ROLE_").lower()
            attributes[f"{prefix}.content"] = response.content
            if response.reasoning_content:
                attributes[f"{prefix}.reasoning_content"] = response.reasoning_content
            if response.tool_calls:
                attributes[f"{prefix}.tool_calls"] = _tool_calls_json(response.tool_calls)
    return attributes


# -- image and video ---------------------------------------------------------------------------


def _storage(attributes: Attributes, request: Any, sensitive: bool) -> None:
    if not request.HasField("storage_options"):
        return
    options = request.storage_options
    attributes["gen_ai.request.storage"] = True
    if options.filename and sensitive:
        attributes["gen_ai.request.storage.filename"] = options.filename
    if options.expires_after:
        attributes["gen_ai.request.storage.expires_after"] = options.expires_after
    if options.HasField("public_url"):
        attributes["gen_ai.request.storage.public_url"] = True


def _image_aspect_ratio(value: int) -> str:
    name = image_pb2.ImageAspectRatio.Name(value).removeprefix("IMG_ASPECT_RATIO_")
    return "auto" if name == "AUTO" else name.replace("19_5", "19.5").replace("_", ":")


def _image(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    request = call.request
    if call.method not in ("sample", "sample_batch") or not isinstance(
        request, image_pb2.GenerateImageRequest
    ):
        return None
    attributes: Attributes = {
        "gen_ai.operation.name": "generate_image",
        "gen_ai.request.model": request.model,
        "gen_ai.provider.name": PROVIDER,
        "gen_ai.output.type": "image",
        "gen_ai.request.image.format": _enum_name(image_pb2.ImageFormat, request.format, "IMG_FORMAT_"),
    }
    _storage(attributes, request, sensitive)
    if request.HasField("n"):
        attributes["gen_ai.request.image.count"] = request.n
    if request.HasField("aspect_ratio"):
        attributes["gen_ai.request.image.aspect_ratio"] = _image_aspect_ratio(request.aspect_ratio)
    if request.HasField("resolution"):
        attributes["gen_ai.request.image.resolution"] = _enum_name(
            image_pb2.ImageResolution, request.resolution, "IMG_RESOLUTION_"
        )
    if request.HasField("quality"):
        attributes["gen_ai.request.image.quality"] = _enum_name(
            image_pb2.ImageQuality, request.quality, "IMG_QUALITY_"
        )
    if sensitive:
        attributes["gen_ai.prompt"] = request.prompt
        if request.user:
            attributes["user_id"] = request.user

    def result_attributes(result: Any, sensitive: bool) -> Attributes:
        first = result[0] if isinstance(result, (list, tuple)) and result else result
        proto = getattr(first, "proto", None)
        described: Attributes = {"gen_ai.response.model": request.model}
        if not isinstance(proto, image_pb2.ImageResponse):
            return described
        described.update(usage_attributes(proto.usage))
        described["gen_ai.response.image.format"] = attributes["gen_ai.request.image.format"]
        for index, image in enumerate(proto.images):
            described.update(_generated("gen_ai.response", index, "image", image, sensitive))
        return described

    return SpanPlan(
        f"image.{call.method} {request.model}", attributes, "generate_image", request.model, result_attributes
    )


def _generated(prefix: str, index: int, kind: str, output: Any, sensitive: bool) -> Attributes:
    """Attributes of one generated image or video."""
    key = f"{prefix}.{index}.{kind}"
    attributes: Attributes = {f"{key}.respect_moderation": output.respect_moderation}
    if sensitive:
        for field in ("url", "base64"):
            value = getattr(output, field, "")
            if value:
                attributes[f"{key}.{field}"] = value
    if output.HasField("file_output"):
        if output.file_output.file_id:
            attributes[f"{key}.file_id"] = output.file_output.file_id
        if output.file_output.public_url and sensitive:
            attributes[f"{key}.public_url"] = output.file_output.public_url
        if output.file_output.public_url_error:
            attributes[f"{key}.public_url_error"] = output.file_output.public_url_error
    if output.HasField("storage_error"):
        attributes[f"{key}.storage_error"] = output.storage_error
    return attributes


_VIDEO_SPANS = {
    "start": "generate_video",
    "generate": "generate_video",
    "extend_start": "extend_video",
    "extend": "extend_video",
}


def _video(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    request = call.request
    operation = _VIDEO_SPANS.get(call.method)
    if operation is None or not isinstance(
        request, (video_pb2.GenerateVideoRequest, video_pb2.ExtendVideoRequest)
    ):
        return None
    attributes: Attributes = {
        "gen_ai.operation.name": operation,
        "gen_ai.request.model": request.model,
        "gen_ai.provider.name": PROVIDER,
        "server.address": _server(call)["server.address"],
        "gen_ai.output.type": "video",
    }
    _storage(attributes, request, sensitive)
    if request.HasField("duration"):
        attributes["gen_ai.request.video.duration"] = request.duration
    if isinstance(request, video_pb2.GenerateVideoRequest):
        if request.HasField("aspect_ratio"):
            name = video_pb2.VideoAspectRatio.Name(request.aspect_ratio).removeprefix("VIDEO_ASPECT_RATIO_")
            attributes["gen_ai.request.video.aspect_ratio"] = name.replace("_", ":")
        if request.HasField("resolution"):
            attributes["gen_ai.request.video.resolution"] = _enum_name(
                video_pb2.VideoResolution, request.resolution, "VIDEO_RESOLUTION_"
            )
        if request.HasField("generate_audio"):
            attributes["gen_ai.request.video.generate_audio"] = request.generate_audio
    if sensitive:
        attributes["gen_ai.prompt"] = request.prompt

    def result_attributes(result: Any, sensitive: bool) -> Attributes:
        proto = getattr(result, "proto", None)
        described: Attributes = {"gen_ai.response.model": request.model}
        if isinstance(proto, video_pb2.VideoResponse):
            described.update(usage_attributes(proto.usage))
            described.update(_generated("gen_ai.response", 0, "video", proto.video, sensitive))
            described["gen_ai.response.0.video.duration"] = proto.video.duration
        return described

    polls = call.method in ("generate", "extend")
    return SpanPlan(
        f"video.{call.method} {request.model}",
        attributes,
        operation,
        request.model,
        result_attributes if polls else None,
    )


# -- files and collections ---------------------------------------------------------------------

_FILE_SPANS = {"upload": ("file.upload", "upload_file"), "delete": ("file.delete", "delete")}


def _files(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    span = _FILE_SPANS.get(call.method)
    if span is None:
        return None
    name, operation = span

    def result_attributes(result: Any, sensitive: bool) -> Attributes:
        described: Attributes = {}
        file_id = getattr(result, "id", "") or getattr(call.request, "file_id", "")
        if file_id:
            described["file.id"] = file_id
        filename = getattr(result, "filename", "")
        if sensitive and filename:
            described["file.name"] = filename
        return described

    return SpanPlan(
        name, {"operation.name": operation, "provider.name": PROVIDER}, operation, None, result_attributes
    )


_COLLECTION_SPANS = {
    "create": "create_collection",
    "update": "update_collection",
    "delete": "delete_collection",
    "upload_document": "upload_document",
    "add_existing_document": "add_existing_document",
    "remove_document": "remove_document",
    "update_document": "update_document",
    "reindex_document": "reindex_document",
    "generate_description": "generate_collection_description",
}


def _collections(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    operation = _COLLECTION_SPANS.get(call.method)
    if operation is None:
        return None

    def result_attributes(result: Any, sensitive: bool) -> Attributes:
        proto = getattr(result, "proto", result)
        described: Attributes = {}
        collection_id = getattr(proto, "collection_id", "") or getattr(call.request, "collection_id", "")
        if collection_id:
            described["collection.id"] = collection_id
        if getattr(proto, "collection_name", "") and sensitive:
            described["collection.name"] = proto.collection_name
        metadata = getattr(proto, "file_metadata", None)
        file_id = (metadata.file_id if metadata is not None else "") or getattr(call.request, "file_id", "")
        if file_id:
            described["document.id" if operation == "update_document" else "file.id"] = file_id
        if metadata is not None and metadata.name and sensitive:
            described["document.name" if operation == "update_document" else "file.name"] = metadata.name
        return described

    return SpanPlan(
        f"collections.{operation}",
        {"operation.name": operation, "provider.name": PROVIDER},
        operation,
        None,
        result_attributes,
    )


# -- models, tokenizer, auth -------------------------------------------------------------------


def _named(call: CallInfo, name_field: str) -> SpanPlan:
    value = getattr(call.request, name_field, "") if call.request is not None else ""
    if not value:
        return SpanPlan(call.method, {}, call.method)
    return SpanPlan(f"{call.method} {value}", {"gen_ai.request.model": value}, call.method, value)


def _models(call: CallInfo, sensitive: bool) -> SpanPlan:
    return _named(call, "name")


def _tokenize(call: CallInfo, sensitive: bool) -> SpanPlan:
    return _named(call, "model")


def _auth(call: CallInfo, sensitive: bool) -> SpanPlan:
    return SpanPlan(call.method, {}, call.method)


_PLANNERS: dict[str, Callable[[CallInfo, bool], SpanPlan | None]] = {
    "chat": _chat,
    "image": _image,
    "video": _video,
    "files": _files,
    "collections": _collections,
    "models": _models,
    "tokenize": _tokenize,
    "auth": _auth,
}
