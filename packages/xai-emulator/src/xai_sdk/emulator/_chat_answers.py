"""What the emulator's chat model answers: request checks and the answer itself, without I/O.

`check` refuses a request the way the real API would. `compose` then computes the answer from
the request, the conversation before it (a stored completion it continues) and the scripted
`Reply`, if any; `_chat_delivery` turns the answer into a response or a stream of chunks.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import grpc

from xai_sdk.emulator import catalog
from xai_sdk.emulator._base import RpcAbort
from xai_sdk.emulator._conversation import (
    CompactedContext,
    echo_text,
    is_compacted,
    prompt_tokens,
    tool_results,
)
from xai_sdk.emulator._json_schema import synthesize
from xai_sdk.emulator.chat import DeferredOutcome, Reply
from xai_sdk.emulator.services.tokenize import tokenize
from xai_sdk.proto import chat_pb2, models_pb2, sample_pb2, usage_pb2

__all__ = ["Answer", "Output", "check", "check_messages", "compose", "language_model"]

MAX_N = 8
MAX_TOP_LOGPROBS = 8
_NO_REPLY = Reply()


@dataclass(frozen=True)
class Output:
    """One output of an answer: the assistant's message at one index."""

    index: int
    content: str
    reasoning_content: str
    tool_calls: tuple[chat_pb2.ToolCall, ...]
    finish_reason: int
    encrypted_content: str = ""
    citations: tuple[chat_pb2.InlineCitation, ...] = ()

    def message(self) -> chat_pb2.Message:
        """The output as a message of the conversation that continues after it."""
        return chat_pb2.Message(
            role=chat_pb2.ROLE_ASSISTANT,
            content=[chat_pb2.Content(text=self.content)] if self.content else [],
            reasoning_content=self.reasoning_content or None,
            tool_calls=self.tool_calls,
            encrypted_content=self.encrypted_content,
        )


@dataclass(frozen=True)
class Answer:
    """A whole answer to a completion request, before it is shaped into protos."""

    id: str
    created: float
    model: str
    outputs: tuple[Output, ...]
    usage: usage_pb2.SamplingUsage
    citations: tuple[str, ...]
    settings: chat_pb2.RequestSettings
    service_tier: int
    top_logprobs: int | None
    """None: no log probabilities; else how many alternatives each token lists."""
    chunk_size: int | None
    deferred: DeferredOutcome


# -- checks -------------------------------------------------------------------------------------


def _invalid(details: str) -> RpcAbort:
    return RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, details)


def language_model(name: str) -> models_pb2.LanguageModel:
    """The catalog's language model called `name` (or having it as an alias); NOT_FOUND otherwise."""
    model: models_pb2.LanguageModel | None = catalog.find(catalog.LANGUAGE_MODELS, name)
    if model is None:
        raise RpcAbort(
            grpc.StatusCode.NOT_FOUND, f"The model {name!r} does not exist or you do not have access to it."
        )
    return model


def check(request: chat_pb2.GetCompletionsRequest) -> models_pb2.LanguageModel:
    """The model a completion request names, once the request is found valid; RpcAbort otherwise."""
    model = language_model(request.model)
    check_messages(request.messages, "messages")
    _check_sampling(request)
    _check_tools(request)
    if request.response_format.format_type == chat_pb2.FORMAT_TYPE_JSON_SCHEMA:
        if not request.response_format.HasField("schema"):
            raise _invalid("response_format FORMAT_TYPE_JSON_SCHEMA needs a schema")
        _schema(request.response_format.schema, "response_format.schema")
    return model


def check_messages(messages: Sequence[chat_pb2.Message], field: str) -> None:
    """Refuse an empty conversation, a message without a role, or a foreign compacted context."""
    if not messages:
        raise _invalid(f"{field} must hold at least one message")
    for position, message in enumerate(messages):
        if message.role == chat_pb2.INVALID_ROLE:
            raise _invalid(
                f"{field}[{position}] has no role; set ROLE_USER, ROLE_ASSISTANT, ROLE_SYSTEM, ..."
            )
        if is_compacted(message):
            try:
                CompactedContext.decode(message.encrypted_content)
            except ValueError as error:
                raise _invalid(f"{field}[{position}]: {error}") from None


