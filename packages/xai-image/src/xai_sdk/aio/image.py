"""The official SDK's module of the asyncio image sub-client: ``Client`` is ``client.image``'s class.

It has the names of `xai_sdk.image` too, as the official module does (and more).
"""

from xai_sdk import image
from xai_sdk._compat import tracing_names
from xai_sdk.client import USER_AGENT
from xai_sdk.image import *  # noqa: F403
from xai_sdk.image import AsyncImageClient as Client
from xai_sdk.image import AsyncImageResponseType as ImageResponse
from xai_sdk.proto import batch_pb2

__all__ = ["ImageResponse", "Client", "USER_AGENT", "batch_pb2"]
__all__ += image.__all__
__getattr__ = tracing_names(__name__)
