"""The data that the observation and description hooks of `xai_sdk.hookspecs` pass and return.

`CallInfo` and `RpcInfo` are made only for clients with an observer, `SpanPlan` and `SpanResult`
only for traced calls: this module is imported on first use of one of them (through
`xai_sdk.hookspecs`, which is where plugins import them from), not by every client.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pluggy

    from xai_sdk.proto import usage_pb2

__all__ = ["CallFact", "CallInfo", "RpcInfo", "SpanPlan", "SpanResult", "SpanValue"]


@dataclass(eq=False)
class CallInfo:
    """One call of a sub-client method, as observation hooks see it.

    The same object is passed to every hook of the call; `stash` is free for plugins to keep
    per-call state in (use a key of your own, e.g. your distribution's name).
    """

    service: str
    """The sub-client attribute, e.g. ``"chat"``."""
    method: str
    """The method called on it, e.g. ``"sample"``."""
    request: Any
    """The request message the call is about (its first RPC's), or None."""
    streaming: bool
    """Whether the call returns an iterator of chunks."""
    is_async: bool
    """Whether it was made through `AsyncClient`."""
    api_host: str
    """The host the client's API channel connects to."""
    start_time: float = field(default_factory=time.time)
    """When the call started, in seconds since the epoch."""
    chunks: int = 0
    """How many chunks a streaming call has delivered so far."""
    first_chunk_time: float | None = None
    """When the first chunk of a streaming call arrived (seconds since the epoch)."""
    closed_early: bool = False
    """Whether the caller stopped consuming a stream before it ended."""
    details: Mapping[str, Any] = field(default_factory=dict)
    """Facts the method gives about the call beyond its request, e.g. ``conversation_id``."""
    stash: dict[str, Any] = field(default_factory=dict)
    """Per-call storage for plugins."""
    hook: pluggy.HookRelay | None = field(default=None, repr=False)
    """The hooks of the client making the call, set before the first observation hook runs.

    An observer asks the other plugins about the call through it, as xai-telemetry asks
    ``call.hook.xai_sdk_span_plan(call=call, sensitive=...)``.
    """


@dataclass(eq=False)
class RpcInfo:
    """One RPC made by a call (a call may make several, e.g. when it polls)."""

    method: str
    """The full RPC path, e.g. ``"/xai_api.Models/ListLanguageModels"``."""
    request: Any
    """The request message (None for client-streaming uploads)."""
    response: Any = None
    """The response message of a unary RPC; None for streams and failures."""
    error: BaseException | None = None
    """The `xai_sdk.errors.RpcError` the RPC failed with, if it failed."""
    duration: float = 0.0
    """Seconds from the start of the RPC to its end."""
    request_id: str | None = None
    """The server's id for the request, when it sent one."""


SpanValue = str | bool | int | float | Sequence[str] | Sequence[bool] | Sequence[int] | Sequence[float]
"""The value of a span attribute: a scalar, or a sequence of scalars of one type."""

CallFact = Literal["operation", "provider", "host", "port"]
"""A fact about a call that the tracing observer states in its own vocabulary (`SpanPlan.common`):
the operation name, the provider (xAI), the API host, and its port."""


@dataclass
class SpanResult:
    """What the result of a call adds to its span (returned by `SpanPlan.describe_result`)."""

    attributes: Mapping[str, SpanValue] = field(default_factory=dict)
    """The service's own attributes of the result, e.g. ``{"gen_ai.response.id": ...}``."""
    model: str | None = None
    """The model that answered, when the call has one."""
    usage: usage_pb2.SamplingUsage | None = None
    """The usage (tokens and cost) the server reported, which the observer records alike for
    every service."""


@dataclass
class SpanPlan:
    """How a call appears in traces: what a service's `xai_sdk_span_plan` returns.

    Plain data, with no OpenTelemetry in it: the tracing observer (xai-telemetry) creates the
    span, adds the facts of `common` under the keys of its conventions, and records metrics from
    `operation`, `model` and the result's usage::

        SpanPlan(
            "translate.translate grok-4",
            operation="chat",
            model="grok-4",
            attributes={"translate.target": "French"},
            common=frozenset({"operation", "provider"}),
            describe_result=lambda result, sensitive: SpanResult({"translate.length": len(result)}),
        )
    """

    name: str
    """The span's name, e.g. ``"chat.sample grok-4"``."""
    operation: str
    """The operation the call performs, e.g. ``"chat"`` or ``"generate_image"``."""
    model: str | None = None
    """The model the request names, when it names one."""
    attributes: Mapping[str, SpanValue] = field(default_factory=dict)
    """The service's own attributes of the call, known when it starts."""
    common: frozenset[CallFact] = frozenset()
    """Which facts of the call the span states besides `attributes` (the requested model is
    stated whenever `model` is set)."""
    describe_result: Callable[[Any, bool], SpanResult] | None = None
    """Describes what a successful call returned: called with the call's result and whether
    user content may be recorded. None when the result adds nothing."""
