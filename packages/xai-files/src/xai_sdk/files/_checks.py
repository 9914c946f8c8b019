"""`Validator`: the dict-argument checks of `client.files` and `client.collections`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["Validator"]

T = TypeVar("T")


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
