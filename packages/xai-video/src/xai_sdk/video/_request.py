"""The video requests: their options, declared once, checked and built into protos.

`generate_video_request` builds a `GenerateVideoRequest` from `VideoOptions`,
`extend_video_request` an `ExtendVideoRequest` from `ExtensionOptions`. Everything here is pure:
a bad argument raises `ValueError` or `TypeError` before any RPC.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Final, TypedDict

from typing_extensions import Unpack

from xai_sdk.arguments import items, media_url, non_empty_text, official_choice, optional_text, proto_bool
from xai_sdk.proto import image_pb2, video_pb2
from xai_sdk.storage import StorageOptions, storage_options_to_proto
from xai_sdk.video._types import (
    Keyframe,
    KeyframeValidator,
    ReferenceAudio,
    ReferenceAudioValidator,
    VideoAspectRatio,
    VideoAspectRatioMap,
    VideoResolution,
    VideoResolutionMap,
)

__all__ = [
    "EXTENSION_DURATION_RANGE",
    "GENERATION_DURATION_RANGE",
    "ExtensionOptions",
    "VideoOptions",
    "convert_video_aspect_ratio_to_pb",
    "convert_video_resolution_to_pb",
    "extend_video_request",
    "generate_video_request",
]

GENERATION_DURATION_RANGE: Final = (1, 15)
"""Seconds a generated video may last, both ends included (the API's default is 8)."""
EXTENSION_DURATION_RANGE: Final = (1, 10)
"""Seconds an extension segment may last, both ends included (the API's default is 6)."""


def convert_video_aspect_ratio_to_pb(aspect_ratio: VideoAspectRatio) -> video_pb2.VideoAspectRatio:
    """An aspect ratio such as ``"16:9"`` to `video_pb2.VideoAspectRatio` (an enum value passes through).

    Raises `ValueError` naming the 7 allowed ratios for anything else.
    """
    return official_choice(
        "video aspect ratio", aspect_ratio, VideoAspectRatioMap, video_pb2.VideoAspectRatio
    )


def convert_video_resolution_to_pb(resolution: VideoResolution) -> video_pb2.VideoResolution:
    """``"480p"``, ``"720p"`` or ``"1080p"`` to `video_pb2.VideoResolution` (an enum value passes through)."""
    return official_choice("video resolution", resolution, VideoResolutionMap, video_pb2.VideoResolution)


class ExtensionOptions(TypedDict, total=False):
    """The request options of `extend`, `extend_start` and `prepare_extension` (None: not set).

    `VideoClient.extend_start` describes each. Declared once: the methods forward them with
    `xai_sdk.arguments.options`.
    """

    video_url: str | None
    video_file_id: str | None
    duration: int | None
    storage_options: StorageOptions | image_pb2.StorageOptions | None


class VideoOptions(TypedDict, total=False):
    """The request options of `generate`, `start` and `prepare` (None: not set).

    `VideoClient` describes each. Declared once: the methods forward them with
    `xai_sdk.arguments.options`.
    """

    image_url: str | None
    image_file_id: str | None
    last_frame_url: str | None
    last_frame_file_id: str | None
    keyframes: Sequence[Keyframe] | None
    video_url: str | None
    video_file_id: str | None
    duration: int | None
    aspect_ratio: VideoAspectRatio | None
    resolution: VideoResolution | None
    reference_image_urls: Sequence[str] | None
    reference_image_file_ids: Sequence[str] | None
    reference_audios: Sequence[ReferenceAudio] | None
    generate_audio: bool | None
    storage_options: StorageOptions | image_pb2.StorageOptions | None


# -- checking arguments ----------------------------------------------------------------------------


def _entries(name: str, values: object) -> list[Any]:
    """The items of a list argument; None (not set) gives none."""
    return [] if values is None else items(name, values)


def _duration(value: object, allowed: tuple[int, int]) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"duration must be a whole number of seconds, got {value!r}")
    low, high = allowed
    if not low <= value <= high:
        raise ValueError(f"duration must be between {low} and {high} seconds, got {value}")
    return value


def _exclusive(**arguments: object) -> None:
    first, second = (name for name in arguments)
    if arguments[first] is not None and arguments[second] is not None:
        raise ValueError(f"Only one of {first} or {second} can be set for a request.")


def _image(name: str, url: str | None, file_id: str | None) -> image_pb2.ImageUrlContent | None:
    """The image given by `url` (argument ``<name>_url``) or `file_id` (``<name>_file_id``)."""
    if url is not None:
        return image_pb2.ImageUrlContent(
            image_url=media_url(f"{name}_url", url, "image"), detail=image_pb2.DETAIL_AUTO
        )
    if file_id is not None:
        return image_pb2.ImageUrlContent(
            file_id=non_empty_text(f"{name}_file_id", file_id), detail=image_pb2.DETAIL_AUTO
        )
    return None


def _video(url: str | None, file_id: str | None) -> video_pb2.VideoUrlContent | None:
    if url is not None:
        return video_pb2.VideoUrlContent(url=media_url("video_url", url, "video"))
    if file_id is not None:
        return video_pb2.VideoUrlContent(file_id=non_empty_text("video_file_id", file_id))
    return None


