"""What the emulator's chat model answers: request checks and the answer itself, without I/O.

`check` refuses a request the way the real API would (and `check_prompt` once the whole
conversation is known). `compose` then computes the answer from the request, the conversation
(a stored completion it continues included), the scripted `Reply` if any, and the server-side
tools that ran; `_chat_delivery` turns the answer into a response or a stream of chunks.

What differs between models (reasoning, efforts, image input, context length) comes from the
catalog's `LanguageCapabilities`; errors carry the real API's status and wording where it is
known (sources in the distribution's README).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import grpc

from xai_sdk.emulator import catalog
from xai_sdk.emulator._base import RpcAbort
from xai_sdk.emulator._chat_usage import Prompt, has_images, sampling_usage
from xai_sdk.emulator._conversation import CompactedContext, echo_text, is_compacted, tool_results
from xai_sdk.emulator._json_schema import synthesize
from xai_sdk.emulator.chat import DeferredOutcome, Reply
from xai_sdk.emulator.services.tokenize import tokenize
from xai_sdk.proto import chat_pb2, models_pb2, sample_pb2, usage_pb2

__all__ = [
    "Answer",
    "Output",
    "ToolRuns",
    "check",
    "check_messages",
    "check_prompt",
    "compose",
    "language_model",
]

MAX_N = 8
MAX_TOP_LOGPROBS = 8
_NO_REPLY = Reply()
_ASSISTANT, _TOOL = chat_pb2.ROLE_ASSISTANT, chat_pb2.ROLE_TOOL


@dataclass(frozen=True)
class Output:
    """One output of an answer: a message at one index (the assistant's, or a server-side tool's)."""

    index: int
    content: str
    reasoning_content: str
    tool_calls: tuple[chat_pb2.ToolCall, ...]
    finish_reason: int
    encrypted_content: str = ""
    citations: tuple[chat_pb2.InlineCitation, ...] = ()
    role: int = _ASSISTANT
    reasoning_tokens: int = 0
    """Tokens the model reasoned, counted even when the reasoning is not returned as text."""

    def message(self) -> chat_pb2.Message:
        """The output as a message of the conversation that continues after it."""
        return chat_pb2.Message(
            role=self.role,  # type: ignore[arg-type]
            content=[chat_pb2.Content(text=self.content)] if self.content else [],
            reasoning_content=self.reasoning_content or None,
            tool_calls=self.tool_calls,
            encrypted_content=self.encrypted_content,
        )

    def completion_tokens(self) -> int:
        """The tokens this output counts as completion: its content and its client-side calls."""
        if self.role != _ASSISTANT:
            return 0
        client_calls = (c for c in self.tool_calls if c.type == chat_pb2.TOOL_CALL_TYPE_CLIENT_SIDE_TOOL)
        return len(tokenize(self.content)) + sum(len(tokenize(c.function.arguments)) for c in client_calls)


@dataclass(frozen=True)
class ToolRuns:
    """What the server-side tools of a request did before the model answered.

    `outputs` come first in the answer (the assistant's server-side calls, then the tool outputs
    the request's ``include`` asks for), numbered from 0; the answer's own outputs follow.
    """

    outputs: tuple[Output, ...] = ()
    citations: tuple[str, ...] = ()
    inline_citations: tuple[chat_pb2.InlineCitation, ...] = ()
    """One per cited source (its ``id`` the display number); placed in the answer by `compose`."""
    server_side_tools: tuple[int, ...] = ()
    """A ``usage_pb2.ServerSideTool`` per successful call."""
    sources: int = 0
    cost: int = 0
    """USD ticks the tool calls cost."""
    announce: bool = False
    """Stream each call first as in progress (``include`` has ``verbose_streaming``)."""


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
    pricing: models_pb2.LanguageModel = dataclasses.field(default_factory=models_pb2.LanguageModel)
    """The model's catalog entry, to count the usage of a stream as it goes."""
    prompt: Prompt = dataclasses.field(default_factory=lambda: Prompt(0))
    tools: ToolRuns = dataclasses.field(default_factory=ToolRuns)
    usage_scripted: bool = False
    """The usage comes from a script: streams send it with the last chunk only."""

    @property
    def first_answer_index(self) -> int:
        """The index of the first output that is the model's answer (after the tool runs)."""
        return len(self.tools.outputs)


# -- checks -------------------------------------------------------------------------------------


def _invalid(details: str) -> RpcAbort:
    return RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, details)


