"""The official SDK's module of the asyncio video sub-client: ``Client`` is ``client.video``'s class.

It has the names of `xai_sdk.video` too, as the official module does (and more).
"""

from xai_sdk import video
from xai_sdk._compat import tracing_names
from xai_sdk.poll_timer import PollTimer
from xai_sdk.proto import batch_pb2, deferred_pb2
from xai_sdk.video import *  # noqa: F403
from xai_sdk.video import AsyncVideoClient as Client

__all__ = ["Client", "PollTimer", "batch_pb2", "deferred_pb2"]
__all__ += video.__all__
__getattr__ = tracing_names(__name__)
