"""The emulator's chat service, driven with raw gRPC calls: echo, checks, tools, structured output,
streaming, scripts, stored and deferred completions, compaction."""

from __future__ import annotations

import json
import threading
import time
import typing
from collections.abc import Iterator
from typing import Any

import grpc
import pytest

from xai_sdk.emulator import Emulator
from xai_sdk.emulator.chat import Reply, ToolCallReply
from xai_sdk.proto import chat_pb2, deferred_pb2, sample_pb2, usage_pb2
from xai_sdk.types.model import ChatModel

CHAT = "/xai_api.Chat/"
MODEL = "grok-4-fast-non-reasoning"
"""The model of these tests unless they name one: it takes images, stop and penalties, and answers
without reasoning (reasoning models are tested with grok-4, grok-3-mini, ...)."""


class RawChat:
    """The chat RPCs on a plain grpc channel: what a stub generated from the protos would do."""

    def __init__(self, channel: grpc.Channel, metadata: tuple[tuple[str, str], ...]) -> None:
        self._channel = channel
        self._metadata = metadata

    def unary(self, method: str, request: Any, response_type: Any) -> Any:
        rpc = self._channel.unary_unary(
            CHAT + method,
            request_serializer=type(request).SerializeToString,
            response_deserializer=response_type.FromString,
        )
        return rpc(request, metadata=self._metadata, timeout=10)

    def stream_call(self, request: chat_pb2.GetCompletionsRequest, timeout: float = 30) -> Any:
        rpc = self._channel.unary_stream(
            CHAT + "GetCompletionChunk",
            request_serializer=chat_pb2.GetCompletionsRequest.SerializeToString,
            response_deserializer=chat_pb2.GetChatCompletionChunk.FromString,
        )
        return rpc(request, metadata=self._metadata, timeout=timeout)

    def complete(self, request: chat_pb2.GetCompletionsRequest) -> chat_pb2.GetChatCompletionResponse:
        return self.unary("GetCompletion", request, chat_pb2.GetChatCompletionResponse)

    def stream(self, request: chat_pb2.GetCompletionsRequest) -> list[chat_pb2.GetChatCompletionChunk]:
        return list(self.stream_call(request))

    def defer(self, request: chat_pb2.GetCompletionsRequest) -> str:
        return str(
            self.unary("StartDeferredCompletion", request, deferred_pb2.StartDeferredResponse).request_id
        )

    def poll(self, request_id: str) -> chat_pb2.GetDeferredCompletionResponse:
        return self.unary(
            "GetDeferredCompletion",
            deferred_pb2.GetDeferredRequest(request_id=request_id),
            chat_pb2.GetDeferredCompletionResponse,
        )

    def stored(self, response_id: str) -> chat_pb2.GetChatCompletionResponse:
        return self.unary(
            "GetStoredCompletion",
            chat_pb2.GetStoredCompletionRequest(response_id=response_id),
            chat_pb2.GetChatCompletionResponse,
        )

    def delete(self, response_id: str) -> chat_pb2.DeleteStoredCompletionResponse:
        return self.unary(
            "DeleteStoredCompletion",
            chat_pb2.DeleteStoredCompletionRequest(response_id=response_id),
            chat_pb2.DeleteStoredCompletionResponse,
        )

    def compact(self, *messages: chat_pb2.Message, model: str = MODEL) -> chat_pb2.CompactContextResponse:
        return self.unary(
            "CompactContext",
            chat_pb2.CompactContextRequest(model=model, input=messages),
            chat_pb2.CompactContextResponse,
        )


@pytest.fixture
def chat(xai_emulator: Emulator) -> Iterator[RawChat]:
    with grpc.insecure_channel(xai_emulator.address) as channel:
        yield RawChat(channel, (("authorization", f"Bearer {xai_emulator.api_key}"),))


def user(*parts: str | chat_pb2.Content) -> chat_pb2.Message:
    content = [chat_pb2.Content(text=part) if isinstance(part, str) else part for part in parts]
    return chat_pb2.Message(role=chat_pb2.ROLE_USER, content=content)


def message(role: int, text: str, **fields: Any) -> chat_pb2.Message:
    return chat_pb2.Message(role=role, content=[chat_pb2.Content(text=text)], **fields)  # type: ignore[arg-type]


def request(*messages: chat_pb2.Message, model: str = MODEL, **fields: Any) -> chat_pb2.GetCompletionsRequest:
    return chat_pb2.GetCompletionsRequest(model=model, messages=messages or [user("Hello, world!")], **fields)


def function_tool(name: str, parameters: dict[str, Any]) -> chat_pb2.Tool:
    return chat_pb2.Tool(function=chat_pb2.Function(name=name, parameters=json.dumps(parameters)))


def joined(chunks: list[chat_pb2.GetChatCompletionChunk], field: str, index: int = 0) -> str:
    return "".join(
        getattr(output.delta, field) for chunk in chunks for output in chunk.outputs if output.index == index
    )


