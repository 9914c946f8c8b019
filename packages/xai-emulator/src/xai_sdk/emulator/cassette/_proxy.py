"""The gRPC side of a cassette: one generic handler that replays, or forwards and records.

Every RPC of the API reaches `CassetteHandler` as raw bytes (no deserializer), whatever its
streaming kind, so that what is forwarded and recorded is exactly what was sent. For each call
the cassette decides (`Decide`): replay an interaction, forward the call to the upstream and
record it, or refuse it with a diff. The client, sync or async, this SDK or another, sees an
ordinary gRPC server either way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import grpc

from xai_sdk._config import is_loopback
from xai_sdk.emulator.cassette._format import Interaction, Metadata
from xai_sdk.emulator.cassette._matching import Mismatch
from xai_sdk.emulator.cassette._rpcs import RpcInfo, rpcs
from xai_sdk.emulator.server import _wait_while_active

__all__ = ["CassetteHandler", "Decision", "Upstream"]

MISMATCH_STATUS = grpc.StatusCode.FAILED_PRECONDITION
"""The status of a call that the cassette has no answer for (not retried by clients)."""
ABANDONED_WAIT_SECONDS = 10.0
"""How long a replayed call that its client abandoned when recording waits for the client to go."""
_TRANSPORT_KEYS = frozenset({"user-agent", "te", "content-type", "host", "date", "server"})
_GRPC_KEPT = frozenset({"grpc-status-details-bin", "grpc-retry-pushback-ms"})
_NO_DEADLINE = 10 * 365 * 24 * 3600.0
_CHANNEL_OPTIONS = [
    ("grpc.max_send_message_length", -1),
    ("grpc.max_receive_message_length", -1),
    # One upstream attempt per attempt of the client: its retries are recorded one by one.
    ("grpc.enable_retries", 0),
]


@dataclass
class Decision:
    """What to do with a call: replay `interaction`, record it, or refuse it (`mismatch`)."""

    action: Literal["replay", "record", "refuse"]
    interaction: Interaction | None = None
    mismatch: Mismatch | None = None


class Session(Protocol):
    """What the handler needs from the cassette that owns it."""

    def prepare_request(self, info: RpcInfo, data: bytes) -> bytes:
        """A request as it is recorded and matched (user hook applied, secrets masked)."""

    def decide(self, info: RpcInfo, prepared: list[bytes]) -> Decision:
        """Replay, record or refuse a call whose prepared requests are these."""

    def learn(self, metadata: Metadata) -> None:
        """Take the keys a call carries as secrets, before anything of it is recorded."""

    def record(self, ticket: int, interaction: Interaction) -> None:
        """Keep a forwarded call (its answers get the user's hook and the masking of secrets)."""

    def ticket(self) -> int:
        """A number giving the call its place in the cassette (the order calls arrived in)."""


def forwarded_metadata(metadata: Metadata) -> Metadata:
    """The metadata of a call as it goes upstream: its own, less the transport's headers."""
    return tuple(
        (key, value)
        for key, value in metadata
        if not key.startswith((":", "grpc-")) and key.lower() not in _TRANSPORT_KEYS
    )


def answer_metadata(metadata: Metadata | None) -> Metadata:
    """Response metadata worth recording and replaying: the service's own, retry hints, status details."""
    return tuple(
        (key, value)
        for key, value in metadata or ()
        if (not key.startswith((":", "grpc-")) or key in _GRPC_KEPT) and key.lower() not in _TRANSPORT_KEYS
    )


class Upstream:
    """Channels to the API and management hosts that record modes forward calls to."""

    def __init__(self, api_host: str, management_api_host: str) -> None:
        self.api_host = api_host
        self.management_api_host = management_api_host
        self._channels: dict[bool, Any] = {}

    def channel(self, management: bool) -> Any:
        """The channel to the host of the management API (`management`) or of the API."""
        # Any: its multi-callables are made without (de)serializers, for raw bytes.
        channel = self._channels.get(management)
        if channel is None:
            host = self.management_api_host if management else self.api_host
            if is_loopback(host):
                channel = grpc.insecure_channel(host, options=_CHANNEL_OPTIONS)
            else:
                channel = grpc.secure_channel(host, grpc.ssl_channel_credentials(), options=_CHANNEL_OPTIONS)
            channel = self._channels.setdefault(management, channel)
        return channel

    def close(self) -> None:
        """Close the channels."""
        for channel in self._channels.values():
            channel.close()
        self._channels.clear()


class CassetteHandler(grpc.GenericRpcHandler):  # type: ignore[type-arg]
    """Serves every RPC of the API from a cassette, forwarding to `upstream` what it records."""

    def __init__(self, session: Session, upstream: Upstream | None) -> None:
        self._session = session
        self._upstream = upstream

    def service(
        self, handler_call_details: grpc.HandlerCallDetails
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        """The method handler of a path of the API (None for others: UNIMPLEMENTED)."""
        info = rpcs().get(handler_call_details.method)
        if info is None:
            return None
        make: Callable[..., grpc.RpcMethodHandler[Any, Any]] = {
            "unary": grpc.unary_unary_rpc_method_handler,
            "server_stream": grpc.unary_stream_rpc_method_handler,
            "client_stream": grpc.stream_unary_rpc_method_handler,
            "bidi_stream": grpc.stream_stream_rpc_method_handler,
        }[info.streaming]
        if info.streams_responses:
            return make(lambda request, context: self._stream(info, request, context))
        return make(lambda request, context: self._unary(info, request, context))

    # -- one call -------------------------------------------------------------------------------

    def _begin(self, info: RpcInfo, request: Any, context: grpc.ServicerContext) -> _Call:
        # A client stream is read to its end before anything is decided: its messages are the request.
        requests = list(request) if info.streams_requests else [request]
        self._session.learn(tuple(context.invocation_metadata()))
        prepared = [self._session.prepare_request(info, data) for data in requests]
        decision = self._session.decide(info, prepared)
        if decision.action == "refuse":
            assert decision.mismatch is not None
            context.abort(MISMATCH_STATUS, decision.mismatch.summary)
        ticket = self._session.ticket() if decision.action == "record" else 0
        return _Call(info, requests, prepared, decision, ticket)

    def _unary(self, info: RpcInfo, request: Any, context: grpc.ServicerContext) -> bytes:
        call = self._begin(info, request, context)
        if call.decision.interaction is not None:
            return _replay_unary(call.decision.interaction, context)
        assert self._upstream is not None
        requests = call.requests
        channel = self._upstream.channel(info.management)
        method = (channel.stream_unary if info.streams_requests else channel.unary_unary)(info.path)
        future = method.future(
            iter(requests) if info.streams_requests else requests[0],
            timeout=_timeout(context),
            metadata=forwarded_metadata(tuple(context.invocation_metadata())),
        )
        context.add_callback(future.cancel)
        outcome = call.outcome
        try:
            response = future.result()
            outcome.responses.append(response)
            outcome.ended(grpc.StatusCode.OK, "", future.initial_metadata(), future.trailing_metadata())
        except grpc.FutureCancelledError:
            outcome.cancelled()
        except grpc.RpcError as error:
            outcome.failed(error, context)
        call.keep(self._session)
        _send_initial(context, outcome.initial)
        return outcome.answer(context)[0]

    def _stream(self, info: RpcInfo, request: Any, context: grpc.ServicerContext) -> Iterator[bytes]:
        started = self._begin(info, request, context)
        if started.decision.interaction is not None:
            yield from _replay_stream(started.decision.interaction, context)
            return
        assert self._upstream is not None
        requests = started.requests
        channel = self._upstream.channel(info.management)
        method = (channel.stream_stream if info.streams_requests else channel.unary_stream)(info.path)
        call: Any = method(
            iter(requests) if info.streams_requests else requests[0],
            timeout=_timeout(context),
            metadata=forwarded_metadata(tuple(context.invocation_metadata())),
        )
        context.add_callback(call.cancel)
        # A client that goes away may leave this generator suspended, never resumed: the call is
        # then kept when it terminates, with what it received.
        context.add_callback(lambda: started.keep(self._session, cancelled=True))
        outcome = started.outcome
        try:
            outcome.initial = answer_metadata(call.initial_metadata())
            _send_initial(context, outcome.initial)
            for chunk in call:
                outcome.responses.append(chunk)
                yield chunk
            outcome.ended(grpc.StatusCode.OK, "", outcome.initial, call.trailing_metadata())
        except grpc.RpcError as error:
            outcome.failed(error, context)
        except GeneratorExit:  # the client went away between two chunks
            call.cancel()
            started.keep(self._session, cancelled=True)
            raise
        finally:
            started.keep(self._session)
        outcome.answer(context)


@dataclass
class _Call:
    """A call being served: its RPC, its requests as received and as recorded, and the decision."""

    info: RpcInfo
    requests: list[bytes]
    prepared: list[bytes]
    decision: Decision
    ticket: int
    outcome: _Outcome = field(default_factory=lambda: _Outcome())  # noqa: PLW0108 (defined below)
    _kept: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def keep(self, session: Session, *, cancelled: bool = False) -> None:
        """Record the forwarded call once, as it ended (or, `cancelled`, as far as it went)."""
        with self._lock:
            if self._kept:
                return
            self._kept = True
            if cancelled:
                self.outcome.cancelled()
            outcome = self.outcome
            interaction = Interaction(
                self.info.path,
                self.prepared,
                list(outcome.responses),
                None if outcome.code is None else outcome.code.name,
                outcome.details,
                outcome.initial,
                outcome.trailing,
            )
        session.record(self.ticket, interaction)


class _Outcome:
    """How a forwarded call ended, as it was received from the upstream."""

    def __init__(self) -> None:
        self.responses: list[bytes] = []
        self.code: grpc.StatusCode | None = grpc.StatusCode.UNKNOWN
        self.details = ""
        self.initial: Metadata = ()
        self.trailing: Metadata = ()

    def ended(self, code: grpc.StatusCode, details: str, initial: Any, trailing: Any) -> None:
        self.code, self.details = code, details or ""
        self.initial, self.trailing = answer_metadata(initial), answer_metadata(trailing)

    def failed(self, error: grpc.RpcError, context: grpc.ServicerContext) -> None:
        if not context.is_active():
            self.cancelled()
            return
        call: Any = error
        self.ended(call.code(), call.details(), call.initial_metadata(), call.trailing_metadata())

    def cancelled(self) -> None:
        """The client went away: the call never ended for it, and has no status."""
        self.code, self.details, self.trailing = None, "", ()

    def answer(self, context: grpc.ServicerContext) -> list[bytes]:
        """End the client's call as the upstream ended it; returns the responses of a success."""
        context.set_trailing_metadata(self.trailing)
        if self.code is None:  # nobody is listening any more
            context.abort(grpc.StatusCode.CANCELLED, "the client went away")
        if self.code != grpc.StatusCode.OK:
            context.abort(self.code, self.details)
        return self.responses


def _timeout(context: grpc.ServicerContext) -> float | None:
    remaining = context.time_remaining()
    return None if remaining is None or remaining > _NO_DEADLINE else float(remaining)


def _send_initial(context: grpc.ServicerContext, metadata: Metadata) -> None:
    # Only when there is some: a call failing without initial metadata stays a trailers-only
    # answer, which clients may retry.
    if metadata:
        context.send_initial_metadata(metadata)


def _replay_unary(interaction: Interaction, context: grpc.ServicerContext) -> bytes:
    _send_initial(context, interaction.initial_metadata)
    _end(interaction, context)
    if not interaction.responses:  # a cassette edited by hand
        context.abort(grpc.StatusCode.INTERNAL, "the cassette holds no answer for this call")
    return interaction.responses[0]


def _replay_stream(interaction: Interaction, context: grpc.ServicerContext) -> Iterator[bytes]:
    _send_initial(context, interaction.initial_metadata)
    for chunk in interaction.responses:
        if not context.is_active():
            return
        yield chunk
    _end(interaction, context)


def _end(interaction: Interaction, context: grpc.ServicerContext) -> None:
    """End a replayed call with its status (returns for OK); an abandoned one waits for the client."""
    status = interaction.status
    if status is None:
        # The client went away before this call ended: so should this one.
        _wait_while_active(context, ABANDONED_WAIT_SECONDS)
        context.abort(
            grpc.StatusCode.DEADLINE_EXCEEDED,
            f"the client abandoned this call when it was recorded; replayed, it was still waiting after "
            f"{ABANDONED_WAIT_SECONDS:g}s",
        )
    context.set_trailing_metadata(interaction.trailing_metadata)
    if status != grpc.StatusCode.OK:
        context.abort(status, interaction.details)