def _check_sampling(request: chat_pb2.GetCompletionsRequest) -> None:
    if request.HasField("n") and not 1 <= request.n <= MAX_N:
        raise _invalid(f"n must be between 1 and {MAX_N}, got {request.n}")
    if request.HasField("top_logprobs"):
        if not request.logprobs:
            raise _invalid("top_logprobs requires logprobs to be true")
        if not 0 <= request.top_logprobs <= MAX_TOP_LOGPROBS:
            raise _invalid(
                f"top_logprobs must be between 0 and {MAX_TOP_LOGPROBS}, got {request.top_logprobs}"
            )
    if request.HasField("temperature") and not 0 <= request.temperature <= 2:
        raise _invalid(f"temperature must be between 0 and 2, got {request.temperature:g}")
    if request.HasField("top_p") and not 0 < request.top_p <= 1:
        raise _invalid(f"top_p must be greater than 0 and at most 1, got {request.top_p:g}")
    if request.HasField("max_tokens") and request.max_tokens < 1:
        raise _invalid(f"max_tokens must be at least 1, got {request.max_tokens}")
    for penalty in ("frequency_penalty", "presence_penalty"):
        if request.HasField(penalty) and not -2 <= getattr(request, penalty) <= 2:
            raise _invalid(f"{penalty} must be between -2 and 2, got {getattr(request, penalty):g}")
    if request.HasField("reasoning_effort") and request.reasoning_effort == chat_pb2.INVALID_EFFORT:
        raise _invalid("reasoning_effort must be a valid effort (EFFORT_LOW, EFFORT_MEDIUM, ...)")


def _check_tools(request: chat_pb2.GetCompletionsRequest) -> None:
    for position, tool in enumerate(request.tools):
        kind = tool.WhichOneof("tool")
        if kind is None:
            raise _invalid(f"tools[{position}] sets no tool")
        if kind == "function":
            if not tool.function.name:
                raise _invalid(f"tools[{position}].function.name must not be empty")
            _schema(tool.function.parameters, f"tools[{position}].function.parameters")
    choice = request.tool_choice
    if (
        choice.WhichOneof("tool_choice") == "function_name"
        and _function(request, choice.function_name) is None
    ):
        raise _invalid(
            f"tool_choice names the function {choice.function_name!r}, but no function tool has that name"
        )
    required = choice.WhichOneof("tool_choice") == "mode" and choice.mode == chat_pb2.TOOL_MODE_REQUIRED
    if required and not request.tools:
        raise _invalid("tool_choice TOOL_MODE_REQUIRED needs at least one tool")


def _schema(text: str, field: str) -> Any:
    """The JSON schema in `text` ({} when empty), checked to be usable; INVALID_ARGUMENT otherwise."""
    if not text:
        return {}
    try:
        schema = json.loads(text)
    except ValueError as error:
        raise _invalid(f"{field} is not valid JSON: {error}") from None
    if not isinstance(schema, (dict, bool)):
        raise _invalid(f"{field} must be a JSON schema object, got {type(schema).__name__}")
    try:
        synthesize(schema, "")
    except (ValueError, TypeError, RecursionError) as error:
        raise _invalid(f"{field} is not a usable JSON schema: {error}") from None
    return schema


def _function(request: chat_pb2.GetCompletionsRequest, name: str | None = None) -> chat_pb2.Function | None:
    """The function tool called `name` (None: the first function tool), or None."""
    for tool in request.tools:
        if tool.WhichOneof("tool") == "function" and name in (None, tool.function.name):
            return tool.function
    return None


# -- the answer ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Default:
    """What the model says without a script: a text, or a call of a function."""

    text: str
    call: tuple[str, str] | None
    """(function name, arguments as JSON) when the tools ask for a call."""


