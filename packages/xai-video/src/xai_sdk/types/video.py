"""The official SDK's module of video's types (``xai_sdk.types.video``), defined in `xai_sdk.video._types`."""

from xai_sdk.proto import video_pb2 as video_pb2  # noqa: PLC0414 - re-exported, for type checkers
from xai_sdk.video._types import *  # noqa: F403
