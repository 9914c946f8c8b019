"""The chat request: the settings of `ChatClient.create`, declared once, checked and built into protos.

Each setting of `CompletionOptions` is declared with its type and, in its ``Annotated`` metadata,
the check that turns a value into the request field's (a function of the argument's name and
value); `completions_request` applies them. Everything here is pure: a bad argument raises
`ValueError` or `TypeError` before any request is sent.
"""

from __future__ import annotations

import ast
import functools
import json
import typing
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypedDict

from typing_extensions import Unpack

from xai_sdk.arguments import (
    INT32_MAX,
    choice,
    items,
    literal,
    proto_bool,
    proto_float,
    proto_int,
    text,
    typed_dict,
    validate,
)
from xai_sdk.chat._content import is_pydantic_model, json_schema_of
from xai_sdk.chat._content import text as text_part
from xai_sdk.chat._response import Response
from xai_sdk.chat._types import (
    AgentCountMap,
    Guideline,
    GuidelineBehaviorMap,
    GuidelineCategoryMap,
    IncludeOption,
    IncludeOptionMap,
    ReasoningEffort,
    ReasoningEffortMap,
    ResponseFormatMap,
    ToolMode,
    ToolModeMap,
)
from xai_sdk.proto import chat_pb2, usage_pb2
from xai_sdk.service_tier import ServiceTier, ServiceTierMap

if TYPE_CHECKING:
    from xai_sdk.search import SearchParameters

__all__ = [
    "MAX_TOOLS",
    "CompletionOptions",
    "batch_size",
    "completions_request",
    "messages",
    "model_name",
    "replay",
]

MAX_TOOLS = 128
"""How many tools a request may carry."""

Convert = Callable[[str, Any], Any]
"""A check of one setting: from its name and value, the value of its request field."""


def _ranged(low: float, high: float, *, integer: bool = False) -> Convert:
    """A number within the API's documented range, as protobuf takes it (`proto_int`, `proto_float`)."""
    if integer:
        return lambda name, value: proto_int(name, value, int(low), int(high))
    return lambda name, value: proto_float(name, value, low, high)


def _each(convert: Convert, what: str = "", item_type: type | tuple[type, ...] = object) -> Convert:
    """A list setting, each of its items converted."""
    return lambda name, values: [convert(name, item) for item in items(name, values, what, item_type)]


def _literal(kind: str, names: Mapping[Any, int], enum_values: Collection[int], allowed: object) -> Convert:
    """A literal (or an enum value of `enum_values`), refused in the official SDK's words.

    ``Invalid reasoning effort: maximal. Must be one of: ('none', 'low', ...)``: `allowed` is the
    list the official message shows.
    """
    refusal = f"Invalid {kind}: {{value}}. Must be one of: {{allowed}}"
    return lambda name, value: choice(name, value, names, enum_values, refusal=refusal, allowed=allowed)


_tool_mode = _literal("tool mode", ToolModeMap, (), tuple(ToolModeMap))
_format_type = _literal("response format", ResponseFormatMap, (), ("text", "json_object"))
_reasoning_effort = _literal(
    "reasoning effort", ReasoningEffortMap, chat_pb2.ReasoningEffort.values(), tuple(ReasoningEffortMap)
)
_include = _literal(
    "include option", IncludeOptionMap, chat_pb2.IncludeOption.values(), IncludeOptionMap.keys()
)
_agent_count = _literal(
    "agent count", AgentCountMap, (chat_pb2.AGENT_COUNT_4, chat_pb2.AGENT_COUNT_16), list(AgentCountMap)
)
_service_tier = _literal("service tier", ServiceTierMap, usage_pb2.ServiceTier.values(), list(ServiceTierMap))


# -- the settings ------------------------------------------------------------------------------------


def model_name(value: Any) -> str:
    """A model name such as ``"grok-4"``."""
    if not isinstance(value, str) or not value.strip():
        error = TypeError if not isinstance(value, str) else ValueError
        raise error(f"model must be a model name such as 'grok-4', got {value!r}")
    return value


