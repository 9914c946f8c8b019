"""The official SDK's module of the blocking client: ``Client`` is `xai_sdk.Client`.

Its sub-client modules are attributes, as in the official module (``xai_sdk.sync.client.chat``
is ``xai_sdk.sync.chat``), imported on first access.
"""

from xai_sdk._client import BaseClient, Client
from xai_sdk._official_paths import CLIENT_MODULES, lazy_submodules
from xai_sdk.client import create_channel_credentials
from xai_sdk.interceptors import AuthInterceptor, TimeoutInterceptor

__all__ = ["AuthInterceptor", "BaseClient", "Client", "TimeoutInterceptor", "create_channel_credentials"]
__getattr__ = lazy_submodules("xai_sdk.sync", CLIENT_MODULES, owner=__name__)