def _keyframe(entry: object, duration: int | None) -> video_pb2.VideoKeyframe:
    """A keyframe as the official SDK checks it, then within the video and with a URL the API takes."""
    keyframe: Mapping[str, Any] = KeyframeValidator.validate_python(entry)
    timestamp = keyframe["timestamp"]
    if not (math.isfinite(timestamp) and timestamp > 0):
        raise ValueError(f"keyframe timestamp must be more than 0 seconds, got {timestamp!r}")
    if duration is not None and timestamp >= duration:
        raise ValueError(
            f"keyframe timestamp must fall strictly inside the {duration}-second video, got {timestamp!r}"
        )
    if "image_url" in keyframe:
        image = image_pb2.ImageUrlContent(
            image_url=media_url("keyframe image_url", keyframe["image_url"], "image"),
            detail=image_pb2.DETAIL_AUTO,
        )
    else:
        image = image_pb2.ImageUrlContent(file_id=keyframe["image_file_id"], detail=image_pb2.DETAIL_AUTO)
    return video_pb2.VideoKeyframe(image=image, timestamp_s=timestamp)


def _check_sources(
    image_url: str | None,
    image_file_id: str | None,
    video_url: str | None,
    video_file_id: str | None,
    last_frame_url: str | None,
    last_frame_file_id: str | None,
) -> None:
    """At most one source per input, and not both an input image and an input video."""
    _exclusive(image_url=image_url, image_file_id=image_file_id)
    _exclusive(video_url=video_url, video_file_id=video_file_id)
    _exclusive(last_frame_url=last_frame_url, last_frame_file_id=last_frame_file_id)
    if (image_url is not None or image_file_id is not None) and (
        video_url is not None or video_file_id is not None
    ):
        raise ValueError(
            "An input image (image_url/image_file_id) and an input video (video_url/video_file_id) cannot "
            "both be set: give an image to animate, or a video to edit."
        )


def _reference_images(urls: object, file_ids: object) -> list[image_pb2.ImageUrlContent]:
    """File ids first, then URLs, so that the positions the prompt may refer to are predictable."""
    images = [
        image_pb2.ImageUrlContent(
            file_id=non_empty_text("reference_image_file_ids entry", file_id), detail=image_pb2.DETAIL_AUTO
        )
        for file_id in _entries("reference_image_file_ids", file_ids)
    ]
    images.extend(
        image_pb2.ImageUrlContent(
            image_url=media_url("reference_image_urls entry", url, "image"), detail=image_pb2.DETAIL_AUTO
        )
        for url in _entries("reference_image_urls", urls)
    )
    return images


def _reference_audio(entry: object) -> video_pb2.AudioUrlContent:
    return video_pb2.AudioUrlContent(voice_id=ReferenceAudioValidator.validate_python(entry)["voice_id"])


# -- the requests ----------------------------------------------------------------------------------


def generate_video_request(
    prompt: str, model: str, **options: Unpack[VideoOptions]
) -> video_pb2.GenerateVideoRequest:
    """Check the arguments of `VideoClient.generate` and build its request.

    Reference images go in file ids first, then URLs. An input image (the first frame) and an
    input video (to edit) exclude each other, as the API documents. The prompt may be empty, to
    animate an input image without one.
    """
    image_url, image_file_id = options.get("image_url"), options.get("image_file_id")
    video_url, video_file_id = options.get("video_url"), options.get("video_file_id")
    last_frame_url, last_frame_file_id = options.get("last_frame_url"), options.get("last_frame_file_id")
    _check_sources(image_url, image_file_id, video_url, video_file_id, last_frame_url, last_frame_file_id)
    duration = options.get("duration")
    if duration is not None:
        duration = _duration(duration, GENERATION_DURATION_RANGE)
    aspect_ratio, resolution = options.get("aspect_ratio"), options.get("resolution")
    storage_options = options.get("storage_options")
    request = video_pb2.GenerateVideoRequest(
        prompt=optional_text("prompt", prompt),
        model=non_empty_text("model", model),
        image=_image("image", image_url, image_file_id),
        last_frame=_image("last_frame", last_frame_url, last_frame_file_id),
        keyframes=[_keyframe(entry, duration) for entry in _entries("keyframes", options.get("keyframes"))],
        video=_video(video_url, video_file_id),
        duration=duration,
        aspect_ratio=None if aspect_ratio is None else convert_video_aspect_ratio_to_pb(aspect_ratio),
        resolution=None if resolution is None else convert_video_resolution_to_pb(resolution),
        reference_images=_reference_images(
            options.get("reference_image_urls"), options.get("reference_image_file_ids")
        ),
        reference_audios=[
            _reference_audio(entry) for entry in _entries("reference_audios", options.get("reference_audios"))
        ],
        storage_options=None if storage_options is None else storage_options_to_proto(storage_options),
    )
    if (generate_audio := options.get("generate_audio")) is not None:
        request.generate_audio = proto_bool("generate_audio", generate_audio)
    return request


def extend_video_request(
    prompt: str, model: str, **options: Unpack[ExtensionOptions]
) -> video_pb2.ExtendVideoRequest:
    """Check the arguments of `VideoClient.extend` and build its request."""
    video_url, video_file_id = options.get("video_url"), options.get("video_file_id")
    _exclusive(video_url=video_url, video_file_id=video_file_id)
    video = _video(video_url, video_file_id)
    if video is None:
        raise ValueError("One of video_url or video_file_id must be set for a request.")
    request = video_pb2.ExtendVideoRequest(
        prompt=optional_text("prompt", prompt), model=non_empty_text("model", model), video=video
    )
    if (duration := options.get("duration")) is not None:
        request.duration = _duration(duration, EXTENSION_DURATION_RANGE)
    if (storage_options := options.get("storage_options")) is not None:
        request.storage_options.CopyFrom(storage_options_to_proto(storage_options))
    return request
