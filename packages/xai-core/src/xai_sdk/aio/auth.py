"""The official SDK's module of the asyncio auth sub-client: ``Client`` is ``client.auth``'s class."""

from xai_sdk._compat import tracing_names
from xai_sdk.auth import AsyncAuth as Client
from xai_sdk.auth import BaseClient
from xai_sdk.proto import auth_pb2

__all__ = ["BaseClient", "Client", "auth_pb2"]
__getattr__ = tracing_names(__name__)
