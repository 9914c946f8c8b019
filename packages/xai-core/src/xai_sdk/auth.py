"""`client.auth`: what the server knows about the API key in use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from google.protobuf import empty_pb2

from xai_sdk._compat import lazy_names
from xai_sdk.operations import Operation, Timeout, rpc, unary
from xai_sdk.proto import auth_pb2
from xai_sdk.service import Async, Bound, ModeT, Sync, operation

if TYPE_CHECKING:  # imported on first access (the official module has them)
    from xai_sdk.proto import auth_pb2_grpc

__all__ = ["AsyncAuth", "Auth", "BaseClient", "SyncAuth", "auth_pb2_grpc"]

GET_API_KEY_INFO = rpc(auth_pb2, "Auth", "get_api_key_info")


class Auth(Bound[ModeT]):
    """The ``auth`` sub-client (part of the core, the xai-sdk distribution)."""

    @operation
    def get_api_key_info(self, *, timeout: Timeout = None) -> Operation[auth_pb2.ApiKey]:
        """Describe the API key: its redacted form, team, ACLs and whether it is blocked.

        Returns the `auth_pb2.ApiKey` message.
        """
        return unary(GET_API_KEY_INFO, empty_pb2.Empty(), timeout=timeout)


class SyncAuth(Auth[Sync]):
    """``client.auth`` of `xai_sdk.Client` (the official ``xai_sdk.sync.auth.Client``)."""


class AsyncAuth(Auth[Async]):
    """``client.auth`` of `xai_sdk.AsyncClient` (the official ``xai_sdk.aio.auth.Client``)."""


BaseClient = Auth
"""The official SDK's name of the auth sub-client class."""

__getattr__ = lazy_names(__name__, {"auth_pb2_grpc": "xai_sdk.proto"})
