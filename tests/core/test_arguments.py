"""The argument checks every service shares: what each accepts, and what it refuses and how."""

from __future__ import annotations

from typing import Any

import pytest

from xai_sdk import arguments


def test_text_accepts_any_string_and_refuses_other_types() -> None:
    assert arguments.text("user", "") == ""
    assert arguments.text("user", "alice") == "alice"
    with pytest.raises(TypeError, match="user must be a string, got bytes"):
        arguments.text("user", b"alice")


def test_optional_text_passes_none_through() -> None:
    assert arguments.optional_text("filter", None) is None
    assert arguments.optional_text("filter", "a") == "a"
    with pytest.raises(TypeError, match="filter must be a string"):
        arguments.optional_text("filter", 3)


@pytest.mark.parametrize("value", ["", "   ", "\n\t"])
def test_non_empty_text_refuses_blank_strings(value: str) -> None:
    with pytest.raises(ValueError, match="model must not be empty"):
        arguments.non_empty_text("model", value)


def test_non_empty_text_returns_the_string_unchanged() -> None:
    assert arguments.non_empty_text("model", " grok-4 ") == " grok-4 "
    with pytest.raises(TypeError, match="model must be a string, got NoneType"):
        arguments.non_empty_text("model", None)


def test_non_empty_texts_checks_each_item_and_names_it() -> None:
    assert arguments.non_empty_texts("ids", ("a", "b")) == ["a", "b"]
    with pytest.raises(ValueError, match=r"ids\[1\] must not be empty"):
        arguments.non_empty_texts("ids", ["a", " "])
    with pytest.raises(TypeError, match="ids must be a list of strings, got str"):
        arguments.non_empty_texts("ids", "abc")
    with pytest.raises(ValueError, match="ids must list at least one item"):
        arguments.non_empty_texts("ids", [])
    assert arguments.non_empty_texts("ids", [], allow_empty=True) == []


@pytest.mark.parametrize("value", [0, 1, "true", None])
def test_flag_refuses_truthy_values_that_are_not_bools(value: Any) -> None:
    with pytest.raises(TypeError, match="logprobs must be True or False"):
        arguments.flag("logprobs", value)


def test_flag_accepts_bools() -> None:
    assert arguments.flag("logprobs", True) is True
    assert arguments.flag("logprobs", False) is False


def test_page_limit_bounds() -> None:
    assert arguments.page_limit(1) == 1
    assert arguments.page_limit(arguments.INT32_MAX) == arguments.INT32_MAX
    for value in (0, -1, arguments.INT32_MAX + 1):
        with pytest.raises(ValueError, match="limit must be a positive integer"):
            arguments.page_limit(value)
    for wrong in (True, 2.0, "10"):
        with pytest.raises(TypeError, match="size must be an integer"):
            arguments.page_limit(wrong, "size")


def test_choice_maps_names_and_accepts_listed_enum_values() -> None:
    names = {"asc": 1, "desc": 2}
    assert arguments.choice("order", "desc", names) == 2
    assert arguments.choice("order", 1, names, enum_values=(1, 2)) == 1
    with pytest.raises(ValueError, match="order must be one of 'asc', 'desc', got 'up'"):
        arguments.choice("order", "up", names)
    with pytest.raises(ValueError, match="order must be one of"):
        arguments.choice("order", 3, names, enum_values=(1, 2))
    with pytest.raises(ValueError, match="order must be one of"):
        arguments.choice("order", True, names, enum_values=(1, 2))
