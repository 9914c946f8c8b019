"""The official SDK's module of the asyncio collections sub-client (``client.collections``'s class).

It has the names of `xai_sdk.collections` too, as the official module does (and more).
"""

from xai_sdk import collections
from xai_sdk._compat import tracing_names
from xai_sdk.collections import *  # noqa: F403
from xai_sdk.collections import AsyncCollections as Client
from xai_sdk.poll_timer import PollTimer
from xai_sdk.proto import documents_pb2

__all__ = ["Client", "PollTimer", "documents_pb2"]
__all__ += collections.__all__
__getattr__ = tracing_names(__name__)
