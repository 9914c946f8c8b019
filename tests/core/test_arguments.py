"""The argument checks every service shares: what each accepts, and what it refuses and how."""

from __future__ import annotations

import decimal
from datetime import timedelta
from typing import Any, TypedDict

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


def test_choice_takes_keys_of_any_kind_and_refuses_unhashable_values_with_its_refusal() -> None:
    counts = {4: 1, 16: 2}
    assert arguments.choice("agent_count", 16, counts) == 2
    refusal = "Invalid agent count: {value}. Must be one of: {allowed}"
    with pytest.raises(ValueError, match=r"^Invalid agent count: \[4\]\. Must be one of: \[4, 16\]$"):
        arguments.choice("agent_count", [4], counts, refusal=refusal, allowed=list(counts))


def test_official_choice_passes_set_enum_values_and_words_a_refusal_as_the_official_sdk() -> None:
    from xai_sdk.proto import image_pb2

    names = {"url": image_pb2.IMG_FORMAT_URL}
    assert (
        arguments.official_choice("image format", "url", names, image_pb2.ImageFormat)
        == image_pb2.IMG_FORMAT_URL
    )
    assert arguments.official_choice(
        "image format", image_pb2.IMG_FORMAT_BASE64, names, image_pb2.ImageFormat
    ) == (image_pb2.IMG_FORMAT_BASE64)
    for unset_or_unknown in (0, "png"):
        with pytest.raises(ValueError, match=r"^Invalid image format \w+\. Must be one of \['url'\]$"):
            arguments.official_choice("image format", unset_or_unknown, names, image_pb2.ImageFormat)


def test_items_takes_any_iterable_but_text_and_mappings_and_checks_each_item() -> None:
    assert arguments.items("ids", (value for value in "ab")) == ["a", "b"]
    for wrong in ("ab", b"ab", {"a": 1}, 3):
        with pytest.raises(TypeError, match="ids must be a list of strings, got"):
            arguments.items("ids", wrong, "strings")
    with pytest.raises(TypeError, match="tags must be a list, got str"):
        arguments.items("tags", "a")
    with pytest.raises(TypeError, match="ids must contain strings, got int: 3"):
        arguments.items("ids", ["a", 3], "strings", str)


def test_seconds_takes_numbers_and_timedeltas_and_reads_zero_as_the_default() -> None:
    assert arguments.seconds("timeout", 2) == 2.0
    assert arguments.seconds("timeout", timedelta(minutes=1)) == 60.0
    assert arguments.seconds("timeout", 0, timedelta(seconds=5)) == 5.0
    assert arguments.seconds("timeout", None, 7) == 7.0
    with pytest.raises(TypeError, match=r"interval must be a number of seconds or a datetime\.timedelta"):
        arguments.seconds("interval", "1")
    for wrong in (0, -1, float("inf")):
        with pytest.raises(ValueError, match="timeout must be a positive, finite number of seconds"):
            arguments.seconds("timeout", wrong)


def test_media_url_takes_http_urls_and_data_urls_of_its_media() -> None:
    assert arguments.media_url("image_url", "https://x.ai/a.png", "image") == "https://x.ai/a.png"
    assert (
        arguments.media_url("video_url", "data:video/mp4;base64,AAAA", "video")
        == "data:video/mp4;base64,AAAA"
    )
    with pytest.raises(
        ValueError, match="video_url must be an http\\(s\\) URL or a base64 data URL such as 'data:video"
    ):
        arguments.media_url("video_url", "data:image/png;base64,AAAA", "video")
    with pytest.raises(TypeError, match="image_url must be a string"):
        arguments.media_url("image_url", None, "image")


class Shape(TypedDict, total=False):
    size: int | None
    name: str | None


def test_options_picks_the_keys_of_its_set_from_a_namespace() -> None:
    def method(*, size: int | None = None, name: str | None = None, timeout: float | None = None) -> Shape:
        return arguments.options(Shape, locals())

    assert method(size=3) == {"size": 3, "name": None}
    with pytest.raises(KeyError, match="name"):
        arguments.options(Shape, {"size": 1})


# -- numbers and flags as protobuf fields take them -----------------------------------------------


class Index:
    """An integer that is not an int (as a numpy integer is)."""

    def __index__(self) -> int:
        return 7


def test_proto_int_takes_what_protobuf_takes_as_an_integer() -> None:
    assert arguments.proto_int("seed", 5) == 5
    assert arguments.proto_int("seed", Index()) == 7
    for wrong in (True, 2.0, "3", None):
        with pytest.raises(TypeError, match="seed must be an integer"):
            arguments.proto_int("seed", wrong)
    with pytest.raises(ValueError, match="max_tokens must be between 1 and 10, got 11"):
        arguments.proto_int("max_tokens", 11, 1, 10)


def test_proto_float_takes_any_number_but_text() -> None:
    assert arguments.proto_float("temperature", 1) == 1.0
    assert arguments.proto_float("temperature", decimal.Decimal("0.5")) == 0.5
    assert arguments.proto_float("temperature", True) == 1.0  # as protobuf reads it
    for wrong in ("0.5", b"1", None, [1]):
        with pytest.raises(TypeError, match="temperature must be a number"):
            arguments.proto_float("temperature", wrong)
    with pytest.raises(ValueError, match=r"temperature must be between 0 and 2, got 2\.5"):
        arguments.proto_float("temperature", 2.5, 0, 2)


