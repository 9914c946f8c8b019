"""The official SDK's module of the asyncio client: ``Client`` is `xai_sdk.AsyncClient`.

Its sub-client modules are attributes, as in the official module (``xai_sdk.aio.client.chat``
is ``xai_sdk.aio.chat``), imported on first access.
"""

from xai_sdk._client import AsyncClient as Client
from xai_sdk._client import BaseClient
from xai_sdk._official_paths import CLIENT_MODULES, lazy_submodules
from xai_sdk.client import create_channel_credentials
from xai_sdk.interceptors import (
    UnaryStreamAuthAioInterceptor,
    UnaryStreamTimeoutAioInterceptor,
    UnaryUnaryAuthAioInterceptor,
    UnaryUnaryTimeoutAioInterceptor,
)

__all__ = [
    "BaseClient",
    "Client",
    "UnaryStreamAuthAioInterceptor",
    "UnaryStreamTimeoutAioInterceptor",
    "UnaryUnaryAuthAioInterceptor",
    "UnaryUnaryTimeoutAioInterceptor",
    "create_channel_credentials",
]
__getattr__ = lazy_submodules("xai_sdk.aio", CLIENT_MODULES, owner=__name__)
