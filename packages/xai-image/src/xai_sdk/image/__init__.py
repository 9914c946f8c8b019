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

from typing import TYPE_CHECKING, TypeAlias

from xai_sdk._compat import lazy_names, should_disable_sensitive_attributes
from xai_sdk.cost import cost_usd_from_usage
from xai_sdk.image._client import ImageClient
from xai_sdk.image._request import (
    convert_image_aspect_ratio_to_pb,
    convert_image_format_to_pb,
    convert_image_quality_to_pb,
    convert_image_resolution_to_pb,
    generate_image_request,
)
from xai_sdk.image._response import DOWNLOAD_TIMEOUT, BaseImageResponse
from xai_sdk.image._response import ImageResponse as ImageResponse
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
from xai_sdk.meta import ProtoDecorator
from xai_sdk.proto import image_pb2, usage_pb2
from xai_sdk.service import Async, Sync
from xai_sdk.storage import StorageOptions
from xai_sdk.types.model import ImageGenerationModel

if TYPE_CHECKING:  # imported on first access (the official module has them)
    from xai_sdk.proto import image_pb2_grpc


class SyncImageClient(ImageClient[Sync]):
    """``client.image`` of `xai_sdk.Client` (the official ``xai_sdk.sync.image.Client``)."""


class AsyncImageClient(ImageClient[Async]):
    """``client.image`` of `xai_sdk.AsyncClient` (the official ``xai_sdk.aio.image.Client``)."""


if TYPE_CHECKING:  # the official modules' `ImageResponse`, typed as what `client.image.sample()` returns
    SyncImageResponseType: TypeAlias = ImageResponse[Sync]
    AsyncImageResponseType: TypeAlias = ImageResponse[Async]
else:  # the generic class itself at run time
    SyncImageResponseType = AsyncImageResponseType = ImageResponse

BaseClient = ImageClient
"""The official SDK's name of the image sub-client class."""

__all__ = [
    "SyncImageClient",
    "AsyncImageClient",
    "ProtoDecorator",
    "cost_usd_from_usage",
    "image_pb2",
    "image_pb2_grpc",
    "should_disable_sensitive_attributes",
    "usage_pb2",
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
    "StorageOptions",
    "convert_image_aspect_ratio_to_pb",
    "convert_image_format_to_pb",
    "convert_image_quality_to_pb",
    "convert_image_resolution_to_pb",
    "generate_image_request",
]

__getattr__ = lazy_names(__name__, {"image_pb2_grpc": "xai_sdk.proto"})
