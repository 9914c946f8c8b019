"""A raw gRPC server that answers the SDK's RPCs with faults, for the response-side fault suite.

It serves every method of every service of the API (unary, server stream, client stream) with
generic handlers that receive and return raw bytes, so it can send what a real server never
would: bytes that are not a message, a truncated message, a message of another type, absurd
trailers. Each call chooses its fault with metadata (the SDK's own metadata, the key included,
is accepted and ignored), so one server serves a whole module and calls never race over a
shared setting::

    x-fault        the behaviour, a key of `BEHAVIOURS` (none: a healthy answer)
    x-fault-rpc    the method path the fault applies to; the call's other RPCs are answered
                   healthily (none: every RPC of the call)
    x-fault-after  healthy messages of a stream sent (or requests read) before the fault
    x-fault-payload-bin  the bytes that the ``payload`` behaviour sends as the message
    x-call         an id the test gives the call, to find what the server received for it

Every call gets an ``x-request-id`` in its initial metadata, recorded in `FaultServer.received`.
The server "dies" by being replaced: a new server starts on the same port (SO_REUSEPORT), then
the old one stops, cutting its calls; so the port never refuses a connection and the next call
reaches a healthy server without waiting for gRPC's reconnection backoff.
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf import duration_pb2, message, message_factory
from google.rpc import error_details_pb2, status_pb2

import xai_sdk.proto
from xai_sdk.proto import (
    auth_pb2,
    batch_pb2,
    chat_pb2,
    collections_pb2,
    deferred_pb2,
    files_pb2,
    image_pb2,
    sample_pb2,
    video_pb2,
)

__all__ = ["BEHAVIOURS", "GARBAGE", "OTHER_TYPE", "FaultServer", "Method", "Received", "methods"]

LONGEST_HANG = 30.0
"""Seconds a hanging handler waits at most for its call to end (it normally ends at the deadline)."""

GARBAGE = b"\x0a\xff\xff\xff\xff\x0f"
"""Not a message of any type: a length-delimited field 1 announcing 4 GiB that never come."""

OTHER_TYPE = auth_pb2.ApiKey(
    redacted_api_key="xai-...abcd", user_id="user-1", name="a key", team_id="team-1", acls=["api-key:*"]
).SerializeToString()
"""A valid message of another type: it may parse as garbage fields of the expected one, or fail."""


@dataclass(frozen=True)
class Method:
    """One RPC of the API: its path, streaming kind and response message class."""

    path: str
    kind: str  # "unary", "server_stream" or "client_stream"
    response_type: type[message.Message]


def methods() -> dict[str, Method]:
    """Every method of every service of the generated protos, by path."""
    found: dict[str, Method] = {}
    for info in pkgutil.iter_modules(xai_sdk.proto.__path__):
        if not info.name.endswith("_pb2"):
            continue
        module = importlib.import_module(f"xai_sdk.proto.{info.name}")
        for service in module.DESCRIPTOR.services_by_name.values():
            for rpc in service.methods:
                kind = (
                    "server_stream"
                    if rpc.server_streaming
                    else "client_stream"
                    if rpc.client_streaming
                    else "unary"
                )
                response_type = _message_class(rpc.output_type)
                path = f"/{service.full_name}/{rpc.name}"
                found[path] = Method(path, kind, response_type)
    return found


def _message_class(descriptor: Any) -> type[message.Message]:
    return message_factory.GetMessageClass(descriptor)


def _healthy_answers() -> dict[str, list[message.Message]]:
    """What a healthy server answers where an empty message would not do (polls that finish...)."""
    completion = chat_pb2.GetChatCompletionResponse(
        id="completion-1",
        model="grok-4",
        outputs=[
            chat_pb2.CompletionOutput(
                finish_reason=sample_pb2.REASON_STOP,
                message=chat_pb2.CompletionMessage(role=chat_pb2.ROLE_ASSISTANT, content='{"answer": 42}'),
            )
        ],
    )

    def chunk(content: str) -> chat_pb2.GetChatCompletionChunk:
        delta = chat_pb2.Delta(role=chat_pb2.ROLE_ASSISTANT, content=content)
        return chat_pb2.GetChatCompletionChunk(id="completion-1", outputs=[{"index": 0, "delta": delta}])

    video = video_pb2.VideoResponse(video=video_pb2.GeneratedVideo(url="https://example.com/v.mp4"))
    return {
        "/xai_api.Chat/GetCompletion": [completion],
        "/xai_api.Chat/GetStoredCompletion": [completion],
        "/xai_api.Chat/GetCompletionChunk": [chunk("one"), chunk(" two"), chunk(" three")],
        "/xai_api.Chat/StartDeferredCompletion": [
            deferred_pb2.StartDeferredResponse(request_id="deferred-1")
        ],
        "/xai_api.Chat/GetDeferredCompletion": [
            chat_pb2.GetDeferredCompletionResponse(status=deferred_pb2.DONE, response=completion)
        ],
        "/xai_api.Chat/DeleteStoredCompletion": [chat_pb2.DeleteStoredCompletionResponse(response_id="c-1")],
        "/xai_api.Image/GenerateImage": [
            image_pb2.ImageResponse(images=[image_pb2.GeneratedImage(url="https://example.com/i.png")])
        ],
        "/xai_api.Video/GenerateVideo": [deferred_pb2.StartDeferredResponse(request_id="video-1")],
        "/xai_api.Video/ExtendVideo": [deferred_pb2.StartDeferredResponse(request_id="video-1")],
        "/xai_api.Video/GetDeferredVideo": [
            video_pb2.GetDeferredVideoResponse(status=deferred_pb2.DONE, response=video)
        ],
        "/xai_api.Files/UploadFile": [files_pb2.File(id="file-1", filename="notes.txt", size=5)],
        "/xai_api.Files/RetrieveFileContent": [
            files_pb2.FileContentChunk(data=b"hello "),
            files_pb2.FileContentChunk(data=b"world"),
        ],
        "/collections.Collections/GetDocumentMetadata": [
            collections_pb2.DocumentMetadata(status=collections_pb2.DOCUMENT_STATUS_PROCESSED)
        ],
        "/xai_api.BatchMgmt/CreateBatch": [batch_pb2.Batch(batch_id="batch-1", name="b")],
    }


@dataclass(frozen=True)
class Received:
    """One RPC the server received: its method, the call's fault and id, the request id it gave."""

    path: str
    fault: str
    call: str
    request_id: str


