"""Checks of the arguments a sub-client method takes: the one vocabulary every service builds requests with.

Each check returns the value to put in the request, or raises before any RPC is made: a
`TypeError` (wrong type) or `ValueError` (wrong value) naming the argument and what is allowed.
Where the official SDK refuses an argument itself, the error is of the class it raises and its
message starts with the official wording, so that code written for it keeps working.

- text: `text`, `optional_text`, `non_empty_text`, `non_empty_texts`, `media_url`;
- numbers and flags as protobuf fields take them: `proto_int`, `proto_float`, `proto_bool`,
  and `flag`, `page_limit`, `seconds`;
- lists: `items`; literals to proto enums: `choice` (and `official_choice`);
- dict arguments, checked as the official SDK's pydantic models check them: `validate` with a
  shape made of `string`, `integer`, `number`, `boolean`, `literal`, `duration`, `union` and
  `typed_dict`, raising `ValidationError` (see `xai_sdk._shapes`);
- `options`: how a method with an explicit signature forwards an option set declared once.
"""

from __future__ import annotations

import datetime
import math
import operator
from collections.abc import Collection, Iterable, Mapping
from typing import Any, Literal, TypeVar, cast

from xai_sdk._shapes import (
    Check,
    ErrorDetails,
    ValidationError,
    Validator,
    boolean,
    duration,
    integer,
    literal,
    number,
    string,
    typed_dict,
    union,
    validate,
)

__all__ = [
    "INT32_MAX",
    "Check",
    "ErrorDetails",
    "ValidationError",
    "Validator",
    "boolean",
    "choice",
    "duration",
    "flag",
    "integer",
    "items",
    "literal",
    "media_url",
    "non_empty_text",
    "non_empty_texts",
    "number",
    "official_choice",
    "optional_text",
    "options",
    "page_limit",
    "proto_bool",
    "proto_float",
    "proto_int",
    "seconds",
    "string",
    "text",
    "typed_dict",
    "union",
    "validate",
]

INT32_MAX = 2**31 - 1
"""The largest value of an ``int32`` proto field."""

EnumT = TypeVar("EnumT", bound=int)
OptionsT = TypeVar("OptionsT", bound=Mapping[str, object])


# -- text ----------------------------------------------------------------------------------------


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
    checked = [
        non_empty_text(f"{name}[{index}]", value)
        for index, value in enumerate(items(name, values, "strings"))
    ]
    if not checked and not allow_empty:
        raise ValueError(f"{name} must list at least one item")
    return checked


def _shown(value: str, limit: int = 60) -> str:
    """`value` for an error message: data URLs can be megabytes long."""
    return repr(value if len(value) <= limit else value[:limit] + "...")