WEATHER = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "unit": {"enum": ["celsius", "fahrenheit"]}},
    "required": ["city"],
}


# -- the default answer -------------------------------------------------------------------------


def test_the_answer_echoes_the_last_user_message(chat: RawChat) -> None:
    response = chat.complete(
        request(
            message(chat_pb2.ROLE_SYSTEM, "Be brief."),
            user("First question"),
            message(chat_pb2.ROLE_ASSISTANT, "First answer"),
            user("Second", "question"),
        )
    )
    (output,) = response.outputs
    assert output.message.content == "Second question"
    assert output.message.role == chat_pb2.ROLE_ASSISTANT
    assert output.finish_reason == sample_pb2.REASON_STOP


def test_image_and_file_parts_are_echoed_as_placeholders(chat: RawChat) -> None:
    image = chat_pb2.Content(image_url={"image_url": "https://example.com/cat.png"})
    file = chat_pb2.Content(file=chat_pb2.FileContent(file_id="file-1"))
    response = chat.complete(request(user("Look:", image, file)))
    assert response.outputs[-1].message.content == "Look: <image> <file>"


def test_n_gives_that_many_outputs_the_first_the_echo_the_others_other_samples(chat: RawChat) -> None:
    response = chat.complete(request(n=3))
    assert [output.index for output in response.outputs] == [0, 1, 2]
    contents = [output.message.content for output in response.outputs]
    assert contents[0] == "Hello, world!" and len(set(contents)) == 3
    assert all(content.startswith("Hello, world! [sample ") for content in contents[1:])


def test_the_response_describes_itself(chat: RawChat) -> None:
    response = chat.complete(request(model="grok-4-latest", temperature=0.5, user="u-1"))
    assert response.id == "chatcmpl-00000001"
    assert response.model == "grok-4"
    assert response.system_fingerprint == "fp_emulator"
    assert response.service_tier == usage_pb2.SERVICE_TIER_DEFAULT
    assert response.created.seconds > 0
    assert response.settings.temperature == 0.5 and response.settings.user == "u-1"
    assert not response.settings.HasField("max_tokens")


OFFICIAL_CHAT_MODELS = typing.get_args(ChatModel)


def test_every_chat_model_name_of_the_official_sdk_is_served(chat: RawChat) -> None:
    assert len(OFFICIAL_CHAT_MODELS) == 37
    for name in OFFICIAL_CHAT_MODELS:
        assert chat.complete(request(model=name)).outputs[0].message.content == "Hello, world!", name


def test_the_service_tier_is_echoed(chat: RawChat) -> None:
    response = chat.complete(request(service_tier=usage_pb2.SERVICE_TIER_PRIORITY))
    assert response.service_tier == usage_pb2.SERVICE_TIER_PRIORITY


def test_usage_counts_tokens_and_cost(chat: RawChat) -> None:
    response = chat.complete(
        request(message(chat_pb2.ROLE_SYSTEM, "Be brief."), user("Hello, world!"), model="grok-3")
    )
    usage = response.usage
    # "Be", " brief", "." and "Hello", ",", " world", "!"
    assert (usage.prompt_tokens, usage.prompt_text_tokens, usage.completion_tokens) == (7, 7, 4)
    assert usage.total_tokens == 11 and usage.reasoning_tokens == 0
    assert (usage.cached_prompt_text_tokens, usage.prompt_image_tokens) == (0, 0)
    assert usage.cost_in_usd_ticks == 7 * 30_000 + 4 * 150_000  # grok-3's prices in the catalog