def compose(
    request: chat_pb2.GetCompletionsRequest,
    model: models_pb2.LanguageModel,
    reply: Reply | None,
    history: Sequence[chat_pb2.Message],
    *,
    response_id: str,
    created: float,
    new_call_id: Callable[[], str],
) -> Answer:
    """The answer to a request `check` accepted.

    Args:
        request: the completion request.
        model: the model it names.
        reply: the scripted reply, or None for the default answer.
        history: the conversation of the stored completion it continues (may be empty).
        response_id: the answer's id.
        created: its creation time (Unix time).
        new_call_id: gives an id for each tool call the answer makes.

    """
    reply = reply or _NO_REPLY
    conversation = [*history, *request.messages]
    default = _default(request, conversation)
    replies = reply.outputs or [reply] * (request.n if request.HasField("n") else 1)
    outputs = tuple(
        _output(index, request, default, output_reply, new_call_id)
        for index, output_reply in enumerate(replies)
    )
    return Answer(
        id=response_id,
        created=created,
        model=model.name,
        outputs=outputs,
        usage=reply.usage if reply.usage is not None else _usage(model, conversation, outputs),
        citations=tuple(reply.citations),
        settings=_settings(request),
        service_tier=request.service_tier or usage_pb2.SERVICE_TIER_DEFAULT,
        top_logprobs=request.top_logprobs if request.logprobs else None,
        chunk_size=reply.chunk_size,
        deferred=reply.deferred,
    )


def _default(request: chat_pb2.GetCompletionsRequest, conversation: Sequence[chat_pb2.Message]) -> _Default:
    results = tool_results(conversation)
    if results:
        return _Default(_formatted("Tool results: " + "; ".join(results), request), None)
    echo = echo_text(conversation)
    function = _function_to_call(request, conversation)
    if function is not None:
        arguments = synthesize(_schema(function.parameters, "parameters"), echo)
        return _Default("", (function.name, json.dumps(arguments)))
    return _Default(_formatted(echo, request), None)


def _function_to_call(
    request: chat_pb2.GetCompletionsRequest, conversation: Sequence[chat_pb2.Message]
) -> chat_pb2.Function | None:
    choice = request.tool_choice
    kind = choice.WhichOneof("tool_choice")
    if kind == "function_name":
        return _function(request, choice.function_name)
    if kind == "mode" and choice.mode == chat_pb2.TOOL_MODE_NONE:
        return None
    if kind == "mode" and choice.mode == chat_pb2.TOOL_MODE_REQUIRED:
        return _function(request)
    if conversation and conversation[-1].role == chat_pb2.ROLE_USER:
        return _function(request)
    return None


def _formatted(text: str, request: chat_pb2.GetCompletionsRequest) -> str:
    """`text` shaped by the request's response format."""
    response_format = request.response_format
    if response_format.format_type == chat_pb2.FORMAT_TYPE_JSON_OBJECT:
        return json.dumps({"echo": text})
    if response_format.format_type == chat_pb2.FORMAT_TYPE_JSON_SCHEMA:
        return json.dumps(synthesize(_schema(response_format.schema, "response_format.schema"), text))
    return text


def _output(
    index: int,
    request: chat_pb2.GetCompletionsRequest,
    default: _Default,
    reply: Reply,
    new_call_id: Callable[[], str],
) -> Output:
    if reply.tool_calls:
        calls = [(call.id or new_call_id(), call.name, call.arguments_json) for call in reply.tool_calls]
    elif reply.content is None and default.call is not None:
        calls = [(new_call_id(), *default.call)]
    else:
        calls = []
    text = reply.content if reply.content is not None else ("" if calls else default.text)
    content, cut_short = _limited(text, request)
    reasoning = reply.reasoning_content
    if reasoning is None:
        reasoning = _reasoning(request, content, [name for _, name, _ in calls])
    finish_reason = reply.finish_reason_value
    if finish_reason is None:
        finish_reason = (
            sample_pb2.REASON_TOOL_CALLS
            if calls
            else sample_pb2.REASON_MAX_LEN
            if cut_short
            else sample_pb2.REASON_STOP
        )
    return Output(
        index=index,
        content=content,
        reasoning_content=reasoning,
        tool_calls=tuple(_tool_call(*call) for call in calls),
        finish_reason=finish_reason,
        encrypted_content=reply.encrypted_content,
        citations=tuple(reply.inline_citations),
    )


