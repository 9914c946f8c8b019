"""The RPCs of the API, read from the generated descriptors: streaming kind, message types, host."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from google.protobuf import message_factory

from xai_sdk.emulator.server import MANAGEMENT_SERVICES, _services_of_the_api

Streaming = Literal["unary", "server_stream", "client_stream", "bidi_stream"]
_STREAMING: dict[tuple[bool, bool], Streaming] = {
    (False, False): "unary",
    (False, True): "server_stream",
    (True, False): "client_stream",
    (True, True): "bidi_stream",
}


@dataclass(frozen=True)
class RpcInfo:
    """One RPC: its path, streaming kind, message classes, and which of the API's hosts serves it."""

    path: str
    streaming: Streaming
    request_type: Any
    response_type: Any
    management: bool
    """Served by the management API (``management-api.x.ai``) rather than ``api.x.ai``."""

    @property
    def streams_requests(self) -> bool:
        """Whether the client sends a stream of messages (an upload)."""
        return self.streaming in ("client_stream", "bidi_stream")

    @property
    def streams_responses(self) -> bool:
        """Whether the server answers with a stream of chunks."""
        return self.streaming in ("server_stream", "bidi_stream")


@cache
def rpcs() -> dict[str, RpcInfo]:
    """Every RPC of the generated protos, by path (``/xai_api.Chat/GetCompletion``)."""
    table = {}
    for service in _services_of_the_api():
        management = service.full_name.startswith(MANAGEMENT_SERVICES)
        for method in service.methods:
            streaming = _STREAMING[(method.client_streaming, method.server_streaming)]
            path = f"/{service.full_name}/{method.name}"
            table[path] = RpcInfo(
                path,
                streaming,
                message_factory.GetMessageClass(method.input_type),
                message_factory.GetMessageClass(method.output_type),
                management,
            )
    return table
