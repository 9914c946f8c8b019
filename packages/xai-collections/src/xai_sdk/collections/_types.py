"""The public types of `xai_sdk.collections`, their hand-written checks and their protos.

The dicts users pass (`ChunkConfiguration`, `FieldDefinition`, field definition updates) are
checked key by key before any RPC: a missing or unknown key, a value of the wrong type or an
impossible size raises `ValueError` or `TypeError` saying what is allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any, Literal, TypeAlias, TypedDict

from typing_extensions import NotRequired

from xai_sdk.arguments import flag, non_empty_text
from xai_sdk.files._checks import Validator
from xai_sdk.proto import collections_pb2, shared_pb2, types_pb2

__all__ = [
    "COLLECTION_SORT_BY",
    "DEFAULT_INDEXING_POLL_INTERVAL",
    "DEFAULT_INDEXING_TIMEOUT",
    "DOCUMENT_SORT_BY",
    "HNSW_METRIC",
    "ORDER",
    "BytesConfiguration",
    "CharsConfiguration",
    "ChunkConfiguration",
    "ChunkConfigurationValidator",
    "CollectionSortBy",
    "DocumentSortBy",
    "FieldDefinition",
    "FieldDefinitionAdd",
    "FieldDefinitionAddValidator",
    "FieldDefinitionDelete",
    "FieldDefinitionDeleteValidator",
    "FieldDefinitionUpdate",
    "FieldDefinitionValidator",
    "HNSWMetric",
    "Order",
    "TokensConfiguration",
    "chunk_configuration_to_proto",
    "field_definition_to_proto",
    "field_definition_update_to_proto",
]

Order: TypeAlias = Literal["asc", "desc"]
"""The direction of a listing."""
CollectionSortBy: TypeAlias = Literal["name", "age"]
"""What `client.collections.list` sorts by (``"age"``: creation time)."""
DocumentSortBy: TypeAlias = Literal["name", "age", "size"]
"""What `client.collections.list_documents` sorts by."""
HNSWMetric: TypeAlias = Literal["cosine", "euclidean", "inner_product"]
"""The distance of a collection's vector index."""

DEFAULT_INDEXING_POLL_INTERVAL = timedelta(seconds=10)
"""Time between two checks of a document's indexing status in `upload_document`."""
DEFAULT_INDEXING_TIMEOUT = timedelta(minutes=2)
"""How long `upload_document(..., wait_for_indexing=True)` waits for the indexing by default."""

ORDER: Mapping[str, int] = {"asc": shared_pb2.ORDERING_ASCENDING, "desc": shared_pb2.ORDERING_DESCENDING}
COLLECTION_SORT_BY: Mapping[str, int] = {
    "name": collections_pb2.COLLECTIONS_SORT_BY_NAME,
    "age": collections_pb2.COLLECTIONS_SORT_BY_AGE,
}
DOCUMENT_SORT_BY: Mapping[str, int] = {
    "name": collections_pb2.DOCUMENTS_SORT_BY_NAME,
    "age": collections_pb2.DOCUMENTS_SORT_BY_AGE,
    "size": collections_pb2.DOCUMENTS_SORT_BY_SIZE,
}
HNSW_METRIC: Mapping[str, int] = {
    "cosine": types_pb2.HNSW_METRIC_COSINE,
    "euclidean": types_pb2.HNSW_METRIC_EUCLIDEAN,
    "inner_product": types_pb2.HNSW_METRIC_INNER_PRODUCT,
}


class FieldDefinition(TypedDict):
    """A metadata field documents of a collection may carry.

    `required`: documents without it are refused; `inject_into_chunk`: its value is prepended
    to each chunk for retrieval; `unique`: no two documents may share its value.
    """

    key: str
    required: bool
    inject_into_chunk: bool
    unique: bool
    description: NotRequired[str]


class FieldDefinitionAdd(TypedDict):
    """Add a field definition: ``{"field_definition": {...}, "operation": "add"}``."""

    field_definition: FieldDefinition
    operation: Literal["add"]