def _tool_call(call_id: str, name: str, arguments: str) -> chat_pb2.ToolCall:
    return chat_pb2.ToolCall(
        id=call_id,
        type=chat_pb2.TOOL_CALL_TYPE_CLIENT_SIDE_TOOL,
        status=chat_pb2.TOOL_CALL_STATUS_COMPLETED,
        function=chat_pb2.FunctionCall(name=name, arguments=arguments),
    )


def _limited(text: str, request: chat_pb2.GetCompletionsRequest) -> tuple[str, bool]:
    """`text` cut before the first stop sequence, then to `max_tokens`; whether max_tokens cut it."""
    stops = [position for stop in request.stop if stop and (position := text.find(stop)) >= 0]
    if stops:
        text = text[: min(stops)]
    if request.HasField("max_tokens"):
        tokens = tokenize(text)
        if len(tokens) > request.max_tokens:
            return "".join(token.string_token for token in tokens[: request.max_tokens]), True
    return text, False


def _reasoning(request: chat_pb2.GetCompletionsRequest, content: str, calls: list[str]) -> str:
    """The default reasoning: none unless the request sets an effort."""
    if not request.HasField("reasoning_effort") or request.reasoning_effort == chat_pb2.EFFORT_NONE:
        return ""
    effort = chat_pb2.ReasoningEffort.Name(request.reasoning_effort).removeprefix("EFFORT_").lower()
    if calls:
        plan = f"call {', '.join(calls)}"
    else:
        plan = f"answer {json.dumps(content if len(content) <= 60 else content[:57] + '...')}"
    return f"Reasoning with {effort} effort: I will {plan}."


def _usage(
    model: models_pb2.LanguageModel, conversation: Sequence[chat_pb2.Message], outputs: Sequence[Output]
) -> usage_pb2.SamplingUsage:
    prompt = prompt_tokens(conversation)
    completion = sum(
        len(tokenize(output.content))
        + sum(len(tokenize(call.function.arguments)) for call in output.tool_calls)
        for output in outputs
    )
    reasoning = sum(len(tokenize(output.reasoning_content)) for output in outputs)
    return usage_pb2.SamplingUsage(
        prompt_tokens=prompt,
        completion_tokens=completion,
        reasoning_tokens=reasoning,
        total_tokens=prompt + completion + reasoning,
        prompt_text_tokens=prompt,
        cost_in_usd_ticks=prompt * model.prompt_text_token_price
        + completion * model.completion_text_token_price,
    )


_MIRRORED_SCALARS = ("max_tokens", "previous_response_id", "reasoning_effort", "temperature", "top_p")
_MIRRORED_MESSAGES = ("response_format", "tool_choice", "search_parameters")


def _settings(request: chat_pb2.GetCompletionsRequest) -> chat_pb2.RequestSettings:
    """The request's settings as the response reports them."""
    settings = chat_pb2.RequestSettings(
        parallel_tool_calls=request.parallel_tool_calls if request.HasField("parallel_tool_calls") else True,
        tools=request.tools,
        user=request.user,
        store_messages=request.store_messages,
        use_encrypted_content=request.use_encrypted_content,
        include=request.include,
    )
    for name in _MIRRORED_SCALARS:
        if request.HasField(name):
            setattr(settings, name, getattr(request, name))
    for name in _MIRRORED_MESSAGES:
        if request.HasField(name):
            getattr(settings, name).CopyFrom(getattr(request, name))
    return settings
