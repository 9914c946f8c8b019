"""Video generation and extension, sync and async (``client.video``).

::

    from xai_sdk import Client

    client = Client()
    video = client.video.generate("A timelapse of clouds over a mountain", "grok-imagine-video", duration=6)
    print(video.url, video.duration)
    longer = client.video.extend("The sun sets", "grok-imagine-video", video_url=video.url)

`generate` and `extend` start a job and poll it (every second, for up to ten minutes by
default: ``timeout=`` and ``interval=``); `start`, `extend_start` and `get` do the steps one by
one; `prepare` and `prepare_extension` build batch requests. A job the server reports failed
raises `VideoGenerationError`.
"""

from typing import TYPE_CHECKING

from xai_sdk._compat import lazy_names, should_disable_sensitive_attributes
from xai_sdk.cost import cost_usd_from_usage
from xai_sdk.meta import ProtoDecorator
from xai_sdk.proto import image_pb2, usage_pb2, video_pb2
from xai_sdk.service import Async, Sync
from xai_sdk.storage import StorageOptions
from xai_sdk.types.model import VideoGenerationModel
from xai_sdk.video._client import DEFAULT_VIDEO_POLL_INTERVAL, DEFAULT_VIDEO_TIMEOUT, VideoClient
from xai_sdk.video._request import (
    EXTENSION_DURATION_RANGE,
    GENERATION_DURATION_RANGE,
    convert_video_aspect_ratio_to_pb,
    convert_video_resolution_to_pb,
    extend_video_request,
    generate_video_request,
)
from xai_sdk.video._response import VideoGenerationError, VideoResponse
from xai_sdk.video._types import (
    FileIdKeyframe,
    Keyframe,
    KeyframeValidator,
    ReferenceAudio,
    ReferenceAudioValidator,
    UrlKeyframe,
    VideoAspectRatio,
    VideoAspectRatioMap,
    VideoResolution,
    VideoResolutionMap,
    VoiceAudioRef,
)

if TYPE_CHECKING:  # imported on first access (the official module has them)
    from xai_sdk.proto import video_pb2_grpc


class SyncVideoClient(VideoClient[Sync]):
    """``client.video`` of `xai_sdk.Client` (the official ``xai_sdk.sync.video.Client``)."""


class AsyncVideoClient(VideoClient[Async]):
    """``client.video`` of `xai_sdk.AsyncClient` (the official ``xai_sdk.aio.video.Client``)."""


BaseClient = VideoClient
"""The official SDK's name of the video sub-client class."""

__all__ = [
    "SyncVideoClient",
    "AsyncVideoClient",
    "ProtoDecorator",
    "cost_usd_from_usage",
    "image_pb2",
    "should_disable_sensitive_attributes",
    "usage_pb2",
    "video_pb2",
    "video_pb2_grpc",
    "DEFAULT_VIDEO_POLL_INTERVAL",
    "DEFAULT_VIDEO_TIMEOUT",
    "EXTENSION_DURATION_RANGE",
    "GENERATION_DURATION_RANGE",
    "BaseClient",
    "FileIdKeyframe",
    "Keyframe",
    "KeyframeValidator",
    "ReferenceAudio",
    "ReferenceAudioValidator",
    "StorageOptions",
    "UrlKeyframe",
    "VideoAspectRatio",
    "VideoAspectRatioMap",
    "VideoClient",
    "VideoGenerationError",
    "VideoGenerationModel",
    "VideoResolution",
    "VideoResolutionMap",
    "VideoResponse",
    "VoiceAudioRef",
    "convert_video_aspect_ratio_to_pb",
    "convert_video_resolution_to_pb",
    "extend_video_request",
    "generate_video_request",
]

__getattr__ = lazy_names(__name__, {"video_pb2_grpc": "xai_sdk.proto"})
