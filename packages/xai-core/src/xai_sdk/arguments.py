"""Checks of the arguments a sub-client method takes, shared by every service distribution.

Each check returns the value to put in the request, or raises `TypeError` (wrong type) or
`ValueError` (wrong value) naming the argument and what is allowed, before any RPC is made.
They never convert: a value that is not already what the API takes is refused, not guessed at.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["choice", "flag", "non_empty_text", "non_empty_texts", "optional_text", "page_limit", "text"]

INT32_MAX = 2**31 - 1
"""The largest value of an ``int32`` proto field."""


def text(name: str, value: Any) -> str:
    """A string (possibly empty)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    return value


def optional_text(name: str, value: Any) -> str | None:
    """A string, or None."""
    return None if value is None else text(name, value)


def non_empty_text(name: str, value: Any) -> str:
    """A string that is not empty or blank, such as a model name or a file id."""
    if not text(name, value).strip():
        raise ValueError(f"{name} must not be empty")
    return value  # type: ignore[no-any-return]


def non_empty_texts(name: str, values: Any, *, allow_empty: bool = False) -> list[str]:
    """A list of `non_empty_text` values (not a single string); at least one unless `allow_empty`."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise TypeError(f"{name} must be a list of strings, got {type(values).__name__}")
    checked = [non_empty_text(f"{name}[{index}]", value) for index, value in enumerate(values)]
    if not checked and not allow_empty:
        raise ValueError(f"{name} must list at least one item")
    return checked


def flag(name: str, value: Any) -> bool:
    """True or False (not 0, 1 or other truthy values)."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return value


def page_limit(value: Any, name: str = "limit") -> int:
    """A page size: a positive integer that fits the request's int32 field."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if not 1 <= value <= INT32_MAX:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return value


def choice(name: str, value: Any, names: Mapping[str, int], enum_values: Sequence[int] = ()) -> int:
    """The enum value of one of `names`, or one of `enum_values` given as is."""
    if isinstance(value, str):
        try:
            return names[value]
        except KeyError:
            pass
    elif isinstance(value, int) and not isinstance(value, bool) and value in enum_values:
        return value
    allowed = ", ".join(repr(key) for key in names)
    raise ValueError(f"{name} must be one of {allowed}, got {value!r}")
