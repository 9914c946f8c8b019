"""The emulator: a gRPC server on localhost that speaks the xAI API.

It serves every service of the API from one port (the API and the management API alike),
checks the bearer key of each call, records what it receives, injects the faults it is asked
for, and answers from in-memory state. RPCs it does not implement yet answer UNIMPLEMENTED.
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import grpc
from google.protobuf import message_factory

import xai_sdk.proto
from xai_sdk.emulator._base import EmulatorCall, RecordedCall, RpcAbort
from xai_sdk.emulator._endpoint import LocalEndpoint
from xai_sdk.emulator.content import ContentServer
from xai_sdk.emulator.faults import Faults, normalize_method
from xai_sdk.emulator.services import batch as batch_service
from xai_sdk.emulator.services import chat, service_classes
from xai_sdk.emulator.services import collections as collections_service
from xai_sdk.emulator.services import files as files_service
from xai_sdk.emulator.services import image as image_service
from xai_sdk.emulator.services import video as video_service

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["DEFAULT_API_KEY", "DEFAULT_MANAGEMENT_KEY", "Emulator"]

DEFAULT_API_KEY = "xai-emulator-api-key"
DEFAULT_MANAGEMENT_KEY = "xai-emulator-management-key"
MANAGEMENT_SERVICES = ("collections.",)
"""Services of the management API: their calls must carry the management key."""


def _services_of_the_api() -> Iterator[Any]:
    """Every service descriptor of the generated protos."""
    for module_info in pkgutil.iter_modules(xai_sdk.proto.__path__):
        if module_info.name.endswith("_pb2"):
            module = importlib.import_module(f"xai_sdk.proto.{module_info.name}")
            yield from module.DESCRIPTOR.services_by_name.values()


class _Router(grpc.GenericRpcHandler):  # type: ignore[type-arg]
    def __init__(self, handlers: dict[str, grpc.RpcMethodHandler[Any, Any]]) -> None:
        self._handlers = handlers

    def service(
        self, handler_call_details: grpc.HandlerCallDetails
    ) -> grpc.RpcMethodHandler[Any, Any] | None:
        return self._handlers.get(handler_call_details.method)


class Emulator(LocalEndpoint):
    """A local fake of xAI's API, for tests and offline demos.

    Use it as a context manager (or `start()` / `stop()`)::

        with Emulator() as emulator:
            client = emulator.client()
            client.models.list_language_models()
            emulator.faults.fail("Models/ListLanguageModels", grpc.StatusCode.UNAVAILABLE, times=2)
            assert emulator.calls("Models/ListLanguageModels")[0].headers["xai-sdk-language"]
            emulator.chat.script("The next chat completion says this.")

    Args:
        host: the interface to listen on; loopback by default.
        port: the port; 0 picks a free one (see `port` after `start()`).
        api_key: the key API calls must carry.
        management_api_key: the key management API (collections) calls must carry.
        max_workers: threads serving RPCs.

    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str = DEFAULT_API_KEY,
        management_api_key: str = DEFAULT_MANAGEMENT_KEY,
        max_workers: int = 32,
    ) -> None:
        self.host = host
        self.port = port
        self.api_key = api_key
        self.management_api_key = management_api_key
        self.faults = Faults()
        self._max_workers = max_workers
        self._lock = threading.Lock()
        self._records: list[RecordedCall] = []
        self._request_ids = itertools.count(1)
        self._server: grpc.Server | None = None
        self.content = ContentServer(host)
        """Publishes bytes at http:// URLs (generated media, public file URLs) for the services."""
        self._implementations: dict[str, Any] = {cls.full_name: cls() for cls in service_classes()}
        for implementation in self._implementations.values():
            if hasattr(implementation, "attach"):
                implementation.attach(self)

    def service(self, full_name: str) -> Any:
        """The implementation of a gRPC service, e.g. ``emulator.service("xai_api.Chat")``."""
        return self._implementations[full_name]

    @property
    def chat(self) -> chat.Chat:
        """The chat service: script its replies (`xai_sdk.emulator.chat`), set `deferred_polls`."""
        return self.service(chat.Chat.full_name)  # type: ignore[no-any-return]

    @property
    def batch(self) -> batch_service.BatchMgmt:
        """The batch service: `process_per_poll`, `process`, `complete`, `fail`, `fail_next`."""
        return self.service(batch_service.BatchMgmt.full_name)  # type: ignore[no-any-return]

    @property
    def image(self) -> image_service.Image:
        """The image service: withhold images as moderation would (`moderate_next`)."""
        return self.service(image_service.Image.full_name)  # type: ignore[no-any-return]

    @property
    def video(self) -> video_service.Video:
        """The video service: set `deferred_polls`, make jobs fail (`fail_next`) or expire (`expire_next`)."""
        return self.service(video_service.Video.full_name)  # type: ignore[no-any-return]

    @property
    def files(self) -> files_service.Files:
        """The Files service: its stored files (`add_file`, `data`), `content_chunk_size`."""
        return self.service(files_service.Files.full_name)  # type: ignore[no-any-return]

    @property
    def collections(self) -> collections_service.Collections:
        """The Collections service: set `indexing_polls`, make indexings fail (`fail_indexing`)."""
        return self.service(collections_service.Collections.full_name)  # type: ignore[no-any-return]

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> Self:
        """Start serving; returns self. The port is known after this."""
        if self._server is not None:
            return self
        self._server = self._listen(
            _Router(self._handlers()),
            name="emulator",
            max_workers=self._max_workers,
            options=[("grpc.max_receive_message_length", 64 * 1024 * 1024)],
        )
        self.content.start()
        return self

    def stop(self, grace: float | None = 0.2) -> None:
        """Stop serving; calls still running get `grace` seconds to finish."""
        if self._server is not None:
            self._server.stop(grace).wait()
            self._server = None
        self.content.stop()

    def __repr__(self) -> str:
        state = f"serving on {self.address}" if self._server is not None else "stopped"
        return f"<Emulator {state}>"

    # -- connecting -----------------------------------------------------------------------------

    # -- what was received ----------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedCall]:
        """Every RPC received since the start (or the last `reset`), oldest first."""
        with self._lock:
            return list(self._records)

    def calls(self, method: str) -> list[RecordedCall]:
        """The received RPCs of one method, e.g. ``"Models/ListLanguageModels"``."""
        path = normalize_method(method)
        return [record for record in self.requests if path in ("*", record.method)]

    def reset(self) -> None:
        """Forget recorded calls, pending faults, and every service's state and scripts.

        Request ids start over at ``emu-00000001``, as the ids of what the services store do.
        """
        with self._lock:
            self._records.clear()
            self._request_ids = itertools.count(1)
        self.faults.clear()
        self.content.reset()
        for implementation in self._implementations.values():
            reset = getattr(implementation, "reset", None)
            if reset is not None:
                reset()

    # -- serving --------------------------------------------------------------------------------

    def _handlers(self) -> dict[str, grpc.RpcMethodHandler[Any, Any]]:
        handlers = {}
        for service in _services_of_the_api():
            implementation = self._implementations.get(service.full_name)
            for method in service.methods:
                path = f"/{service.full_name}/{method.name}"
                function = getattr(implementation, method.name, None)
                request_type = message_factory.GetMessageClass(method.input_type)
                response_type = message_factory.GetMessageClass(method.output_type)
                make: Any
                if method.client_streaming:
                    make = grpc.stream_unary_rpc_method_handler
                    handle = self._unary(path, function, streamed_requests=True)
                elif method.server_streaming:
                    make, handle = grpc.unary_stream_rpc_method_handler, self._server_stream(path, function)
                else:
                    make, handle = grpc.unary_unary_rpc_method_handler, self._unary(path, function)
                handlers[path] = make(
                    handle,
                    request_deserializer=request_type.FromString,
                    response_serializer=response_type.SerializeToString,
                )
        return handlers

    def _begin(self, path: str, request: Any, context: grpc.ServicerContext, function: Any) -> EmulatorCall:
        """Record the call, apply the faults asked for, check the key. Aborts the RPC if needed."""
        request_id = f"emu-{next(self._request_ids):08d}"
        # Failures carry the id in trailing metadata. Initial metadata is sent only with an
        # answer: once a client has received it, gRPC no longer retries the call.
        context.set_trailing_metadata((("x-request-id", request_id),))
        record = RecordedCall(
            path, request, tuple(context.invocation_metadata()), request_id, context.time_remaining()
        )
        with self._lock:
            self._records.append(record)
        call = EmulatorCall(record, context)
        for fault in self.faults.take(path):
            if fault.delay:
                _wait_while_active(context, fault.delay)
            if fault.code is not None and fault.after_chunks is None:
                if fault.retry_after is not None:
                    hint = _retry_hint(fault.code, fault.details, fault.retry_after)
                    context.set_trailing_metadata((("x-request-id", request_id), *hint))
                context.abort(fault.code, fault.details)
            if fault.after_chunks is not None:
                call.stream_fault = fault
        self._authenticate(path, record, context)
        if function is None:
            context.abort(grpc.StatusCode.UNIMPLEMENTED, f"the emulator does not implement {path} yet")
        return call

    def _authenticate(self, path: str, record: RecordedCall, context: grpc.ServicerContext) -> None:
        header = record.headers.get("authorization")
        if not header:
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "missing the 'authorization: Bearer <key>' header")
        expected = (
            self.management_api_key
            if path.startswith(tuple("/" + s for s in MANAGEMENT_SERVICES))
            else self.api_key
        )
        if header != f"Bearer {expected}":
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "invalid API key")

    def _unary(
        self, path: str, function: Any, *, streamed_requests: bool = False
    ) -> Callable[[Any, grpc.ServicerContext], Any]:
        def handle(request: Any, context: grpc.ServicerContext) -> Any:
            # A client stream's requests are an iterator the implementation consumes: the record
            # keeps its first message (an upload's init), never the whole stream.
            call = self._begin(path, None if streamed_requests else request, context, function)
            if streamed_requests:
                request = _recording_first(request, call.record)
            try:
                response = function(request, call)
            except RpcAbort as abort:
                context.abort(abort.code, abort.details)
            _send_request_id(call)
            return response

        return handle

    def _server_stream(
        self, path: str, function: Any
    ) -> Callable[[Any, grpc.ServicerContext], Iterator[Any]]:
        def handle(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
            call = self._begin(path, request, context, function)
            fault = call.stream_fault
            try:
                for sent, chunk in enumerate(function(request, call)):
                    if fault is not None and sent == fault.after_chunks:
                        break
                    if sent == 0:
                        _send_request_id(call)
                    yield chunk
            except RpcAbort as abort:
                context.abort(abort.code, abort.details)
            except GeneratorExit:  # grpc closes the handler when the client cancels
                call.record.cancelled = True
                raise
            if not call.is_active:  # the implementation saw the client go away and stopped
                call.record.cancelled = True
                return
            if fault is not None and fault.code is not None:
                context.abort(fault.code, fault.details)

        return handle


def _retry_hint(code: grpc.StatusCode, details: str, seconds: float) -> tuple[tuple[str, str | bytes], ...]:
    """The metadata of a server asking for a retry after `seconds`: pushback and RetryInfo."""
    from google.protobuf import duration_pb2  # noqa: PLC0415
    from google.rpc import error_details_pb2, status_pb2  # noqa: PLC0415

    info = error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(nanos=0, seconds=0))
    info.retry_delay.FromNanoseconds(int(seconds * 1e9))
    status = status_pb2.Status(code=code.value[0], message=details)
    status.details.add().Pack(info)
    return (
        ("grpc-retry-pushback-ms", str(int(seconds * 1000))),
        ("grpc-status-details-bin", status.SerializeToString()),
    )


def _recording_first(messages: Iterator[Any], record: RecordedCall) -> Iterator[Any]:
    """The messages of a client stream; the first one becomes the record's request as it is read."""
    for index, message in enumerate(messages):
        if index == 0:
            record.request = message
        yield message


def _send_request_id(call: EmulatorCall) -> None:
    call.context.send_initial_metadata((("x-request-id", call.record.request_id),))


def _wait_while_active(context: grpc.ServicerContext, seconds: float) -> None:
    """Sleep `seconds`, or less if the client gives up (cancels or reaches its deadline)."""
    done = threading.Event()
    context.add_callback(done.set)
    done.wait(seconds)