@pytest.mark.parametrize(
    ("fields", "code", "details"),
    [
        ({"model": "grok-99"}, grpc.StatusCode.INVALID_ARGUMENT, "Model not found: grok-99"),
        ({"messages": []}, grpc.StatusCode.INVALID_ARGUMENT, "messages must hold at least one message"),
        ({"messages": [chat_pb2.Message()]}, grpc.StatusCode.INVALID_ARGUMENT, "messages[0] has no role"),
        ({"n": 0}, grpc.StatusCode.INVALID_ARGUMENT, "n must be between 1 and 8, got 0"),
        ({"n": 9}, grpc.StatusCode.INVALID_ARGUMENT, "n must be between 1 and 8, got 9"),
        ({"top_logprobs": 2}, grpc.StatusCode.INVALID_ARGUMENT, "top_logprobs requires logprobs"),
        ({"logprobs": True, "top_logprobs": 9}, grpc.StatusCode.INVALID_ARGUMENT, "top_logprobs must be"),
        (
            {"temperature": 2.5},
            grpc.StatusCode.INVALID_ARGUMENT,
            "temperature must be between 0 and 2, got 2.5",
        ),
        ({"temperature": -1}, grpc.StatusCode.INVALID_ARGUMENT, "temperature must be between 0 and 2"),
        ({"top_p": 0}, grpc.StatusCode.INVALID_ARGUMENT, "top_p must be greater than 0 and at most 1, got 0"),
        ({"top_p": 1.5}, grpc.StatusCode.INVALID_ARGUMENT, "top_p must be greater than 0 and at most 1"),
        ({"max_tokens": 0}, grpc.StatusCode.INVALID_ARGUMENT, "max_tokens must be at least 1, got 0"),
        (
            {"presence_penalty": 3},
            grpc.StatusCode.INVALID_ARGUMENT,
            "presence_penalty must be between -2 and 2",
        ),
        ({"previous_response_id": "chatcmpl-404"}, grpc.StatusCode.NOT_FOUND, "'chatcmpl-404'"),
        (
            {"response_format": chat_pb2.ResponseFormat(format_type=chat_pb2.FORMAT_TYPE_JSON_SCHEMA)},
            grpc.StatusCode.INVALID_ARGUMENT,
            "needs a schema",
        ),
        (
            {"response_format": {"format_type": chat_pb2.FORMAT_TYPE_JSON_SCHEMA, "schema": "{not json"}},
            grpc.StatusCode.INVALID_ARGUMENT,
            "response_format.schema is not valid JSON",
        ),
        (
            {"tools": [function_tool("get_weather", WEATHER)], "tool_choice": {"function_name": "get_time"}},
            grpc.StatusCode.INVALID_ARGUMENT,
            "no function tool has that name",
        ),
        (
            {"tools": [chat_pb2.Tool(function=chat_pb2.Function(name="f", parameters="[1"))]},
            grpc.StatusCode.INVALID_ARGUMENT,
            "tools[0].function.parameters is not valid JSON",
        ),
        (
            {"tool_choice": {"mode": chat_pb2.TOOL_MODE_REQUIRED}},
            grpc.StatusCode.INVALID_ARGUMENT,
            "TOOL_MODE_REQUIRED needs at least one tool",
        ),
        (
            {"messages": [chat_pb2.Message(role=chat_pb2.ROLE_USER, encrypted_content="forged")]},
            grpc.StatusCode.INVALID_ARGUMENT,
            "not a context compacted by this emulator",
        ),
    ],
    ids=lambda value: None if isinstance(value, (dict, grpc.StatusCode)) else value,
)
def test_an_invalid_request_is_refused_saying_why(
    chat: RawChat, fields: dict[str, Any], code: grpc.StatusCode, details: str
) -> None:
    built = request(**{key: value for key, value in fields.items() if key != "messages"})
    if "messages" in fields:
        del built.messages[:]
        built.messages.extend(fields["messages"])
    with pytest.raises(grpc.RpcError) as raised:
        chat.complete(built)
    assert raised.value.code() is code
    assert details in raised.value.details()


def test_a_refused_request_does_not_consume_a_scripted_reply(chat: RawChat, xai_emulator: Emulator) -> None:
    xai_emulator.chat.script("scripted")
    with pytest.raises(grpc.RpcError):
        chat.complete(request(n=0))
    assert chat.complete(request()).outputs[0].message.content == "scripted"


# -- tools --------------------------------------------------------------------------------------


def test_a_function_tool_is_called_with_arguments_from_its_schema(chat: RawChat) -> None:
    response = chat.complete(request(user("Paris"), tools=[function_tool("get_weather", WEATHER)]))
    (output,) = response.outputs
    (call,) = output.message.tool_calls
    assert call.id.startswith("call_")
    assert call.type == chat_pb2.TOOL_CALL_TYPE_CLIENT_SIDE_TOOL
    assert call.status == chat_pb2.TOOL_CALL_STATUS_COMPLETED
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Paris", "unit": "celsius"}
    assert output.message.content == ""
    assert output.finish_reason == sample_pb2.REASON_TOOL_CALLS


def test_each_tool_call_gets_its_own_id(chat: RawChat) -> None:
    response = chat.complete(request(tools=[function_tool("get_weather", WEATHER)], n=2))
    ids = [output.message.tool_calls[0].id for output in response.outputs]
    assert len(set(ids)) == 2


def test_tool_choice_naming_a_function_calls_it(chat: RawChat) -> None:
    tools = [function_tool("get_weather", WEATHER), function_tool("get_time", {"type": "object"})]
    response = chat.complete(request(tools=tools, tool_choice={"function_name": "get_time"}))
    assert response.outputs[0].message.tool_calls[0].function.name == "get_time"
    assert response.outputs[0].message.tool_calls[0].function.arguments == "{}"


