"""The SDK's public type aliases, literal-to-enum maps and validators, in one namespace.

Each service distribution defines the types of its own API; this module gathers them under the
import path of the official SDK (``from xai_sdk.types import ReasoningEffort``). A name whose
distribution is not installed raises an `ImportError` that says which extra to install.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from xai_sdk.service_tier import ServiceTier
from xai_sdk.types.model import AllModels, ChatModel, ImageGenerationModel, VideoGenerationModel

if TYPE_CHECKING:
    from xai_sdk.chat._types import (
        AgentCount,
        AgentCountMap,
        Content,
        Guideline,
        GuidelineBehavior,
        GuidelineBehaviorMap,
        GuidelineCategory,
        GuidelineCategoryMap,
        ImageDetail,
        IncludeOption,
        IncludeOptionMap,
        ReasoningEffort,
        ResponseFormat,
        ToolMode,
    )
    from xai_sdk.image._types import ImageAspectRatio, ImageFormat, ImageQuality, ImageResolution
    from xai_sdk.video._types import (
        FileIdKeyframe,
        Keyframe,
        KeyframeValidator,
        ReferenceAudio,
        ReferenceAudioValidator,
        UrlKeyframe,
        VideoAspectRatio,
        VideoResolution,
        VoiceAudioRef,
    )

# Names defined by the service distributions: module, and the extra that installs it.
_ELSEWHERE: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        [
            "AgentCount",
            "AgentCountMap",
            "Content",
            "Guideline",
            "GuidelineBehavior",
            "GuidelineBehaviorMap",
            "GuidelineCategory",
            "GuidelineCategoryMap",
            "ImageDetail",
            "IncludeOption",
            "IncludeOptionMap",
            "ReasoningEffort",
            "ResponseFormat",
            "ToolMode",
        ],
        ("xai_sdk.chat._types", "chat"),
    ),
    **dict.fromkeys(
        ["ImageAspectRatio", "ImageFormat", "ImageQuality", "ImageResolution"],
        ("xai_sdk.image._types", "image"),
    ),
    **dict.fromkeys(
        [
            "FileIdKeyframe",
            "Keyframe",
            "KeyframeValidator",
            "ReferenceAudio",
            "ReferenceAudioValidator",
            "UrlKeyframe",
            "VideoAspectRatio",
            "VideoResolution",
            "VoiceAudioRef",
        ],
        ("xai_sdk.video._types", "video"),
    ),
}

__all__ = [
    "AgentCount",
    "AgentCountMap",
    "AllModels",
    "ChatModel",
    "Content",
    "FileIdKeyframe",
    "Guideline",
    "GuidelineBehavior",
    "GuidelineBehaviorMap",
    "GuidelineCategory",
    "GuidelineCategoryMap",
    "ImageAspectRatio",
    "ImageDetail",
    "ImageFormat",
    "ImageGenerationModel",
    "ImageQuality",
    "ImageResolution",
    "IncludeOption",
    "IncludeOptionMap",
    "Keyframe",
    "KeyframeValidator",
    "ReasoningEffort",
    "ReferenceAudio",
    "ReferenceAudioValidator",
    "ResponseFormat",
    "ServiceTier",
    "ToolMode",
    "UrlKeyframe",
    "VideoAspectRatio",
    "VideoGenerationModel",
    "VideoResolution",
    "VoiceAudioRef",
]


def __getattr__(name: str) -> Any:
    try:
        module_name, extra = _ELSEWHERE[name]
    except KeyError:
        raise AttributeError(f"module 'xai_sdk.types' has no attribute {name!r}") from None
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        raise ImportError(
            f"xai_sdk.types.{name} comes with xai-{extra}, which is not installed: "
            f'pip install "xai-sdk[{extra}]"'
        ) from error
    value = getattr(module, name)
    globals()[name] = value
    return value
