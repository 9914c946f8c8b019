"""What the emulator and a cassette share as local servers: their address, and clients pointed at it."""

from __future__ import annotations

import errno
import socket
from concurrent import futures
from types import TracebackType
from typing import TYPE_CHECKING, Any

import grpc

from xai_sdk import AsyncClient, Client

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["LocalEndpoint"]


class LocalEndpoint:
    """A gRPC server on this machine that serves both of the API's hosts, and the keys it expects.

    Subclasses set `host`, `port`, `api_key` and `management_api_key`, and define `start` and
    `stop`; `with` starts and stops them.
    """

    host: str
    port: int
    api_key: str
    management_api_key: str

    def start(self) -> Self:
        """Start serving; returns self."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop serving."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def _bracketed_host(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host

    @property
    def address(self) -> str:
        """``host:port`` to give to a client as `api_host` and `management_api_host`."""
        return f"{self._bracketed_host}:{self.port}"

    def env(self) -> dict[str, str]:
        """The environment variables that point the SDK (or any client reading them) at this server."""
        return {
            "XAI_API_HOST": self.address,
            "XAI_MANAGEMENT_API_HOST": self.address,
            "XAI_API_KEY": self.api_key,
            "XAI_MANAGEMENT_KEY": self.management_api_key,
        }

    def client(self, **options: Any) -> Client:
        """A `Client` pointed at this server with its keys; `options` go to the constructor."""
        return Client(**self._client_arguments(options))

    def async_client(self, **options: Any) -> AsyncClient:
        """An `AsyncClient` pointed at this server with its keys."""
        return AsyncClient(**self._client_arguments(options))

    def _listen(
        self,
        handler: grpc.GenericRpcHandler[Any, Any],
        *,
        name: str,
        max_workers: int,
        options: list[tuple[str, Any]],
    ) -> grpc.Server:
        """Serve `handler` at `host` and `port` (0: a free one, then set), or raise OSError."""
        failure = f"the {name} could not listen on {self.address} (is the port in use?)"
        if self.port and _port_taken(self.host, self.port):
            raise OSError(failure)  # checked first: gRPC would log a line of its own before failing
        server = grpc.server(
            futures.ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=f"xai-{name}"),
            options=[*options, ("grpc.so_reuseport", 0)],
        )
        server.add_generic_rpc_handlers([handler])
        try:
            bound = server.add_insecure_port(self.address)
        except RuntimeError:  # grpc raises where older versions returned 0
            bound = 0
        if bound == 0:
            server.stop(None)
            raise OSError(failure)
        self.port = bound
        server.start()
        return server

    def _client_arguments(self, options: dict[str, Any]) -> dict[str, Any]:
        return {
            "api_key": self.api_key,
            "management_api_key": self.management_api_key,
            "api_host": self.address,
            "management_api_host": self.address,
            **options,
        }


def _port_taken(host: str, port: int) -> bool:
    """Whether another socket listens on `port` at an address of `host`."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except OSError:
        return False  # gRPC reports what it cannot resolve
    for family, kind, protocol, _, address in addresses:
        with socket.socket(family, kind, protocol) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    return True
    return False