def test_required_tool_choice_calls_even_after_an_assistant_message(chat: RawChat) -> None:
    messages = (user("Paris"), message(chat_pb2.ROLE_ASSISTANT, "Shall I look it up?"))
    tools = [function_tool("get_weather", WEATHER)]
    auto = chat.complete(request(*messages, tools=tools))
    required = chat.complete(
        request(*messages, tools=tools, tool_choice={"mode": chat_pb2.TOOL_MODE_REQUIRED})
    )
    assert not auto.outputs[0].message.tool_calls
    assert required.outputs[0].message.tool_calls[0].function.name == "get_weather"


def test_tool_mode_none_answers_with_text(chat: RawChat) -> None:
    response = chat.complete(
        request(tools=[function_tool("get_weather", WEATHER)], tool_choice={"mode": chat_pb2.TOOL_MODE_NONE})
    )
    assert response.outputs[0].message.content == "Hello, world!"
    assert not response.outputs[0].message.tool_calls


def test_tool_results_are_answered_with_text(chat: RawChat) -> None:
    call = chat_pb2.ToolCall(id="call_1", function=chat_pb2.FunctionCall(name="get_weather", arguments="{}"))
    response = chat.complete(
        request(
            user("Weather in Paris and Rome?"),
            chat_pb2.Message(role=chat_pb2.ROLE_ASSISTANT, tool_calls=[call]),
            message(chat_pb2.ROLE_TOOL, "Paris: sunny", tool_call_id="call_1"),
            message(chat_pb2.ROLE_TOOL, "Rome: rain", tool_call_id="call_2"),
            tools=[function_tool("get_weather", WEATHER)],
        )
    )
    (output,) = response.outputs
    assert output.message.content == "Tool results: Paris: sunny; Rome: rain"
    assert not output.message.tool_calls and output.finish_reason == sample_pb2.REASON_STOP


# -- structured output --------------------------------------------------------------------------


def conforms(value: Any, schema: Any, root: Any) -> bool:
    """Whether `value` is valid against `schema`: the keywords the tests' schemas use."""
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return conforms(value, target, root)
    if "anyOf" in schema:
        return any(conforms(value, option, root) for option in schema["anyOf"])
    if "const" in schema and value != schema["const"]:
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    kinds = {
        "object": dict,
        "array": list,
        "string": str,
        "integer": int,
        "number": (int, float),
        "boolean": bool,
        "null": type(None),
    }
    kind = schema.get("type")
    if kind is not None and (
        not isinstance(value, kinds[kind]) or (kind in ("integer", "number") and isinstance(value, bool))
    ):
        return False
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        return set(schema.get("required", [])) <= set(value) and all(
            conforms(item, properties[name], root) for name, item in value.items() if name in properties
        )
    if isinstance(value, list):
        return len(value) >= schema.get("minItems", 0) and all(
            conforms(item, schema.get("items", {}), root) for item in value
        )
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (
            value >= schema.get("minimum", value)
            and value > schema.get("exclusiveMinimum", value - 1)
            and value <= schema.get("maximum", value)
        )
    return True


REPORT = {
    "$defs": {
        "Color": {"enum": ["red", "green"], "title": "Color", "type": "string"},
        "Address": {
            "properties": {
                "city": {"type": "string"},
                "zip": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
            },
            "required": ["city"],
            "type": "object",
        },
    },
    "properties": {
        "title": {"type": "string"},
        "count": {"type": "integer", "minimum": 3},
        "ratio": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "done": {"type": "boolean"},
        "color": {"$ref": "#/$defs/Color"},
        "kind": {"const": "report"},
        "tags": {"items": {"type": "string"}, "type": "array", "minItems": 2},
        "address": {"$ref": "#/$defs/Address"},
        "due": {"anyOf": [{"type": "null"}, {"type": "string", "format": "date"}]},
    },
    "required": ["title", "count", "color", "address"],
    "type": "object",
}


def json_schema(schema: Any) -> chat_pb2.ResponseFormat:
    return chat_pb2.ResponseFormat(format_type=chat_pb2.FORMAT_TYPE_JSON_SCHEMA, schema=json.dumps(schema))


def test_json_schema_output_validates_against_the_schema(chat: RawChat) -> None:
    response = chat.complete(request(user("Quarterly"), response_format=json_schema(REPORT)))
    document = json.loads(response.outputs[0].message.content)
    assert conforms(document, REPORT, REPORT)
    assert set(document) == set(REPORT["properties"])  # type: ignore[arg-type]
    assert document["title"] == "Quarterly"  # the first string gets the echo
    assert (document["count"], document["color"], document["kind"], document["due"]) == (
        3,
        "red",
        "report",
        "2025-01-01",
    )


def test_a_recursive_schema_yields_a_finite_document(chat: RawChat) -> None:
    tree = {
        "$defs": {
            "Node": {
                "properties": {
                    "name": {"type": "string"},
                    "children": {"items": {"$ref": "#/$defs/Node"}, "type": "array"},
                },
                "required": ["name", "children"],
                "type": "object",
            }
        },
        "$ref": "#/$defs/Node",
    }
    response = chat.complete(request(response_format=json_schema(tree)))
    document = json.loads(response.outputs[0].message.content)
    assert conforms(document, tree, tree) and document["name"] == "Hello, world!"


