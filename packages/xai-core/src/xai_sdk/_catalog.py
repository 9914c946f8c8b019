"""The services of the official SDK: which extra installs each, and what it provides.

One table feeds the install hints of a missing sub-client (``client.chat``), of a missing module
(``import xai_sdk.sync.chat``), of a missing attribute (``xai_sdk.chat`` after ``import
xai_sdk``) and of a missing type (``xai_sdk.types.ReasoningEffort``).
"""

from __future__ import annotations

from xai_sdk._version import __version__

__all__ = ["SERVICES", "OfficialService", "extra_of_attribute", "extra_of_module", "install_hint"]


class OfficialService:
    """A distribution that provides part of the official SDK's API.

    Args:
        extra: the extra of ``xai-sdk`` that installs it, e.g. ``"chat"``.
        attributes: the client attributes it adds, e.g. ``("tokenize",)``.
        modules: the module paths it owns, official ones included (``"xai_sdk.sync.chat"``).
        type_names: the names of its types that ``xai_sdk.types`` re-exports, from
            ``xai_sdk.types.<extra>``.

    """

    # A plain class: this module is imported by `import xai_sdk`, and a dataclass costs more.
    __slots__ = ("attributes", "extra", "modules", "type_names")

    def __init__(
        self,
        extra: str,
        attributes: tuple[str, ...],
        modules: tuple[str, ...],
        type_names: tuple[str, ...] = (),
    ) -> None:
        self.extra = extra
        self.attributes = attributes
        self.modules = modules
        self.type_names = type_names

    def __repr__(self) -> str:
        return f"OfficialService({self.extra!r})"

    @property
    def distribution(self) -> str:
        """The distribution's name, e.g. ``"xai-chat"``."""
        return f"xai-{self.extra}"


def _service(extra: str, *, attribute: str | None = None, package: str | None = None) -> OfficialService:
    """A service whose package, sync and aio modules are named alike (most of them)."""
    name = package or extra
    return OfficialService(
        extra,
        (attribute or name,),
        (f"xai_sdk.{name}", f"xai_sdk.sync.{name}", f"xai_sdk.aio.{name}"),
    )


SERVICES: tuple[OfficialService, ...] = (
    OfficialService(
        "chat",
        ("chat",),
        ("xai_sdk.chat", "xai_sdk.sync.chat", "xai_sdk.aio.chat", "xai_sdk.tools", "xai_sdk.search"),
        (
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
        ),
    ),
    OfficialService(
        "image",
        ("image",),
        ("xai_sdk.image", "xai_sdk.sync.image", "xai_sdk.aio.image"),
        ("ImageAspectRatio", "ImageFormat", "ImageQuality", "ImageResolution"),
    ),
    OfficialService(
        "video",
        ("video",),
        ("xai_sdk.video", "xai_sdk.sync.video", "xai_sdk.aio.video"),
        (
            "FileIdKeyframe",
            "Keyframe",
            "KeyframeValidator",
            "ReferenceAudio",
            "ReferenceAudioValidator",
            "UrlKeyframe",
            "VideoAspectRatio",
            "VideoResolution",
            "VoiceAudioRef",
        ),
    ),
    _service("files"),
    _service("collections"),
    _service("models"),
    _service("tokenizer", attribute="tokenize"),
    _service("batch"),
    OfficialService("telemetry", (), ("xai_sdk.telemetry", "xai_sdk.telemetry.config")),
    OfficialService("emulator", (), ("xai_sdk.emulator",)),
    OfficialService("cli", (), ("xai_sdk.cli",)),
)
"""Every distribution of an official service (and the SDK's own extras), by extra."""

_BY_MODULE = {
    **{module: service.extra for service in SERVICES for module in service.modules},
    **{f"xai_sdk.types.{service.extra}": service.extra for service in SERVICES if service.type_names},
}
_BY_ATTRIBUTE = {attribute: service.extra for service in SERVICES for attribute in service.attributes}


def install_hint(extra: str) -> str:
    """The command that installs an extra, at this SDK's exact version.

    The version matters: the official SDK is published under the same name, and an unpinned
    ``xai-sdk[chat]`` could resolve to it where this SDK's release is not on the index.
    """
    return f'pip install "xai-sdk[{extra}]=={__version__}"'


def extra_of_module(module: str) -> str | None:
    """The extra that installs `module`, if it is one of the module paths a service provides."""
    return _BY_MODULE.get(module)


def extra_of_attribute(attribute: str) -> str | None:
    """The extra that installs the sub-client ``client.<attribute>``, if an official one."""
    return _BY_ATTRIBUTE.get(attribute)
