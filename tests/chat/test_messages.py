"""Message, content and tool helpers of xai_sdk.chat: what they build, and what they refuse."""

from __future__ import annotations

import json

import pytest

from xai_sdk.chat import (
    assistant,
    developer,
    file,
    image,
    required_tool,
    system,
    text,
    tool,
    tool_result,
    user,
)
from xai_sdk.proto import chat_pb2, image_pb2


@pytest.mark.parametrize(
    ("helper", "role"),
    [
        (user, chat_pb2.ROLE_USER),
        (system, chat_pb2.ROLE_SYSTEM),
        (assistant, chat_pb2.ROLE_ASSISTANT),
        (developer, chat_pb2.ROLE_DEVELOPER),
    ],
)
def test_role_helpers_turn_strings_into_text_parts(helper, role) -> None:
    message = helper("Look:", image("https://example.com/a.png"), "thanks")
    assert message.role == role
    assert [part.WhichOneof("content") for part in message.content] == ["text", "image_url", "text"]
    assert message.content[0].text == "Look:"


def test_a_message_part_of_another_type_is_refused() -> None:
    with pytest.raises(TypeError, match="strings or parts made by text"):
        user(42)  # type: ignore[arg-type]


def test_tool_result_links_the_call() -> None:
    message = tool_result('{"temperature": 21}', tool_call_id="call_1")
    assert message.role == chat_pb2.ROLE_TOOL
    assert (message.content[0].text, message.tool_call_id) == ('{"temperature": 21}', "call_1")
    assert not tool_result("ok").HasField("tool_call_id")


def test_tool_result_refuses_what_is_not_text() -> None:
    with pytest.raises(TypeError, match=r"json\.dumps"):
        tool_result({"temperature": 21})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("detail", "expected"),
    [
        ("auto", image_pb2.DETAIL_AUTO),
        ("low", image_pb2.DETAIL_LOW),
        ("high", image_pb2.DETAIL_HIGH),
        (None, image_pb2.DETAIL_AUTO),
    ],
)
def test_image_detail(detail, expected) -> None:
    assert image("https://example.com/cat.jpg", detail=detail).image_url.detail == expected


def test_image_accepts_a_data_url() -> None:
    part = image("data:image/png;base64,iVBORw0KGgo=")
    assert part.image_url.image_url.startswith("data:image/png")


@pytest.mark.parametrize("url", ["example.com/a.png", "iVBORw0KGgo=", "file:///tmp/a.png", ""])
def test_image_sends_any_other_string_as_given(url: str) -> None:
    # As the official SDK does: the API fetches or decodes it (a bare base64 payload included).
    assert image(url).image_url.image_url == url


def test_image_refuses_a_url_that_is_not_a_string() -> None:
    with pytest.raises(TypeError, match="image_url must be a string, got bytes"):
        image(b"https://example.com/a.png")  # type: ignore[arg-type]


def test_image_refuses_an_unknown_detail() -> None:
    with pytest.raises(ValueError, match="Invalid image detail 'ultra'"):
        image("https://example.com/a.png", detail="ultra")  # type: ignore[arg-type]


def test_file_by_id_data_or_url() -> None:
    assert file("file-123").file.file_id == "file-123"
    inline = file(data=b"%PDF", filename="a.pdf", mime_type="application/pdf").file
    assert (inline.data, inline.filename, inline.mime_type) == (b"%PDF", "a.pdf", "application/pdf")
    assert file(url="https://example.com/a.pdf").file.url == "https://example.com/a.pdf"


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"file_id": "f", "data": b"x"}, {"data": b"x", "url": "https://e.com"}],
)
def test_file_needs_exactly_one_source(kwargs) -> None:
    with pytest.raises(ValueError, match="Exactly one of"):
        file(**kwargs)


def test_file_id_takes_no_filename() -> None:
    with pytest.raises(ValueError, match="only supported for inline"):
        file("file-1", filename="a.pdf")  # type: ignore[call-overload]


def test_tool_serializes_its_parameters() -> None:
    parameters = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
    made = tool("get_weather", "Weather of a city.", parameters)
    assert made.function.name == "get_weather"
    assert json.loads(made.function.parameters) == parameters


@pytest.mark.parametrize(
    ("parameters", "error", "message"),
    [
        (["city"], TypeError, "JSON schema of an object"),
        ({"type": "string"}, ValueError, "must describe an object"),
        ({"type": "object", "properties": ["city"]}, ValueError, "map argument names"),
        ({"type": "object", "properties": {"when": {"default": object()}}}, TypeError, "JSON-serializable"),
    ],
)
def test_tool_refuses_parameters_that_are_not_an_object_schema(parameters, error, message) -> None:
    with pytest.raises(error, match=message):
        tool("t", "d", parameters)


def test_required_tool_names_the_function() -> None:
    assert required_tool("get_weather").function_name == "get_weather"


def test_text_refuses_bytes() -> None:
    with pytest.raises(TypeError):
        text(b"hi")  # type: ignore[arg-type]
