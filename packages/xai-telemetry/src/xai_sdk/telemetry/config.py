"""The official SDK's module of its telemetry set-up (``xai_sdk.telemetry.config``)."""

from xai_sdk._compat import should_disable_sensitive_attributes
from xai_sdk._version import __version__ as xai_sdk_version
from xai_sdk.telemetry._config import Telemetry, get_tracer

__all__ = ["Telemetry", "get_tracer", "should_disable_sensitive_attributes", "xai_sdk_version"]
