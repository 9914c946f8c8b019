"""xai-video's plugin: declares `client.video` and describes its calls' spans."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xai_sdk.hookspecs import ServiceSpec, hookimpl

if TYPE_CHECKING:
    from xai_sdk.hookspecs import CallInfo, SpanPlan


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.video`."""
    return [ServiceSpec(name="video", client="xai_sdk.video:VideoClient", distribution="xai-video")]


@hookimpl
def xai_sdk_span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """Describe the spans of video generations and extensions (see `xai_sdk.video._spans`)."""
    if call.service != "video":
        return None
    from xai_sdk.video._spans import span_plan  # noqa: PLC0415 - imported by the first traced call

    return span_plan(call, sensitive)
