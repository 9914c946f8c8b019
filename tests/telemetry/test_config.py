"""Where the SDK's tracer and meter come from, and that they are made once per provider."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.trace import TracerProvider

from xai_sdk.telemetry import Telemetry, get_meter, get_tracer


@pytest.fixture
def telemetry() -> Iterator[Telemetry]:
    yield Telemetry(TracerProvider(), meter_provider=MeterProvider())
    Telemetry.active = None


def test_a_providers_tracer_and_meter_are_made_once(telemetry: Telemetry) -> None:
    assert get_tracer() is get_tracer()
    assert get_meter() is get_meter()
    assert get_tracer("other") is not get_tracer()


def test_a_new_telemetry_gets_the_tracer_and_meter_of_its_own_providers(telemetry: Telemetry) -> None:
    first_tracer, first_meter = get_tracer(), get_meter()
    second = Telemetry(TracerProvider(), meter_provider=MeterProvider())
    assert get_tracer() is not first_tracer and get_meter() is not first_meter
    assert get_tracer().resource is second.provider.resource  # type: ignore[attr-defined]
