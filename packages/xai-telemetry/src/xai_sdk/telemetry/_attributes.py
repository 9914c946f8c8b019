"""A call's span plan, from the service that made it, and the attributes common to every service.

Each service describes its own calls through the ``xai_sdk_span_plan`` hook (see
`xai_sdk.hookspecs.SpanPlan`); this module asks it and adds what no service needs to know: the
operation, provider and server under the OpenTelemetry GenAI semantic conventions' keys, the
requested and responding model, and the usage. A call no plugin describes gets a span named
``<service>.<method>``, as in the official SDK.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from xai_sdk.hookspecs import CallInfo, SpanPlan, SpanResult

if TYPE_CHECKING:
    from xai_sdk.proto import usage_pb2

PROVIDER = "xai"
Attributes = dict[str, Any]

logger = logging.getLogger("xai_sdk")


def plan(call: CallInfo, sensitive: bool) -> SpanPlan:
    """The span plan of a call; `sensitive` says whether user content may be recorded."""
    planned = None
    if call.hook is not None:
        try:
            planned = call.hook.xai_sdk_span_plan(call=call, sensitive=sensitive)
        except Exception:  # a plugin's broken description must not cost the call its span
            logger.exception("xai_sdk_span_plan failed for %s.%s", call.service, call.method)
    if planned is None:
        planned = SpanPlan(f"{call.service}.{call.method}", call.method, common=frozenset({"provider"}))
    return planned


NOTHING = SpanResult()
"""What a result without a description adds (shared: never modified)."""


def describe(planned: SpanPlan, result: Any, sensitive: bool) -> SpanResult:
    """What the result of a successful call adds to its span, by the plan's `describe_result`."""
    if planned.describe_result is None:
        return NOTHING
    try:
        return planned.describe_result(result, sensitive)
    except Exception:  # as in `plan`: the span still ends, with what the call itself says
        logger.exception("describing the result of the span %r failed", planned.name)
        return NOTHING


def call_attributes(call: CallInfo, planned: SpanPlan) -> Attributes:
    """The attributes a span starts with: the facts `planned.common` asks for, then the plan's own."""
    common = planned.common
    attributes: Attributes = {}
    if "operation" in common:
        attributes["gen_ai.operation.name"] = planned.operation
    if "provider" in common:
        attributes["gen_ai.provider.name"] = PROVIDER
    if planned.model is not None:
        attributes["gen_ai.request.model"] = planned.model
    if "host" in common or "port" in common:
        host, port = _server(call.api_host)
        if "host" in common:
            attributes["server.address"] = host
        if "port" in common:
            attributes["server.port"] = port
    attributes.update(planned.attributes)
    return attributes


def result_attributes(described: SpanResult) -> Attributes:
    """The attributes a call's result adds: the plan's own, the responding model and the usage."""
    attributes: Attributes = dict(described.attributes)
    if described.model is not None:
        attributes["gen_ai.response.model"] = described.model
    if described.usage is not None:
        attributes.update(usage_attributes(described.usage))
    return attributes


def usage_attributes(usage: usage_pb2.SamplingUsage) -> Attributes:
    """The ``gen_ai.usage.*`` attributes of a usage message (the same for every service)."""
    attributes: Attributes = {
        "gen_ai.usage.input_tokens": usage.prompt_tokens,
        "gen_ai.usage.output_tokens": usage.completion_tokens,
        "gen_ai.usage.total_tokens": usage.total_tokens,
        "gen_ai.usage.reasoning_tokens": usage.reasoning_tokens,
        "gen_ai.usage.cached_prompt_text_tokens": usage.cached_prompt_text_tokens,
        "gen_ai.usage.prompt_text_tokens": usage.prompt_text_tokens,
        "gen_ai.usage.prompt_image_tokens": usage.prompt_image_tokens,
    }
    if usage.HasField("cost_in_usd_ticks"):
        attributes["gen_ai.usage.cost_in_usd_ticks"] = usage.cost_in_usd_ticks
    return attributes


def _server(api_host: str) -> tuple[str, int]:
    """The host and port of ``host:port`` (443 when the port is not given)."""
    host, _, port = api_host.rpartition(":")
    if not host or not port.isdigit():
        return api_host, 443
    return host.strip("[]"), int(port)