class FieldDefinitionDelete(TypedDict):
    """Delete a field definition, and the field from every document.

    ``{"key": "isbn", "operation": "delete"}``.
    """

    key: str
    operation: Literal["delete"]


FieldDefinitionUpdate: TypeAlias = FieldDefinitionAdd | FieldDefinitionDelete
"""One change of `client.collections.update(field_definitions=[...])`."""


class CharsConfiguration(TypedDict):
    """Chunks of at most `max_chunk_size_chars` characters, overlapping by `chunk_overlap_chars`."""

    max_chunk_size_chars: int
    chunk_overlap_chars: int


class TokensConfiguration(TypedDict):
    """Chunks of at most `max_chunk_size_tokens` tokens of the `encoding_name` tokenizer."""

    max_chunk_size_tokens: int
    chunk_overlap_tokens: int
    encoding_name: str


class BytesConfiguration(TypedDict):
    """Chunks of at most `max_chunk_size_bytes` bytes, overlapping by `chunk_overlap_bytes`."""

    max_chunk_size_bytes: int
    chunk_overlap_bytes: int


class ChunkConfiguration(TypedDict, total=False):
    """How documents are cut into chunks: exactly one of the three sizings, plus two switches."""

    chars_configuration: CharsConfiguration
    tokens_configuration: TokensConfiguration
    bytes_configuration: BytesConfiguration
    strip_whitespace: bool
    inject_name_into_chunks: bool


# -- checks -----------------------------------------------------------------------------------

_INT32_MAX = 2**31 - 1
Check = Callable[[str, Any], Any]


