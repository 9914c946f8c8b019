"""The official SDK's module of the types shared by services (``xai_sdk.types.common``)."""

from xai_sdk.service_tier import ServiceTier

__all__ = ["ServiceTier"]