@dataclass
class ServerCall:
    """What a behaviour sees of the call it answers."""

    method: Method
    context: grpc.ServicerContext
    healthy: list[bytes]
    after: int
    payload: bytes
    server: FaultServer
    requests: Iterator[bytes] | None  # a client stream's requests, not yet read
    request_id: str
    ended: threading.Event = field(default_factory=threading.Event)

    def read_requests(self, count: int | None = None) -> None:
        """Read `count` requests of a client stream (all of them for None)."""
        if self.requests is not None:
            for _ in itertools.islice(self.requests, count):
                pass

    def first_messages(self) -> list[bytes]:
        """The healthy messages sent before the fault (client streams: requests read instead)."""
        if self.method.kind == "client_stream":
            self.read_requests(self.after)
            return []
        return self.healthy[: self.after]

    def wait_for_the_end(self) -> None:
        """Block until the client gives up on the call (deadline, cancellation, cut connection)."""
        self.ended.wait(LONGEST_HANG)


Behaviour = Callable[[ServerCall], Iterator[bytes]]
"""Answers a call: yields the messages to send (a unary call sends the last one), may abort."""


def healthy(call: ServerCall) -> Iterator[bytes]:
    call.read_requests()
    yield from call.healthy


def sends(payload: Callable[[ServerCall], bytes]) -> Behaviour:
    """The healthy messages before the fault, then `payload` as the next message."""

    def behaviour(call: ServerCall) -> Iterator[bytes]:
        yield from call.first_messages()
        call.read_requests()
        yield payload(call)

    return behaviour


