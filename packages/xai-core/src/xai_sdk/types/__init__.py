"""The SDK's public type aliases, literal-to-enum maps and validators, in one namespace.

Each service distribution defines the types of its own API and provides them as
``xai_sdk.types.<service>`` (``xai_sdk.types.chat``, ...); this package gathers them under the
official SDK's import path (``from xai_sdk.types import ReasoningEffort``), importing each module
on first use. A name whose distribution is not installed raises an `ImportError` that says which
extra to install.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING, Any

# The service distributions add modules to this package from their own source trees.
__path__ = pkgutil.extend_path(__path__, __name__)

from xai_sdk._catalog import SERVICES, install_hint
from xai_sdk._compat import list_lazy_names
from xai_sdk.types.common import ServiceTier  # noqa: F401 - in __all__
from xai_sdk.types.model import (  # noqa: F401 - in __all__
    AllModels,
    ChatModel,
    ImageGenerationModel,
    VideoGenerationModel,
)

if TYPE_CHECKING:
    from xai_sdk.types.chat import *  # noqa: F403
    from xai_sdk.types.image import *  # noqa: F403
    from xai_sdk.types.video import *  # noqa: F403

_ELSEWHERE = {name: service.extra for service in SERVICES for name in service.type_names}
"""Names defined by the service distributions, and the extra that installs each."""

__all__ = sorted(  # noqa: PLE0605
    ["AllModels", "ChatModel", "ImageGenerationModel", "ServiceTier", "VideoGenerationModel", *_ELSEWHERE]
)


_SUBMODULES = frozenset(_ELSEWHERE.values())
"""The modules of those names (``xai_sdk.types.chat``, ...): attributes here, as in the official package."""

list_lazy_names(__name__, [*_ELSEWHERE, *_SUBMODULES])


def __getattr__(name: str) -> Any:
    extra = name if name in _SUBMODULES else _ELSEWHERE.get(name)
    if extra is None:
        raise AttributeError(f"module 'xai_sdk.types' has no attribute {name!r}")
    try:
        module = importlib.import_module(f"{__name__}.{extra}")
    except ModuleNotFoundError as error:
        raise ImportError(
            f"xai_sdk.types.{name} comes with xai-{extra}, which is not installed: {install_hint(extra)}"
        ) from error
    value = module if name == extra else getattr(module, name)
    globals()[name] = value
    return value
