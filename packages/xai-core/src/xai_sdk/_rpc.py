"""`Rpc`: one RPC of the API, as the generated descriptors describe it (see `xai_sdk.operations`)."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from xai_sdk.hookspecs import ChannelKind

__all__ = ["Rpc", "RpcKind", "rpc"]

RequestT = TypeVar("RequestT")
ResponseT = TypeVar("ResponseT")

RpcKind = Literal["unary", "server_stream", "client_stream"]
"""Whether an RPC sends and receives one message, or a stream of them one way."""


class Rpc(Generic[RequestT, ResponseT]):
    """One RPC of the API: its path, message types, streaming kind and channel.

    `channel` None means the channel of the sub-client that makes the call (its
    `ServiceSpec.channel`); name ``"api"`` or ``"management"`` to pin it.
    """

    __slots__ = ("channel", "kind", "path", "request_type", "response_type")

    def __init__(
        self,
        path: str,
        request_type: type[RequestT],
        response_type: type[ResponseT],
        *,
        kind: RpcKind = "unary",
        channel: ChannelKind | None = None,
    ) -> None:
        if not path.startswith("/") or path.count("/") != 2:
            raise ValueError(f"RPC path must look like '/package.Service/Method', got {path!r}")
        self.path = path
        self.request_type = request_type
        self.response_type = response_type
        self.kind = kind
        self.channel = channel

    def __repr__(self) -> str:
        return f"Rpc({self.path!r}, kind={self.kind!r})"


def rpc(module: Any, service: str, method: str, *, channel: ChannelKind | None = None) -> Rpc[Any, Any]:
    """The `Rpc` of ``service.method`` as the generated `module` describes it.

    Its path, message types and streaming kind come from the module's descriptor, so they cannot
    drift from the API's definition: ``rpc(chat_pb2, "Chat", "GetCompletion")``. `channel` as in
    `Rpc`. A name the module does not define raises `KeyError` (at import of the service).
    """
    from google.protobuf.message_factory import GetMessageClass  # noqa: PLC0415 - only here

    descriptor = module.DESCRIPTOR.services_by_name[service].methods_by_name[method]
    kind: RpcKind = (
        "client_stream"
        if descriptor.client_streaming
        else "server_stream"
        if descriptor.server_streaming
        else "unary"
    )
    return Rpc(
        f"/{descriptor.containing_service.full_name}/{method}",
        GetMessageClass(descriptor.input_type),
        GetMessageClass(descriptor.output_type),
        kind=kind,
        channel=channel,
    )
