"""The collections requests: the arguments of `Collections` methods checked and built into protos.

Everything here is pure: a bad argument raises `ValueError` or `TypeError` (or a
`xai_sdk.arguments.ValidationError` for a dict, worded as pydantic's) before any RPC.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from xai_sdk.arguments import (
    INT32_MAX,
    choice,
    items,
    non_empty_text,
    non_empty_texts,
    optional_text,
    page_limit,
    text,
    validate,
)
from xai_sdk.collections._types import (
    CHUNK_CONFIGURATION_SHAPE,
    HNSW_METRIC,
    ORDER,
    SIZINGS,
    ChunkConfiguration,
    FieldDefinition,
    FieldDefinitionAddValidator,
    FieldDefinitionDeleteValidator,
    FieldDefinitionUpdate,
    FieldDefinitionValidator,
    HNSWMetric,
    Order,
)
from xai_sdk.proto import collections_pb2, documents_pb2, shared_pb2, types_pb2
from xai_sdk.retrieval import RetrievalModeInput, retrieval_mode_fields

__all__ = [
    "chunk_configuration_to_proto",
    "content",
    "create_collection_request",
    "document_fields",
    "field_definition_to_proto",
    "field_definition_update_to_proto",
    "page_fields",
    "search_request",
    "update_collection_request",
    "update_document_request",
]


def _check_sizes(key: str, sizing: Mapping[str, Any]) -> None:
    """A chunk size the API can cut with: positive, and an overlap smaller than it."""
    unit = key.removesuffix("_configuration")
    size, overlap = sizing[f"max_chunk_size_{unit}"], sizing[f"chunk_overlap_{unit}"]
    if not 1 <= size <= INT32_MAX:
        raise ValueError(f"{key}: max_chunk_size_{unit} must be positive, got {size}")
    if not 0 <= overlap < size:
        raise ValueError(
            f"{key}: chunk_overlap_{unit} ({overlap}) must be zero or more and smaller than "
            f"max_chunk_size_{unit} ({size})"
        )


def _check_chunk_configuration(value: Any) -> ChunkConfiguration:
    checked = validate(CHUNK_CONFIGURATION_SHAPE, value, "ChunkConfiguration")
    sizings = [key for key in SIZINGS if checked.get(key)]
    if not sizings:
        raise ValueError(
            "Must specify exactly one chunking strategy "
            "('chars_configuration', 'tokens_configuration', or 'bytes_configuration')."
        )
    if len(sizings) > 1:
        raise ValueError(
            f"Cannot specify multiple chunking strategies ({', '.join(map(repr, sizings))}). "
            "Please specify only one chunking strategy."
        )
    _check_sizes(sizings[0], checked[sizings[0]])
    return checked  # type: ignore[no-any-return]


def field_definition_to_proto(
    value: FieldDefinition | collections_pb2.FieldDefinition,
) -> collections_pb2.FieldDefinition:
    """A checked `FieldDefinition` dict as its message; a message passes through."""
    if isinstance(value, collections_pb2.FieldDefinition):
        return value
    if not isinstance(value, Mapping):
        raise TypeError(f"field definitions are dicts or FieldDefinition messages, got {value!r}")
    return collections_pb2.FieldDefinition(**FieldDefinitionValidator.validate_python(value))


def field_definition_update_to_proto(
    value: FieldDefinitionUpdate | collections_pb2.FieldDefinitionUpdate,
) -> collections_pb2.FieldDefinitionUpdate:
    """A checked add or delete update as its message; a message passes through."""
    if isinstance(value, collections_pb2.FieldDefinitionUpdate):
        return value
    if not isinstance(value, Mapping):
        raise TypeError(
            f"field definition updates are dicts or FieldDefinitionUpdate messages, got {value!r}"
        )
    operation = value.get("operation")
    if operation == "add":
        added = FieldDefinitionAddValidator.validate_python(value)
        return collections_pb2.FieldDefinitionUpdate(
            field_definition=collections_pb2.FieldDefinition(**added["field_definition"]),
            operation=collections_pb2.FIELD_DEFINITION_ADD,
        )
    if operation == "delete":
        deleted = FieldDefinitionDeleteValidator.validate_python(value)
        return collections_pb2.FieldDefinitionUpdate(
            field_definition=collections_pb2.FieldDefinition(key=deleted["key"]),
            operation=collections_pb2.FIELD_DEFINITION_DELETE,
        )
    raise ValueError(
        f"Unknown field definition operation: {operation!r}. Expected 'add' or 'delete'. Updates are "
        "{'field_definition': {...}, 'operation': 'add'} or {'key': ..., 'operation': 'delete'}."
    )


def chunk_configuration_to_proto(
    value: ChunkConfiguration | types_pb2.ChunkConfiguration,
) -> types_pb2.ChunkConfiguration:
    """A checked `ChunkConfiguration` dict as its message; a message passes through."""
    if isinstance(value, types_pb2.ChunkConfiguration):
        return value
    if not isinstance(value, Mapping):
        raise TypeError(f"chunk_configuration is a dict or a ChunkConfiguration message, got {value!r}")
    return types_pb2.ChunkConfiguration(**_check_chunk_configuration(value))


def document_fields(fields: Any) -> dict[str, str] | None:
    """A document's metadata fields: a dict of strings by non-empty names (None: not set)."""
    if fields is None:
        return None
    if not isinstance(fields, Mapping):
        raise TypeError(
            f"fields must be a dict of strings, e.g. {{'author': 'Ada'}}, got {type(fields).__name__}"
        )
    for key, value in fields.items():
        if not isinstance(key, str) or not key.strip():
            raise ValueError(f"field names must be non-empty strings, got {key!r}")
        if not isinstance(value, str):
            raise TypeError(f"the value of field {key!r} must be a string, got {type(value).__name__}")
    return dict(fields)


