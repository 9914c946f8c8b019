"""A JSON value that validates against a JSON schema, synthesized from the schema.

Covers what pydantic and hand-written tool schemas use: ``type`` (also as a list), objects
with ``properties`` and ``required``, arrays (``items``, ``prefixItems``, ``minItems``,
``maxItems``), ``enum``, ``const``, ``$ref`` into ``$defs`` or ``definitions``, ``anyOf``,
``oneOf``, ``allOf``, string ``format``, ``minLength``, ``maxLength``, and numeric bounds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["synthesize"]

_MAX_DEPTH = 12
"""Past this nesting, only what the schema requires is produced (recursive schemas end)."""

_FORMATS = {
    "date-time": "2025-01-01T00:00:00Z",
    "date": "2025-01-01",
    "time": "00:00:00Z",
    "duration": "P1D",
    "email": "user@example.com",
    "hostname": "example.com",
    "ipv4": "127.0.0.1",
    "ipv6": "::1",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uuid": "00000000-0000-4000-8000-000000000000",
}


def synthesize(schema: Any, text: str) -> Any:
    """A value valid against `schema`; the first free-form string in it is `text`.

    Raises ValueError for a ``$ref`` that does not resolve.
    """
    return _Synthesizer(schema, text).value(schema, 0)


class _Synthesizer:
    def __init__(self, root: Any, text: str) -> None:
        self._root = root
        self._text: str | None = text

    def value(self, schema: Any, depth: int) -> Any:
        if not isinstance(schema, Mapping):
            return None  # a boolean schema: `true` accepts anything
        if "$ref" in schema:
            return self.value(self._resolve(schema["$ref"]), depth + 1)
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            return schema["enum"][0]
        return self._combined(schema, depth)

    def _combined(self, schema: Mapping[str, Any], depth: int) -> Any:
        for keyword in ("anyOf", "oneOf"):
            if schema.get(keyword):
                return self.value(_first_option(schema[keyword], depth), depth + 1)
        if schema.get("allOf"):
            return self._all_of(schema["allOf"], depth)
        return self._typed(schema, _type_of(schema), depth)

    def _typed(self, schema: Mapping[str, Any], kind: str | None, depth: int) -> Any:
        if kind == "object":
            return self._object(schema, depth)
        if kind == "array":
            return self._array(schema, depth)
        if kind == "string":
            return self._string(schema)
        if kind in ("integer", "number"):
            return _number(schema, integer=kind == "integer")
        if kind == "boolean":
            return False
        return None

    def _object(self, schema: Mapping[str, Any], depth: int) -> dict[str, Any]:
        properties: Mapping[str, Any] = schema.get("properties") or {}
        required = list(schema.get("required") or [])
        names = list(properties) if depth <= _MAX_DEPTH else [name for name in properties if name in required]
        names += [name for name in required if name not in properties]
        extra = schema.get("additionalProperties")
        return {name: self.value(properties.get(name, extra), depth + 1) for name in names}

    def _array(self, schema: Mapping[str, Any], depth: int) -> list[Any]:
        prefix = [self.value(item, depth + 1) for item in schema.get("prefixItems") or []]
        low = int(schema.get("minItems", 0))
        count = max(low, 1 if depth <= _MAX_DEPTH else 0)
        if "maxItems" in schema:
            count = min(count, int(schema["maxItems"]))
        items = schema.get("items")
        if items is False:  # closed tuple: the prefix alone
            return prefix
        return prefix + [self.value(items, depth + 1) for _ in range(max(count - len(prefix), 0))]

    def _string(self, schema: Mapping[str, Any]) -> str:
        if schema.get("format") in _FORMATS:
            value = _FORMATS[schema["format"]]
        elif self._text is not None:
            value, self._text = self._text, None
        else:
            value = ""
        value = value.ljust(int(schema.get("minLength", 0)), "x")
        if "maxLength" in schema:
            value = value[: int(schema["maxLength"])]
        return value

    def _all_of(self, schemas: list[Any], depth: int) -> Any:
        values = [self.value(part, depth + 1) for part in schemas]
        if all(isinstance(value, dict) for value in values):
            merged: dict[str, Any] = {}
            for value in values:
                merged.update(value)
            return merged
        return values[0]

    def _resolve(self, reference: str) -> Any:
        if not reference.startswith("#"):
            raise ValueError(f"only local $ref are supported, got {reference!r}")
        target = self._root
        for part in filter(None, reference[1:].split("/")):
            key = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, Mapping) or key not in target:
                raise ValueError(f"$ref {reference!r} does not resolve")
            target = target[key]
        return target


def _type_of(schema: Mapping[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        kinds = [option for option in kind if option != "null"]
        return str(kinds[0]) if kinds else "null"
    if kind is None:
        if "properties" in schema or "additionalProperties" in schema:
            return "object"
        if "items" in schema or "prefixItems" in schema:
            return "array"
    return None if kind is None else str(kind)


def _first_option(options: list[Any], depth: int) -> Any:
    """The first option that is not null; past the depth limit, null if allowed (ends recursion)."""
    is_null = [isinstance(option, Mapping) and option.get("type") == "null" for option in options]
    if depth > _MAX_DEPTH and any(is_null):
        return options[is_null.index(True)]
    for option, null in zip(options, is_null, strict=True):
        if not null:
            return option
    return options[0]


def _number(schema: Mapping[str, Any], *, integer: bool) -> int | float:
    step = 1 if integer else 0.5
    low, low_open = _bound(schema, "minimum", "exclusiveMinimum")
    high, high_open = _bound(schema, "maximum", "exclusiveMaximum")
    value: float = 0
    if low is not None and (value < low or (low_open and value == low)):
        value = low + step if low_open else low
    if high is not None and (value > high or (high_open and value == high)):
        value = high - step if high_open else high
    if integer:
        value = math.ceil(value)
    multiple = schema.get("multipleOf")
    if multiple:
        value = math.ceil(value / multiple) * multiple
    return int(value) if integer else value


def _bound(schema: Mapping[str, Any], inclusive: str, exclusive: str) -> tuple[float | None, bool]:
    """A numeric bound and whether it is exclusive (draft 4's boolean form included)."""
    flag = schema.get(exclusive)
    if isinstance(flag, bool):
        return schema.get(inclusive), flag
    if flag is not None:
        return flag, True
    return schema.get(inclusive), False
