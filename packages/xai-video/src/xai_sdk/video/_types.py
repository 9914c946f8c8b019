"""Type aliases of the video API, the maps from their literals to proto enums, and validators.

`KeyframeValidator` and `ReferenceAudioValidator` keep the official SDK's names, its rules and its
``validate_python(value)`` method, without pydantic (see `xai_sdk.arguments`): they return the
entry checked and converted (the image URL or voice id stripped of surrounding whitespace, the
timestamp a float) or raise `xai_sdk.arguments.ValidationError`, a `ValueError` worded as
pydantic's.
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias, TypedDict

from xai_sdk.arguments import Validator, number, string, typed_dict, union
from xai_sdk.proto import video_pb2

__all__ = [
    "FileIdKeyframe",
    "Keyframe",
    "KeyframeValidator",
    "ReferenceAudio",
    "ReferenceAudioValidator",
    "UrlKeyframe",
    "Validator",
    "VideoAspectRatio",
    "VideoAspectRatioMap",
    "VideoResolution",
    "VideoResolutionMap",
    "VoiceAudioRef",
]

VideoAspectRatio: TypeAlias = Literal["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3"]
"""Width:height of a generated video; the API's default is ``"16:9"``."""

VideoAspectRatioMap: dict[VideoAspectRatio, video_pb2.VideoAspectRatio] = {
    "1:1": video_pb2.VIDEO_ASPECT_RATIO_1_1,
    "16:9": video_pb2.VIDEO_ASPECT_RATIO_16_9,
    "9:16": video_pb2.VIDEO_ASPECT_RATIO_9_16,
    "4:3": video_pb2.VIDEO_ASPECT_RATIO_4_3,
    "3:4": video_pb2.VIDEO_ASPECT_RATIO_3_4,
    "3:2": video_pb2.VIDEO_ASPECT_RATIO_3_2,
    "2:3": video_pb2.VIDEO_ASPECT_RATIO_2_3,
}

VideoResolution: TypeAlias = Literal["480p", "720p", "1080p"]
"""Height of a generated video in pixels; the API's default is ``"480p"``."""

VideoResolutionMap: dict[VideoResolution, video_pb2.VideoResolution] = {
    "480p": video_pb2.VIDEO_RESOLUTION_480P,
    "720p": video_pb2.VIDEO_RESOLUTION_720P,
    "1080p": video_pb2.VIDEO_RESOLUTION_1080P,
}


class VoiceAudioRef(TypedDict):
    """A reference audio that is a preset voice of xAI's voice catalog: ``{"voice_id": "ara"}``.

    The voice ids are those of xAI's text-to-speech (e.g. ``"ara"``, ``"leo"``).
    """

    voice_id: str


ReferenceAudio: TypeAlias = VoiceAudioRef
"""An entry of ``reference_audios``. Today only preset voices (`VoiceAudioRef`)."""


class UrlKeyframe(TypedDict):
    """A keyframe whose image is a URL or a base64 data URL.

    The video shows the image exactly `timestamp` seconds in, strictly inside the clip
    (``0 < timestamp < duration``).
    """

    image_url: str
    timestamp: float


class FileIdKeyframe(TypedDict):
    """A keyframe whose image is an uploaded file, shown exactly `timestamp` seconds in."""

    image_file_id: str
    timestamp: float


Keyframe: TypeAlias = UrlKeyframe | FileIdKeyframe
"""An entry of ``keyframes``: one image source (URL or file id) and a timestamp in seconds."""


_NON_EMPTY = string(strip=True, min_length=1)

KeyframeValidator: Final[Validator[Keyframe]] = Validator(
    union(
        UrlKeyframe=typed_dict({"image_url": _NON_EMPTY, "timestamp": number()}, forbid_extra=True),
        FileIdKeyframe=typed_dict({"image_file_id": _NON_EMPTY, "timestamp": number()}, forbid_extra=True),
    ),
    "union[UrlKeyframe,FileIdKeyframe]",
)
"""Checks a ``keyframes`` entry: exactly one of ``image_url`` or ``image_file_id`` (non-empty,
stripped) and a ``timestamp`` (a number of seconds); no other keys."""

ReferenceAudioValidator: Final[Validator[ReferenceAudio]] = Validator(
    typed_dict({"voice_id": _NON_EMPTY}), "VoiceAudioRef"
)
"""Checks a ``reference_audios`` entry: ``{"voice_id": <non-empty string>}`` (stripped; other keys
are ignored)."""