def truncated(call: ServerCall) -> bytes:
    """A healthy answer cut short: its last field announces 8 bytes and carries 5."""
    return call.healthy[min(call.after, len(call.healthy) - 1)] + b"\xc2\x3e\x08" + b"trunc"


def fails(
    code: grpc.StatusCode, details: str = "", trailers: Sequence[tuple[str, str | bytes]] = ()
) -> Behaviour:
    """End the call with a status, trailers only (after the healthy messages before the fault)."""

    def behaviour(call: ServerCall) -> Iterator[bytes]:
        yield from call.first_messages()
        call.read_requests()
        call.context.set_trailing_metadata((("x-request-id", call.request_id), *trailers))
        call.context.abort(code, details)

    return behaviour


def _retry_info(seconds: float) -> bytes:
    delay = duration_pb2.Duration()
    delay.FromNanoseconds(int(seconds * 1e9))
    status = status_pb2.Status(code=grpc.StatusCode.UNAVAILABLE.value[0], message="busy")
    status.details.add().Pack(error_details_pb2.RetryInfo(retry_delay=delay))
    serialized: bytes = status.SerializeToString()
    return serialized


def hangs(call: ServerCall) -> Iterator[bytes]:
    """Send the messages before the fault, then never answer."""
    yield from call.first_messages()
    call.wait_for_the_end()


def dies(call: ServerCall) -> Iterator[bytes]:
    """Send the messages before the fault, then the server dies (and a new one takes its port)."""
    yield from call.first_messages()
    call.server.replace(grace=0)
    call.wait_for_the_end()


def goes_away(call: ServerCall) -> Iterator[bytes]:
    """GOAWAY mid-call: the server stops gracefully while the call runs; the call completes."""
    messages = call.healthy
    yield from messages[: call.after]
    call.server.replace(grace=10.0)
    call.read_requests()
    yield from messages[call.after :]


UNAVAILABLE = grpc.StatusCode.UNAVAILABLE

BEHAVIOURS: dict[str, Behaviour] = {
    "healthy": healthy,
    "garbage": sends(lambda call: GARBAGE),
    "truncated": sends(truncated),
    "other-type": sends(lambda call: OTHER_TYPE),
    "payload": sends(lambda call: call.payload),
    "internal": fails(grpc.StatusCode.INTERNAL, "the server broke"),
    "not-found-without-details": fails(grpc.StatusCode.NOT_FOUND),
    "unavailable": fails(UNAVAILABLE, "try again"),
    "rate-limited-with-retry-info": fails(
        grpc.StatusCode.RESOURCE_EXHAUSTED, "slow down", [("grpc-status-details-bin", _retry_info(0.001))]
    ),
    "details-bin-garbage": fails(UNAVAILABLE, "busy", [("grpc-status-details-bin", GARBAGE)]),
    "pushback-negative": fails(UNAVAILABLE, "busy", [("grpc-retry-pushback-ms", "-1")]),
    "pushback-not-a-number": fails(UNAVAILABLE, "busy", [("grpc-retry-pushback-ms", "soon")]),
    "pushback-huge": fails(UNAVAILABLE, "busy", [("grpc-retry-pushback-ms", str(10**12))]),
    "retry-info-huge": fails(UNAVAILABLE, "busy", [("grpc-status-details-bin", _retry_info(10**11))]),
    "retry-info-negative": fails(UNAVAILABLE, "busy", [("grpc-status-details-bin", _retry_info(-5))]),
    "hangs": hangs,
    "dies": dies,
    "goaway": goes_away,
}


