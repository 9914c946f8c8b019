"""Spans and metrics of the telemetry plugin, sync and async, read from in-memory exporters."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from opentelemetry import trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from tests.chat.test_chat_calls import collect, next_item
from tests.conftest import outcome
from xai_sdk import errors
from xai_sdk._plugins.telemetry import TelemetryPlugin
from xai_sdk.chat import tool_from_function, user
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.chat import Reply, ToolCallReply
from xai_sdk.telemetry import Telemetry


class Capture:
    """A Telemetry wired to in-memory span and metric exporters."""

    def __init__(self) -> None:
        self.spans = InMemorySpanExporter()
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(self.spans))
        self.metrics = InMemoryMetricReader()
        self.telemetry = Telemetry(provider, meter_provider=MeterProvider(metric_readers=[self.metrics]))

    def finished(self) -> list[ReadableSpan]:
        return list(self.spans.get_finished_spans())

    def only(self) -> ReadableSpan:
        (span,) = self.finished()
        return span

    def points(self, name: str) -> list[Any]:
        data = self.metrics.get_metrics_data()
        return [
            point
            for resource in data.resource_metrics
            for scope in resource.scope_metrics
            for metric in scope.metrics
            if metric.name == name
            for point in metric.data.data_points
        ]


@pytest.fixture(autouse=True)
def _tracing_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # tests/conftest.py turns the installed plugin off for the rest of the suite.
    monkeypatch.delenv("XAI_SDK_DISABLE_TRACING", raising=False)


@pytest.fixture
def capture() -> Iterator[Capture]:
    captured = Capture()
    yield captured
    Telemetry.active = None


@pytest.fixture(params=["sync", "async"])
async def traced(request: pytest.FixtureRequest, xai_emulator: Emulator, capture: Capture):  # type: ignore[no-untyped-def]
    if request.param == "sync":
        with xai_emulator.client(plugins=[TelemetryPlugin()]) as client:
            yield client
    else:
        async with xai_emulator.async_client(plugins=[TelemetryPlugin()]) as client:
            yield client


@pytest.fixture
def sensitive_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XAI_SDK_DISABLE_SENSITIVE_TELEMETRY_ATTRIBUTES", "true")


async def test_chat_sample_span_name_kind_and_request_attributes(
    traced, capture: Capture, xai_emulator
) -> None:
    chat = traced.chat.create(
        "grok-4",
        conversation_id="conv-1",
        messages=[user("Hello there")],
        temperature=0.3,
        top_p=0.9,
        max_tokens=50,
        seed=7,
        stop=["END"],
        frequency_penalty=0.1,
        presence_penalty=0.2,
        reasoning_effort="low",
        user="user-1",
    )
    # grok-4 refuses reasoning_effort, stop and penalties as the API does: the span still says all.
    with pytest.raises(errors.InvalidArgumentError):
        await outcome(chat.sample())
    span = capture.only()
    assert (span.name, span.kind) == ("chat.sample grok-4", SpanKind.CLIENT)
    attributes = dict(span.attributes or {})
    host, port = xai_emulator.address.rsplit(":", 1)
    assert attributes["gen_ai.operation.name"] == "chat"
    assert attributes["gen_ai.provider.name"] == "xai"
    assert (attributes["server.address"], attributes["server.port"]) == (host, int(port))
    assert attributes["gen_ai.request.model"] == "grok-4"
    assert attributes["gen_ai.request.temperature"] == pytest.approx(0.3)
    assert attributes["gen_ai.request.top_p"] == pytest.approx(0.9)
    assert (attributes["gen_ai.request.max_tokens"], attributes["gen_ai.request.seed"]) == (50, 7)
    assert attributes["gen_ai.request.choice.count"] == 1
    assert list(attributes["gen_ai.request.stop_sequences"]) == ["END"]
    assert attributes["gen_ai.request.frequency_penalty"] == pytest.approx(0.1)
    assert attributes["gen_ai.request.presence_penalty"] == pytest.approx(0.2)
    assert attributes["gen_ai.request.reasoning_effort"] == "low"
    assert attributes["gen_ai.conversation.id"] == "conv-1"
    assert attributes["user_id"] == "user-1"
    assert (attributes["gen_ai.prompt.0.role"], attributes["gen_ai.prompt.0.content"]) == (
        "user",
        "Hello there",
    )


async def test_chat_sample_response_attributes(traced, capture: Capture) -> None:
    response = await outcome(traced.chat.create("grok-4", messages=[user("Hi")]).sample())
    attributes = dict(capture.only().attributes or {})
    assert attributes["gen_ai.response.id"] == response.id
    assert attributes["gen_ai.response.model"] == response.proto.model
    assert attributes["gen_ai.response.system_fingerprint"] == response.system_fingerprint
    assert list(attributes["gen_ai.response.finish_reasons"]) == ["REASON_STOP"]
    assert attributes["gen_ai.usage.input_tokens"] == response.usage.prompt_tokens
    assert attributes["gen_ai.usage.output_tokens"] == response.usage.completion_tokens
    assert attributes["gen_ai.usage.total_tokens"] == response.usage.total_tokens
    assert attributes["gen_ai.usage.cost_in_usd_ticks"] == response.usage.cost_in_usd_ticks
    assert (attributes["gen_ai.completion.0.role"], attributes["gen_ai.completion.0.content"]) == (
        "assistant",
        "Hi",
    )
    assert attributes["xai.request_id"].startswith("emu-")


async def test_chat_tool_calls_are_recorded_as_json(traced, capture: Capture, xai_emulator) -> None:
    def lookup(city: str) -> str:
        """Look a city up."""
        return city

    xai_emulator.chat.script(Reply(tool_calls=[ToolCallReply("lookup", {"city": "Oslo"}, id="call-9")]))
    await outcome(
        traced.chat.create("grok-4", messages=[user("x")], tools=[tool_from_function(lookup)]).sample()
    )
    calls = json.loads(dict(capture.only().attributes or {})["gen_ai.completion.0.tool_calls"])
    assert calls == [
        {"id": "call-9", "type": "function", "function": {"name": "lookup", "arguments": {"city": "Oslo"}}}
    ]


@pytest.mark.parametrize(
    ("method", "arguments", "span_name", "finish_reasons"),
    [
        ("sample_batch", (2,), "chat.sample_batch grok-4", 2),
        ("defer", (), "chat.defer grok-4", 1),
        ("defer_batch", (2,), "chat.defer_batch grok-4", 2),
    ],
)
async def test_other_chat_calls_have_their_spans(
    traced, capture, method, arguments, span_name, finish_reasons
) -> None:
    chat = traced.chat.create("grok-4", messages=[user("Hi")])
    call = getattr(chat, method)
    with pytest.warns(PendingDeprecationWarning) if "batch" in method else contextlib.nullcontext():
        await outcome(call(*arguments, **({"interval": 0.01} if "defer" in method else {})))
    span = capture.only()
    assert span.name == span_name
    assert len(dict(span.attributes or {})["gen_ai.response.finish_reasons"]) == finish_reasons


async def test_parse_span_has_the_json_schema_output_type(traced, capture: Capture) -> None:
    from pydantic import BaseModel

    class City(BaseModel):
        name: str

    await outcome(traced.chat.create("grok-4", messages=[user("A city")]).parse(City))
    span = capture.only()
    assert span.name == "chat.parse grok-4"
    assert dict(span.attributes or {})["gen_ai.output.type"] == "json_schema"


async def test_a_stream_span_ends_with_the_stream_and_records_the_first_chunk(
    traced, capture: Capture
) -> None:
    stream = traced.chat.create("grok-4", messages=[user("one two three")]).stream()
    items = await collect(stream)
    span = capture.only()
    attributes = dict(span.attributes or {})
    assert span.name == "chat.stream grok-4"
    assert "gen_ai.completion.start_time" in attributes
    assert attributes["gen_ai.completion.0.content"] == items[-1][0].content == "one two three"
    assert span.status.status_code is StatusCode.UNSET
    (first_chunk,) = capture.points("gen_ai.client.operation.time_to_first_chunk")
    assert first_chunk.count == 1


async def test_a_stream_closed_early_ends_its_span_without_error(
    traced, capture: Capture, xai_emulator
) -> None:
    xai_emulator.chat.script(Reply(content="word " * 100))
    stream = traced.chat.create("grok-4", messages=[user("x")]).stream()
    await next_item(stream)
    assert capture.finished() == []
    stream.close()
    span = capture.only()
    assert dict(span.attributes or {})["xai.stream.closed_early"] is True
    assert span.status.status_code is StatusCode.UNSET


async def test_a_failed_stream_ends_its_span_with_an_error(traced, capture: Capture, xai_emulator) -> None:
    xai_emulator.faults.fail("Chat/GetCompletionChunk", grpc.StatusCode.INTERNAL, after_chunks=2)
    with pytest.raises(errors.InternalServerError):
        await collect(traced.chat.create("grok-4", messages=[user("a b c d")]).stream())
    span = capture.only()
    assert span.status.status_code is StatusCode.ERROR
    assert dict(span.attributes or {})["error.type"] == "INTERNAL"
    assert any(event.name == "exception" for event in span.events)


async def test_a_failed_call_has_an_error_span_and_an_error_metric(traced, capture: Capture) -> None:
    with pytest.raises(errors.NotFoundError):
        await outcome(traced.models.get_language_model("nope"))
    span = capture.only()
    assert span.name == "get_language_model nope"
    assert span.status.status_code is StatusCode.ERROR
    (duration,) = capture.points("gen_ai.client.operation.duration")
    assert duration.attributes["error.type"] == "NOT_FOUND"


async def test_spans_are_children_of_the_callers_span(traced, capture: Capture) -> None:
    tracer = capture.telemetry.provider.get_tracer("app")
    with tracer.start_as_current_span("request handler") as parent:
        await outcome(traced.chat.create("grok-4", messages=[user("Hi")]).sample())
        await collect(traced.chat.create("grok-4", messages=[user("Hi")]).stream())
    spans = {span.name: span for span in capture.finished()}
    parent_id = parent.get_span_context().span_id
    assert spans["chat.sample grok-4"].parent.span_id == parent_id  # type: ignore[union-attr]
    assert spans["chat.stream grok-4"].parent.span_id == parent_id  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("call", "name", "attributes"),
    [
        (lambda c: c.models.list_language_models(), "list_language_models", {}),
        (
            lambda c: c.models.get_embedding_model("embedding-latest"),
            "get_embedding_model embedding-latest",
            {"gen_ai.request.model": "embedding-latest"},
        ),
        (
            lambda c: c.tokenize.tokenize_text("hi", "grok-4"),
            "tokenize_text grok-4",
            {"gen_ai.request.model": "grok-4"},
        ),
        (lambda c: c.auth.get_api_key_info(), "get_api_key_info", {}),
        (
            lambda c: c.chat.get_stored_completion("missing"),
            "chat.get_stored_completion",
            {"gen_ai.provider.name": "xai"},
        ),
    ],
)
async def test_other_services_are_traced_like_the_official_sdk(
    traced, capture, call, name, attributes
) -> None:
    with contextlib.suppress(errors.NotFoundError):  # the stored completion does not exist
        await outcome(call(traced))
    span = capture.only()
    assert span.name == name
    assert attributes.items() <= dict(span.attributes or {}).items()


async def test_disabling_sensitive_attributes_keeps_everything_but_user_content(
    traced, capture: Capture, sensitive_off
) -> None:
    chat = traced.chat.create("grok-4", messages=[user("secret prompt")], user="user-1", temperature=0.5)
    await outcome(chat.sample())
    attributes = dict(capture.only().attributes or {})
    assert not [key for key in attributes if key.startswith(("gen_ai.prompt", "gen_ai.completion"))]
    assert "user_id" not in attributes
    assert "secret prompt" not in json.dumps({key: str(value) for key, value in attributes.items()})
    assert attributes["gen_ai.request.temperature"] == pytest.approx(0.5)
    assert attributes["gen_ai.usage.output_tokens"] > 0


async def test_disabling_tracing_at_call_time_records_nothing(traced, capture, monkeypatch) -> None:
    monkeypatch.setenv("XAI_SDK_DISABLE_TRACING", "1")
    await outcome(traced.models.list_language_models())
    assert capture.finished() == []


async def test_metric_values_equal_the_usage_the_emulator_returned(traced, capture: Capture) -> None:
    response = await outcome(traced.chat.create("grok-4", messages=[user("count these words")]).sample())
    tokens = {
        point.attributes["gen_ai.token.type"]: point for point in capture.points("gen_ai.client.token.usage")
    }
    assert tokens["input"].sum == response.usage.prompt_tokens
    assert tokens["output"].sum == response.usage.completion_tokens
    (duration,) = capture.points("gen_ai.client.operation.duration")
    assert duration.count == 1 and duration.sum > 0
    assert duration.attributes["gen_ai.operation.name"] == "chat"
    assert duration.attributes["gen_ai.request.model"] == "grok-4"


async def test_the_api_key_is_in_no_span(traced, capture: Capture, xai_emulator) -> None:
    await outcome(traced.chat.create("grok-4", messages=[user("Hi")]).sample())
    with pytest.raises(errors.NotFoundError):
        await outcome(traced.models.get_language_model("nope"))
    exported = " ".join(span.to_json() for span in capture.finished())
    assert xai_emulator.api_key not in exported


def test_a_provider_given_to_telemetry_receives_spans_without_becoming_global(capture: Capture) -> None:
    assert trace.get_tracer_provider() is not capture.telemetry.provider


def test_installed_telemetry_traces_through_its_entry_point(xai_emulator: Emulator) -> None:
    script = f"""
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from xai_sdk import Client
from xai_sdk.telemetry import Telemetry
exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))
Telemetry(provider)
with Client(api_key={xai_emulator.api_key!r}, api_host={xai_emulator.address!r}) as client:
    client.models.list_language_models()
