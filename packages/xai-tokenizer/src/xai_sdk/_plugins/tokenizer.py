"""xai-tokenizer's plugin: declares `client.tokenize` and describes its calls' spans."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xai_sdk.hookspecs import ServiceSpec, hookimpl

if TYPE_CHECKING:
    from xai_sdk.hookspecs import CallInfo, SpanPlan


@hookimpl
def xai_sdk_services() -> list[ServiceSpec]:
    """Declare `client.tokenize` (the attribute name of the official SDK)."""
    return [ServiceSpec(name="tokenize", client="xai_sdk.tokenizer:Tokenizer", distribution="xai-tokenizer")]


@hookimpl
def xai_sdk_span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """A tokenization's span is its method, followed by the model whose tokenizer it uses."""
    if call.service != "tokenize":
        return None
    from xai_sdk._spans import named_after_model  # noqa: PLC0415 - imported by the first traced call

    return named_after_model(call, getattr(call.request, "model", ""))
