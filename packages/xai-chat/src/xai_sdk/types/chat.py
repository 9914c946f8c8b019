"""The official SDK's module of chat's types (``xai_sdk.types.chat``), defined in `xai_sdk.chat._types`."""

from xai_sdk.chat._types import *  # noqa: F403
from xai_sdk.proto import chat_pb2 as chat_pb2  # noqa: PLC0414 - re-exported, for type checkers
