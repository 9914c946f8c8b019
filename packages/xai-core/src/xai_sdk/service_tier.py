"""The service tier of a request: ``"default"`` or ``"priority"``, and its proto enum."""

from __future__ import annotations

from typing import Literal, TypeAlias

from xai_sdk.arguments import choice
from xai_sdk.proto import usage_pb2

__all__ = ["ServiceTier", "ServiceTierMap", "service_tier_from_proto", "service_tier_to_proto"]

ServiceTier: TypeAlias = Literal["default", "priority"]

ServiceTierMap: dict[ServiceTier, usage_pb2.ServiceTier] = {
    "default": usage_pb2.SERVICE_TIER_DEFAULT,
    "priority": usage_pb2.SERVICE_TIER_PRIORITY,
}


def service_tier_to_proto(tier: ServiceTier) -> usage_pb2.ServiceTier:
    """The enum value of a tier name; `ValueError` for an unknown name."""
    return choice(
        "service_tier",
        tier,
        ServiceTierMap,
        refusal="Invalid service tier: {value}. Must be one of: {allowed}",
        allowed=list(ServiceTierMap),
    )


def service_tier_from_proto(tier: usage_pb2.ServiceTier) -> ServiceTier:
    """The tier name of an enum value; unspecified and unknown values read as ``"default"``."""
    return "priority" if tier == usage_pb2.SERVICE_TIER_PRIORITY else "default"
