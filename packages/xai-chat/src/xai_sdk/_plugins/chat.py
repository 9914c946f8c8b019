"""xai-chat's plugin: declares `client.chat` and describes its calls' spans."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xai_sdk.hookspecs import ServiceSpec, hookimpl

if TYPE_CHECKING:
    from xai_sdk.hookspecs import CallInfo, SpanPlan


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.chat`."""
    return [ServiceSpec(name="chat", client="xai_sdk.chat:ChatClient", distribution="xai-chat")]


@hookimpl
def xai_sdk_span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """Describe the spans of chat completions (see `xai_sdk.chat._spans`)."""
    if call.service != "chat":
        return None
    from xai_sdk.chat._spans import span_plan  # noqa: PLC0415 - imported by the first traced call

    return span_plan(call, sensitive)
