"""Telemetry when nothing would record a call: no provider set, or a span that is not sampled.

Such a call is not described (no span plan is asked for, no user content is read), yet the
caller's span context stays current through it, and a provider set later, even after the client
was created, receives the spans and metrics of the calls that follow.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF

from tests.conftest import outcome
from tests.telemetry.test_span_plans import _python
from xai_sdk._plugins.telemetry import TelemetryPlugin
from xai_sdk.chat import user
from xai_sdk.emulator import Emulator
from xai_sdk.telemetry import Telemetry

# Run in a process of its own: OpenTelemetry's global providers can be set only once per process.
# `Asked` counts the span plans asked for (and with which `sensitive`) and notes, at the end of
# each RPC, whether the caller's span context was the current one.
_PROLOGUE = """
import json
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from xai_sdk import Client
from xai_sdk.chat import user
from xai_sdk.hookspecs import hookimpl

SAMPLED = trace.TraceFlags(trace.TraceFlags.SAMPLED)
CALLER = trace.SpanContext(0x1234, 0x5678, is_remote=True, trace_flags=SAMPLED)

class Asked:
    def __init__(self):
        self.sensitive = []
        self.caller_current = []

    @hookimpl
    def xai_sdk_span_plan(self, call, sensitive):
        self.sensitive.append(sensitive)

    @hookimpl
    def xai_sdk_rpc_finished(self, call, rpc):
        self.caller_current.append(trace.get_current_span().get_span_context() == CALLER)

asked = Asked()
client = Client(plugins=[asked])

def sample():
    with trace.use_span(trace.NonRecordingSpan(CALLER)):
        client.chat.create("grok-4", messages=[user("Hi")]).sample()
"""


def test_without_providers_a_call_is_not_described_and_keeps_the_callers_context(
    xai_emulator: Emulator,
) -> None:
    code = (
        _PROLOGUE
        + """
sample()
print(json.dumps({"sensitive": asked.sensitive, "caller_current": asked.caller_current}))
"""
    )
    assert _python(code, xai_emulator) == {"sensitive": [], "caller_current": [True]}


def test_providers_set_after_the_client_was_created_receive_the_next_calls(
    xai_emulator: Emulator,
) -> None:
    code = (
        _PROLOGUE
        + """
def points(reader, name):
    return [
        dict(point.attributes)
        for resource in reader.get_metrics_data().resource_metrics
        for scope in resource.scope_metrics
        for metric in scope.metrics
        if metric.name == name
        for point in metric.data.data_points
    ]

sample()
reader = InMemoryMetricReader()
metrics.set_meter_provider(MeterProvider(metric_readers=[reader]))
sample()
durations = points(reader, "gen_ai.client.operation.duration")
only_metrics = {"durations": durations, "sensitive": list(asked.sensitive)}
spans = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(spans))
trace.set_tracer_provider(provider)
sample()
(span,) = spans.get_finished_spans()
print(json.dumps({
    "only_metrics": only_metrics,
    "span": [span.name, span.parent.span_id == CALLER.span_id, span.attributes["gen_ai.prompt.0.content"]],
    "sensitive": asked.sensitive,
    "caller_current": asked.caller_current,
}))
"""
    )
    result = _python(code, xai_emulator)
    metric_attributes = {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "xai",
        "gen_ai.request.model": "grok-4",
        "gen_ai.response.model": "grok-4",
    }
    # With only a meter provider, the plan is asked for its operation and model, not user content.
    assert result["only_metrics"] == {"durations": [metric_attributes], "sensitive": [False]}
    assert result["span"] == ["chat.sample grok-4", True, "Hi"]
    assert result["sensitive"] == [False, True]
    # Once spans record, the call's own span (the caller's child) is the current one.
    assert result["caller_current"] == [True, True, False]


@pytest.fixture(params=["sync", "async"])
async def traced_unsampled(
    request: pytest.FixtureRequest, xai_emulator: Emulator
) -> AsyncIterator[tuple[Any, InMemorySpanExporter, InMemoryMetricReader]]:
    """A client traced by a provider whose sampler drops every span, its exporter and its metrics."""
    spans = InMemorySpanExporter()
    provider = TracerProvider(sampler=ALWAYS_OFF)
    provider.add_span_processor(SimpleSpanProcessor(spans))
    reader = InMemoryMetricReader()
    Telemetry(provider, meter_provider=MeterProvider(metric_readers=[reader]))
    try:
        if request.param == "sync":
            with xai_emulator.client(plugins=[TelemetryPlugin()]) as client:
                yield client, spans, reader
        else:
            async with xai_emulator.async_client(plugins=[TelemetryPlugin()]) as aclient:
                yield aclient, spans, reader
    finally:
        Telemetry.active = None


async def test_a_span_the_sampler_drops_still_gives_the_calls_metrics(
    traced_unsampled: tuple[Any, InMemorySpanExporter, InMemoryMetricReader],
) -> None:
    client, spans, reader = traced_unsampled
    response = await outcome(client.chat.create("grok-4", messages=[user("count these words")]).sample())
    assert spans.get_finished_spans() == ()
    data = reader.get_metrics_data()
    assert data is not None
    points = {
        (metric.name, point.attributes.get("gen_ai.token.type")): point
        for resource in data.resource_metrics
        for scope in resource.scope_metrics
        for metric in scope.metrics
        for point in metric.data.data_points
    }
    duration = points["gen_ai.client.operation.duration", None]
    assert (duration.count, duration.attributes["gen_ai.response.model"]) == (1, response.proto.model)
    assert points["gen_ai.client.token.usage", "input"].sum == response.usage.prompt_tokens
    assert points["gen_ai.client.token.usage", "output"].sum == response.usage.completion_tokens
