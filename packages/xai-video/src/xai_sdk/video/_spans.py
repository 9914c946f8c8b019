"""How video calls appear in traces: xai-video's answer to `xai_sdk_span_plan`.

``video.<method> <model>`` for the calls that start a job (`start`, `extend_start`) and those
that also wait for it (`generate`, `extend`): the request's duration, aspect ratio, resolution,
audio and storage options, and for the waiting ones the `VideoResponse`'s usage and video (its
URL only with sensitive attributes on).
"""

from __future__ import annotations

from collections.abc import Callable

from xai_sdk._spans import Attributes, enum_label, output_attributes, storage_attributes
from xai_sdk.hookspecs import CallInfo, SpanPlan, SpanResult
from xai_sdk.proto import video_pb2
from xai_sdk.video._response import VideoResponse

_OPERATIONS = {
    "start": "generate_video",
    "generate": "generate_video",
    "extend_start": "extend_video",
    "extend": "extend_video",
}
_WAITING = frozenset({"generate", "extend"})


def span_plan(call: CallInfo, sensitive: bool) -> SpanPlan | None:
    """The span of a video generation or extension; None for any other call."""
    request = call.request
    operation = _OPERATIONS.get(call.method)
    if operation is None or not isinstance(
        request, (video_pb2.GenerateVideoRequest, video_pb2.ExtendVideoRequest)
    ):
        return None
    attributes: Attributes = {"gen_ai.output.type": "video", **storage_attributes(request, sensitive)}
    if request.HasField("duration"):
        attributes["gen_ai.request.video.duration"] = request.duration
    if isinstance(request, video_pb2.GenerateVideoRequest):
        if request.HasField("aspect_ratio"):
            name = enum_label(video_pb2.VideoAspectRatio, request.aspect_ratio, "VIDEO_ASPECT_RATIO_")
            attributes["gen_ai.request.video.aspect_ratio"] = name.replace("_", ":")
        if request.HasField("resolution"):
            attributes["gen_ai.request.video.resolution"] = enum_label(
                video_pb2.VideoResolution, request.resolution, "VIDEO_RESOLUTION_"
            )
        if request.HasField("generate_audio"):
            attributes["gen_ai.request.video.generate_audio"] = request.generate_audio
    if sensitive:
        attributes["gen_ai.prompt"] = request.prompt
    return SpanPlan(
        f"video.{call.method} {request.model}",
        operation,
        model=request.model,
        attributes=attributes,
        common=frozenset({"operation", "provider", "host"}),
        describe_result=_describer(request.model) if call.method in _WAITING else None,
    )


def _describer(model: str) -> Callable[[object, bool], SpanResult]:
    def describe_result(result: object, sensitive: bool) -> SpanResult:
        if not isinstance(result, VideoResponse):
            return SpanResult(model=model)
        proto = result.proto
        attributes = output_attributes(0, "video", proto.video, sensitive)
        attributes["gen_ai.response.0.video.duration"] = proto.video.duration
        return SpanResult(attributes, model=model, usage=proto.usage)

    return describe_result