def test_proto_bool_takes_integers_as_protobuf_does() -> None:
    assert arguments.proto_bool("logprobs", True) is True
    assert arguments.proto_bool("logprobs", 0) is False
    assert arguments.proto_bool("logprobs", 2) is True
    for wrong in (1.0, "yes", None):
        with pytest.raises(TypeError, match="logprobs must be True or False"):
            arguments.proto_bool("logprobs", wrong)


# -- dict arguments, as pydantic checks them for the official SDK ---------------------------------

SHAPE = arguments.typed_dict(
    {"name": arguments.string(strip=True, min_length=1), "size": arguments.integer()},
    {
        "ratio": arguments.number(),
        "on": arguments.boolean(),
        "kind": arguments.literal("a", "b", "c"),
        "ttl": arguments.union(timedelta=arguments.duration(), int=arguments.integer()),
    },
)


def test_validate_converts_as_pydantic_does_and_drops_unknown_keys() -> None:
    value = {
        "name": " x ",
        "size": "1_000",
        "ratio": "2.5",
        "on": "yes",
        "kind": "b",
        "ttl": "PT1H",
        "other": 1,
    }
    assert arguments.validate(SHAPE, value, "Shape") == {
        "name": "x",
        "size": 1000,
        "ratio": 2.5,
        "on": True,
        "kind": "b",
        "ttl": timedelta(hours=1),
    }
    assert arguments.validate(SHAPE, {"name": b"y", "size": 3.0, "on": 0, "ttl": 60}, "Shape") == {
        "name": "y",
        "size": 3,
        "on": False,
        "ttl": timedelta(seconds=60),
    }


@pytest.mark.parametrize(
    ("value", "errors"),
    [
        ("x", [((), "dict_type", "Input should be a valid dictionary")]),
        ({}, [(("name",), "missing", "Field required"), (("size",), "missing", "Field required")]),
        (
            {"name": " ", "size": 2.5},
            [
                (("name",), "string_too_short", "String should have at least 1 character"),
                (
                    ("size",),
                    "int_from_float",
                    "Input should be a valid integer, got a number with a fractional part",
                ),
            ],
        ),
        (
            {"name": 1, "size": "big", "ratio": "x", "on": "maybe", "kind": "d"},
            [
                (("name",), "string_type", "Input should be a valid string"),
                (
                    ("size",),
                    "int_parsing",
                    "Input should be a valid integer, unable to parse string as an integer",
                ),
                (
                    ("ratio",),
                    "float_parsing",
                    "Input should be a valid number, unable to parse string as a number",
                ),
                (("on",), "bool_parsing", "Input should be a valid boolean, unable to interpret input"),
                (("kind",), "literal_error", "Input should be 'a', 'b' or 'c'"),
            ],
        ),
        (
            {"name": "x", "size": None, "on": None, "ttl": [1]},
            [
                (("size",), "int_type", "Input should be a valid integer"),
                (("on",), "bool_type", "Input should be a valid boolean"),
                (("ttl", "timedelta"), "time_delta_type", "Input should be a valid timedelta"),
                (("ttl", "int"), "int_type", "Input should be a valid integer"),
            ],
        ),
    ],
)
def test_validate_reports_every_problem_in_pydantic_words(value: Any, errors: list[Any]) -> None:
    with pytest.raises(arguments.ValidationError) as raised:
        arguments.validate(SHAPE, value, "Shape")
    assert [(e["loc"], e["type"], e["msg"]) for e in raised.value.errors()] == errors
    assert raised.value.error_count() == len(errors)
    assert isinstance(raised.value, ValueError)


def test_a_validation_error_reads_like_pydantics() -> None:
    with pytest.raises(arguments.ValidationError) as raised:
        arguments.validate(SHAPE, {"size": "big" * 30}, "Shape")
    # Long inputs are shown as pydantic shows them: their first 25 and last 24 characters.
    assert str(raised.value) == (
        "2 validation errors for Shape\n"
        "name\n"
        "  Field required [type=missing, input_value={'size': 'bigbigbigbigbig...gbigbigbigbigbigbigbig'}, "
        "input_type=dict]\n"
        "size\n"
        "  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, "
        "input_value='bigbigbigbigbigbigbigbig...igbigbigbigbigbigbigbig', input_type=str]"
    )


def test_forbidding_extra_keys_names_each_one() -> None:
    strict = arguments.typed_dict({"a": arguments.integer()}, forbid_extra=True)
    with pytest.raises(ValueError, match=r"b\n  Extra inputs are not permitted \[type=extra_forbidden"):
        arguments.validate(strict, {"a": 1, "b": 2}, "Strict")


def test_a_union_takes_its_first_member_that_fits_and_names_each_one_that_does_not() -> None:
    either = arguments.union(
        First=arguments.typed_dict({"a": arguments.integer()}, forbid_extra=True),
        Second=arguments.typed_dict({"b": arguments.integer()}, forbid_extra=True),
    )
    assert arguments.validate(either, {"b": "2"}, "Either") == {"b": 2}
    with pytest.raises(arguments.ValidationError) as raised:
        arguments.validate(either, {"c": 1}, "Either")
    assert [e["loc"] for e in raised.value.errors()] == [
        ("First", "a"),
        ("First", "c"),
        ("Second", "b"),
        ("Second", "c"),
    ]


def test_validator_is_the_typeadapter_shape() -> None:
    validator: arguments.Validator[dict[str, Any]] = arguments.Validator(SHAPE, "Shape")
    assert validator.validate_python({"name": "n", "size": 1}) == {"name": "n", "size": 1}
    assert repr(validator) == "<Validator of Shape>"
    with pytest.raises(ValueError, match="1 validation error for Shape"):
        validator.validate_python({"name": "n"})