def media_url(name: str, value: Any, media: Literal["image", "video"]) -> str:
    """An input image or video: an ``http(s)://`` URL or a ``data:<media>/...;base64,...`` URL.

    The URL is sent as given (the API fetches or decodes it); only its form is checked here.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string (a URL or a data URL), got {type(value).__name__}")
    if value.startswith("data:"):
        header, separator, payload = value[5:].partition(",")
        if separator and payload and header.endswith(";base64") and header.startswith(f"{media}/"):
            return value
    else:
        from urllib.parse import urlsplit  # noqa: PLC0415 - not imported with the SDK

        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc:
            return value
    example = "data:image/jpeg;base64,..." if media == "image" else "data:video/mp4;base64,..."
    raise ValueError(
        f"{name} must be an http(s) URL or a base64 data URL such as {example!r}, got {_shown(value)}"
    )


# -- numbers and flags ---------------------------------------------------------------------------


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


def proto_int(name: str, value: Any, low: int = -(2**31), high: int = INT32_MAX) -> int:
    """An integer for an integer field, between `low` and `high`.

    An `int` or anything usable as one (a numpy integer); not a bool or a float.
    """
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    try:
        number = operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be an integer, got {value!r}") from None
    if not low <= number <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {number}")
    return number


def proto_float(name: str, value: Any, low: float = -math.inf, high: float = math.inf) -> float:
    """A number for a float field, between `low` and `high`.

    Anything with a float value (an int, a float, a Decimal), as protobuf takes it; not a string.
    """
    if isinstance(value, (str, bytes, bytearray)) or not hasattr(value, "__float__"):
        raise TypeError(f"{name} must be a number, got {value!r}")
    number = float(value)
    if not low <= number <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}, got {value!r}")
    return number


def proto_bool(name: str, value: Any) -> bool:
    """A flag for a bool field: True, False, or an integer (its truth, as protobuf takes it)."""
    try:
        return bool(operator.index(value))
    except TypeError:
        raise TypeError(f"{name} must be True or False, got {value!r}") from None


def seconds(name: str, value: Any, default: float | datetime.timedelta | None = None) -> float:
    """A positive, finite time in seconds, given as a number or a `datetime.timedelta`.

    With a `default`, None and zero (``0``, ``timedelta(0)``) mean the default, as the official
    SDK reads a zero timeout or poll interval as "not given".
    """
    if default is not None and not value:
        value = default
    if isinstance(value, datetime.timedelta):
        result = value.total_seconds()
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        result = float(value)
    else:
        raise TypeError(f"{name} must be a number of seconds or a datetime.timedelta, got {value!r}")
    if not result > 0 or result == math.inf:
        raise ValueError(f"{name} must be a positive, finite number of seconds, got {value!r}")
    return result


# -- lists and enums -----------------------------------------------------------------------------


def items(name: str, values: Any, what: str = "", item_type: type | tuple[type, ...] = object) -> list[Any]:
    """The items of a list argument: any iterable but a string, bytes or a mapping.

    `what` says what the list holds in the error (``"messages must be a list of messages made by
    user(), ..."``); each item must be an `item_type`, else a `TypeError` names it.
    """
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        listed = f"a list of {what}" if what else "a list"
        raise TypeError(f"{name} must be {listed}, got {type(values).__name__}")
    checked = list(values)
    for item in checked:
        if not isinstance(item, item_type):
            raise TypeError(f"{name} must contain {what}, got {type(item).__name__}: {item!r}")
    return checked


def choice(
    name: str,
    value: Any,
    names: Mapping[Any, EnumT],
    enum_values: Collection[int] = (),
    *,
    refusal: str = "{name} must be one of {allowed}, got {value!r}",
    allowed: object = None,
) -> EnumT:
    """The proto enum value of `value`: a key of `names` (a literal such as ``"16:9"`` or ``4``).

    This is how every literal of the public API becomes a proto enum. A value of `enum_values`
    (the enum itself, e.g. ``image_pb2.IMG_ASPECT_RATIO_AUTO``) is returned as it is. Anything
    else, bools included, raises `ValueError` with `refusal`: a `str.format` template of `name`,
    `value`, `names` (a list of the keys) and `allowed`, by default the keys quoted and
    comma-separated. The converters of the official SDK keep its wording with their own template
    (see `official_choice`) and, where it shows the keys otherwise, their own `allowed`.
    """
    if not isinstance(value, bool):
        try:
            if value in names:
                return names[value]
        except TypeError:  # unhashable, so not a key
            pass
        if isinstance(value, int) and value in enum_values:
            return cast("EnumT", value)
    shown = ", ".join(repr(key) for key in names) if allowed is None else allowed
    raise ValueError(refusal.format(name=name, value=value, allowed=shown, names=list(names)))


def official_choice(kind: str, value: Any, names: Mapping[Any, EnumT], enum: Any) -> EnumT:
    """`choice` as the official SDK's converters (``convert_image_format_to_pb``, ...) make it.

    A key of `names`, or a value of the proto `enum` type but its zero ("not set") one, as it
    is; anything else raises `ValueError` in their words: ``Invalid image format png. Must be
    one of ['base64', 'url']``.
    """
    set_values = [number for number in enum.values() if number]
    return choice(kind, value, names, set_values, refusal="Invalid {name} {value}. Must be one of {names}")


# -- option sets ---------------------------------------------------------------------------------


def options(shape: type[OptionsT], namespace: Mapping[str, Any]) -> OptionsT:
    """The value of each key of `shape` (a `TypedDict` of options) in `namespace`.

    An option set is declared once, as a TypedDict beside the function that builds the request;
    the public methods keep their explicit signatures (the official SDK's) and forward the set
    with ``build(**options(ImageOptions, locals()))``. A test holds every such signature to its
    TypedDict; a key the method does not have raises `KeyError` on its first call.
    """
    return cast("OptionsT", {key: namespace[key] for key in shape.__annotations__})
