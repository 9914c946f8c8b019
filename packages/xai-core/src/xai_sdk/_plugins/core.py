"""The core's own plugin (the xai-sdk distribution): the `auth` service.

`xai_sdk._plugins` is a namespace package: every distribution puts the small module that
declares its plugin here, so that loading plugins imports nothing heavy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xai_sdk.hookspecs import ServiceSpec, hookimpl

if TYPE_CHECKING:
    from xai_sdk.hookspecs import CallInfo, SpanPlan


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.auth`."""
    return [ServiceSpec(name="auth", client="xai_sdk.auth:Auth", distribution="xai-sdk")]


@hookimpl
def xai_sdk_span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """An auth call's span is named after its method alone, with no attributes."""
    if call.service != "auth":
        return None
    from xai_sdk.hookspecs import SpanPlan  # noqa: PLC0415 - imported by the first traced call

    return SpanPlan(call.method, call.method)