def messages(name: str, values: Any) -> list[chat_pb2.Message]:
    """A list of messages made by ``user()``, ``system()``, ``assistant()`` ..."""
    return items(name, values, "messages made by user(), system(), assistant() ...", chat_pb2.Message)


def _stop(name: str, value: Any) -> list[str]:
    return [value] if isinstance(value, str) else items(name, value, "strings", str)


def _tools(name: str, value: Any) -> list[chat_pb2.Tool]:
    tools = items(name, value, "tools made by tool(), tool_from_function() or xai_sdk.tools", chat_pb2.Tool)
    if len(tools) > MAX_TOOLS:
        raise ValueError(f"at most {MAX_TOOLS} tools can be given, got {len(tools)}")
    return tools


def _tool_choice(name: str, value: Any) -> chat_pb2.ToolChoice:
    """``"auto"``, ``"none"``, ``"required"`` or a `required_tool(...)` choice."""
    if isinstance(value, chat_pb2.ToolChoice):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{name} must be 'auto', 'none', 'required' or required_tool(name), got {value!r}")
    return chat_pb2.ToolChoice(mode=_tool_mode(name, value))


def _response_format(name: str, value: Any) -> chat_pb2.ResponseFormat:
    """``"text"``, ``"json_object"``, a pydantic model class, a JSON schema dict, or the proto."""
    if isinstance(value, chat_pb2.ResponseFormat):
        return value
    if isinstance(value, str):
        return chat_pb2.ResponseFormat(format_type=_format_type(name, value))
    if is_pydantic_model(value):
        return chat_pb2.ResponseFormat(
            format_type=chat_pb2.FORMAT_TYPE_JSON_SCHEMA, schema=json_schema_of(value)
        )
    if isinstance(value, Mapping):
        return chat_pb2.ResponseFormat(format_type=chat_pb2.FORMAT_TYPE_JSON_SCHEMA, schema=json.dumps(value))
    raise TypeError(
        f"{name} must be 'text', 'json_object', a pydantic model class, a JSON schema dict or a "
        f"chat_pb2.ResponseFormat, got {value!r}"
    )


def _search_parameters(name: str, value: Any) -> chat_pb2.SearchParameters:
    from xai_sdk.search import SearchParameters  # noqa: PLC0415 - a dataclass few calls need

    if isinstance(value, SearchParameters):
        return value._to_proto()
    if isinstance(value, chat_pb2.SearchParameters):
        return value
    raise TypeError(f"{name} must be a SearchParameters, got {type(value).__name__}")


GUIDELINE_SHAPE = typed_dict(
    {
        "type": literal("policy"),
        "category": literal(*GuidelineCategoryMap),
        "behavior": literal(*GuidelineBehaviorMap),
    }
)
"""A guideline dict as the official SDK's pydantic model takes it (other keys are ignored)."""


def _guideline(name: str, guideline: Any) -> chat_pb2.Guideline:
    """``{"type": "policy", "category": ..., "behavior": ...}`` to the proto; protos pass through.

    Raises `xai_sdk.arguments.ValidationError` (a `ValueError`) for anything else.
    """
    if isinstance(guideline, chat_pb2.Guideline):
        return guideline
    checked = validate(GUIDELINE_SHAPE, guideline, "Guideline")
    return chat_pb2.Guideline(
        policy=chat_pb2.PolicyGuideline(
            category=GuidelineCategoryMap[checked["category"]],
            behavior=GuidelineBehaviorMap[checked["behavior"]],
        )
    )


_COUNT = _ranged(1, INT32_MAX, integer=True)


