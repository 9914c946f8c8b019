"""Checks of dict arguments, as the official SDK's pydantic models check them, without pydantic.

Dict arguments (storage options, keyframes, guidelines, chunk configurations, ...) are checked by a
*shape* made of `string`, `integer`, `number`, `boolean`, `literal`, `duration`, `union` and
`typed_dict`: `validate` converts what pydantic would convert (``"60"`` for an integer, ``"yes"``
for a boolean), ignores the keys pydantic ignores, and raises `ValidationError` (a `ValueError`,
as pydantic's is) with pydantic's wording: ``Field required``, ``Input should be a valid
integer``, ... `xai_sdk.arguments` re-exports every name: services import them from there.
"""

from __future__ import annotations

import datetime
import math
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

__all__ = [
    "Check",
    "ErrorDetails",
    "ValidationError",
    "Validator",
    "boolean",
    "duration",
    "integer",
    "literal",
    "number",
    "string",
    "typed_dict",
    "union",
    "validate",
]


class ErrorDetails:
    """One problem found by `validate`: where (`loc`), what kind (`type`), the message and the input."""

    # A plain class: this module is imported with the SDK, and a frozen dataclass costs more.
    __slots__ = ("input", "loc", "msg", "type")

    def __init__(self, loc: tuple[str | int, ...], type: str, msg: str, input: Any) -> None:
        self.loc = loc
        self.type = type
        self.msg = msg
        self.input = input

    def __repr__(self) -> str:
        return f"ErrorDetails(loc={self.loc!r}, type={self.type!r}, msg={self.msg!r}, input={self.input!r})"


class ValidationError(ValueError):
    """A dict argument that does not fit its shape, reported as pydantic reports it.

    The official SDK validates dict arguments with pydantic and raises
    ``pydantic.ValidationError``, a `ValueError`; this is a `ValueError` too, with the same title,
    locations and messages (``Field required``, ``Input should be a valid integer``, ...), so
    that code catching or matching either keeps working. `errors()` lists the problems as dicts.
    """

    def __init__(self, title: str, errors: Sequence[ErrorDetails]) -> None:
        self.title = title
        self._errors = list(errors)
        super().__init__(self._render())

    def errors(self) -> list[dict[str, Any]]:
        """The problems: dicts with ``type``, ``loc``, ``msg`` and ``input``, as pydantic gives them."""
        return [{"type": e.type, "loc": e.loc, "msg": e.msg, "input": e.input} for e in self._errors]

    def error_count(self) -> int:
        """How many problems were found."""
        return len(self._errors)

    def _render(self) -> str:
        count = len(self._errors)
        lines = [f"{count} validation error{'' if count == 1 else 's'} for {self.title}"]
        for error in self._errors:
            if error.loc:
                lines.append(".".join(str(part) for part in error.loc))
            lines.append(
                f"  {error.msg} [type={error.type}, input_value={_shown(error.input)}, "
                f"input_type={type(error.input).__name__}]"
            )
        return "\n".join(lines)


def _shown(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 50 else f"{shown[:25]}...{shown[-24:]}"


class _Invalid(Exception):
    """Raised by a `Check` with what it found wrong (locations relative to the checked value)."""

    def __init__(self, errors: list[ErrorDetails]) -> None:
        super().__init__(errors)
        self.errors = errors


Check = Callable[[Any], Any]
"""A check of one value: returns it converted, or raises `_Invalid`."""


def _fail(kind: str, message: str, value: Any) -> _Invalid:
    return _Invalid([ErrorDetails((), kind, message, value)])


def validate(check: Check, value: Any, title: str) -> Any:
    """`value` checked and converted by `check`; `ValidationError` titled `title` if it does not fit."""
    try:
        return check(value)
    except _Invalid as invalid:
        raise ValidationError(title, invalid.errors) from None


def _decoded(value: Any) -> Any:
    return bytes(value).decode() if isinstance(value, (bytes, bytearray)) else value


def string(*, strip: bool = False, min_length: int = 0) -> Check:
    """Text (bytes are decoded), optionally stripped of surrounding whitespace, of a minimum length."""

    def check(value: Any) -> str:
        value = _decoded(value)
        if not isinstance(value, str):
            raise _fail("string_type", "Input should be a valid string", value)
        result = value.strip() if strip else value
        if len(result) < min_length:
            unit = "character" if min_length == 1 else "characters"
            raise _fail("string_too_short", f"String should have at least {min_length} {unit}", result)
        return result

    return check


def _is_decimal(value: Any) -> bool:
    # A Decimal exists only once its module is imported: no need to import it (~1 ms) to ask.
    decimal = sys.modules.get("decimal")
    return decimal is not None and isinstance(value, decimal.Decimal)


# Patterns, not compiled objects: `re` compiles (and caches) them on first use, not at import.
_INTEGER_TEXT = r"[+-]?\d+(_\d+)*(\.0*)?"


def integer() -> Check:
    """An integer: ints and bools, floats without a fraction, decimal digits in a string."""

    def check(value: Any) -> int:
        value = _decoded(value)
        if isinstance(value, int):
            return int(value)
        if isinstance(value, float) or _is_decimal(value):
            if not math.isfinite(value):
                raise _fail("finite_number", "Input should be a finite number", value)
            if value != int(value):
                raise _fail(
                    "int_from_float",
                    "Input should be a valid integer, got a number with a fractional part",
                    value,
                )
            return int(value)
        if isinstance(value, str):
            text = value.strip()
            if re.fullmatch(_INTEGER_TEXT, text):
                return int(text.split(".")[0].replace("_", ""))
            raise _fail(
                "int_parsing", "Input should be a valid integer, unable to parse string as an integer", value
            )
        raise _fail("int_type", "Input should be a valid integer", value)

    return check


def number() -> Check:
    """A number (a float): ints, bools, floats, decimals, and numbers written in a string."""

    def check(value: Any) -> float:
        value = _decoded(value)
        if isinstance(value, (int, float)) or _is_decimal(value):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip().replace("_", ""))
            except ValueError:
                pass
            raise _fail(
                "float_parsing", "Input should be a valid number, unable to parse string as a number", value
            )
        raise _fail("float_type", "Input should be a valid number", value)

    return check