def test_json_object_output_wraps_the_echo(chat: RawChat) -> None:
    response = chat.complete(
        request(response_format=chat_pb2.ResponseFormat(format_type=chat_pb2.FORMAT_TYPE_JSON_OBJECT))
    )
    assert json.loads(response.outputs[0].message.content) == {"echo": "Hello, world!"}


# -- reasoning, limits, log probabilities -------------------------------------------------------


def test_reasoning_effort_adds_reasoning_and_counts_its_tokens(chat: RawChat) -> None:
    response = chat.complete(request(model="grok-3-mini", reasoning_effort=chat_pb2.EFFORT_HIGH))
    reasoning = response.outputs[0].message.reasoning_content
    assert "high" in reasoning and "Hello, world!" in reasoning
    assert response.usage.reasoning_tokens > 0
    assert response.usage.total_tokens == (
        response.usage.prompt_tokens + response.usage.completion_tokens + response.usage.reasoning_tokens
    )


def test_no_reasoning_without_an_effort(chat: RawChat) -> None:
    assert chat.complete(request()).outputs[0].message.reasoning_content == ""


def test_max_tokens_truncates_the_content(chat: RawChat) -> None:
    response = chat.complete(request(user("one two three four"), max_tokens=2))
    assert response.outputs[0].message.content == "one two"
    assert response.outputs[0].finish_reason == sample_pb2.REASON_MAX_LEN
    assert response.usage.completion_tokens == 2


def test_a_stop_sequence_cuts_the_content_before_it(chat: RawChat) -> None:
    response = chat.complete(request(user("one two. three"), stop=["three", "."]))
    assert response.outputs[0].message.content == "one two"
    assert response.outputs[0].finish_reason == sample_pb2.REASON_STOP


def test_logprobs_cover_every_content_token(chat: RawChat) -> None:
    response = chat.complete(request(logprobs=True, top_logprobs=3))
    logprobs = response.outputs[0].logprobs.content
    assert [entry.token for entry in logprobs] == ["Hello", ",", " world", "!"]
    assert all(entry.logprob == -0.25 and entry.bytes == entry.token.encode() for entry in logprobs)
    assert [len(entry.top_logprobs) for entry in logprobs] == [3, 3, 3, 3]
    assert logprobs[0].top_logprobs[0].token == "Hello"


def test_no_logprobs_unless_asked(chat: RawChat) -> None:
    assert not chat.complete(request()).outputs[0].HasField("logprobs")


# -- stored completions -------------------------------------------------------------------------


def test_a_stored_completion_can_be_read_then_deleted(chat: RawChat) -> None:
    response = chat.complete(request(store_messages=True))
    assert chat.stored(response.id) == response
    assert chat.delete(response.id).response_id == response.id
    with pytest.raises(grpc.RpcError) as raised:
        chat.stored(response.id)
    assert raised.value.code() is grpc.StatusCode.NOT_FOUND


def test_a_completion_is_not_stored_unless_asked(chat: RawChat) -> None:
    response = chat.complete(request())
    with pytest.raises(grpc.RpcError) as raised:
        chat.stored(response.id)
    assert raised.value.code() is grpc.StatusCode.NOT_FOUND


def test_deleting_an_unknown_stored_completion_is_not_found(chat: RawChat) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        chat.delete("chatcmpl-404")
    assert raised.value.code() is grpc.StatusCode.NOT_FOUND
    assert "chatcmpl-404" in raised.value.details()


def test_a_continued_conversation_includes_the_stored_one(chat: RawChat) -> None:
    first = chat.complete(request(user("Remember me"), store_messages=True))
    follow_up = chat.complete(request(message(chat_pb2.ROLE_SYSTEM, "Go on."), previous_response_id=first.id))
    assert follow_up.outputs[0].message.content == "Remember me"
    # The stored user and assistant messages count as prompt, then "Go", " on", "."
    assert follow_up.usage.prompt_tokens == 2 + 2 + 3


# -- streaming ----------------------------------------------------------------------------------


def test_streamed_chunks_add_up_to_the_unary_answer(chat: RawChat) -> None:
    whole = chat.complete(request(model="grok-3-mini", reasoning_effort=chat_pb2.EFFORT_LOW))
    chunks = chat.stream(request(model="grok-3-mini", reasoning_effort=chat_pb2.EFFORT_LOW))
    assert joined(chunks, "content") == whole.outputs[0].message.content
    assert joined(chunks, "reasoning_content") == whole.outputs[0].message.reasoning_content
    streamed = chunks[-1].usage
    assert (streamed.completion_tokens, streamed.reasoning_tokens) == (
        whole.usage.completion_tokens,
        whole.usage.reasoning_tokens,
    )
    # The second request resends the same prompt: all of it but one token comes from the cache.
    assert (whole.usage.cached_prompt_text_tokens, streamed.cached_prompt_text_tokens) == (0, 3)


