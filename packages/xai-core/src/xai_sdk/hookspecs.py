"""Every extension point of the SDK, in one place.

A plugin is any object (usually a module) with functions named after the hooks below and marked
with `xai_sdk.hookspecs.hookimpl`. Plugins are found in two ways:

* the entry-point group ``xai_sdk`` of installed distributions: each entry point names a module
  that is imported once per process, when the first client is created, and registered into
  every client. For a service plugin
  the entry point's name is the attribute it adds (``models = "xai_sdk._plugins.models"``);
* ``Client(plugins=[...])`` and ``AsyncClient(plugins=[...])``, for that client only.

Keep plugin modules cheap to import: they are imported before the first call of every client.
Point `ServiceSpec` at the sub-client classes with import strings so that those are imported
only when the attribute is first used.

There are three kinds of hooks:

* **Declaration** — `xai_sdk_services` adds sub-clients such as ``client.chat``.
* **Observation** — `xai_sdk_call_started`, `xai_sdk_rpc_finished`, `xai_sdk_stream_chunk` and
  `xai_sdk_call_finished` see every call of every sub-client, sync or async: its service and
  method, its request, each RPC's response or error, each chunk of a stream, and its end. They
  run on the caller's thread (or event loop) and should be quick. They must not raise: an
  exception is logged on the ``xai_sdk`` logger and ignored, so that an observer cannot break
  calls. ``xai-telemetry`` is built on them.
* **Description** — `xai_sdk_span_plan` lets a service say how its calls appear in traces
  (span name, operation, model, attributes, what the result adds) as plain data, so that a
  tracing observer needs to know no service: an observer asks it through `CallInfo.hook`. Each
  of the SDK's services answers for its own calls; a third-party service can answer for its own.

Hook names start with ``xai_sdk_``; pluggy checks that an implementation's arguments are a
subset of the specification's, and registering a plugin that implements a hook not declared here
(a misspelt name) raises `xai_sdk.errors.PluginError` naming it. A hook of a later version of the
SDK may be implemented with ``@hookimpl(optionalhook=True)``: older versions then ignore it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import pluggy

if TYPE_CHECKING:
    from xai_sdk.proto import usage_pb2

__all__ = [
    "CallFact",
    "CallInfo",
    "RpcInfo",
    "ServiceSpec",
    "SpanPlan",
    "SpanResult",
    "SpanValue",
    "hookimpl",
    "hookspec",
    "xai_sdk_call_finished",
    "xai_sdk_call_started",
    "xai_sdk_rpc_finished",
    "xai_sdk_services",
    "xai_sdk_span_plan",
    "xai_sdk_stream_chunk",
]

PROJECT_NAME = "xai_sdk"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
"""Marks a hook specification (used in this module only)."""

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""Marks a function of a plugin as the implementation of the hook it is named after."""

ChannelKind = Literal["api", "management"]


@dataclass(frozen=True)
class ServiceSpec:
    """A sub-client that a plugin adds to `Client` and `AsyncClient`.

    Args:
        name: the attribute on the client, e.g. ``"chat"`` for ``client.chat``.
        client: import string ``"package.module:Class"`` of the sub-client class. It is
            instantiated with one argument, the `xai_sdk.service.Binding` that connects it to the
            client, on first access of the attribute, and cached per client.
        async_client: import string of the class used by `AsyncClient`; when omitted, `client`
            serves both (the classes of the SDK's own services are written once, see
            `xai_sdk.service`).
        channel: the channel its RPCs use unless an `xai_sdk.operations.Rpc` says otherwise:
            ``"api"`` (``api.x.ai``, the API key) or ``"management"`` (``management-api.x.ai``,
            the management key).
        distribution: the distribution that provides it, named in error messages.

    """

    name: str
    client: str
    async_client: str | None = None
    channel: ChannelKind = "api"
    distribution: str | None = None

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or self.name.startswith("_"):
            raise ValueError(f"service name must be a public identifier, got {self.name!r}")
        for target in (self.client, self.async_client):
            if target is not None and ":" not in target:
                raise ValueError(f"{self.name}: sub-client must be given as 'module:Class', got {target!r}")
        if self.channel not in ("api", "management"):
            raise ValueError(f"{self.name}: channel must be 'api' or 'management', got {self.channel!r}")


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


@hookspec
def xai_sdk_services() -> Sequence[ServiceSpec]:  # type: ignore[empty-body]
    """Declare the sub-clients this plugin adds.

    Called once per client when its plugins load. Two plugins may not declare the same name,
    except that a plugin given to ``Client(plugins=...)`` replaces an installed one.
    """


@hookspec
def xai_sdk_call_started(call: CallInfo) -> None:
    """A sub-client method was called; none of its RPCs has started yet."""


@hookspec
def xai_sdk_rpc_finished(call: CallInfo, rpc: RpcInfo) -> None:
    """One RPC of `call` finished: `rpc.response` or `rpc.error` is set.

    For a server-streaming RPC this is called when the stream ends or fails; a stream the caller
    closes early is reported by `xai_sdk_call_finished` alone (`call.closed_early`). Retries
    made inside gRPC (see the channel's retry policy) are not seen as separate RPCs.
    """


@hookspec
def xai_sdk_stream_chunk(call: CallInfo, chunk: Any) -> None:
    """A streaming call received a chunk (the raw message, before the SDK wraps it)."""


@hookspec
def xai_sdk_call_finished(call: CallInfo, result: Any, error: BaseException | None) -> None:
    """A call ended: it returned `result`, or raised `error`.

    A streaming call ends when its stream is exhausted (`result` is its final result, e.g.
    the accumulated chat `Response`, when the method defines one), fails (`error`), or is
    closed by the caller before the end (`call.closed_early` is True).
    """


@hookspec(firstresult=True)
def xai_sdk_span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """Describe how `call` appears in traces, or return None to leave it to another plugin.

    A tracing observer asks this when a call starts, through ``call.hook``; the first plugin that
    returns a `SpanPlan` answers (plugins given to ``Client(plugins=...)`` are asked before the
    installed ones). A service's plugin answers for its own calls (``call.service``) and returns
    None for the others; a call nobody describes gets xai-telemetry's span ``<service>.<method>``.

    With `sensitive` False (``XAI_SDK_DISABLE_SENSITIVE_TELEMETRY_ATTRIBUTES``), leave user content
    out of the plan and of what `SpanPlan.describe_result` returns: prompts, completions, tool
    call arguments, user ids, file names, URLs and image data. Both must be pure and quick (no
    I/O) and import no OpenTelemetry; import the service's own modules inside the function, not
    at the top of the plugin module, since every client imports plugin modules.
    """