class CompletionOptions(TypedDict, total=False):
    """The settings of `ChatClient.create` that are fields of the `GetCompletionsRequest`.

    None means "not set". Declared once, each with its type and its check (``Annotated``):
    `create` forwards them with `xai_sdk.arguments.options`.
    """

    messages: Annotated[Sequence[chat_pb2.Message] | None, messages]
    user: Annotated[str | None, text]
    safety_identifier: Annotated[str | None, text]
    max_tokens: Annotated[int | None, _COUNT]
    seed: Annotated[int | None, _ranged(-(2**31), INT32_MAX, integer=True)]
    stop: Annotated[str | Sequence[str] | None, _stop]
    temperature: Annotated[float | None, _ranged(0, 2)]
    top_p: Annotated[float | None, _ranged(0, 1)]
    logprobs: Annotated[bool | None, proto_bool]
    top_logprobs: Annotated[int | None, _ranged(0, 8, integer=True)]
    tools: Annotated[Sequence[chat_pb2.Tool] | None, _tools]
    tool_choice: Annotated[ToolMode | chat_pb2.ToolChoice | None, _tool_choice]
    parallel_tool_calls: Annotated[bool | None, proto_bool]
    response_format: Annotated[Any, _response_format]
    frequency_penalty: Annotated[float | None, _ranged(-2, 2)]
    presence_penalty: Annotated[float | None, _ranged(-2, 2)]
    reasoning_effort: Annotated[ReasoningEffort | chat_pb2.ReasoningEffort | None, _reasoning_effort]
    search_parameters: Annotated[SearchParameters | chat_pb2.SearchParameters | None, _search_parameters]
    store_messages: Annotated[bool | None, proto_bool]
    previous_response_id: Annotated[str | None, text]
    use_encrypted_content: Annotated[bool | None, proto_bool]
    max_turns: Annotated[int | None, _COUNT]
    include: Annotated[
        Sequence[IncludeOption | chat_pb2.IncludeOption] | None, _each(_include, "names", (str, int))
    ]
    agent_count: Annotated[int | None, _agent_count]
    service_tier: Annotated[ServiceTier | int | None, _service_tier]
    guidelines: Annotated[Sequence[Guideline | chat_pb2.Guideline] | None, _each(_guideline)]


@functools.cache
def _checks() -> dict[str, Convert]:
    """The check of each setting, read from `CompletionOptions` on first use.

    Only the checks (the second part of each ``Annotated``) are evaluated, not the types: Python
    3.10's typing refuses a union with a protobuf enum (``X | chat_pb2.IncludeOption``).
    """
    checks: dict[str, Convert] = {}
    for name, annotation in CompletionOptions.__annotations__.items():
        source = annotation.__forward_arg__ if isinstance(annotation, typing.ForwardRef) else annotation
        check = ast.parse(source, mode="eval").body.slice.elts[1]  # type: ignore[attr-defined]
        checks[name] = eval(compile(ast.Expression(check), __file__, "eval"), globals())
    return checks


def completions_request(model: str, **settings: Unpack[CompletionOptions]) -> chat_pb2.GetCompletionsRequest:
    """Check the settings of `ChatClient.create` and build the request; None means "not set"."""
    fields: dict[str, Any] = {"model": model_name(model)}
    checks = _checks()
    for name, value in settings.items():
        if value is not None:
            fields[name] = checks[name](name, value)
    if settings.get("top_logprobs") is not None and not settings.get("logprobs"):
        raise ValueError("top_logprobs requires logprobs=True")
    return chat_pb2.GetCompletionsRequest(**fields)


def batch_size(n: Any) -> int:
    """How many answers a ``*_batch`` call asks for: a positive integer."""
    return proto_int("n", n, 1, INT32_MAX)


# -- continuing a conversation -----------------------------------------------------------------------


def replay(response: Response) -> list[chat_pb2.Message]:
    """The messages that replay a response in the conversation.

    With one selected output, its assistant answer; in multi-output mode (server-side tools),
    every output in order, tool outputs paired with the call they answer.
    """
    proto = response.proto
    if response._shown_index() is None:
        return [_replay_output(output.message, output.message.content) for output in proto.outputs]
    output = response._output()
    message = _replay_output(output.message, response.content)
    del message.tool_calls[:]
    message.tool_calls.extend(response.tool_calls)
    return [message]


def _replay_output(message: chat_pb2.CompletionMessage, content: str) -> chat_pb2.Message:
    tool_call_id = (
        message.tool_calls[0].id if message.role == chat_pb2.ROLE_TOOL and message.tool_calls else None
    )
    return chat_pb2.Message(
        role=message.role,
        content=[text_part(content)],
        reasoning_content=message.reasoning_content,
        encrypted_content=message.encrypted_content,
        tool_calls=message.tool_calls,
        tool_call_id=tool_call_id,
    )
