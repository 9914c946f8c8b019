"""xai-collections' plugin: declares `client.collections` and describes its calls' spans."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xai_sdk.hookspecs import ServiceSpec, hookimpl

if TYPE_CHECKING:
    from xai_sdk.hookspecs import CallInfo, SpanPlan


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.collections`: the management API, except search and uploads (API host)."""
    return [
        ServiceSpec(
            name="collections",
            client="xai_sdk.collections:Collections",
            channel="management",
            distribution="xai-collections",
        )
    ]


@hookimpl
def xai_sdk_span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """Describe the spans of calls that change collections (see `xai_sdk.collections._spans`)."""
    if call.service != "collections":
        return None
    from xai_sdk.collections._spans import span_plan  # noqa: PLC0415 - imported by the first traced call

    return span_plan(call, sensitive)
