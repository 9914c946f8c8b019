"""The fixtures of test_telemetry.py (the spans' specification), for the other telemetry tests."""

from tests.telemetry.test_telemetry import _tracing_on, capture, sensitive_off, traced

__all__ = ["_tracing_on", "capture", "sensitive_off", "traced"]
