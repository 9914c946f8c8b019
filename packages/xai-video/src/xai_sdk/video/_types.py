"""Type aliases of the video API, the maps from their literals to proto enums, and validators.

`KeyframeValidator` and `ReferenceAudioValidator` keep the official SDK's names and their
``validate_python(value)`` method, but check by hand: xai-video does not depend on pydantic.
They raise `TypeError` or `ValueError` (pydantic's `ValidationError` is a `ValueError` too).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final, Generic, Literal, TypeAlias, TypedDict, TypeVar, cast
from urllib.parse import urlsplit

from xai_sdk.arguments import non_empty_text
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

T = TypeVar("T")

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


class Validator(Generic[T]):
    """Checks a value given for a typed dict; `validate_python` returns it or raises.

    The shape of pydantic's ``TypeAdapter.validate_python``, without pydantic.
    """

    what: str = "value"

    def validate_python(self, value: object) -> T:
        """Return `value` if it is valid; raise `TypeError` or `ValueError` saying why not."""
        if not isinstance(value, Mapping):
            raise TypeError(f"a {self.what} must be a dict such as {self.example}, got {value!r}")
        self.check(value)
        return cast(T, value)

    example: str = "{}"

    def check(self, value: Mapping[object, object]) -> None:
        """Raise if the mapping is not valid."""

    def __repr__(self) -> str:
        return f"<{self.what} validator: {self.example}>"


def media_source(name: str, value: object, media: Literal["image", "video"]) -> str:
    """An input image or video: an ``http(s)://`` URL or a ``data:<media>/...;base64,...`` URL."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string (a URL or a data URL), got {type(value).__name__}")
    if value.startswith("data:"):
        header, separator, payload = value[5:].partition(",")
        if separator and payload and header.endswith(";base64") and header.startswith(f"{media}/"):
            return value
    else:
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc:
            return value
    shown = value if len(value) <= 60 else value[:60] + "..."
    example = "data:image/jpeg;base64,..." if media == "image" else "data:video/mp4;base64,..."
    raise ValueError(f"{name} must be an http(s) URL or a base64 data URL such as {example!r}, got {shown!r}")


def _keys(what: str, value: Mapping[object, object], allowed: set[str]) -> None:
    unknown = set(value) - allowed
    if unknown:
        raise ValueError(
            f"{what} has unknown keys {sorted(map(str, unknown))}: allowed are {sorted(allowed)}"
        )


class _KeyframeValidator(Validator[Keyframe]):
    what = "keyframe"
    example = "{'image_url': 'https://...', 'timestamp': 2.0}"

    def check(self, value: Mapping[object, object]) -> None:
        sources = [key for key in ("image_url", "image_file_id") if key in value]
        if len(sources) != 1:
            keys = sorted(map(str, value))
            raise ValueError(f"a keyframe needs exactly one of 'image_url' or 'image_file_id', got {keys}")
        _keys("a keyframe", value, {sources[0], "timestamp"})
        if sources[0] == "image_url":
            media_source("keyframe image_url", value["image_url"], "image")
        else:
            non_empty_text("keyframe image_file_id", value["image_file_id"])
        if "timestamp" not in value:
            raise ValueError("a keyframe needs a 'timestamp' (seconds into the video)")
        timestamp = value["timestamp"]
        if isinstance(timestamp, bool) or not isinstance(timestamp, (int, float)):
            raise TypeError(f"keyframe timestamp must be a number of seconds, got {timestamp!r}")
        if not (math.isfinite(timestamp) and timestamp > 0):
            raise ValueError(f"keyframe timestamp must be more than 0 seconds, got {timestamp!r}")


class _ReferenceAudioValidator(Validator[ReferenceAudio]):
    what = "reference audio"
    example = "{'voice_id': 'ara'}"

    def check(self, value: Mapping[object, object]) -> None:
        _keys("a reference audio", value, {"voice_id"})
        if "voice_id" not in value:
            raise ValueError(f"a reference audio needs a 'voice_id', such as {self.example}")
        non_empty_text("reference audio voice_id", value["voice_id"])


KeyframeValidator: Final[Validator[Keyframe]] = _KeyframeValidator()
"""Checks a ``keyframes`` entry: exactly one of ``image_url`` (URL or data URL) or
``image_file_id``, and a ``timestamp`` above 0; no other keys."""

ReferenceAudioValidator: Final[Validator[ReferenceAudio]] = _ReferenceAudioValidator()
"""Checks a ``reference_audios`` entry: ``{"voice_id": <non-empty string>}``, no other keys."""
