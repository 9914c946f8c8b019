"""Type aliases of the image API and the maps from their literals to proto enums."""

from __future__ import annotations

from typing import Literal, TypeAlias

from xai_sdk.proto import image_pb2

__all__ = [
    "ImageAspectRatio",
    "ImageAspectRatioMap",
    "ImageFormat",
    "ImageFormatMap",
    "ImageQuality",
    "ImageQualityMap",
    "ImageResolution",
    "ImageResolutionMap",
]

ImageFormat: TypeAlias = Literal["base64", "url"]
"""How generated images come back: a ``data:`` URL with the base64 bytes, or a URL to download."""

ImageFormatMap: dict[ImageFormat, image_pb2.ImageFormat] = {
    "base64": image_pb2.IMG_FORMAT_BASE64,
    "url": image_pb2.IMG_FORMAT_URL,
}

ImageAspectRatio: TypeAlias = Literal[
    "1:1",
    "3:4",
    "4:3",
    "9:16",
    "16:9",
    "2:3",
    "3:2",
    "9:19.5",
    "19.5:9",
    "9:20",
    "20:9",
    "1:2",
    "2:1",
]
"""Width:height of a generated image. (``image_pb2.IMG_ASPECT_RATIO_AUTO`` has no literal.)"""

ImageAspectRatioMap: dict[ImageAspectRatio, image_pb2.ImageAspectRatio] = {
    "1:1": image_pb2.IMG_ASPECT_RATIO_1_1,
    "3:4": image_pb2.IMG_ASPECT_RATIO_3_4,
    "4:3": image_pb2.IMG_ASPECT_RATIO_4_3,
    "9:16": image_pb2.IMG_ASPECT_RATIO_9_16,
    "16:9": image_pb2.IMG_ASPECT_RATIO_16_9,
    "2:3": image_pb2.IMG_ASPECT_RATIO_2_3,
    "3:2": image_pb2.IMG_ASPECT_RATIO_3_2,
    "9:19.5": image_pb2.IMG_ASPECT_RATIO_9_19_5,
    "19.5:9": image_pb2.IMG_ASPECT_RATIO_19_5_9,
    "9:20": image_pb2.IMG_ASPECT_RATIO_9_20,
    "20:9": image_pb2.IMG_ASPECT_RATIO_20_9,
    "1:2": image_pb2.IMG_ASPECT_RATIO_1_2,
    "2:1": image_pb2.IMG_ASPECT_RATIO_2_1,
}

ImageResolution: TypeAlias = Literal["1k", "2k"]
"""About one (``"1k"``) or four (``"2k"``) megapixels; the dimensions follow the aspect ratio."""

ImageResolutionMap: dict[ImageResolution, image_pb2.ImageResolution] = {
    "1k": image_pb2.IMG_RESOLUTION_1K,
    "2k": image_pb2.IMG_RESOLUTION_2K,
}

ImageQuality: TypeAlias = Literal["low", "medium"]
"""Generation quality (``grok-imagine-image-2.0``); the API's default is ``"medium"``.

(``image_pb2.IMG_QUALITY_HIGH`` has no literal.)
"""

ImageQualityMap: dict[ImageQuality, image_pb2.ImageQuality] = {
    "low": image_pb2.IMG_QUALITY_LOW,
    "medium": image_pb2.IMG_QUALITY_MEDIUM,
}
