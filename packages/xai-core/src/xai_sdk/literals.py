"""Turning the string literals of the public API (``"16:9"``, ``"url"``, ...) into proto enums."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

__all__ = ["to_enum"]

EnumT = TypeVar("EnumT", bound=int)


def to_enum(kind: str, value: object, mapping: Mapping[Any, EnumT], enum: Any) -> EnumT:
    """A literal through `mapping`, or a valid (non-zero) value of the proto `enum` as it is.

    Raises `ValueError` for anything else, worded as the official SDK words it (``Invalid image
    format png.``), then naming the allowed literals.
    """
    if isinstance(value, str):
        if value in mapping:
            return mapping[value]
    elif isinstance(value, int) and not isinstance(value, bool) and value != 0 and value in enum.values():
        return value  # type: ignore[return-value]
    raise ValueError(f"Invalid {kind} {value}. Must be one of {list(mapping)}")
