"""`tool_from_function`: a function tool whose JSON schema comes from a Python signature.

The schema is built from the parameters' type hints and defaults, and the descriptions from the
docstring (Google style ``Args:`` or NumPy style ``Parameters``) or from ``Annotated[T, "text"]``.
A pydantic model class is accepted too (its JSON schema is used); pydantic is imported only by
code that passes pydantic models.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import datetime
import enum
import inspect
import itertools
import json
import re
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from xai_sdk.chat._content import is_pydantic_model, tool
from xai_sdk.proto import chat_pb2

__all__ = ["tool_from_function"]

_SIMPLE = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
    datetime.datetime: {"type": "string", "format": "date-time"},
    datetime.date: {"type": "string", "format": "date"},
}
_SEQUENCES = (
    list,
    tuple,
    set,
    frozenset,
    collections.abc.Sequence,
    collections.abc.Set,
    collections.abc.Iterable,
)
_MAPPINGS = (dict, collections.abc.Mapping)
_SECTION = re.compile(r"^\s*(Args|Arguments|Parameters|Params)\s*:?\s*$")
_NUMPY_RULE = re.compile(r"^\s*-{3,}\s*$")
_GOOGLE_ENTRY = re.compile(r"^\*{0,2}(\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$")


def tool_from_function(
    function: Any, *, name: str | None = None, description: str | None = None
) -> chat_pb2.Tool:
    """A function tool for `function`, described by its signature and docstring.

    Args:
        function: a function (or any callable) with type hints, or a pydantic model class whose
            fields are the arguments.
        name: the tool's name; by default the function's (or model's).
        description: what the tool does; by default the docstring's first paragraph.

    Example::

        def get_weather(city: str, units: Literal["C", "F"] = "C") -> str:
            '''Get the current weather.

            Args:
                city: The city, e.g. "Paris".
                units: Celsius or Fahrenheit.
            '''

        chat = client.chat.create("grok-4", tools=[tool_from_function(get_weather)])

    Raises `TypeError` for ``*args``/``**kwargs`` and for type hints without a JSON equivalent.

    """  # noqa: D214 (the example's own docstring has its Args section indented, as it must be)
    if is_pydantic_model(function):
        summary, _ = _parse_docstring(inspect.getdoc(function) or "")
        return tool(name or function.__name__, description or summary, function.model_json_schema())
    if not callable(function):
        raise TypeError(f"tool_from_function takes a function or a pydantic model class, got {function!r}")
    tool_name = name or getattr(function, "__name__", None)
    if not tool_name or tool_name == "<lambda>":
        raise ValueError("this callable has no usable name: pass name=...")
    summary, documented = _parse_docstring(inspect.getdoc(function) or "")
    return tool(tool_name, description or summary, _parameters_schema(function, documented))


def _parameters_schema(function: Any, documented: dict[str, str]) -> dict[str, Any]:
    signature = inspect.signature(function)
    try:
        hints = get_type_hints(function, include_extras=True)
    except Exception as error:
        raise TypeError(f"cannot resolve the type hints of {function!r}: {error}") from error
    definitions: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    required: list[str] = []
    for parameter in signature.parameters.values():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            raise TypeError(
                f"tool functions cannot take *{parameter.name} or **{parameter.name}: name every argument"
            )
        hint = hints.get(parameter.name, Any)
        try:
            schema = _schema(hint, definitions)
        except TypeError as error:
            raise TypeError(f"argument {parameter.name!r} of {function.__name__}: {error}") from None
        if parameter.name in documented and "description" not in schema:
            schema["description"] = documented[parameter.name]
        if parameter.default is parameter.empty:
            required.append(parameter.name)
        elif _json_value(parameter.default):
            schema["default"] = parameter.default
        properties[parameter.name] = schema
    result: dict[str, Any] = {"type": "object", "properties": properties, "required": required}
    if definitions:
        result["$defs"] = definitions
    return result


def _json_value(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def _schema(hint: Any, definitions: dict[str, Any]) -> dict[str, Any]:  # noqa: PLR0911, PLR0912
    """The JSON schema of one type hint; pydantic models and dataclasses go to `definitions`."""
    if hint is Any or hint is object:
        return {}
    if hint in _SIMPLE:
        return dict(_SIMPLE[hint])
    origin, arguments = get_origin(hint), get_args(hint)
    if origin is typing.Annotated:
        schema = _schema(arguments[0], definitions)
        notes = [note for note in arguments[1:] if isinstance(note, str)]
        if notes:
            schema["description"] = " ".join(notes)
        return schema
    if origin is Literal:
        schema = {"enum": list(arguments)}
        kinds = {type(value) for value in arguments}
        if len(kinds) == 1 and next(iter(kinds)) in _SIMPLE:
            schema.update(_SIMPLE[next(iter(kinds))])
        return schema
    if origin in (Union, types.UnionType):
        options = [_schema(argument, definitions) for argument in arguments]
        # Any takes None too (and Python 3.10 reads `x: Any = None` as Optional[Any]).
        return {} if {} in options else {"anyOf": options}
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [member.value for member in hint]}
    if origin in _MAPPINGS or hint in _MAPPINGS:
        value = arguments[1] if len(arguments) == 2 else Any
        return {"type": "object", "additionalProperties": _schema(value, definitions) or True}
    if origin in _SEQUENCES or hint in _SEQUENCES:
        schema = {"type": "array"}
        if origin is tuple and arguments and arguments[-1] is not Ellipsis:
            schema["prefixItems"] = [_schema(argument, definitions) for argument in arguments]
            schema["minItems"] = schema["maxItems"] = len(arguments)
        elif arguments:
            schema["items"] = _schema(arguments[0], definitions)
        if origin in (set, frozenset, collections.abc.Set):
            schema["uniqueItems"] = True
        return schema
    if is_pydantic_model(hint):
        return _definition(hint, definitions, lambda: _pydantic_definition(hint, definitions))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _definition(hint, definitions, lambda: _object_definition(hint, definitions))
    if isinstance(hint, type) and typing.is_typeddict(hint):
        return _definition(hint, definitions, lambda: _object_definition(hint, definitions))
    raise TypeError(
        f"{hint!r} has no JSON schema equivalent; use str, int, float, bool, lists, dicts, Literal, ..."
    )


def _definition(hint: type, definitions: dict[str, Any], build: Any) -> dict[str, Any]:
    if hint.__name__ not in definitions:
        definitions[hint.__name__] = {}  # placeholder, for self-referencing types
        definitions[hint.__name__] = build()
    return {"$ref": f"#/$defs/{hint.__name__}"}


def _pydantic_definition(model: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    schema = dict(model.model_json_schema())
    definitions.update(schema.pop("$defs", {}))  # pydantic's refs already point at #/$defs/<Name>
    return schema


def _object_definition(hint: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(hint, include_extras=True)
    summary, documented = _parse_docstring(inspect.getdoc(hint) or "")
    if dataclasses.is_dataclass(hint):
        fields = dataclasses.fields(hint)
        required = [
            field.name
            for field in fields
            if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        ]
        names = [field.name for field in fields]
    else:
        names = list(hints)
        required = sorted(getattr(hint, "__required_keys__", names))
    properties = {}
    for field_name in names:
        schema = _schema(hints.get(field_name, Any), definitions)
        if field_name in documented and "description" not in schema:
            schema["description"] = documented[field_name]
        properties[field_name] = schema
    result: dict[str, Any] = {"type": "object", "properties": properties, "required": required}
    if summary and not summary.startswith(f"{hint.__name__}("):  # dataclasses document their signature
        result["description"] = summary
    return result


def _parse_docstring(docstring: str) -> tuple[str, dict[str, str]]:
    """The first paragraph, and the argument descriptions of a Google or NumPy style docstring."""
    lines = docstring.expandtabs().splitlines()
    summary = " ".join(itertools.takewhile(lambda line: bool(line.strip()), (line.strip() for line in lines)))
    for index, line in enumerate(lines):
        if not _SECTION.match(line):
            continue
        numpy = index + 1 < len(lines) and bool(_NUMPY_RULE.match(lines[index + 1]))
        body = lines[index + (2 if numpy else 1) :]
        return summary, _numpy_arguments(body) if numpy else _google_arguments(body, _indent(line))
    return summary, {}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _google_arguments(body: list[str], header_indent: int) -> dict[str, str]:
    """``name (type): text`` entries, continued on more indented lines, until the section ends."""
    descriptions: dict[str, str] = {}
    entry_indent: int | None = None
    current = None
    for line in body:
        if not line.strip():
            continue
        indent = _indent(line)
        if indent <= header_indent:
            break
        entry = _GOOGLE_ENTRY.match(line.strip())
        if entry and (entry_indent is None or indent <= entry_indent):
            entry_indent, current = indent, entry.group(1)
            descriptions[current] = entry.group(2).strip()
        elif current is not None:
            descriptions[current] = f"{descriptions[current]} {line.strip()}".strip()
    return descriptions


def _numpy_arguments(body: list[str]) -> dict[str, str]:
    """``name : type`` entries with their indented descriptions, until the next section."""
    descriptions: dict[str, str] = {}
    current = None
    for index, line in enumerate(body):
        if index + 1 < len(body) and _NUMPY_RULE.match(body[index + 1]):
            break
        if not line.strip():
            continue
        if _indent(line) == 0:
            current = line.split(":", 1)[0].strip().lstrip("*")
            descriptions[current] = ""
        elif current is not None:
            descriptions[current] = f"{descriptions[current]} {line.strip()}".strip()
    return descriptions