def test_a_stream_sends_reasoning_first_then_one_token_per_chunk(chat: RawChat) -> None:
    chunks = chat.stream(request(model="grok-3-mini", reasoning_effort=chat_pb2.EFFORT_LOW))
    reasoning = [chunk for chunk in chunks if chunk.outputs[0].delta.reasoning_content]
    content = [chunk for chunk in chunks if chunk.outputs[0].delta.content]
    assert reasoning and chunks == reasoning + content
    assert [chunk.outputs[0].delta.content for chunk in content] == ["Hello", ",", " world", "!"]


def test_every_chunk_carries_the_role_index_and_identity(chat: RawChat) -> None:
    chunks = chat.stream(request(model="grok-4-fast-non-reasoning-latest"))
    assert len(chunks) == 4
    for chunk in chunks:
        assert chunk.id == chunks[0].id and chunk.id.startswith("chatcmpl-")
        assert chunk.model == MODEL and chunk.system_fingerprint == "fp_emulator"
        assert chunk.created == chunks[0].created
        (output,) = chunk.outputs
        assert output.delta.role == chat_pb2.ROLE_ASSISTANT and output.index == 0


def test_the_last_chunk_carries_the_finish_reason_and_the_whole_usage(chat: RawChat) -> None:
    chunks = chat.stream(request(max_tokens=3))
    assert [chunk.outputs[0].finish_reason for chunk in chunks] == [
        sample_pb2.REASON_INVALID,
        sample_pb2.REASON_INVALID,
        sample_pb2.REASON_MAX_LEN,
    ]
    usage = chunks[-1].usage
    assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (4, 3, 7)
    assert usage.cost_in_usd_ticks == 4 * 2_000 + 3 * 5_000


def test_streamed_tool_calls_come_in_one_last_chunk(chat: RawChat) -> None:
    chunks = chat.stream(request(user("Paris"), tools=[function_tool("get_weather", WEATHER)]))
    (chunk,) = chunks
    (call,) = chunk.outputs[0].delta.tool_calls
    assert call.function.name == "get_weather"
    assert chunk.outputs[0].finish_reason == sample_pb2.REASON_TOOL_CALLS


def test_a_stream_with_n_outputs_carries_one_delta_per_index(chat: RawChat) -> None:
    whole = chat.complete(request(n=2))
    chunks = chat.stream(request(n=2))
    assert all([output.index for output in chunk.outputs] == [0, 1] for chunk in chunks)
    assert [joined(chunks, "content", index) for index in (0, 1)] == [
        output.message.content for output in whole.outputs
    ]


def test_a_stream_of_outputs_of_different_lengths_keeps_every_index(
    chat: RawChat, xai_emulator: Emulator
) -> None:
    xai_emulator.chat.script(Reply(outputs=[Reply("one two three"), Reply("four")]))
    chunks = chat.stream(request())
    assert len(chunks) == 3
    for chunk in chunks:
        assert [(output.index, output.delta.role) for output in chunk.outputs] == [
            (0, chat_pb2.ROLE_ASSISTANT),
            (1, chat_pb2.ROLE_ASSISTANT),
        ]
    assert (joined(chunks, "content", 0), joined(chunks, "content", 1)) == ("one two three", "four")
    assert [output.finish_reason for output in chunks[-1].outputs] == [sample_pb2.REASON_STOP] * 2


def test_streamed_logprobs_match_the_unary_ones(chat: RawChat) -> None:
    whole = chat.complete(request(logprobs=True, top_logprobs=2))
    chunks = chat.stream(request(logprobs=True, top_logprobs=2))
    streamed = [entry for chunk in chunks for entry in chunk.outputs[0].logprobs.content]
    assert streamed == list(whole.outputs[0].logprobs.content)


