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
  exception is logged on the ``xai_sdk`` logger and ignored, and the other observers of the
  event still run, so that an observer cannot break calls or other observers.
  ``xai-telemetry`` is built on them.
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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pluggy

from xai_sdk._compat import lazy_names

if TYPE_CHECKING:
    from xai_sdk._hook_data import CallFact, CallInfo, RpcInfo, SpanPlan, SpanResult, SpanValue

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

_HOOK_DATA = ("CallFact", "CallInfo", "RpcInfo", "SpanPlan", "SpanResult", "SpanValue")

__getattr__ = lazy_names(__name__, dict.fromkeys(_HOOK_DATA, "xai_sdk._hook_data"))
"""The data of the observation and description hooks (`CallInfo`, `SpanPlan`, ...), defined in
`xai_sdk._hook_data` and imported on first access: a client without observers never needs it."""


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
