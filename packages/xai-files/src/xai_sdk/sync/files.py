"""The official SDK's module of the blocking files sub-client: ``Client`` is ``client.files``'s class.

It has the names of `xai_sdk.files` too, as the official module does (and more).
"""

from xai_sdk import files
from xai_sdk._compat import tracing_names
from xai_sdk.files import *  # noqa: F403
from xai_sdk.files import SyncFiles as Client

__all__ = ["Client"]
__all__ += files.__all__
__getattr__ = tracing_names(__name__)
