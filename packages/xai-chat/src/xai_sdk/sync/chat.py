"""The official SDK's module of the blocking chat sub-client: ``Client`` is ``client.chat``'s class.

It has the names of `xai_sdk.chat` too, as the official module does (and more).
"""

from xai_sdk import chat
from xai_sdk._compat import tracing_names
from xai_sdk.chat import *  # noqa: F403
from xai_sdk.chat import SyncChatClient as Client
from xai_sdk.chat import SyncChatType as Chat
from xai_sdk.poll_timer import PollTimer
from xai_sdk.proto import deferred_pb2

__all__ = ["Chat", "Client", "PollTimer", "deferred_pb2"]
__all__ += chat.__all__
__getattr__ = tracing_names(__name__)
