"""Turns the SDK's observation hooks into OpenTelemetry spans and GenAI client metrics."""

from __future__ import annotations

import contextvars
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import grpc
from opentelemetry import context, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from xai_sdk._compat import should_disable_sensitive_attributes
from xai_sdk.hookspecs import CallInfo, RpcInfo, SpanPlan, SpanResult
from xai_sdk.telemetry._attributes import (
    NOTHING,
    PROVIDER,
    call_attributes,
    describe,
    plan,
    result_attributes,
)
from xai_sdk.telemetry._config import recording_meter, recording_tracer

STASH_KEY = "xai-telemetry"
_SILENT_TRACER = trace.NoOpTracer()
_DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]
_TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864]


@dataclass
class _Running:
    span: trace.Span
    token: contextvars.Token[Any] | None
    plan: SpanPlan | None
    """None when neither a span nor a metric of the call records anything."""
    recording: bool
    sensitive: bool
    instruments: _Instruments | None
    """None when the call's metrics go nowhere."""
    started: float


class _Instruments:
    """The metric instruments of one meter."""

    def __init__(self, meter: Any) -> None:
        self.duration = meter.create_histogram(
            "gen_ai.client.operation.duration",
            unit="s",
            description="Duration of GenAI operations made by the xAI SDK",
            explicit_bucket_boundaries_advisory=_DURATION_BUCKETS,
        )
        self.tokens = meter.create_histogram(
            "gen_ai.client.token.usage",
            unit="{token}",
            description="Input and output tokens used by GenAI operations",
            explicit_bucket_boundaries_advisory=_TOKEN_BUCKETS,
        )
        self.first_chunk = meter.create_histogram(
            "gen_ai.client.operation.time_to_first_chunk",
            unit="s",
            description="Time from the start of a streaming operation to its first chunk",
            explicit_bucket_boundaries_advisory=_DURATION_BUCKETS,
        )


class Observer:
    """Starts a span when a call starts and ends it, with the call's result, when it ends."""

    def __init__(self) -> None:
        self._instruments: dict[int, _Instruments] = {}

    def _metrics(self) -> _Instruments | None:
        meter = recording_meter()
        if meter is None:
            return None
        instruments = self._instruments.get(id(meter))
        if instruments is None:
            instruments = self._instruments[id(meter)] = _Instruments(meter)
        return instruments

    def call_started(self, call: CallInfo) -> None:
        """Start the call's span, as a child of the caller's current span.

        When no provider would record the span or the metrics, the call is not described at all:
        the span is the no-op tracer's, which carries the caller's span context on.
        """
        tracer = recording_tracer()
        instruments = self._metrics()
        planned = None
        recording = sensitive = False
        if tracer is None:
            if instruments is not None:
                # Only the plan's operation and model are used: user content is not even read.
                planned = plan(call, False)
            span = _SILENT_TRACER.start_span(call.method, kind=SpanKind.CLIENT)
        else:
            sensitive = not should_disable_sensitive_attributes()
            planned = plan(call, sensitive)
            span = tracer.start_span(
                planned.name, kind=SpanKind.CLIENT, attributes=call_attributes(call, planned)
            )
            recording = span.is_recording()
        # A stream is consumed across the caller's own code: it must not become the current span.
        token = None if call.streaming else context.attach(trace.set_span_in_context(span))
        call.stash[STASH_KEY] = _Running(
            span, token, planned, recording, sensitive, instruments, time.monotonic()
        )

    def rpc_finished(self, call: CallInfo, rpc: RpcInfo) -> None:
        """Record the server's request id on the span."""
        running = call.stash.get(STASH_KEY)
        if running is not None and running.recording and rpc.request_id:
            running.span.set_attribute("xai.request_id", rpc.request_id)

    def _first_chunk(self, call: CallInfo, running: _Running, planned: SpanPlan) -> None:
        """Record when a stream's first chunk arrived (core notes the time: no hook runs per chunk)."""
        if call.first_chunk_time is None:
            return
        if running.recording:
            arrived = datetime.fromtimestamp(call.first_chunk_time, timezone.utc)
            running.span.set_attribute("gen_ai.completion.start_time", arrived.isoformat())
        if running.instruments is not None:
            running.instruments.first_chunk.record(
                max(0.0, call.first_chunk_time - call.start_time), _metric_attributes(planned, None)
            )

    def call_finished(self, call: CallInfo, result: Any, error: BaseException | None) -> None:
        """Describe the result or the error on the span, end it, and record the metrics."""
        running = call.stash.pop(STASH_KEY, None)
        if running is None:
            return
        span = running.span
        try:
            if running.plan is not None:
                self._describe(call, running, running.plan, result, error)
        finally:
            span.end()
            if running.token is not None:
                context.detach(running.token)

    def _describe(
        self, call: CallInfo, running: _Running, planned: SpanPlan, result: Any, error: BaseException | None
    ) -> None:
        """What a call that is traced or measured adds to its span and its metrics."""
        span = running.span
        recording = running.recording
        self._first_chunk(call, running, planned)
        described = NOTHING
        if error is None and (recording or running.instruments is not None):
            described = describe(planned, result, running.sensitive and recording)
        if recording:
            if described is not NOTHING:
                span.set_attributes(result_attributes(described))
            if error is not None:
                span.record_exception(error)
                span.set_status(Status(StatusCode.ERROR, f"{type(error).__name__}: {error}"))
                span.set_attribute("error.type", _error_type(error))
            if call.closed_early:
                span.set_attribute("xai.stream.closed_early", True)
        if running.instruments is not None:
            _record(running.instruments, running.started, planned, described, error)


def _metric_attributes(planned: SpanPlan, error: BaseException | None) -> dict[str, Any]:
    attributes: dict[str, Any] = {
        "gen_ai.operation.name": planned.operation,
        "gen_ai.provider.name": PROVIDER,
    }
    if planned.model:
        attributes["gen_ai.request.model"] = planned.model
    if error is not None:
        attributes["error.type"] = _error_type(error)
    return attributes


def _record(
    instruments: _Instruments,
    started: float,
    planned: SpanPlan,
    described: SpanResult,
    error: BaseException | None,
) -> None:
    attributes = _metric_attributes(planned, error)
    if described.model is not None:
        attributes["gen_ai.response.model"] = described.model
    instruments.duration.record(time.monotonic() - started, attributes)
    usage = described.usage
    if usage is not None:
        instruments.tokens.record(usage.prompt_tokens, {**attributes, "gen_ai.token.type": "input"})
        instruments.tokens.record(usage.completion_tokens, {**attributes, "gen_ai.token.type": "output"})


def _error_type(error: BaseException) -> str:
    code = getattr(error, "code", None)
    if callable(code):
        status = code()
        if isinstance(status, grpc.StatusCode):
            return str(status.name)
    return type(error).__qualname__
