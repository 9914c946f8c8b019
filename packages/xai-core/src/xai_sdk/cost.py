"""Cost of a request in US dollars, from the usage the API reports in ticks."""

from __future__ import annotations

from typing import Final

from xai_sdk.proto import usage_pb2

__all__ = ["USD_PER_TICK", "cost_usd_from_usage"]

USD_PER_TICK: Final = 1e-10
"""One cost tick is a ten-billionth of a US dollar."""


def cost_usd_from_usage(usage: usage_pb2.SamplingUsage) -> float | None:
    """The cost in USD of the request `usage` belongs to, or None if the server did not report it."""
    if not usage.HasField("cost_in_usd_ticks"):
        return None
    return usage.cost_in_usd_ticks * USD_PER_TICK
