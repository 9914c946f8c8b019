"""The filter expressions of the listing RPCs, parsed and evaluated (a subset of the real syntax).

Two spellings of a comparison are understood, joined with ``AND``, ``OR``, ``NOT`` and
parentheses:

* ``field op value`` with ``=``, ``!=``, ``>``, ``>=``, ``<``, ``<=`` (the Files API):
  ``name = "report.pdf" AND size_bytes > 1048576``, ``public_url != null``;
* ``field:value`` and ``field:>value`` (also ``>=``, ``<``, ``<=``, and ``!`` for "not") (the
  Collections API): ``collection_name:"SEC" AND documents_count:>10``. For text, ``:`` means
  "contains"; for other values, "equals".

Values are double-quoted strings, numbers, ``null``, or bare words (``DOCUMENT_STATUS_FAILED``,
``2025-01-01T00:00:00Z``). Times compare with RFC 3339 strings. Anything else is refused with a
`FilterError`, which the services turn into INVALID_ARGUMENT.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = ["Filter", "FilterError", "Moment", "parse_filter"]


class FilterError(ValueError):
    """The filter cannot be parsed, or names a field that does not exist."""


@dataclass(frozen=True)
class Moment:
    """A point in time, as a filter compares it: with an RFC 3339 string or a Unix time."""

    seconds: float


_TOKEN = re.compile(
    r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<op>!=|>=|<=|=|>|<|:|!|\(|\))|(?P<word>[^\s()"=!<>:]+(?::[^\s()"=!<>]+)*))'
)
_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
}

Getter = Callable[[str], Any]
"""The value of a field of the item being tested; raises `KeyError` for an unknown field."""
Filter = Callable[[Getter], bool]
"""A parsed filter: tells whether an item (given by its field getter) matches."""


def parse_filter(expression: str) -> Filter:
    """Parse a filter expression; an empty one matches everything."""
    tokens = _tokenize(expression)
    if not tokens:
        return lambda get: True
    parser = _Parser(tokens)
    result = parser.disjunction()
    if parser.position != len(tokens):
        raise FilterError(f"unexpected {tokens[parser.position][1]!r} in filter {expression!r}")
    return result


def _tokenize(expression: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(expression):
        if expression[position:].strip() == "":
            break
        match = _TOKEN.match(expression, position)
        if match is None or match.end() == position:
            raise FilterError(f"cannot read the filter from {expression[position:]!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.position = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise FilterError("the filter ends too early")
        self.position += 1
        return token

    def keyword(self, word: str) -> bool:
        token = self.peek()
        if token is not None and token[0] == "word" and token[1].upper() == word:
            self.position += 1
            return True
        return False

    def disjunction(self) -> Filter:
        terms = [self.conjunction()]
        while self.keyword("OR"):
            terms.append(self.conjunction())
        return terms[0] if len(terms) == 1 else (lambda get: any(term(get) for term in terms))

    def conjunction(self) -> Filter:
        terms = [self.negation()]
        while self.keyword("AND"):
            terms.append(self.negation())
        return terms[0] if len(terms) == 1 else (lambda get: all(term(get) for term in terms))

    def negation(self) -> Filter:
        if self.keyword("NOT"):
            inner = self.negation()
            return lambda get: not inner(get)
        if self.peek() == ("op", "("):
            self.take()
            inner = self.disjunction()
            if self.take() != ("op", ")"):
                raise FilterError("a parenthesis is not closed in the filter")
            return inner
        return self.comparison()

    def comparison(self) -> Filter:
        kind, field = self.take()
        if kind != "word":
            raise FilterError(f"expected a field name in the filter, got {field!r}")
        if ":" in field:  # field:value read as one word, e.g. status:DOCUMENT_STATUS_FAILED
            field, value = field.split(":", 1)
            return _contains(field, _literal(value))
        kind, operator = self.take()
        if kind != "op" or operator in ("(", ")", "!"):
            raise FilterError(f"expected an operator after {field!r} in the filter, got {operator!r}")
        if operator == ":":
            return self.has(field)
        return _compare(field, operator, self.value())

    def has(self, field: str) -> Filter:
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] in ("!", ">", ">=", "<", "<="):
            self.take()
            if token[1] != "!":
                return _compare(field, token[1], self.value())
            inner = _contains(field, self.value())
            return lambda get: not inner(get)
        return _contains(field, self.value())

    def value(self) -> Any:
        kind, text = self.take()
        if kind == "string":
            return re.sub(r"\\(.)", r"\1", text[1:-1])
        if kind != "word":
            raise FilterError(f"expected a value in the filter, got {text!r}")
        return _literal(text)


def _literal(text: str) -> Any:
    """A bare word's value: null, a number, or the word itself."""
    if text == "null":
        return None
    for number in (int, float):
        try:
            return number(text)
        except ValueError:
            pass
    return text


def _field(get: Getter, field: str) -> Any:
    try:
        return get(field)
    except KeyError:
        raise FilterError(f"the filter names an unknown field {field!r}") from None


def _coerce(actual: Any, value: Any) -> Any:
    """The filter's value in the type of the field's."""
    if isinstance(actual, Moment) and isinstance(value, str):
        try:
            return Moment(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())
        except ValueError:
            raise FilterError(f"{value!r} is not an RFC 3339 time") from None
    if isinstance(actual, Moment) and isinstance(value, (int, float)):
        return Moment(float(value))
    return value


def _compare(field: str, operator: str, value: Any) -> Filter:
    comparison = _COMPARISONS[operator]

    def test(get: Getter) -> bool:
        actual = _field(get, field)
        if value is None or actual is None:
            return comparison(actual, value) if operator in ("=", "!=") else False
        expected = _coerce(actual, value)
        if isinstance(actual, Moment):
            actual, expected = actual.seconds, expected.seconds
        try:
            return bool(comparison(actual, expected))
        except TypeError:
            raise FilterError(f"cannot compare {field!r} with {value!r}") from None

    return test


def _contains(field: str, value: Any) -> Filter:
    def test(get: Getter) -> bool:
        actual = _field(get, field)
        if isinstance(actual, str) and isinstance(value, str):
            return value in actual
        if value is None or actual is None:
            return actual is value
        expected = _coerce(actual, value)
        if isinstance(actual, Moment):
            return bool(actual.seconds == expected.seconds)
        return bool(actual == expected)

    return test
