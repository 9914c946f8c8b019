"""xai-files' plugin: declares `client.files` and describes its calls' spans."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xai_sdk.hookspecs import ServiceSpec, hookimpl

if TYPE_CHECKING:
    from xai_sdk.hookspecs import CallInfo, SpanPlan


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.files`."""
    return [ServiceSpec(name="files", client="xai_sdk.files:Files", distribution="xai-files")]


@hookimpl
def xai_sdk_span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """Describe the spans of uploads and deletions (see `xai_sdk.files._spans`)."""
    if call.service != "files":
        return None
    from xai_sdk.files._spans import span_plan  # noqa: PLC0415 - imported by the first traced call

    return span_plan(call, sensitive)
