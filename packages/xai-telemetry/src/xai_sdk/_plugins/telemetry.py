"""xai-telemetry's plugin: observation hooks that turn calls into spans and metrics.

This module is imported when the first client is created, so it imports nothing heavy: the
OpenTelemetry side loads on the first call. With ``XAI_SDK_DISABLE_TRACING`` set to ``1`` or
``true`` when it is imported, the plugin has no hooks at all and costs nothing.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from xai_sdk.hookspecs import hookimpl

if TYPE_CHECKING:
    from xai_sdk.hookspecs import CallInfo, RpcInfo

DISABLE_TRACING_ENV = "XAI_SDK_DISABLE_TRACING"


def tracing_disabled() -> bool:
    """Whether ``XAI_SDK_DISABLE_TRACING`` is ``1`` or ``true``."""
    return os.environ.get(DISABLE_TRACING_ENV, "").strip().lower() in ("1", "true")


class TelemetryPlugin:
    """Forwards the observation hooks to `xai_sdk.telemetry._observer`, imported on first use."""

    def __init__(self) -> None:
        self._observer: Any = None

    def _get(self) -> Any:
        if self._observer is None:
            from xai_sdk.telemetry._observer import Observer  # noqa: PLC0415 - deferred on purpose

            self._observer = Observer()
        return self._observer

    @hookimpl
    def xai_sdk_call_started(self, call: CallInfo) -> None:
        """Start the call's span."""
        if not tracing_disabled():
            self._get().call_started(call)

    @hookimpl
    def xai_sdk_rpc_finished(self, call: CallInfo, rpc: RpcInfo) -> None:
        """Note the request id of the call's last RPC."""
        if self._observer is not None:
            self._observer.rpc_finished(call, rpc)

    @hookimpl
    def xai_sdk_call_finished(self, call: CallInfo, result: Any, error: BaseException | None) -> None:
        """End the call's span and record its metrics."""
        if self._observer is not None:
            self._observer.call_finished(call, result, error)


plugin: object = object() if tracing_disabled() else TelemetryPlugin()
"""The object the ``xai_sdk`` entry point names: hookless when tracing was disabled at import."""