def language_model(name: str) -> models_pb2.LanguageModel:
    """The catalog's language model called `name` (or having it as an alias); RpcAbort otherwise.

    The chat API answers an unknown model with INVALID_ARGUMENT ``Model not found: <name>``, and
    an image or video model with INVALID_ARGUMENT naming the endpoint to use instead.
    """
    model: models_pb2.LanguageModel | None = catalog.find(catalog.LANGUAGE_MODELS, name)
    if model is not None:
        return model
    if catalog.find(catalog.IMAGE_GENERATION_MODELS, name) is not None:
        raise _invalid(_wrong_endpoint(name, "an image", "images/generations", "image-generation"))
    if catalog.find(catalog.VIDEO_GENERATION_MODELS, name) is not None:
        raise _invalid(_wrong_endpoint(name, "a video", "videos/generations", "video-generation"))
    raise _invalid(f"Model not found: {name}")


def _wrong_endpoint(name: str, kind: str, path: str, anchor: str) -> str:
    return (
        f"The model {name} is {kind} model and is therefore not available on this endpoint. "
        f"Please use a compatible endpoint such as https://api.x.ai/v1/{path}. "
        f"For more information, see https://docs.x.ai/docs/api-reference#{anchor}"
    )


def check(request: chat_pb2.GetCompletionsRequest) -> models_pb2.LanguageModel:
    """The model a completion request names, once the request is found valid; RpcAbort otherwise."""
    model = language_model(request.model)
    check_messages(request.messages, "messages")
    _check_sampling(request)
    _check_capabilities(request, model)
    _check_live_search(request)
    _check_tools(request)
    if request.response_format.format_type == chat_pb2.FORMAT_TYPE_JSON_SCHEMA:
        if not request.response_format.HasField("schema"):
            raise _invalid("response_format FORMAT_TYPE_JSON_SCHEMA needs a schema")
        _schema(request.response_format.schema, "response_format.schema")
    return model


def check_prompt(
    model: models_pb2.LanguageModel, conversation: Sequence[chat_pb2.Message], prompt: Prompt
) -> None:
    """Refuse images sent to a text-only model, and a prompt longer than the model's context."""
    capabilities = catalog.capabilities(model.name)
    if not capabilities.images and has_images(conversation):
        raise _invalid("The model does not support image input but some images are present in the request.")
    if prompt.tokens > capabilities.context:
        raise _invalid(
            f"This model's maximum prompt length is {capabilities.context} "
            f"but the request contains {prompt.tokens} tokens."
        )


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


_REFUSED_BY_REASONING_MODELS = (
    ("presence_penalty", "presencePenalty"),
    ("frequency_penalty", "frequencyPenalty"),
)


def _check_capabilities(request: chat_pb2.GetCompletionsRequest, model: models_pb2.LanguageModel) -> None:
    """Refuse a reasoning effort the model does not take, and penalties or stop for a reasoning model."""
    capabilities = catalog.capabilities(model.name)
    if request.HasField("reasoning_effort"):
        if not capabilities.efforts:
            raise _invalid(f"Model {model.name} does not support parameter reasoningEffort.")
        if request.reasoning_effort not in capabilities.efforts:
            allowed = ", ".join(_effort_name(effort) for effort in sorted(capabilities.efforts))
            raise _invalid(
                f"Model {model.name} does not support reasoningEffort "
                f"{_effort_name(request.reasoning_effort)!r}; it takes {allowed}."
            )
    if capabilities.takes_penalties_and_stop:
        return
    for field_name, wire_name in _REFUSED_BY_REASONING_MODELS:
        if request.HasField(field_name):
            raise _invalid(f"Argument not supported on this model: {wire_name}")
    if request.stop:
        raise _invalid("Argument not supported on this model: stop")


LIVE_SEARCH_RETIRED = (
    "Live search is deprecated. Please switch to the Agent Tools API: "
    "https://docs.x.ai/docs/guides/tools/overview"
)
"""What the API answers to ``search_parameters`` since Live Search was retired (HTTP 410 on its
REST side, github.com/vercel/ai pull 15713; the gRPC status is not documented)."""


