"""The official SDK's package of the blocking client and its sub-clients.

``xai_sdk.sync.client.Client`` is `xai_sdk.Client`; ``xai_sdk.sync.chat.Client`` is the class of
``client.chat``, and so on: each module is provided by the service's distribution and imported
on first use.
"""

from xai_sdk._official_paths import client_package

__path__, __all__, __getattr__ = client_package(__name__, __path__)
