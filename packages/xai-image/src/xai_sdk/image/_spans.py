"""How image calls appear in traces: xai-image's answer to `xai_sdk_span_plan`.

``image.sample <model>`` and ``image.sample_batch <model>`` carry the request's format, count,
aspect ratio, resolution, quality and storage options and, from the `BaseImageResponse` the
call returned, the usage and each generated image (URLs and data only with sensitive
attributes on).
"""

from __future__ import annotations

from collections.abc import Callable

from xai_sdk._spans import Attributes, enum_label, output_attributes, storage_attributes
from xai_sdk.hookspecs import CallInfo, SpanPlan, SpanResult
from xai_sdk.image._response import BaseImageResponse
from xai_sdk.proto import image_pb2

_TRACED = frozenset({"sample", "sample_batch"})


def span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """The span of an image generation; None for any other call."""
    request = call.request
    if call.method not in _TRACED or not isinstance(request, image_pb2.GenerateImageRequest):
        return None
    image_format = enum_label(image_pb2.ImageFormat, request.format, "IMG_FORMAT_")
    attributes: Attributes = {
        "gen_ai.output.type": "image",
        "gen_ai.request.image.format": image_format,
        **storage_attributes(request, sensitive),
    }
    if request.HasField("n"):
        attributes["gen_ai.request.image.count"] = request.n
    if request.HasField("aspect_ratio"):
        attributes["gen_ai.request.image.aspect_ratio"] = _aspect_ratio(request.aspect_ratio)
    if request.HasField("resolution"):
        attributes["gen_ai.request.image.resolution"] = enum_label(
            image_pb2.ImageResolution, request.resolution, "IMG_RESOLUTION_"
        )
    if request.HasField("quality"):
        attributes["gen_ai.request.image.quality"] = enum_label(
            image_pb2.ImageQuality, request.quality, "IMG_QUALITY_"
        )
    if sensitive:
        attributes["gen_ai.prompt"] = request.prompt
        if request.user:
            attributes["user_id"] = request.user
    return SpanPlan(
        f"image.{call.method} {request.model}",
        "generate_image",
        model=request.model,
        attributes=attributes,
        common=frozenset({"operation", "provider"}),
        describe_result=_describer(request.model, image_format),
    )


def _describer(model: str, image_format: str) -> Callable[[object, bool], SpanResult]:
    def describe_result(result: object, sensitive: bool) -> SpanResult:
        first = result[0] if isinstance(result, (list, tuple)) and result else result
        if not isinstance(first, BaseImageResponse):
            return SpanResult(model=model)
        proto = first.proto
        attributes: Attributes = {"gen_ai.response.image.format": image_format}
        for index, image in enumerate(proto.images):
            attributes.update(output_attributes(index, "image", image, sensitive))
        return SpanResult(attributes, model=model, usage=proto.usage)

    return describe_result


def _aspect_ratio(value: int) -> str:
    """``IMG_ASPECT_RATIO_19_5_9`` → ``19.5:9``, as the user wrote it."""
    name = enum_label(image_pb2.ImageAspectRatio, value, "IMG_ASPECT_RATIO_")
    return name if name == "auto" else name.replace("19_5", "19.5").replace("_", ":")
