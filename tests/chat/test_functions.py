"""tool_from_function: JSON schemas from signatures, type hints and docstrings."""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Annotated, Any, Literal, Optional, TypedDict, Union

import pytest
from pydantic import BaseModel, Field

from xai_sdk.chat import tool_from_function


def schema_of(function: Any, **kwargs: Any) -> dict[str, Any]:
    return json.loads(tool_from_function(function, **kwargs).function.parameters)


def get_weather(city: str, units: Literal["C", "F"] = "C", days: int = 1) -> str:
    """Get the weather forecast.

    Longer explanation that is not part of the summary.

    Args:
        city: The city, for example
            "Paris" or "Lagos".
        units (str): Celsius or Fahrenheit.

    Returns:
        A forecast.
    """
    return city


def test_name_description_and_required_arguments() -> None:
    made = tool_from_function(get_weather)
    assert made.function.name == "get_weather"
    assert made.function.description == "Get the weather forecast."
    schema = json.loads(made.function.parameters)
    assert schema["type"] == "object" and schema["required"] == ["city"]
    assert schema["properties"]["city"] == {
        "type": "string",
        "description": 'The city, for example "Paris" or "Lagos".',
    }
    assert schema["properties"]["units"] == {
        "enum": ["C", "F"],
        "type": "string",
        "description": "Celsius or Fahrenheit.",
        "default": "C",
    }
    assert schema["properties"]["days"] == {"type": "integer", "default": 1}


def test_name_and_description_can_be_given() -> None:
    made = tool_from_function(get_weather, name="weather", description="Forecasts.")
    assert (made.function.name, made.function.description) == ("weather", "Forecasts.")


def numpy_style(query: str, limit: int = 10) -> list[str]:
    """Search the catalog.

    Parameters
    ----------
    query : str
        What to look for.
    limit : int
        At most this many
        results.

    Returns
    -------
    list of str
    """
    return []


def test_numpy_docstrings_are_read() -> None:
    properties = schema_of(numpy_style)["properties"]
    assert properties["query"]["description"] == "What to look for."
    assert properties["limit"]["description"] == "At most this many results."


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@dataclasses.dataclass
class Point:
    x: float
    y: float = 0.0


class Filters(TypedDict):
    tag: str


class Address(BaseModel):
    street: str = Field(description="Street and number")


def rich(
    tags: list[str],
    scores: dict[str, float],
    pair: tuple[int, str],
    color: Color,
    point: Point,
    filters: Filters,
    address: Address,
    note: Optional[str] = None,  # noqa: UP045 - the Optional spelling must work too
    weight: Annotated[float, "in kilograms"] = 1.0,
    anything: Any = None,
) -> None:
    """Everything at once."""


def test_containers_enums_dataclasses_typeddicts_and_models() -> None:
    schema = schema_of(rich)
    properties = schema["properties"]
    assert properties["tags"] == {"type": "array", "items": {"type": "string"}}
    assert properties["scores"] == {"type": "object", "additionalProperties": {"type": "number"}}
    assert properties["pair"]["prefixItems"] == [{"type": "integer"}, {"type": "string"}]
    assert properties["color"] == {"enum": ["red", "blue"]}
    assert properties["note"] == {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
    assert properties["weight"] == {"type": "number", "description": "in kilograms", "default": 1.0}
    assert properties["anything"] == {"default": None}
    definitions = schema["$defs"]
    assert properties["point"] == {"$ref": "#/$defs/Point"}
    assert definitions["Point"]["required"] == ["x"]
    assert definitions["Filters"]["properties"] == {"tag": {"type": "string"}}
    assert definitions["Address"]["properties"]["street"]["description"] == "Street and number"
    assert schema["required"] == ["tags", "scores", "pair", "color", "point", "filters", "address"]


class SearchRequest(BaseModel):
    """Search the documentation."""

    query: str
    limit: int = 5


def test_a_pydantic_model_describes_the_arguments() -> None:
    made = tool_from_function(SearchRequest)
    assert (made.function.name, made.function.description) == ("SearchRequest", "Search the documentation.")
    assert json.loads(made.function.parameters) == SearchRequest.model_json_schema()


def test_star_arguments_are_refused() -> None:
    def varargs(*values: int) -> None: ...

    with pytest.raises(TypeError, match=r"\*values"):
        tool_from_function(varargs)


def test_a_type_without_json_equivalent_is_refused_with_the_argument_named() -> None:
    def takes_bytes(blob: bytes) -> None: ...

    with pytest.raises(TypeError, match="argument 'blob' of takes_bytes"):
        tool_from_function(takes_bytes)


def test_a_lambda_needs_a_name() -> None:
    with pytest.raises(ValueError, match="name="):
        tool_from_function(lambda city: city)
    assert tool_from_function(lambda city: city, name="echo").function.name == "echo"


def test_a_union_with_any_is_any() -> None:
    def loose(value: Optional[Any] = None, other: Union[int, Any] = 0) -> None: ...  # noqa: UP007, UP045

    properties = schema_of(loose)["properties"]
    assert properties["value"] == {"default": None}
    assert properties["other"] == {"default": 0}
