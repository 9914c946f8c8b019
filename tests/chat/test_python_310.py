"""What Python 3.10 refuses: typing evaluating a union with a protobuf enum.

On 3.10, ``Literal[...] | chat_pb2.IncludeOption`` raises TypeError when typing evaluates it (an
enum wrapper is not a class), so the SDK must never evaluate the types of its own option sets.
"""

from __future__ import annotations

import typing

import pytest

from xai_sdk.chat import _request


def test_the_checks_of_create_are_read_without_evaluating_the_option_types(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise TypeError("Union[arg, ...]: each arg must be a type.")  # what 3.10 says

    _request._checks.cache_clear()
    monkeypatch.setattr(typing, "get_type_hints", refuse)
    try:
        checks = _request._checks()
    finally:
        _request._checks.cache_clear()
    assert set(checks) == set(_request.CompletionOptions.__annotations__)
    assert all(callable(check) for check in checks.values())
    assert checks["include"]("include", ["inline_citations"]) == [
        _request.chat_pb2.INCLUDE_OPTION_INLINE_CITATIONS
    ]
