"""xai-image's plugin: declares `client.image` and describes its calls' spans."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xai_sdk.hookspecs import ServiceSpec, hookimpl

if TYPE_CHECKING:
    from xai_sdk.hookspecs import CallInfo, SpanPlan


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.image`."""
    return [ServiceSpec(name="image", client="xai_sdk.image:ImageClient", distribution="xai-image")]


@hookimpl
def xai_sdk_span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """Describe the spans of image generations (see `xai_sdk.image._spans`)."""
    if call.service != "image":
        return None
    from xai_sdk.image._spans import span_plan  # noqa: PLC0415 - imported by the first traced call

    return span_plan(call, sensitive)