class FaultServer:
    """The server: `start()`, give clients `address`, read `received`; `stop()` at the end."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = 0
        self.methods = methods()
        self._healthy = {
            path: [answer.SerializeToString() for answer in answers]
            for path, answers in _healthy_answers().items()
        }
        self.received: list[Received] = []
        self.restarts = 0
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._server: grpc.Server | None = None
        # Shared by every incarnation of the server (grpc never shuts a server's pool down).
        self._workers = futures.ThreadPoolExecutor(max_workers=512, thread_name_prefix="fault-server")

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self) -> FaultServer:
        self._server = self._serve()
        return self

    def stop(self) -> None:
        with self._lock:
            server, self._server = self._server, None
        if server is not None:
            server.stop(None).wait()
        self._workers.shutdown(wait=False, cancel_futures=True)

    def replace(self, grace: float | None) -> None:
        """The server dies (its calls get `grace` seconds) and a new one serves the same port."""
        with self._lock:
            old, self._server = self._server, self._serve()
            self.restarts += 1
        if old is not None:
            old.stop(grace)

    def calls(self, call: str, path: str | None = None) -> list[Received]:
        """The RPCs received for the call with this id (of one method if `path` is given)."""
        with self._lock:
            return [seen for seen in self.received if seen.call == call and path in (None, seen.path)]

    def healthy_answer(self, path: str) -> list[bytes]:
        """The messages a healthy server answers (an empty message, or two for a server stream)."""
        method = self.methods[path]
        default = method.response_type().SerializeToString()
        return self._healthy.get(path) or [default] * (2 if method.kind == "server_stream" else 1)

    # -- serving ------------------------------------------------------------------------------

    def _serve(self) -> grpc.Server:
        server = grpc.server(self._workers, options=[("grpc.so_reuseport", 1)])
        server.add_generic_rpc_handlers([_Handlers(self)])
        port = server.add_insecure_port(f"{self.host}:{self.port}")
        if not port:
            raise OSError(f"the fault server could not listen on {self.host}:{self.port}")
        self.port = port
        server.start()
        return server

    def _answer(self, method: Method, context: grpc.ServicerContext, requests: Any) -> Iterator[bytes]:
        metadata = dict(context.invocation_metadata())
        fault = str(metadata.get("x-fault", "healthy"))
        target = metadata.get("x-fault-rpc")
        if target is not None and target != method.path:
            fault = "healthy"
        request_id = f"req-{next(self._ids)}"
        with self._lock:
            self.received.append(Received(method.path, fault, str(metadata.get("x-call", "")), request_id))
        call = ServerCall(
            method,
            context,
            self.healthy_answer(method.path),
            int(metadata.get("x-fault-after", 0)),
            payload if isinstance(payload := metadata.get("x-fault-payload-bin", b""), bytes) else b"",
            self,
            requests,
            request_id,
        )
        context.add_callback(call.ended.set)
        # The request id goes with the first message (headers), else with the status (trailers):
        # gRPC retries a call only when the server answered with trailers alone.
        context.set_trailing_metadata((("x-request-id", request_id),))
        for index, answer in enumerate(BEHAVIOURS[fault](call)):
            if index == 0:
                context.send_initial_metadata((("x-request-id", request_id),))
            yield answer


class _Handlers(grpc.GenericRpcHandler):  # type: ignore[type-arg]
    """Raw-bytes handlers of every method, for the kind of each."""

    def __init__(self, server: FaultServer) -> None:
        self._server = server

    def service(self, details: grpc.HandlerCallDetails) -> Any:
        method = self._server.methods.get(details.method)
        if method is None:
            return None
        answer = self._server._answer

        def unary(request: bytes, context: grpc.ServicerContext) -> bytes | None:
            last = None
            for last in answer(method, context, None):  # noqa: B007 - a unary call sends the last
                pass
            return last

        def server_stream(request: bytes, context: grpc.ServicerContext) -> Iterator[bytes]:
            yield from answer(method, context, None)

        def client_stream(requests: Iterator[bytes], context: grpc.ServicerContext) -> bytes | None:
            last = None
            for last in answer(method, context, requests):  # noqa: B007
                pass
            return last

        if method.kind == "server_stream":
            return grpc.unary_stream_rpc_method_handler(server_stream)
        if method.kind == "client_stream":
            return grpc.stream_unary_rpc_method_handler(client_stream)
        return grpc.unary_unary_rpc_method_handler(unary)
