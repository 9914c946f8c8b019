"""`Telemetry`: where the SDK's spans and metrics go."""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from opentelemetry import metrics, trace
from opentelemetry.metrics import _internal as _metrics_internal
from opentelemetry.sdk.resources import SERVICE_NAME, SERVICE_VERSION, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor

from xai_sdk._catalog import install_hint
from xai_sdk._plugins.telemetry import tracing_disabled
from xai_sdk._version import __version__

INSTRUMENTATION_NAME = "xai_sdk"

T = TypeVar("T")
# Providers make a new tracer (or look a meter up under a lock) on every request, which would
# cost each traced call microseconds: the SDK's are kept per provider, as long as it lives.
_tracers: weakref.WeakKeyDictionary[Any, dict[str, trace.Tracer]] = weakref.WeakKeyDictionary()
_meters: weakref.WeakKeyDictionary[Any, dict[str, metrics.Meter]] = weakref.WeakKeyDictionary()

# The providers whose tracers and meters record nothing: the API's global proxies answer for the
# global providers until one is set (after which the global getters return the real one). The
# meters' proxy class is not public: if OpenTelemetry renames it, calls are merely measured in full.
_SILENT_TRACER_PROVIDERS = (trace.ProxyTracerProvider, trace.NoOpTracerProvider)
_SILENT_METER_PROVIDERS: tuple[type, ...] = (
    metrics.NoOpMeterProvider,
    getattr(_metrics_internal, "_ProxyMeterProvider", metrics.NoOpMeterProvider),
)


class Telemetry:
    """Sends the SDK's spans (and metrics) to the exporters you set up.

    Without a `provider`, a `TracerProvider` named ``xai-sdk`` is created and set as the global
    OpenTelemetry provider (as the official SDK does); with one, it is used as given and global
    state is left alone. Either way, the SDK's calls then trace to it. Metrics go to
    `meter_provider` when given, else to the global meter provider::

        telemetry = Telemetry()
        telemetry.setup_console_exporter()
        client.chat.create("grok-4", messages=[user("hi")]).sample()   # printed as a span

    ``XAI_SDK_DISABLE_TRACING=1`` (set before the first client is created) turns the SDK's
    telemetry off; ``XAI_SDK_DISABLE_SENSITIVE_TELEMETRY_ATTRIBUTES=1`` leaves prompts,
    completions and other user content out of spans. Spans never carry the API key.
    """

    active: ClassVar[Telemetry | None] = None
    """The most recently created `Telemetry`: the SDK's spans go to its provider."""

    def __init__(self, provider: TracerProvider | None = None, *, meter_provider: Any = None) -> None:
        if provider is None:
            provider = TracerProvider(
                resource=Resource.create({SERVICE_NAME: "xai-sdk", SERVICE_VERSION: __version__})
            )
            trace.set_tracer_provider(provider)
        self.provider = provider
        self.meter_provider = meter_provider
        Telemetry.active = self

    def setup_console_exporter(self, **kwargs: Any) -> None:
        """Print each span to stdout as it ends (for development); kwargs go to `ConsoleSpanExporter`."""
        self.provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter(**kwargs)))

    def setup_otlp_exporter(self, **kwargs: Any) -> None:
        """Export spans over OTLP, by HTTP (default) or gRPC per ``OTEL_EXPORTER_OTLP_PROTOCOL``.

        kwargs (``endpoint``, ``headers``, ``timeout``, ...) go to the exporter, which also reads
        the standard ``OTEL_EXPORTER_OTLP_*`` variables. Needs ``xai-sdk[telemetry-http]`` or
        ``xai-sdk[telemetry-grpc]``.
        """
        protocol = os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf").strip().lower()
        if protocol == "grpc":
            try:
                from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import (  # noqa: PLC0415
                    OTLPSpanExporter,
                )
            except ImportError as error:
                hint = install_hint("telemetry-grpc")
                raise ImportError(f"The gRPC OTLP exporter needs: {hint}") from error
        elif protocol == "http/protobuf":
            try:
                from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # noqa: PLC0415
                    OTLPSpanExporter,
                )
            except ImportError as error:
                hint = install_hint("telemetry-http")
                raise ImportError(f"The HTTP OTLP exporter needs: {hint}") from error
        else:
            raise ValueError(
                f"Unsupported OTEL_EXPORTER_OTLP_PROTOCOL {protocol!r}: use 'grpc' or 'http/protobuf'."
            )
        self.provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(**kwargs)))


def get_tracer(name: str = INSTRUMENTATION_NAME) -> trace.Tracer:
    """The tracer the SDK uses: the active `Telemetry`'s provider, else the global one.

    A `NoOpTracer` when ``XAI_SDK_DISABLE_TRACING`` is ``1`` or ``true``.
    """
    if tracing_disabled():
        return trace.NoOpTracer()
    return _tracer(_tracer_provider(), name)


def get_meter(name: str = INSTRUMENTATION_NAME) -> metrics.Meter:
    """The meter the SDK records its metrics with (the active `Telemetry`'s, else the global one)."""
    return _meter(_meter_provider(), name)


def recording_tracer() -> trace.Tracer | None:
    """`get_tracer()`'s tracer, or None when its spans would record nothing (no provider is set).

    ``XAI_SDK_DISABLE_TRACING`` is left to the caller.
    """
    provider = _tracer_provider()
    if isinstance(provider, _SILENT_TRACER_PROVIDERS):
        return None
    tracer = _tracer(provider, INSTRUMENTATION_NAME)
    return None if isinstance(tracer, trace.NoOpTracer) else tracer


def recording_meter() -> metrics.Meter | None:
    """`get_meter()`'s meter, or None when it would record nothing (no meter provider is set)."""
    provider = _meter_provider()
    if isinstance(provider, _SILENT_METER_PROVIDERS):
        return None
    meter = _meter(provider, INSTRUMENTATION_NAME)
    return None if isinstance(meter, metrics.NoOpMeter) else meter


def _tracer_provider() -> Any:
    active = Telemetry.active
    return active.provider if active is not None else trace.get_tracer_provider()


def _meter_provider() -> Any:
    active = Telemetry.active
    provider = active.meter_provider if active is not None else None
    return metrics.get_meter_provider() if provider is None else provider


def _tracer(provider: Any, name: str) -> trace.Tracer:
    return _kept(_tracers, provider, name, lambda: provider.get_tracer(name, __version__))


def _meter(provider: Any, name: str) -> metrics.Meter:
    return _kept(_meters, provider, name, lambda: provider.get_meter(name, __version__))


def _kept(
    kept: weakref.WeakKeyDictionary[Any, dict[str, T]], provider: Any, name: str, make: Callable[[], T]
) -> T:
    """`make()`'s tracer or meter of `provider` named `name`, made once per provider."""
    by_name = kept.get(provider)
    if by_name is None:
        by_name = kept[provider] = {}
    found = by_name.get(name)
    if found is None:
        found = by_name[name] = make()
    return found
