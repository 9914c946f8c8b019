"""Argument checks shared by `client.files` and `client.collections`: ids, page sizes, enum names.

Each check returns the value to put in the request, or raises `ValueError`/`TypeError` saying
what is allowed, before any RPC is made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

__all__ = ["Validator", "choice", "identifier", "identifiers", "optional_text", "page_limit", "text"]

T = TypeVar("T")
_INT32_MAX = 2**31 - 1


class Validator(Generic[T]):
    """A check of a dict argument, in place of the official SDK's pydantic ``TypeAdapter``.

    ``validate_python(value)`` returns the checked value (a new dict) or raises `ValueError` /
    `TypeError` saying what is wrong; no pydantic involved.
    """

    def __init__(self, check: Callable[[Any], T], describes: str) -> None:
        self._check = check
        self._describes = describes

    def validate_python(self, value: Any) -> T:
        """Check `value`; returns it as checked (a copy), or raises `ValueError`/`TypeError`."""
        return self._check(value)

    def __repr__(self) -> str:
        return f"<Validator of {self._describes}>"


def text(name: str, value: Any) -> str:
    """A string (possibly empty)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    return value


def optional_text(name: str, value: Any) -> str | None:
    """A string, or None."""
    return None if value is None else text(name, value)


def identifier(name: str, value: Any) -> str:
    """A non-blank string such as a file or collection id."""
    if not text(name, value).strip():
        raise ValueError(f"{name} must not be empty")
    return value  # type: ignore[no-any-return]


def identifiers(name: str, values: Any, *, allow_empty: bool = False) -> list[str]:
    """A list of non-blank strings (not a single string)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise TypeError(f"{name} must be a list of ids, got {type(values).__name__}")
    checked = [identifier(f"{name}[{index}]", value) for index, value in enumerate(values)]
    if not checked and not allow_empty:
        raise ValueError(f"{name} must name at least one id")
    return checked


def page_limit(value: Any, name: str = "limit") -> int:
    """A page size: a positive integer."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if not 1 <= value <= _INT32_MAX:
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
