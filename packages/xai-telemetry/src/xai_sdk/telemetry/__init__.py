"""OpenTelemetry traces and GenAI metrics of the SDK's calls (``pip install "xai-sdk[telemetry]"``).

Installing the distribution registers its plugin; configuring a destination is all that is left::

    from xai_sdk.telemetry import Telemetry

    Telemetry().setup_console_exporter()     # or setup_otlp_exporter(endpoint=..., headers=...)

Every sub-client method then produces a CLIENT span named like the official SDK's
(``chat.sample grok-4``, ``image.sample ...``, ``file.upload``, ...) with the GenAI semantic
convention attributes, and the metrics ``gen_ai.client.operation.duration``,
``gen_ai.client.token.usage`` and ``gen_ai.client.operation.time_to_first_chunk``.
"""

from xai_sdk._compat import should_disable_sensitive_attributes
from xai_sdk._plugins.telemetry import tracing_disabled
from xai_sdk.telemetry import config
from xai_sdk.telemetry._config import Telemetry, get_meter, get_tracer

__all__ = [
    "Telemetry",
    "config",
    "get_meter",
    "get_tracer",
    "should_disable_sensitive_attributes",
    "tracing_disabled",
]
