"""xai-models' plugin: declares `client.models` and describes its calls' spans."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xai_sdk.hookspecs import ServiceSpec, hookimpl

if TYPE_CHECKING:
    from xai_sdk.hookspecs import CallInfo, SpanPlan


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.models`."""
    return [ServiceSpec(name="models", client="xai_sdk.models:Models", distribution="xai-models")]


@hookimpl
def xai_sdk_span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """A models call's span is its method, followed by the model it looks up (``get_*``)."""
    if call.service != "models":
        return None
    from xai_sdk._spans import named_after_model  # noqa: PLC0415 - imported by the first traced call

    return named_after_model(call, getattr(call.request, "name", ""))
