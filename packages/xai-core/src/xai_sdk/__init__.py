"""The xAI SDK: `Client` and `AsyncClient` for xAI's gRPC API.

Services (`client.chat`, `client.models`, ...) come from separately installed distributions
that plug into the client; `pip install "xai-sdk[chat,models]"` picks them. The official SDK's
modules are attributes of this package too (``xai_sdk.chat``, ``xai_sdk.sync``, ...), imported
on first use.
"""

import pkgutil

# The service distributions install subpackages of `xai_sdk` from their own source trees; in
# editable installs those trees are separate directories, which this makes importable.
__path__ = pkgutil.extend_path(__path__, __name__)

from xai_sdk import _official_paths
from xai_sdk._client import AsyncClient, Client
from xai_sdk._version import __version__

__all__ = ["AsyncClient", "Client", "__version__", "aio", "sync"]

_official_paths.install()

__getattr__ = _official_paths.lazy_submodules(
    __name__,
    (
        "aio",
        "auth",
        "batch",
        "chat",
        "client",
        "collections",
        "cost",
        "files",
        "image",
        "interceptors",
        "meta",
        "models",
        "poll_timer",
        "proto",
        "search",
        "service_tier",
        "sync",
        "telemetry",
        "tokenizer",
        "tools",
        "types",
        "video",
    ),
)