def _check_live_search(request: chat_pb2.GetCompletionsRequest) -> None:
    """Live Search is retired: search parameters that would search are refused (mode off is taken)."""
    if request.HasField("search_parameters") and request.search_parameters.mode != chat_pb2.OFF_SEARCH_MODE:
        raise RpcAbort(grpc.StatusCode.UNIMPLEMENTED, LIVE_SEARCH_RETIRED)


def _effort_name(effort: int) -> str:
    return str(chat_pb2.ReasoningEffort.Name(effort)).removeprefix("EFFORT_").lower()


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
    """What the model says without a script for one output: a text, or a call of a function."""

    text: str
    call: tuple[str, str] | None
    """(function name, arguments as JSON) when the tools ask for a call."""


def compose(
    request: chat_pb2.GetCompletionsRequest,
    model: models_pb2.LanguageModel,
    reply: Reply | None,
    conversation: Sequence[chat_pb2.Message],
    *,
    response_id: str,
    created: float,
    new_call_id: Callable[[], str],
    prompt: Prompt,
    tools: ToolRuns | None = None,
) -> Answer:
    """The answer to a request `check` accepted.

    Args:
        request: the completion request.
        model: the model it names.
        reply: the scripted reply, or None for the default answer.
        conversation: the whole conversation (a continued stored one, then the request's).
        response_id: the answer's id.
        created: its creation time (Unix time).
        new_call_id: gives an id for each tool call the answer makes.
        prompt: the prompt's tokens (`_chat_usage.count_prompt`).
        tools: what the server-side tools did first, if any ran.

    """
    reply = reply or _NO_REPLY
    tools = tools or ToolRuns()
    replies = reply.outputs or [reply] * (request.n if request.HasField("n") else 1)
    first = len(tools.outputs)
    answers = tuple(
        _output(first + number, number, request, model, conversation, output_reply, tools, new_call_id)
        for number, output_reply in enumerate(replies)
    )
    outputs = (*tools.outputs, *answers)
    completion = sum(output.completion_tokens() for output in outputs)
    reasoning = sum(output.reasoning_tokens for output in outputs)
    usage = reply.usage
    if usage is None:
        usage = sampling_usage(
            model,
            prompt,
            completion,
            reasoning,
            tool_costs=tools.cost,
            sources=tools.sources,
            server_side_tools=tools.server_side_tools,
        )
    return Answer(
        id=response_id,
        created=created,
        model=model.name,
        outputs=outputs,
        usage=usage,
        citations=tuple(reply.citations) or tools.citations,
        settings=_settings(request),
        service_tier=request.service_tier or usage_pb2.SERVICE_TIER_DEFAULT,
        top_logprobs=request.top_logprobs if request.logprobs else None,
        chunk_size=reply.chunk_size,
        deferred=reply.deferred,
        pricing=model,
        prompt=prompt,
        tools=tools,
        usage_scripted=reply.usage is not None,
    )


def sampled(text: str, request: chat_pb2.GetCompletionsRequest, number: int) -> str:
    """`text` as the `number`-th sample of a request: the same unless sampling makes it differ.

    Output 0 of a request without ``seed`` and ``temperature`` is `text` itself, and so is every
    output at temperature 0 (greedy decoding). Any other sample ends with a tag derived from the
    seed, the temperature and the output's number: the same request gives the same answers,
    another seed or temperature other ones, and the outputs of one request differ.
    """
    temperature = request.temperature if request.HasField("temperature") else None
    seed = request.seed if request.HasField("seed") else None
    if temperature == 0 or (number == 0 and seed is None and temperature is None):
        return text
    key = f"{seed}\x1f{temperature!r}\x1f{number}\x1f{text}"
    return f"{text} [sample {hashlib.sha256(key.encode()).hexdigest()[:6]}]"


