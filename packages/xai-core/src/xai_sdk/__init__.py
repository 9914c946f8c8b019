"""The xAI SDK: `Client` and `AsyncClient` for xAI's gRPC API.

Services (`client.chat`, `client.models`, ...) come from separately installed distributions
that plug into the client; `pip install "xai-sdk[chat,models]"` picks them.
"""

import pkgutil

# The service distributions install subpackages of `xai_sdk` from their own source trees; in
# editable installs those trees are separate directories, which this makes importable.
__path__ = pkgutil.extend_path(__path__, __name__)

from xai_sdk._client import AsyncClient, Client
from xai_sdk._version import __version__

__all__ = ["AsyncClient", "Client", "__version__"]