_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def boolean() -> Check:
    """True or False, also from 0 and 1 or from words such as ``"yes"`` and ``"off"``."""

    def check(value: Any) -> bool:
        value = _decoded(value)
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        if isinstance(value, str):
            if value.lower() in _TRUE:
                return True
            if value.lower() in _FALSE:
                return False
        if isinstance(value, (int, str)):
            raise _fail("bool_parsing", "Input should be a valid boolean, unable to interpret input", value)
        raise _fail("bool_type", "Input should be a valid boolean", value)

    return check


def literal(*choices: Any) -> Check:
    """One of `choices` exactly."""
    shown = [repr(choice) for choice in choices]
    allowed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"

    def check(value: Any) -> Any:
        for choice in choices:
            if type(value) is type(choice) and value == choice:
                return choice
        raise _fail("literal_error", f"Input should be {allowed}", value)

    return check


_ISO_DURATION = (
    r"P(?:(?P<days>\d+(?:\.\d+)?)D)?(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?"
)


def duration() -> Check:
    """A `datetime.timedelta`: one, a number of seconds, or an ISO 8601 duration such as ``"PT1H"``."""

    def check(value: Any) -> datetime.timedelta:
        value = _decoded(value)
        if isinstance(value, datetime.timedelta):
            return value
        if (isinstance(value, (int, float)) or _is_decimal(value)) and math.isfinite(value):
            return datetime.timedelta(seconds=float(value))
        if isinstance(value, str):
            text = value.strip()
            try:
                return datetime.timedelta(seconds=float(text))
            except ValueError:
                pass
            match = re.fullmatch(_ISO_DURATION, text)
            if match and text not in ("P", "PT") and not text.endswith("T"):
                parts = {unit: float(amount) for unit, amount in match.groupdict().items() if amount}
                return datetime.timedelta(**parts)
            raise _fail(
                "time_delta_parsing",
                "Input should be a valid timedelta, unable to parse it as a duration",
                value,
            )
        raise _fail("time_delta_type", "Input should be a valid timedelta", value)

    return check


def union(**members: Check) -> Check:
    """The first of `members` that accepts the value.

    If none does, the errors of every member, each located under the member's name.
    """

    def check(value: Any) -> Any:
        errors: list[ErrorDetails] = []
        for name, member in members.items():
            try:
                return member(value)
            except _Invalid as invalid:
                errors.extend(ErrorDetails((name, *e.loc), e.type, e.msg, e.input) for e in invalid.errors)
        raise _Invalid(errors)

    return check


def typed_dict(
    required: Mapping[str, Check], optional: Mapping[str, Check] | None = None, *, forbid_extra: bool = False
) -> Check:
    """A dict with the `required` keys and any of the `optional` ones, each value checked.

    Other keys are left out of the result, or refused with `forbid_extra`. Returns a new dict.
    """
    optional = optional or {}
    checks = {**required, **optional}

    def check(value: Any) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise _fail("dict_type", "Input should be a valid dictionary", value)
        result: dict[str, Any] = {}
        errors: list[ErrorDetails] = []
        for key, item_check in checks.items():
            if key not in value:
                if key in required:
                    errors.append(ErrorDetails((key,), "missing", "Field required", value))
                continue
            try:
                result[key] = item_check(value[key])
            except _Invalid as invalid:
                errors.extend(ErrorDetails((key, *e.loc), e.type, e.msg, e.input) for e in invalid.errors)
        if forbid_extra:
            errors.extend(
                ErrorDetails((key,), "extra_forbidden", "Extra inputs are not permitted", value[key])
                for key in value
                if key not in checks
            )
        if errors:
            raise _Invalid(errors)
        return result

    return check


T = TypeVar("T")


class Validator(Generic[T]):
    """A check of a dict argument under the official SDK's name (``KeyframeValidator``, ...).

    ``validate_python(value)`` returns the value checked and converted, or raises
    `ValidationError`, as the pydantic ``TypeAdapter`` the official SDK has in its place does.
    """

    def __init__(self, shape: Check, title: str) -> None:
        self._shape = shape
        self.title = title

    def validate_python(self, value: Any) -> T:
        """`value` checked and converted; `ValidationError` (a `ValueError`) if it does not fit."""
        return validate(self._shape, value, self.title)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"<Validator of {self.title}>"