def _default(
    request: chat_pb2.GetCompletionsRequest, conversation: Sequence[chat_pb2.Message], number: int
) -> _Default:
    results = tool_results(conversation)
    if results:
        return _Default(
            _formatted(sampled("Tool results: " + "; ".join(results), request, number), request), None
        )
    echo = sampled(echo_text(conversation), request, number)
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
    number: int,
    request: chat_pb2.GetCompletionsRequest,
    model: models_pb2.LanguageModel,
    conversation: Sequence[chat_pb2.Message],
    reply: Reply,
    tools: ToolRuns,
    new_call_id: Callable[[], str],
) -> Output:
    default = _default(request, conversation, number)
    if reply.tool_calls:
        calls = [(call.id or new_call_id(), call.name, call.arguments_json) for call in reply.tool_calls]
    elif reply.content is None and default.call is not None:
        calls = [(new_call_id(), *default.call)]
    else:
        calls = []
    text = reply.content if reply.content is not None else ("" if calls else default.text)
    content, cut_short = _limited(text, request)
    citations: tuple[chat_pb2.InlineCitation, ...] = tuple(reply.inline_citations)
    if not citations and tools.inline_citations and _wants_inline_citations(request):
        content, citations = _cite(content, tools.inline_citations)
    thought = _reasoning(request, model, content, [name for _, name, _ in calls])
    reasoning = reply.reasoning_content
    if reasoning is None:
        reasoning = thought if catalog.capabilities(model.name).reasoning_content else ""
    encrypted = reply.encrypted_content
    if not encrypted and request.use_encrypted_content and thought:
        encrypted = encrypt_reasoning(thought)
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
        encrypted_content=encrypted,
        citations=citations,
        reasoning_tokens=len(tokenize(reasoning or thought)),
    )


def _wants_inline_citations(request: chat_pb2.GetCompletionsRequest) -> bool:
    return (
        chat_pb2.INCLUDE_OPTION_INLINE_CITATIONS in request.include
        and request.response_format.format_type
        not in (chat_pb2.FORMAT_TYPE_JSON_OBJECT, chat_pb2.FORMAT_TYPE_JSON_SCHEMA)
    )


def _cite(
    content: str, sources: Sequence[chat_pb2.InlineCitation]
) -> tuple[str, tuple[chat_pb2.InlineCitation, ...]]:
    """`content` followed by a ``[[n]](url)`` link per source, and the citations that locate them."""
    placed = []
    for source in sources:
        link = f"[[{source.id}]]({_cited_url(source)})"
        content += " "
        citation = chat_pb2.InlineCitation()
        citation.CopyFrom(source)
        citation.start_index, citation.end_index = len(content), len(content) + len(link)
        content += link
        placed.append(citation)
    return content, tuple(placed)


def _cited_url(citation: chat_pb2.InlineCitation) -> str:
    kind = citation.WhichOneof("citation")
    if kind == "web_citation":
        return str(citation.web_citation.url)
    if kind == "x_citation":
        return str(citation.x_citation.url)
    source = citation.collections_citation
    return f"collections://{','.join(source.collection_ids)}/files/{source.file_id}"


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


def _reasoning(
    request: chat_pb2.GetCompletionsRequest, model: models_pb2.LanguageModel, content: str, calls: list[str]
) -> str:
    """What a reasoning model thinks before answering ("" for other models, or with effort none)."""
    capabilities = catalog.capabilities(model.name)
    effort = request.reasoning_effort if request.HasField("reasoning_effort") else capabilities.default_effort
    if not capabilities.reasoning or effort == chat_pb2.EFFORT_NONE:
        return ""
    if calls:
        plan = f"call {', '.join(calls)}"
    else:
        plan = f"answer {json.dumps(content if len(content) <= 60 else content[:57] + '...')}"
    if effort is None:
        return f"Reasoning: I will {plan}."
    # More effort, more thought: each level restates the plan once more.
    levels: dict[int, int] = {
        chat_pb2.EFFORT_LOW: 1,
        chat_pb2.EFFORT_MEDIUM: 2,
        chat_pb2.EFFORT_HIGH: 3,
        chat_pb2.EFFORT_XHIGH: 4,
    }
    checks = f" Checking: I will {plan}." * (levels.get(effort, 1) - 1)
    return f"Reasoning with {_effort_name(effort)} effort: I will {plan}.{checks}"


_ENCRYPTED_KIND = b"xai-emulator/reasoning\n"


def encrypt_reasoning(reasoning: str) -> str:
    """The reasoning as opaque ``encrypted_content``: scrambled and encoded, not real encryption."""
    data = _ENCRYPTED_KIND + reasoning.encode()
    stream = b"".join(
        hashlib.sha256(b"xai-emulator" + counter.to_bytes(4, "big")).digest()
        for counter in range(len(data) // 32 + 1)
    )
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, stream, strict=False))).decode()


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
