"""The official SDK's module of the blocking batch sub-client: ``Client`` is ``client.batch``'s class.

It has the names of `xai_sdk.batch` too, as the official module does (and more).
"""

from xai_sdk import batch
from xai_sdk.batch import *  # noqa: F403
from xai_sdk.batch import SyncBatchClient as Client
from xai_sdk.chat import BaseChat

__all__ = ["BaseChat", "Client"]
__all__ += batch.__all__
