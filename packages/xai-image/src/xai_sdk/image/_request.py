"""The image request: its options, declared once, checked and built into a `GenerateImageRequest`.

Everything here is pure: a bad argument raises `ValueError` or `TypeError` before any RPC.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from typing_extensions import Unpack

from xai_sdk.arguments import items, media_url, non_empty_text, official_choice, optional_text
from xai_sdk.image._types import (
    ImageAspectRatio,
    ImageAspectRatioMap,
    ImageFormat,
    ImageFormatMap,
    ImageQuality,
    ImageQualityMap,
    ImageResolution,
    ImageResolutionMap,
)
from xai_sdk.proto import image_pb2
from xai_sdk.storage import StorageOptions, storage_options_to_proto

__all__ = [
    "ImageOptions",
    "convert_image_aspect_ratio_to_pb",
    "convert_image_format_to_pb",
    "convert_image_quality_to_pb",
    "convert_image_resolution_to_pb",
    "generate_image_request",
]


def convert_image_format_to_pb(image_format: ImageFormat) -> image_pb2.ImageFormat:
    """``"url"`` or ``"base64"`` to `image_pb2.ImageFormat` (an enum value passes through).

    Raises `ValueError` naming the allowed values for anything else.
    """
    return official_choice("image format", image_format, ImageFormatMap, image_pb2.ImageFormat)


def convert_image_aspect_ratio_to_pb(aspect_ratio: ImageAspectRatio) -> image_pb2.ImageAspectRatio:
    """An aspect ratio such as ``"16:9"`` to `image_pb2.ImageAspectRatio`.

    An enum value passes through, which is how to ask for ``IMG_ASPECT_RATIO_AUTO``. Raises
    `ValueError` naming the 13 allowed ratios for anything else.
    """
    return official_choice(
        "image aspect ratio", aspect_ratio, ImageAspectRatioMap, image_pb2.ImageAspectRatio
    )


def convert_image_resolution_to_pb(resolution: ImageResolution) -> image_pb2.ImageResolution:
    """``"1k"`` or ``"2k"`` to `image_pb2.ImageResolution` (an enum value passes through)."""
    return official_choice("image resolution", resolution, ImageResolutionMap, image_pb2.ImageResolution)


def convert_image_quality_to_pb(quality: ImageQuality) -> image_pb2.ImageQuality:
    """``"low"`` or ``"medium"`` to `image_pb2.ImageQuality` (an enum value passes through)."""
    return official_choice("image quality", quality, ImageQualityMap, image_pb2.ImageQuality)


class ImageOptions(TypedDict, total=False):
    """The request options of `sample`, `sample_batch` and `prepare` (`ImageClient` describes each).

    None means "not set". Declared once: the methods forward them with `xai_sdk.arguments.options`.
    """

    image_url: str | None
    image_file_id: str | None
    image_urls: Sequence[str] | None
    image_file_ids: Sequence[str] | None
    user: str | None
    image_format: ImageFormat | None
    aspect_ratio: ImageAspectRatio | None
    resolution: ImageResolution | None
    quality: ImageQuality | None
    storage_options: StorageOptions | image_pb2.StorageOptions | None


def image_count(n: object) -> int:
    """The number of images to generate: an int of at least 1 (the API sets the upper limit)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an integer, got {n!r}")
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    return n


def _image_content(*, url: str | None = None, file_id: str | None = None) -> image_pb2.ImageUrlContent:
    if url is not None:
        return image_pb2.ImageUrlContent(image_url=url, detail=image_pb2.DETAIL_AUTO)
    return image_pb2.ImageUrlContent(file_id=file_id, detail=image_pb2.DETAIL_AUTO)


def generate_image_request(
    prompt: str, model: str, *, n: int = 1, **options: Unpack[ImageOptions]
) -> image_pb2.GenerateImageRequest:
    """Check the arguments of `ImageClient.sample` and build its request.

    `n` is always set. One input image goes into ``image``; lists go into ``images``, file ids
    first, then URLs (so the prompt can refer to them by position). `image_format` defaults to
    ``"url"``. The prompt may be empty (the API decides whether an edit needs one).
    """
    image_url, image_file_id = options.get("image_url"), options.get("image_file_id")
    image_urls, image_file_ids = options.get("image_urls"), options.get("image_file_ids")
    if image_url is not None and image_file_id is not None:
        raise ValueError("Only one of image_url or image_file_id can be set for a request.")
    if (image_url is not None or image_file_id is not None) and (
        image_urls is not None or image_file_ids is not None
    ):
        raise ValueError(
            "Only one of image_url/image_file_id or image_urls/image_file_ids can be set for a request."
        )
    image_format = options.get("image_format")
    request = image_pb2.GenerateImageRequest(
        prompt=optional_text("prompt", prompt),
        model=non_empty_text("model", model),
        n=image_count(n),
        format=convert_image_format_to_pb("url" if image_format is None else image_format),
        user=optional_text("user", options.get("user")),
    )
    if image_url is not None:
        request.image.CopyFrom(_image_content(url=media_url("image_url", image_url, "image")))
    elif image_file_id is not None:
        request.image.CopyFrom(_image_content(file_id=non_empty_text("image_file_id", image_file_id)))
    if image_file_ids is not None:
        request.images.extend(
            _image_content(file_id=non_empty_text("image_file_ids entry", file_id))
            for file_id in items("image_file_ids", image_file_ids, "strings")
        )
    if image_urls is not None:
        request.images.extend(
            _image_content(url=media_url("image_urls entry", url, "image"))
            for url in items("image_urls", image_urls, "strings")
        )
    if (aspect_ratio := options.get("aspect_ratio")) is not None:
        request.aspect_ratio = convert_image_aspect_ratio_to_pb(aspect_ratio)
    if (resolution := options.get("resolution")) is not None:
        request.resolution = convert_image_resolution_to_pb(resolution)
    if (quality := options.get("quality")) is not None:
        request.quality = convert_image_quality_to_pb(quality)
    if (storage_options := options.get("storage_options")) is not None:
        request.storage_options.CopyFrom(storage_options_to_proto(storage_options))
    return request