def _description(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    return value


def _count(low: int) -> Check:
    def check(name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be an integer, got {value!r}")
        if not low <= value <= _INT32_MAX:
            raise ValueError(f"{name} must be {'positive' if low else 'zero or more'}, got {value}")
        return value

    return check


def _literal(expected: str) -> Check:
    def check(name: str, value: Any) -> str:
        if value != expected:
            raise ValueError(f"{name} must be {expected!r}, got {value!r}")
        return expected

    return check


def _fields(
    what: str, value: Any, required: Mapping[str, Check], optional: Mapping[str, Check] | None = None
) -> dict[str, Any]:
    """Check a dict against its keys: each required one present, none unknown, each value valid."""
    optional = optional or {}
    if not isinstance(value, Mapping):
        raise TypeError(f"{what} must be a dict, got {type(value).__name__}")
    unknown = sorted(set(value) - set(required) - set(optional))
    if unknown:
        allowed = ", ".join([*required, *optional])
        raise ValueError(f"{what} has unknown keys {unknown}: it takes {allowed}")
    missing = [key for key in required if key not in value]
    if missing:
        raise ValueError(f"{what} is missing {', '.join(missing)}")
    checks = {**required, **optional}
    return {key: checks[key](f"{what} {key}", item) for key, item in value.items()}


def _check_field_definition(value: Any) -> FieldDefinition:
    return _fields(  # type: ignore[return-value]
        "field definition",
        value,
        {"key": non_empty_text, "required": flag, "inject_into_chunk": flag, "unique": flag},
        {"description": _description},
    )


def _check_field_definition_add(value: Any) -> FieldDefinitionAdd:
    return _fields(  # type: ignore[return-value]
        "field definition update",
        value,
        {
            "field_definition": lambda _, item: _check_field_definition(item),
            "operation": _literal("add"),
        },
    )


def _check_field_definition_delete(value: Any) -> FieldDefinitionDelete:
    return _fields(  # type: ignore[return-value]
        "field definition update", value, {"key": non_empty_text, "operation": _literal("delete")}
    )


def _sizing(unit: str, extra: Mapping[str, Check] | None = None) -> Check:
    size_key, overlap_key = f"max_chunk_size_{unit}", f"chunk_overlap_{unit}"

    def check(name: str, value: Any) -> dict[str, Any]:
        checked = _fields(name, value, {size_key: _count(1), overlap_key: _count(0), **(extra or {})})
        if checked[overlap_key] >= checked[size_key]:
            raise ValueError(
                f"{name}: {overlap_key} ({checked[overlap_key]}) must be smaller than "
                f"{size_key} ({checked[size_key]})"
            )
        return checked

    return check


_SIZINGS: Mapping[str, Check] = {
    "chars_configuration": _sizing("chars"),
    "tokens_configuration": _sizing("tokens", {"encoding_name": non_empty_text}),
    "bytes_configuration": _sizing("bytes"),
}


def _check_chunk_configuration(value: Any) -> ChunkConfiguration:
    checked = _fields(
        "chunk_configuration",
        value,
        {},
        {**_SIZINGS, "strip_whitespace": flag, "inject_name_into_chunks": flag},
    )
    sizings = [key for key in _SIZINGS if key in checked]
    if len(sizings) != 1:
        found = f"got {', '.join(sizings)}" if sizings else "got none"
        raise ValueError(
            "chunk_configuration must set exactly one of chars_configuration, tokens_configuration "
            f"and bytes_configuration ({found})"
        )
    return checked  # type: ignore[return-value]


FieldDefinitionValidator: Validator[FieldDefinition] = Validator(_check_field_definition, "FieldDefinition")
"""Checks a `FieldDefinition` dict: ``validate_python(value)`` returns it or raises."""
FieldDefinitionAddValidator: Validator[FieldDefinitionAdd] = Validator(
    _check_field_definition_add, "FieldDefinitionAdd"
)
"""Checks a `FieldDefinitionAdd` dict."""
FieldDefinitionDeleteValidator: Validator[FieldDefinitionDelete] = Validator(
    _check_field_definition_delete, "FieldDefinitionDelete"
)
"""Checks a `FieldDefinitionDelete` dict."""
ChunkConfigurationValidator: Validator[ChunkConfiguration] = Validator(
    _check_chunk_configuration, "ChunkConfiguration"
)
"""Checks a `ChunkConfiguration` dict, including that exactly one sizing is set."""


# -- protos -----------------------------------------------------------------------------------


def field_definition_to_proto(
    value: FieldDefinition | collections_pb2.FieldDefinition,
) -> collections_pb2.FieldDefinition:
    """A checked `FieldDefinition` dict as its message; a message passes through."""
    if isinstance(value, collections_pb2.FieldDefinition):
        return value
    return collections_pb2.FieldDefinition(**_check_field_definition(value))


def field_definition_update_to_proto(
    value: FieldDefinitionUpdate | collections_pb2.FieldDefinitionUpdate,
) -> collections_pb2.FieldDefinitionUpdate:
    """A checked add or delete update as its message; a message passes through."""
    if isinstance(value, collections_pb2.FieldDefinitionUpdate):
        return value
    operation = value.get("operation") if isinstance(value, Mapping) else None
    if operation == "add":
        added = _check_field_definition_add(value)
        return collections_pb2.FieldDefinitionUpdate(
            field_definition=collections_pb2.FieldDefinition(**added["field_definition"]),
            operation=collections_pb2.FIELD_DEFINITION_ADD,
        )
    if operation == "delete":
        deleted = _check_field_definition_delete(value)
        return collections_pb2.FieldDefinitionUpdate(
            field_definition=collections_pb2.FieldDefinition(key=deleted["key"]),
            operation=collections_pb2.FIELD_DEFINITION_DELETE,
        )
    raise ValueError(
        "field definition updates are {'field_definition': {...}, 'operation': 'add'} or "
        f"{{'key': ..., 'operation': 'delete'}}, got {value!r}"
    )


def chunk_configuration_to_proto(
    value: ChunkConfiguration | types_pb2.ChunkConfiguration,
) -> types_pb2.ChunkConfiguration:
    """A checked `ChunkConfiguration` dict as its message; a message passes through."""
    if isinstance(value, types_pb2.ChunkConfiguration):
        return value
    checked: dict[str, Any] = dict(_check_chunk_configuration(value))
    messages = {
        "chars_configuration": types_pb2.CharsConfiguration,
        "tokens_configuration": types_pb2.TokensConfiguration,
        "bytes_configuration": types_pb2.BytesConfiguration,
    }
    for key, message in messages.items():
        if key in checked:
            checked[key] = message(**checked[key])
    return types_pb2.ChunkConfiguration(**checked)