def content(name: str, data: Any) -> bytes:
    """A document's content: bytes (a bytearray or memoryview is copied)."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name} must be bytes, got {type(data).__name__}")
    return bytes(data)


def _configure(
    request: Any,
    chunk_configuration: ChunkConfiguration | types_pb2.ChunkConfiguration | None,
    field_definitions: Sequence[Any] | None,
    definitions: Any,
    convert: Callable[[Any], Any],
    description: str | None,
) -> None:
    """Set what creating and updating a collection share; None leaves a setting as it is.

    The chunking, the field definitions (each through `convert`, into the repeated field
    `definitions`) and the description.
    """
    if chunk_configuration is not None:
        request.chunk_configuration.CopyFrom(chunk_configuration_to_proto(chunk_configuration))
    if field_definitions is not None:
        definitions.extend(convert(item) for item in items("field_definitions", field_definitions))
    if description is not None:
        request.collection_description = text("description", description)


def create_collection_request(
    name: str,
    model_name: str | None,
    chunk_configuration: ChunkConfiguration | types_pb2.ChunkConfiguration | None,
    metric_space: HNSWMetric | types_pb2.HNSWMetric | None,
    field_definitions: Sequence[FieldDefinition | collections_pb2.FieldDefinition] | None,
    description: str | None,
) -> collections_pb2.CreateCollectionRequest:
    """The request of `Collections.create`; None means "not set"."""
    request = collections_pb2.CreateCollectionRequest(collection_name=non_empty_text("name", name))
    if model_name:  # as in the official SDK, an empty name is the default model
        request.index_configuration.model_name = text("model_name", model_name)
    if metric_space is not None:
        request.metric_space = choice(  # type: ignore[assignment]
            "metric_space", metric_space, HNSW_METRIC, types_pb2.HNSWMetric.values()
        )
    definitions = None if field_definitions is None else request.field_definitions
    _configure(
        request, chunk_configuration, field_definitions, definitions, field_definition_to_proto, description
    )
    return request


def update_collection_request(
    collection_id: str,
    name: str | None,
    chunk_configuration: ChunkConfiguration | types_pb2.ChunkConfiguration | None,
    field_definitions: Sequence[FieldDefinitionUpdate | collections_pb2.FieldDefinitionUpdate] | None,
    description: str | None,
) -> collections_pb2.UpdateCollectionRequest:
    """The request of `Collections.update`: at least one change; None means "not changed"."""
    if name is None and chunk_configuration is None and field_definitions is None and description is None:
        raise ValueError(
            "At least one of name, chunk_configuration, field_definitions, "
            "or description must be provided to update a collection"
        )
    request = collections_pb2.UpdateCollectionRequest(
        collection_id=non_empty_text("collection_id", collection_id)
    )
    if name is not None:
        request.collection_name = non_empty_text("name", name)
    updates = request.field_definition_updates
    _configure(
        request,
        chunk_configuration,
        field_definitions,
        updates,
        field_definition_update_to_proto,
        description,
    )
    return request


def update_document_request(
    collection_id: str,
    file_id: str,
    name: str | None,
    data: bytes | None,
    content_type: str | None,
    fields: dict[str, str] | None,
) -> collections_pb2.UpdateDocumentRequest:
    """The request of `Collections.update_document`; None means "not changed"."""
    return collections_pb2.UpdateDocumentRequest(
        collection_id=non_empty_text("collection_id", collection_id),
        file_id=non_empty_text("file_id", file_id),
        name=None if name is None else non_empty_text("name", name),
        data=None if data is None else content("data", data),
        content_type=None if content_type is None else non_empty_text("content_type", content_type),
        fields=document_fields(fields),
    )


def search_request(
    query: str,
    collection_ids: Sequence[str],
    limit: int | None,
    instructions: str | None,
    retrieval_mode: RetrievalModeInput | None,
) -> documents_pb2.SearchRequest:
    """The request of `Collections.search`; None means "not set"."""
    fields: dict[str, Any] = {
        "query": non_empty_text("query", query),
        "source": documents_pb2.DocumentsSource(
            collection_ids=non_empty_texts("collection_ids", collection_ids)
        ),
    }
    if limit is not None:
        fields["limit"] = page_limit(limit)
    if instructions is not None:
        fields["instructions"] = text("instructions", instructions)
    if retrieval_mode is not None:
        fields.update(retrieval_mode_fields(retrieval_mode))
    return documents_pb2.SearchRequest(**fields)


def page_fields(
    limit: int | None,
    order: Order | shared_pb2.Ordering | None,
    sort_by: str | int | None,
    sort_names: Mapping[str, int],
    sort_enum: Any,
    pagination_token: str | None,
    filter: str | None,
) -> dict[str, Any]:
    """The fields of a listing's request (`list`, `list_documents`); None leaves a field unset.

    `sort_by` is one of `sort_names`, or a value of the proto enum type `sort_enum`.
    """
    return {
        "limit": None if limit is None else page_limit(limit),
        "order": None if order is None else choice("order", order, ORDER, shared_pb2.Ordering.values()),
        "sort_by": None if sort_by is None else choice("sort_by", sort_by, sort_names, sort_enum.values()),
        "pagination_token": optional_text("pagination_token", pagination_token),
        "filter": optional_text("filter", filter),
    }
