"""Chat against the emulator, with both clients: every call of the chat API and its edge cases."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import timedelta
from typing import Any, Literal

import grpc
import pytest
from pydantic import BaseModel

import xai_sdk
from tests.conftest import outcome
from xai_sdk import errors
from xai_sdk.chat import (
    Chunk,
    Response,
    image,
    system,
    tool_from_function,
    tool_result,
    user,
)
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.chat import Reply, ToolCallReply
from xai_sdk.proto import chat_pb2, usage_pb2
from xai_sdk.search import SearchParameters, web_source
from xai_sdk.tools import web_search

COMPLETION = "Chat/GetCompletion"
STREAM = "Chat/GetCompletionChunk"
NON_REASONING = "grok-4-fast-non-reasoning"
"""For tests of stream mechanics: a model that answers at once (grok-4 first thinks, in chunks
without text, as the real one does)."""


def is_async(client: Any) -> bool:
    return bool(client._runner.is_async)


async def collect(stream: Any) -> list[Any]:
    if stream._runner.is_async:
        return [item async for item in stream]
    return list(stream)


async def next_item(stream: Any) -> Any:
    return await anext(stream) if stream._runner.is_async else next(stream)


def recorded(emulator: Emulator, method: str = COMPLETION) -> chat_pb2.GetCompletionsRequest:
    return emulator.calls(method)[-1].request


# -- create() and the request ------------------------------------------------------------------


async def test_every_create_parameter_reaches_the_server(client, xai_emulator: Emulator) -> None:
    chat = client.chat.create(
        "grok-4",
        conversation_id="conversation-1",
        messages=[system("Be brief."), user("Hello")],
        user="user-7",
        safety_identifier="safety-7",
        max_tokens=64,
        seed=3,
        stop=["\n\n"],
        temperature=0.25,
        top_p=0.5,
        logprobs=True,
        top_logprobs=2,
        tools=[web_search()],
        tool_choice="auto",
        parallel_tool_calls=False,
        response_format="json_object",
        frequency_penalty=0.5,
        presence_penalty=-0.5,
        reasoning_effort="high",
        search_parameters=SearchParameters(mode="on", sources=[web_source(country="FR")]),
        store_messages=True,
        use_encrypted_content=True,
        max_turns=3,
        include=["inline_citations", "verbose_streaming"],
        agent_count=4,
        batch_request_id="batch-request-1",
        service_tier="priority",
        guidelines=[{"type": "policy", "category": "violence", "behavior": "decline"}],
    )
    # Like the API, the emulator refuses this mix (grok-4 takes no reasoning_effort, no stop and no
    # penalties); the request has reached it all the same.
    with pytest.raises(errors.InvalidArgumentError):
        await outcome(chat.sample())
    sent = recorded(xai_emulator)
    assert [m.role for m in sent.messages] == [chat_pb2.ROLE_SYSTEM, chat_pb2.ROLE_USER]
    assert (sent.model, sent.user, sent.safety_identifier, sent.n) == ("grok-4", "user-7", "safety-7", 1)
    assert (sent.max_tokens, sent.seed, list(sent.stop)) == (64, 3, ["\n\n"])
    assert (sent.temperature, sent.top_p, sent.frequency_penalty, sent.presence_penalty) == (
        0.25,
        0.5,
        0.5,
        -0.5,
    )
    assert (sent.logprobs, sent.top_logprobs) == (True, 2)
    assert sent.tools[0].WhichOneof("tool") == "web_search"
    assert sent.tool_choice.mode == chat_pb2.TOOL_MODE_AUTO
    assert sent.HasField("parallel_tool_calls") and not sent.parallel_tool_calls
    assert sent.response_format.format_type == chat_pb2.FORMAT_TYPE_JSON_OBJECT
    assert sent.reasoning_effort == chat_pb2.EFFORT_HIGH
    assert sent.search_parameters.mode == chat_pb2.ON_SEARCH_MODE
    assert sent.search_parameters.sources[0].web.country == "FR"
    assert (sent.store_messages, sent.use_encrypted_content, sent.max_turns) == (True, True, 3)
    assert list(sent.include) == [
        chat_pb2.INCLUDE_OPTION_INLINE_CITATIONS,
        chat_pb2.INCLUDE_OPTION_VERBOSE_STREAMING,
    ]
    assert sent.agent_count == chat_pb2.AGENT_COUNT_4
    assert sent.service_tier == usage_pb2.SERVICE_TIER_PRIORITY
    assert sent.guidelines[0].policy.category == chat_pb2.GUIDELINE_CATEGORY_VIOLENCE
    assert (chat.conversation_id, chat.batch_request_id) == ("conversation-1", "batch-request-1")


async def test_previous_response_id_reaches_the_server(client, xai_emulator: Emulator) -> None:
    first = await outcome(client.chat.create("grok-4", messages=[user("hi")], store_messages=True).sample())
    chat = client.chat.create("grok-4", messages=[user("again")], previous_response_id=first.id)
    await outcome(chat.sample())
    assert recorded(xai_emulator).previous_response_id == first.id


async def test_unset_parameters_stay_unset(client, xai_emulator: Emulator) -> None:
    await outcome(client.chat.create("grok-4", messages=[user("hi")]).sample())
    sent = recorded(xai_emulator)
    for field in ("temperature", "top_p", "max_tokens", "seed", "reasoning_effort", "parallel_tool_calls"):
        assert not sent.HasField(field), field


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        (
            {"reasoning_effort": "maximal"},
            ValueError,
            r"Invalid reasoning effort: maximal\. Must be one of: \(",
        ),
        ({"response_format": "yaml"}, ValueError, "Invalid response format: yaml. Must be one of: "),
        ({"tool_choice": "sometimes"}, ValueError, "Invalid tool mode: sometimes. Must be one of: "),
        ({"top_logprobs": 3}, ValueError, "top_logprobs requires logprobs=True"),
        ({"temperature": 2.5}, ValueError, "temperature must be between 0 and 2"),
        ({"top_p": "high"}, TypeError, "top_p must be a number"),
        ({"max_tokens": 0}, ValueError, "max_tokens must be between"),
        ({"include": ["everything"]}, ValueError, "Invalid include option"),
        ({"agent_count": 8}, ValueError, r"Invalid agent count: 8\. Must be one of: \[4, 16\]"),
        ({"service_tier": "gold"}, ValueError, "Invalid service tier"),
        (
            {"guidelines": [{"type": "policy", "category": "spam", "behavior": "decline"}]},
            ValueError,
            r"1 validation error for Guideline\ncategory\n  Input should be 'nsfw', 'violence' or "
            "'profanity'",
        ),
        (
            {"guidelines": [{"category": "nsfw", "behavior": "decline"}]},
            ValueError,
            r"Guideline\ntype\n  Field required",
        ),
        ({"logprobs": "yes"}, TypeError, "logprobs must be True or False"),
        ({"messages": ["hello"]}, TypeError, "messages must contain messages"),
        ({"tools": [{"name": "f"}]}, TypeError, "tools must contain tools"),
    ],
)
async def test_bad_create_arguments_fail_before_any_rpc(
    client, xai_emulator, arguments, error, message
) -> None:
    with pytest.raises(error, match=message):
        client.chat.create("grok-4", **arguments)
    assert xai_emulator.requests == []


async def test_agent_count_accepts_the_enum_values_too(client) -> None:
    chat = client.chat.create("grok-4", agent_count=chat_pb2.AGENT_COUNT_16)
    assert chat.proto.agent_count == chat_pb2.AGENT_COUNT_16


async def test_sampling_without_messages_fails_before_any_rpc(client, xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="No messages provided"):
        await outcome(client.chat.create("grok-4").sample())
    assert xai_emulator.requests == []


async def test_an_unknown_model_is_refused_as_the_api_does(client) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="Model not found: grok-99"):
        await outcome(client.chat.create("grok-99", messages=[user("hi")]).sample())


# -- sample ----------------------------------------------------------------------------------------


async def test_sample_returns_the_answer(client) -> None:
    response = await outcome(client.chat.create("grok-4", messages=[user("What is 2 + 2?")]).sample())
    assert isinstance(response, Response)
    assert response.content == "What is 2 + 2?"
    assert (response.role, response.finish_reason) == ("ROLE_ASSISTANT", "REASON_STOP")
    assert response.usage.completion_tokens > 0 and response.usage.prompt_tokens > 0
    assert response.cost_usd is not None and response.cost_usd > 0
    assert response.id and response.system_fingerprint and response.service_tier == "default"
    assert response.created.year >= 2025


async def test_a_conversation_continues_with_the_appended_response(client, xai_emulator: Emulator) -> None:
    chat = client.chat.create("grok-4", messages=[system("Echo.")])
    chat.append(user("first"))
    chat.append(await outcome(chat.sample()))
    chat.append(user("second"))
    assert (await outcome(chat.sample())).content == "second"
    roles = [message.role for message in recorded(xai_emulator).messages]
    assert roles == [chat_pb2.ROLE_SYSTEM, chat_pb2.ROLE_USER, chat_pb2.ROLE_ASSISTANT, chat_pb2.ROLE_USER]
    assert recorded(xai_emulator).messages[2].content[0].text == "first"


async def test_append_refuses_other_objects(client) -> None:
    with pytest.raises(ValueError, match="Unrecognized message type"):
        client.chat.create("grok-4").append("hello")


async def test_image_understanding_sends_the_image(client, xai_emulator: Emulator) -> None:
    chat = client.chat.create(
        "grok-4", messages=[user("What is this?", image("https://example.com/cat.jpg", detail="high"))]
    )
    await outcome(chat.sample())
    part = recorded(xai_emulator).messages[0].content[1]
    assert part.image_url.image_url == "https://example.com/cat.jpg"


async def test_reasoning_models_return_their_reasoning(client) -> None:
    response = await outcome(
        client.chat.create("grok-3-mini", messages=[user("Think")], reasoning_effort="low").sample()
    )
    assert response.reasoning_content
    assert response.usage.reasoning_tokens > 0


async def test_scripted_replies_surface_in_every_property(client, xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(
        Reply(
            content="Paris.", reasoning_content="Capital of France.", citations=["https://example.com/paris"]
        ),
        model="grok-4",
    )
    response = await outcome(client.chat.create("grok-4", messages=[user("Capital of France?")]).sample())
    assert (response.content, response.reasoning_content) == ("Paris.", "Capital of France.")
    assert list(response.citations) == ["https://example.com/paris"]


async def test_server_side_tools_show_every_output(client) -> None:
    response = await outcome(
        client.chat.create("grok-4", messages=[user("news?")], tools=[web_search()]).sample()
    )
    assert response._index is None
    assert response.content == "news?"


async def test_sample_batch_returns_n_answers(client, xai_emulator: Emulator) -> None:
    chat = client.chat.create("grok-4", messages=[user("hi")])
    with pytest.warns(PendingDeprecationWarning, match="sample_batch"):
        responses = await outcome(chat.sample_batch(3))
    contents = [response.content for response in responses]
    assert contents[0] == "hi" and len(set(contents)) == 3  # n samples differ from one another
    assert recorded(xai_emulator).n == 3


@pytest.mark.parametrize("n", [0, -1, 1.5])
async def test_batch_sizes_below_one_are_refused(client, xai_emulator: Emulator, n: Any) -> None:
    chat = client.chat.create("grok-4", messages=[user("hi")])
    with pytest.warns(PendingDeprecationWarning), pytest.raises((ValueError, TypeError), match="n must"):
        await outcome(chat.sample_batch(n))
    assert xai_emulator.requests == []


# -- stream ----------------------------------------------------------------------------------------


async def test_stream_yields_the_accumulating_response_and_each_chunk(client) -> None:
    chat = client.chat.create("grok-4", messages=[user("one two three four")])
    items = await collect(chat.stream())
    assert len(items) >= 4
    response = items[-1][0]
    assert all(item[0] is response for item in items)
    assert all(isinstance(item[1], Chunk) for item in items)
    assert "".join(chunk.content for _, chunk in items) == response.content == "one two three four"
    assert response.finish_reason == "REASON_STOP" and response.usage.total_tokens > 0
    assert response.proto.outputs[0].message.content == "one two three four"


async def test_a_stream_equals_the_unary_answer(client) -> None:
    chat = client.chat.create(
        "grok-3-mini", messages=[user("same answer both ways")], reasoning_effort="high"
    )
    unary = await outcome(chat.sample())
    streamed = (await collect(chat.stream()))[-1][0]
    assert (streamed.content, streamed.reasoning_content) == (unary.content, unary.reasoning_content)


async def test_a_stream_closed_early_cancels_the_request(client, xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(Reply(content="word " * 3000))
    stream = client.chat.create(NON_REASONING, messages=[user("long")]).stream()
    response, _ = await next_item(stream)
    stream.close()
    assert response.content == "word"
    record = xai_emulator.calls(STREAM)[0]
    for _ in range(500):
        if record.cancelled:
            break
        await asyncio.sleep(0.01)
    assert record.cancelled


async def test_a_broken_stream_keeps_the_partial_response(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(STREAM, grpc.StatusCode.UNAVAILABLE, after_chunks=3)
    received: list[str] = []

    async def consume() -> None:
        stream = client.chat.create("grok-4", messages=[user("a b c d e f")]).stream()
        if stream._runner.is_async:
            async for _, chunk in stream:
                received.append(chunk.content)
        else:
            received.extend(chunk.content for _, chunk in stream)

    with pytest.raises(errors.UnavailableError) as raised:
        await consume()
    assert len(received) == 3
    assert raised.value.partial.content == "".join(received)


async def test_a_long_stream_is_exact_whenever_the_response_is_read(client, xai_emulator: Emulator) -> None:
    # Chunks are written into the response in runs; reading it at any point must see every one.
    words = [f"w{i} " for i in range(300)]
    xai_emulator.chat.script(Reply(content="".join(words), reasoning_content="r" * 150, chunk_size=1))
    items = await collect(client.chat.create(NON_REASONING, messages=[user("long")]).stream())
    response = items[0][0]
    assert response.content == "".join(chunk.content for _, chunk in items)  # read once, at the end
    assert response.content == "".join(words) and response.reasoning_content == "r" * 150
    assert response.proto.outputs[0].message.content == "".join(words)

    xai_emulator.chat.script(Reply(content="y" * 300, chunk_size=1))
    stream = client.chat.create(NON_REASONING, messages=[user("long")]).stream()
    seen, read = "", []
    for position in range(250):  # read while the stream is still going
        current, chunk = await next_item(stream)
        seen += chunk.content
        if position in (0, 63, 64, 65, 200):
            read.append((len(current.content), len(current.proto.outputs[0].message.content)))
    stream.close()
    assert read == [(n + 1, n + 1) for n in (0, 63, 64, 65, 200)]
    assert seen == "y" * 250


async def test_a_stream_broken_after_many_chunks_keeps_all_of_them(client, xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(Reply(content="x" * 500, chunk_size=1))
    xai_emulator.faults.fail(STREAM, grpc.StatusCode.UNAVAILABLE, after_chunks=130)
    with pytest.raises(errors.UnavailableError) as raised:
        await collect(client.chat.create(NON_REASONING, messages=[user("long")]).stream())
    assert raised.value.partial.content == "x" * 130


async def test_stream_batch_keeps_every_response_current(client) -> None:
    chat = client.chat.create("grok-4", messages=[user("x y")])
    with pytest.warns(PendingDeprecationWarning):
        items = await collect(chat.stream_batch(2))
    responses, chunks = items[-1]
    first, second = (response.content for response in responses)
    assert first == "x y" and second.startswith("x y [sample ")  # the samples differ
    assert len(chunks) == 2


# -- parse -----------------------------------------------------------------------------------------


class Capital(BaseModel):
    city: str
    country: str
    population: int


async def test_parse_returns_the_model_and_leaves_the_chat_format_alone(
    client, xai_emulator: Emulator
) -> None:
    xai_emulator.chat.script(Reply(content='{"city": "Paris", "country": "France", "population": 2100000}'))
    chat = client.chat.create("grok-4", messages=[user("Capital of France?")])
    response, capital = await outcome(chat.parse(Capital))
    assert capital == Capital(city="Paris", country="France", population=2100000)
    assert json.loads(response.content)["city"] == "Paris"
    sent = recorded(xai_emulator).response_format
    assert (
        sent.format_type == chat_pb2.FORMAT_TYPE_JSON_SCHEMA and json.loads(sent.schema)["title"] == "Capital"
    )
    assert not chat.proto.HasField("response_format")


async def test_parse_without_a_script_gets_a_schema_valid_answer(client) -> None:
    _, capital = await outcome(client.chat.create("grok-4", messages=[user("Capital?")]).parse(Capital))
    assert isinstance(capital, Capital)


async def test_parse_refuses_what_is_not_a_pydantic_model(client, xai_emulator: Emulator) -> None:
    with pytest.raises(TypeError, match="pydantic model class") as refused:
        await outcome(client.chat.create("grok-4", messages=[user("x")]).parse(dict))
    assert "not installed" not in str(refused.value)
    assert xai_emulator.requests == []


async def test_parse_without_pydantic_installed_names_the_extra(
    client, xai_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pydantic", None)  # find_spec then reports it missing
    with pytest.raises(TypeError) as refused:
        await outcome(client.chat.create("grok-4", messages=[user("x")]).parse(dict))
    assert str(refused.value) == (
        "parse() takes a pydantic model class (a BaseModel subclass), got <class 'dict'>; pydantic is "
        f'not installed: pip install "xai-sdk[pydantic]=={xai_sdk.__version__}"'
    )
    assert xai_emulator.requests == []


# -- defer -----------------------------------------------------------------------------------------


async def test_defer_polls_until_the_answer_is_ready(client, xai_emulator: Emulator) -> None:
    xai_emulator.chat.deferred_polls = 3
    chat = client.chat.create("grok-4", messages=[user("later")])
    response = await outcome(chat.defer(interval=timedelta(milliseconds=10)))
    assert response.content == "later"
    assert len(xai_emulator.calls("Chat/StartDeferredCompletion")) == 1
    assert len(xai_emulator.calls("Chat/GetDeferredCompletion")) == 3


async def test_defer_times_out(client, xai_emulator: Emulator) -> None:
    xai_emulator.chat.deferred_polls = 10_000
    chat = client.chat.create("grok-4", messages=[user("never")])
    with pytest.raises(TimeoutError, match="waiting for deferred chat completion"):
        await outcome(chat.defer(timeout=0.3, interval=0.05))
    assert len(xai_emulator.calls("Chat/GetDeferredCompletion")) >= 2


async def test_an_expired_deferred_request_is_an_error(client, xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(Reply(deferred="expired"))
    with pytest.raises(RuntimeError, match="expired"):
        await outcome(client.chat.create("grok-4", messages=[user("x")]).defer(interval=0.01))


def test_a_model_that_is_not_a_string_is_a_type_error(client) -> None:
    with pytest.raises(TypeError, match="model must be a model name such as 'grok-4', got 4"):
        client.chat.create(4)


async def test_a_failed_deferred_request_is_a_value_error_as_in_the_official_sdk(
    client, xai_emulator: Emulator
) -> None:
    xai_emulator.chat.script(Reply(deferred="failed"))
    with pytest.raises(
        ValueError, match=r"Unknown deferred status: 4 \(FAILED: the deferred request failed\)"
    ):
        await outcome(client.chat.create("grok-4", messages=[user("x")]).defer(interval=0.01))


async def test_create_reads_settings_as_protobuf_and_the_official_sdk_do(
    client, xai_emulator: Emulator
) -> None:
    chat = client.chat.create(
        "grok-4",
        messages=[user("x")],
        logprobs=1,
        temperature=True,
        guidelines=[{"type": "policy", "category": "nsfw", "behavior": "decline", "note": "ignored"}],
    )
    assert (chat.proto.logprobs, chat.proto.temperature) == (True, 1.0)
    assert chat.proto.guidelines[0].policy.category == chat_pb2.GUIDELINE_CATEGORY_NSFW


async def test_defer_batch_returns_n_answers(client) -> None:
    chat = client.chat.create("grok-4", messages=[user("many")])
    with pytest.warns(PendingDeprecationWarning):
        responses = await outcome(chat.defer_batch(2, interval=0.01))
    first, second = (response.content for response in responses)
    assert first == "many" and second.startswith("many [sample ")  # the samples differ


async def test_defer_refuses_a_bad_interval(client, xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="interval must be a positive"):
        await outcome(client.chat.create("grok-4", messages=[user("x")]).defer(interval=-1))
    assert xai_emulator.requests == []


async def test_defer_reads_a_zero_interval_or_timeout_as_the_default(client, xai_emulator: Emulator) -> None:
    # As the official SDK does ("interval or 1 s"); the first poll is answered here.
    response = await outcome(
        client.chat.create("grok-4", messages=[user("x")]).defer(timeout=0, interval=timedelta(0))
    )
    assert response.content and len(xai_emulator.calls("Chat/GetDeferredCompletion")) == 1


# -- tools -----------------------------------------------------------------------------------------


def get_weather(city: str, units: Literal["C", "F"] = "C") -> str:
    """Get the current weather.

    Args:
        city: The city.
        units: The units.
    """
    return json.dumps({"city": city, "temperature": 21, "units": units})


async def test_function_calling_round_trip(client, xai_emulator: Emulator) -> None:
    chat = client.chat.create(
        "grok-4", messages=[user("Weather in Paris?")], tools=[tool_from_function(get_weather)]
    )
    response = await outcome(chat.sample())
    assert response.finish_reason == "REASON_TOOL_CALLS"
    (call,) = response.tool_calls
    assert call.function.name == "get_weather"
    arguments = json.loads(call.function.arguments)
    chat.append(response)
    chat.append(tool_result(get_weather(**arguments), tool_call_id=call.id))
    final = await outcome(chat.sample())
    assert '"temperature": 21' in final.content
    sent = recorded(xai_emulator).messages
    assert sent[1].tool_calls[0].id == call.id and sent[2].tool_call_id == call.id


async def test_scripted_tool_calls(client, xai_emulator: Emulator) -> None:
    xai_emulator.chat.script(Reply(tool_calls=[ToolCallReply("get_weather", {"city": "Lagos"})]))
    chat = client.chat.create("grok-4", messages=[user("Weather?")], tools=[tool_from_function(get_weather)])
    (call,) = (await outcome(chat.sample())).tool_calls
    assert json.loads(call.function.arguments) == {"city": "Lagos"}


# -- stored completions and compaction ------------------------------------------------------------


async def test_stored_completions_can_be_read_and_deleted(client) -> None:
    response = await outcome(
        client.chat.create("grok-4", messages=[user("keep me")], store_messages=True).sample()
    )
    (stored,) = await outcome(client.chat.get_stored_completion(response.id))
    assert stored.content == "keep me"
    assert await outcome(client.chat.delete_stored_completion(response.id)) == response.id
    with pytest.raises(errors.NotFoundError):
        await outcome(client.chat.get_stored_completion(response.id))


async def test_compact_replaces_the_history_and_the_conversation_goes_on(
    client, xai_emulator: Emulator
) -> None:
    chat = client.chat.create("grok-4", messages=[system("Echo."), user("remember me")])
    chat.append(await outcome(chat.sample()))
    compacted = await outcome(chat.compact())
    assert compacted.dropped_message_count == 3
    assert len(chat.messages) == 1 and chat.messages[0].encrypted_content == compacted.encrypted_content
    assert (await outcome(chat.sample())).content == "remember me"


async def test_compact_context_from_the_client(client) -> None:
    compacted = await outcome(client.chat.compact_context("grok-4", [user("a"), user("b")]))
    assert compacted.dropped_message_count == 2 and compacted.encrypted_content
    chat = client.chat.create("grok-4").append(compacted)
    assert (await outcome(chat.sample())).content == "b"


async def test_a_call_timeout_applies_to_chat(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.delay(COMPLETION, 5)
    with pytest.raises(errors.DeadlineExceededError):
        await outcome(client.chat.create("grok-4", messages=[user("x")]).sample(timeout=0.2))


def test_importing_and_using_chat_does_not_import_pydantic(xai_emulator: Emulator) -> None:
    script = f"""
import sys
from xai_sdk import Client
from xai_sdk.chat import user, tool_from_function
def f(city: str) -> str:
    '''Weather.'''
client = Client(api_key={xai_emulator.api_key!r}, api_host={xai_emulator.address!r})
chat = client.chat.create("grok-4", messages=[user("hi")], tools=[tool_from_function(f)])
chat.sample()
for _ in chat.stream():
    pass
assert "pydantic" not in sys.modules, "pydantic was imported"
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_types_facade_reexports_chat_types() -> None:
    from xai_sdk import types
    from xai_sdk.chat import ReasoningEffort

    assert types.ReasoningEffort is ReasoningEffort
    assert "grok-4" in types.ChatModel.__args__
    assert set(types.__all__) >= {"ReasoningEffort", "IncludeOptionMap", "ServiceTier", "ChatModel"}


def test_the_types_facade_lists_exactly_what_it_provides() -> None:
    from xai_sdk import types

    assert len(types.__all__) == 32  # the official SDK's xai_sdk.types.__all__
    for name in types.__all__:
        assert getattr(types, name) is not None, name
