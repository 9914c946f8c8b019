"""Image generation and editing, sync and async (``client.image``).

::

    from xai_sdk import Client

    client = Client()
    response = client.image.sample("A lighthouse at dawn, watercolor", "grok-imagine-image")
    print(response.url)
    open("lighthouse.jpg", "wb").write(response.image)          # AsyncClient: await response.image

    edited = client.image.sample("Make it night", "grok-imagine-image", image_url=response.url)

`sample` returns an `ImageResponse`, `sample_batch` a list of them, `prepare` a batch request.
The types of the parameters (`ImageFormat`, `ImageAspectRatio`, ...) and their converters to
proto enums (`convert_image_format_to_pb`, ...) are here too.
"""

from xai_sdk.image._client import ImageClient
from xai_sdk.image._request import (
    convert_image_aspect_ratio_to_pb,
    convert_image_format_to_pb,
    convert_image_quality_to_pb,
    convert_image_resolution_to_pb,
    generate_image_request,
)
from xai_sdk.image._response import DOWNLOAD_TIMEOUT, BaseImageResponse, ImageResponse
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
from xai_sdk.storage import StorageOptions
from xai_sdk.types.model import ImageGenerationModel

BaseClient = ImageClient
"""The official SDK's name of the image sub-client class."""

__all__ = [
    "DOWNLOAD_TIMEOUT",
    "BaseClient",
    "BaseImageResponse",
    "ImageAspectRatio",
    "ImageAspectRatioMap",
    "ImageClient",
    "ImageFormat",
    "ImageFormatMap",
    "ImageGenerationModel",
    "ImageQuality",
    "ImageQualityMap",
    "ImageResolution",
    "ImageResolutionMap",
    "ImageResponse",
    "StorageOptions",
    "convert_image_aspect_ratio_to_pb",
    "convert_image_format_to_pb",
    "convert_image_quality_to_pb",
    "convert_image_resolution_to_pb",
    "generate_image_request",
]
