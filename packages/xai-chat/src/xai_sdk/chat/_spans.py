"""How chat calls appear in traces: xai-chat's answer to `xai_sdk_span_plan`.

The span of a completion is ``chat.<method> <model>``, with the request's sampling settings
and, from the `Response` objects the call returned, its id, finish reasons and usage; with
sensitive attributes on, also the prompt and the completions. Other chat calls (stored
completions, compaction) are left to the observer's ``chat.<method>`` span.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from xai_sdk._spans import Attributes, enum_label
from xai_sdk.chat._response import Response
from xai_sdk.hookspecs import CallInfo, SpanPlan, SpanResult
from xai_sdk.proto import chat_pb2

_ROLES = {
    chat_pb2.ROLE_USER: "user",
    chat_pb2.ROLE_ASSISTANT: "assistant",
    chat_pb2.ROLE_SYSTEM: "system",
    chat_pb2.ROLE_DEVELOPER: "developer",
    chat_pb2.ROLE_TOOL: "tool",
}
_ROUNDED = ("frequency_penalty", "presence_penalty", "temperature", "top_p")
_AS_SET = (
    ("n", "choice.count"),
    ("seed", "seed"),
    ("max_tokens", "max_tokens"),
    ("top_logprobs", "top_logprobs"),
    ("parallel_tool_calls", "parallel_tool_calls"),
)


def span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """The span of a chat completion call; None for the other chat calls."""
    request = call.request
    describe = _DESCRIBERS.get(call.method)
    if describe is None or not isinstance(request, chat_pb2.GetCompletionsRequest):
        return None
    attributes: Attributes = {
        "gen_ai.output.type": "text",
        # The API's defaults, stated as the official SDK states them when a setting is not sent.
        "gen_ai.request.frequency_penalty": 0.0,
        "gen_ai.request.presence_penalty": 0.0,
        "gen_ai.request.temperature": 1.0,
        "gen_ai.request.parallel_tool_calls": True,
        "gen_ai.request.store_messages": request.store_messages,
        "gen_ai.request.use_encrypted_content": request.use_encrypted_content,
        "gen_ai.request.logprobs": request.logprobs,
    }
    for field in _ROUNDED:
        if request.HasField(field):
            attributes[f"gen_ai.request.{field}"] = round(getattr(request, field), 6)
    for field, key in _AS_SET:
        if request.HasField(field):
            attributes[f"gen_ai.request.{key}"] = getattr(request, field)
    if request.stop:
        attributes["gen_ai.request.stop_sequences"] = list(request.stop)
    if request.HasField("response_format"):
        attributes["gen_ai.output.type"] = enum_label(
            chat_pb2.FormatType, request.response_format.format_type, "FORMAT_TYPE_"
        )
    if request.HasField("reasoning_effort"):
        attributes["gen_ai.request.reasoning_effort"] = enum_label(
            chat_pb2.ReasoningEffort, request.reasoning_effort, "EFFORT_"
        )
    if request.previous_response_id:
        attributes["gen_ai.request.previous_response_id"] = request.previous_response_id
    if call.details.get("conversation_id"):
        attributes["gen_ai.conversation.id"] = call.details["conversation_id"]
    if sensitive:
        attributes.update(_prompt(request))
    return SpanPlan(
        f"chat.{call.method} {request.model}",
        "chat",
        model=request.model,
        attributes=attributes,
        common=frozenset({"operation", "provider", "host", "port"}),
        describe_result=describe,
    )


def _prompt(request: chat_pb2.GetCompletionsRequest) -> Attributes:
    """The user id and the messages of a request (user content)."""
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


def _tool_calls_json(tool_calls: Sequence[chat_pb2.ToolCall]) -> str:
    def arguments(text: str) -> Any:
        try:
            return json.loads(text)
        except ValueError:  # a span must not break a call over arguments that are not JSON
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


def _describe(responses: Sequence[Response], sensitive: bool) -> SpanResult:
    """What the responses of one call add to its span (the first one's id, usage and model)."""
    if not responses:
        return SpanResult()
    proto = responses[0].proto
    attributes: Attributes = {
        "gen_ai.response.id": proto.id,
        "gen_ai.response.system_fingerprint": proto.system_fingerprint,
        "gen_ai.response.finish_reasons": [response.finish_reason for response in responses],
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
    return SpanResult(attributes, model=proto.model, usage=proto.usage)


def _one(result: object, sensitive: bool) -> SpanResult:
    """`sample`, `stream` and `defer` return one `Response` (a stream: once it ended)."""
    return _describe([result] if isinstance(result, Response) else [], sensitive)


def _batch(result: object, sensitive: bool) -> SpanResult:
    """The batch methods return a sequence of `Response`, one per choice."""
    batch = result if isinstance(result, Sequence) else ()
    return _describe([response for response in batch if isinstance(response, Response)], sensitive)


def _parsed(result: object, sensitive: bool) -> SpanResult:
    """`parse` returns ``(Response, parsed object)``."""
    return _one(result[0] if isinstance(result, tuple) and result else None, sensitive)


_DESCRIBERS: dict[str, Callable[[Any, bool], SpanResult]] = {
    "sample": _one,
    "stream": _one,
    "defer": _one,
    "sample_batch": _batch,
    "stream_batch": _batch,
    "defer_batch": _batch,
    "parse": _parsed,
}
