"""The official SDK's module of image's types (``xai_sdk.types.image``), defined in `xai_sdk.image._types`."""

from xai_sdk.image._types import *  # noqa: F403