def test_a_stream_can_be_cut_by_a_fault(chat: RawChat, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail("Chat/GetCompletionChunk", grpc.StatusCode.INTERNAL, after_chunks=2)
    received: list[chat_pb2.GetChatCompletionChunk] = []
    with pytest.raises(grpc.RpcError) as raised:
        received.extend(chat.stream_call(request()))
    assert len(received) == 2 and raised.value.code() is grpc.StatusCode.INTERNAL


# -- scripts ------------------------------------------------------------------------------------


def test_scripted_replies_are_consumed_in_order_then_the_default_applies(
    chat: RawChat, xai_emulator: Emulator
) -> None:
    xai_emulator.chat.script(Reply("first"), "second")
    answers = [chat.complete(request()).outputs[0].message.content for _ in range(3)]
    assert answers == ["first", "second", "Hello, world!"]


def test_every_completion_rpc_consumes_a_scripted_reply(chat: RawChat, xai_emulator: Emulator) -> None:
    xai_emulator.chat.script("unary", "streamed", "deferred")
    assert chat.complete(request()).outputs[0].message.content == "unary"
    assert joined(chat.stream(request()), "content") == "streamed"
    assert chat.poll(chat.defer(request())).response.outputs[0].message.content == "deferred"


def test_a_model_script_applies_to_its_aliases_before_the_general_one(
    chat: RawChat, xai_emulator: Emulator
) -> None:
    xai_emulator.chat.script("for any model")
    xai_emulator.chat.script("for grok-3", model="grok-3-latest")
    assert chat.complete(request(model="grok-4")).outputs[0].message.content == "for any model"
    assert chat.complete(request(model="grok-3")).outputs[0].message.content == "for grok-3"
    assert chat.complete(request(model="grok-3")).outputs[0].message.content == "Hello, world!"


def test_a_scripted_reply_sets_every_field_it_names(chat: RawChat, xai_emulator: Emulator) -> None:
    citation = chat_pb2.InlineCitation(
        id="1", start_index=0, end_index=4, web_citation={"url": "https://x.ai"}
    )
    usage = usage_pb2.SamplingUsage(prompt_tokens=1, completion_tokens=2, total_tokens=3)
    xai_emulator.chat.script(
        Reply(
            "Done",
            reasoning_content="thought",
            citations=["https://x.ai"],
            inline_citations=[citation],
            finish_reason="REASON_TIME_LIMIT",
            encrypted_content="opaque",
            usage=usage,
        )
    )
    response = chat.complete(request())
    (output,) = response.outputs
    assert (output.message.content, output.message.reasoning_content) == ("Done", "thought")
    assert list(output.message.citations) == [citation] and output.message.encrypted_content == "opaque"
    assert output.finish_reason == sample_pb2.REASON_TIME_LIMIT
    assert list(response.citations) == ["https://x.ai"] and response.usage == usage


def test_a_scripted_tool_call_is_made(chat: RawChat, xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(
        Reply(
            tool_calls=[ToolCallReply("get_weather", {"city": "Oslo"}), ToolCallReply("now", "{}", id="t-2")]
        )
    )
    (output,) = chat.complete(request()).outputs
    first, second = output.message.tool_calls
    assert (first.function.name, json.loads(first.function.arguments)) == ("get_weather", {"city": "Oslo"})
    assert first.id.startswith("call_") and second.id == "t-2"
    assert output.message.content == "" and output.finish_reason == sample_pb2.REASON_TOOL_CALLS


def test_scripted_outputs_differ_per_index(chat: RawChat, xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(Reply(outputs=[Reply("zero"), Reply("one")]))
    response = chat.complete(request())
    assert [(output.index, output.message.content) for output in response.outputs] == [
        (0, "zero"),
        (1, "one"),
    ]


def test_a_scripted_stream_of_20000_chunks(chat: RawChat, xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(Reply("x" * 20_000, chunk_size=1))
    started = time.monotonic()
    count = 0
    for chunk in chat.stream_call(request(), timeout=60):
        assert chunk.outputs[0].delta.content == "x"
        count += 1
    assert count == 20_000
    assert time.monotonic() - started < 30


def test_concurrent_requests_consume_each_scripted_reply_once(chat: RawChat, xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(*(str(number) for number in range(40)))
    answers: list[str] = []

    def ask() -> None:
        answers.append(chat.complete(request()).outputs[0].message.content)

    threads = [threading.Thread(target=ask) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers, key=int) == [str(number) for number in range(40)]


def test_script_refuses_an_unknown_model(xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="no model 'grok-99'"):
        xai_emulator.chat.script("hi", model="grok-99")


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"finish_reason": "STOP"}, "finish_reason must be a sample_pb2.FinishReason name"),
        ({"chunk_size": 0}, "chunk_size must be a positive int"),
        ({"deferred": "later"}, "deferred must be one of"),
        ({"outputs": []}, "outputs must hold at least one Reply"),
        ({"tool_calls": [("f", {})]}, "tool_calls must hold ToolCallReply items"),
    ],
)
def test_a_malformed_reply_is_refused(fields: dict[str, Any], error: str) -> None:
    with pytest.raises((ValueError, TypeError), match=error):
        Reply(**fields)


# -- deferred completions -----------------------------------------------------------------------


def test_a_deferred_completion_is_done_on_the_first_poll_by_default(chat: RawChat) -> None:
    result = chat.poll(chat.defer(request()))
    assert result.status == deferred_pb2.DONE
    assert result.response.outputs[0].message.content == "Hello, world!"


def test_a_deferred_completion_is_pending_until_the_set_poll(chat: RawChat, xai_emulator: Emulator) -> None:
    xai_emulator.chat.deferred_polls = 3
    request_id = chat.defer(request())
    statuses = [chat.poll(request_id).status for _ in range(3)]
    assert statuses == [deferred_pb2.PENDING, deferred_pb2.PENDING, deferred_pb2.DONE]


@pytest.mark.parametrize(
    ("outcome", "status"), [("expired", deferred_pb2.EXPIRED), ("failed", deferred_pb2.FAILED)]
)
def test_a_scripted_deferred_completion_ends_otherwise(
    chat: RawChat, xai_emulator: Emulator, outcome: Any, status: int
) -> None:
    xai_emulator.chat.script(Reply(deferred=outcome))
    result = chat.poll(chat.defer(request()))
    assert result.status == status and not result.HasField("response")


def test_an_unknown_deferred_request_is_not_found(chat: RawChat) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        chat.poll("deferred-404")
    assert raised.value.code() is grpc.StatusCode.NOT_FOUND and "deferred-404" in raised.value.details()


def test_a_deferred_request_is_checked_when_started(chat: RawChat) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        chat.defer(request(model="grok-99"))
    assert raised.value.code() is grpc.StatusCode.INVALID_ARGUMENT


def test_deferred_polls_must_be_positive(xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        xai_emulator.chat.deferred_polls = 0


# -- compaction ---------------------------------------------------------------------------------


def test_a_compacted_context_still_answers_its_last_user_text(chat: RawChat) -> None:
    messages = (
        message(chat_pb2.ROLE_SYSTEM, "Be brief."),
        user("Keep this"),
        message(chat_pb2.ROLE_ASSISTANT, "Kept."),
    )
    compacted = chat.compact(*messages)
    assert compacted.id and compacted.encrypted_content
    assert compacted.dropped_message_count == 3
    assert compacted.usage.prompt_tokens == 3 + 2 + 2
    only = chat_pb2.Message(role=chat_pb2.ROLE_USER, encrypted_content=compacted.encrypted_content)
    assert chat.complete(request(only)).outputs[0].message.content == "Keep this"


def test_a_user_message_after_the_compacted_context_is_echoed(chat: RawChat) -> None:
    compacted = chat.compact(user("Old"))
    context = chat_pb2.Message(role=chat_pb2.ROLE_USER, encrypted_content=compacted.encrypted_content)
    assert chat.complete(request(context, user("New"))).outputs[0].message.content == "New"


def test_the_compacted_context_is_opaque(chat: RawChat) -> None:
    encrypted = chat.compact(user("secret plan")).encrypted_content
    assert "secret plan" not in encrypted


@pytest.mark.parametrize(
    ("model", "messages", "code"),
    [
        ("grok-99", [user("hi")], grpc.StatusCode.INVALID_ARGUMENT),
        ("grok-4", [], grpc.StatusCode.INVALID_ARGUMENT),
    ],
)
def test_compaction_checks_the_model_and_input(
    chat: RawChat, model: str, messages: list[chat_pb2.Message], code: grpc.StatusCode
) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        chat.compact(*messages, model=model)
    assert raised.value.code() is code


# -- reset --------------------------------------------------------------------------------------


def test_reset_forgets_scripts_stores_jobs_and_settings(chat: RawChat, xai_emulator: Emulator) -> None:
    stored = chat.complete(request(store_messages=True))
    request_id = chat.defer(request())
    xai_emulator.chat.script("scripted")
    xai_emulator.chat.deferred_polls = 5
    xai_emulator.reset()
    for lookup in (lambda: chat.stored(stored.id), lambda: chat.poll(request_id)):
        with pytest.raises(grpc.RpcError) as raised:
            lookup()
        assert raised.value.code() is grpc.StatusCode.NOT_FOUND
    response = chat.complete(request())
    assert response.outputs[0].message.content == "Hello, world!"
    assert response.id == "chatcmpl-00000001"
    assert xai_emulator.chat.deferred_polls == 1


def test_chunk_interval_paces_a_stream_and_reset_restores_it(chat: RawChat, xai_emulator: Emulator) -> None:
    xai_emulator.chat.chunk_interval = 0.02
    xai_emulator.chat.script(Reply(content="abcde", chunk_size=1))
    started = time.monotonic()
    chunks = chat.stream(request())
    # The emulator waits the interval before each chunk after the first: the last one cannot
    # arrive sooner than that after the request started.
    assert time.monotonic() - started >= 0.02 * (len(chunks) - 1)
    assert joined(chunks, "content") == "abcde"
    xai_emulator.reset()
    assert xai_emulator.chat.chunk_interval == 0.0


@pytest.mark.parametrize("seconds", [-1, True, "1", float("nan")])
def test_a_chunk_interval_that_is_not_a_duration_is_refused(xai_emulator: Emulator, seconds: Any) -> None:
    with pytest.raises(ValueError, match="chunk_interval must be a number of at least 0"):
        xai_emulator.chat.chunk_interval = seconds
    assert xai_emulator.chat.chunk_interval == 0.0