print([span.name for span in exporter.get_finished_spans()])
"""
    env = {key: value for key, value in os.environ.items() if key != "XAI_SDK_DISABLE_TRACING"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['list_language_models']"


def test_disabled_at_import_the_plugin_registers_no_hooks(xai_emulator: Emulator) -> None:
    script = f"""
from xai_sdk import Client
client = Client(api_key={xai_emulator.api_key!r}, api_host={xai_emulator.address!r})
print(client._plugins.observers.active)
"""
    env = {**os.environ, "XAI_SDK_DISABLE_TRACING": "true"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


async def test_concurrent_async_calls_each_end_their_own_span(
    xai_emulator: Emulator, capture: Capture, caplog: pytest.LogCaptureFixture
) -> None:
    import asyncio

    tracer = capture.telemetry.provider.get_tracer("app")
    async with xai_emulator.async_client(plugins=[TelemetryPlugin()]) as client:
        with tracer.start_as_current_span("batch") as parent:
            chats = [client.chat.create("grok-4", messages=[user(f"n{i}")]) for i in range(3)]
            await asyncio.gather(*(chat.sample() for chat in chats))
    spans = [span for span in capture.finished() if span.name.startswith("chat.sample")]
    assert len(spans) == 3
    assert {span.parent.span_id for span in spans} == {parent.get_span_context().span_id}  # type: ignore[union-attr]
    assert "Failed to detach context" not in caplog.text


# -- the other services ---------------------------------------------------------------------------


async def test_image_spans(traced, capture: Capture) -> None:
    await outcome(
        traced.image.sample("a red fox", "grok-imagine-image", image_format="base64", aspect_ratio="16:9")
    )
    span = capture.only()
    attributes = dict(span.attributes or {})
    assert span.name == "image.sample grok-imagine-image"
    assert attributes["gen_ai.operation.name"] == "generate_image"
    assert attributes["gen_ai.request.image.format"] == "base64"
    assert attributes["gen_ai.request.image.aspect_ratio"] == "16:9"
    assert attributes["gen_ai.prompt"] == "a red fox"
    assert attributes["gen_ai.response.0.image.base64"].startswith("data:image/")
    assert attributes["gen_ai.response.0.image.respect_moderation"] is True
    assert "gen_ai.usage.cost_in_usd_ticks" in attributes


async def test_video_spans(traced, capture: Capture) -> None:
    await outcome(traced.video.generate("waves", "grok-imagine-video", duration=3, interval=0.01))
    span = capture.only()
    attributes = dict(span.attributes or {})
    assert span.name == "video.generate grok-imagine-video"
    assert (attributes["gen_ai.operation.name"], attributes["gen_ai.request.video.duration"]) == (
        "generate_video",
        3,
    )
    assert attributes["gen_ai.response.0.video.url"].startswith("http://")
    assert attributes["gen_ai.response.0.video.duration"] > 0


async def test_file_spans(traced, capture: Capture) -> None:
    uploaded = await outcome(traced.files.upload(b"hello", filename="notes.txt"))
    await outcome(traced.files.delete(uploaded.id))
    upload, delete = capture.finished()
    assert (upload.name, delete.name) == ("file.upload", "file.delete")
    assert dict(upload.attributes or {})["file.id"] == uploaded.id
    assert dict(upload.attributes or {})["file.name"] == "notes.txt"
    assert dict(delete.attributes or {})["file.id"] == uploaded.id


async def test_collection_spans(traced, capture: Capture) -> None:
    collection = await outcome(traced.collections.create("papers"))
    await outcome(traced.collections.delete(collection.collection_id))
    create, delete = capture.finished()
    assert (create.name, delete.name) == ("collections.create_collection", "collections.delete_collection")
    assert dict(create.attributes or {})["collection.id"] == collection.collection_id
    assert dict(create.attributes or {})["collection.name"] == "papers"
    assert dict(delete.attributes or {})["collection.id"] == collection.collection_id
