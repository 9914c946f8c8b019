"""The public types of `xai_sdk.collections`: literals, the dicts users pass, and their checks.

The dicts users pass (`ChunkConfiguration`, `FieldDefinition`, field definition updates) are
checked before any RPC as the official SDK checks them with pydantic (see `xai_sdk.arguments`):
a missing key or a value of the wrong type raises `xai_sdk.arguments.ValidationError`, a
`ValueError` worded as pydantic's; keys it does not know are ignored. Chunk sizes the API cannot
work with (not positive, an overlap not smaller than the size) raise `ValueError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Literal, TypeAlias, TypedDict

from typing_extensions import NotRequired

from xai_sdk.arguments import Check, Validator, boolean, integer, literal, string, typed_dict
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
# The shapes of the official SDK's pydantic models (keys they do not know are ignored, "yes" is
# True, "800" is 800), then the sizes the API can work with.

FIELD_DEFINITION_SHAPE = typed_dict(
    {"key": string(), "required": boolean(), "inject_into_chunk": boolean(), "unique": boolean()},
    {"description": string()},
)
FIELD_DEFINITION_ADD_SHAPE = typed_dict(
    {"field_definition": FIELD_DEFINITION_SHAPE, "operation": literal("add")}
)
FIELD_DEFINITION_DELETE_SHAPE = typed_dict({"key": string(), "operation": literal("delete")})
SIZINGS: Mapping[str, Mapping[str, Check]] = {
    "chars_configuration": {"max_chunk_size_chars": integer(), "chunk_overlap_chars": integer()},
    "tokens_configuration": {
        "max_chunk_size_tokens": integer(),
        "chunk_overlap_tokens": integer(),
        "encoding_name": string(),
    },
    "bytes_configuration": {"max_chunk_size_bytes": integer(), "chunk_overlap_bytes": integer()},
}
CHUNK_CONFIGURATION_SHAPE = typed_dict(
    {},
    {
        **{key: typed_dict(fields) for key, fields in SIZINGS.items()},
        "strip_whitespace": boolean(),
        "inject_name_into_chunks": boolean(),
    },
)

FieldDefinitionValidator: Validator[FieldDefinition] = Validator(FIELD_DEFINITION_SHAPE, "FieldDefinition")
"""Checks a `FieldDefinition` dict: ``validate_python(value)`` returns it checked, or raises
`xai_sdk.arguments.ValidationError` (a `ValueError`), as the official SDK's pydantic model does."""
FieldDefinitionAddValidator: Validator[FieldDefinitionAdd] = Validator(
    FIELD_DEFINITION_ADD_SHAPE, "FieldDefinitionAdd"
)
"""Checks a `FieldDefinitionAdd` dict."""
FieldDefinitionDeleteValidator: Validator[FieldDefinitionDelete] = Validator(
    FIELD_DEFINITION_DELETE_SHAPE, "FieldDefinitionDelete"
)
"""Checks a `FieldDefinitionDelete` dict."""
ChunkConfigurationValidator: Validator[ChunkConfiguration] = Validator(
    CHUNK_CONFIGURATION_SHAPE, "ChunkConfiguration"
)
"""Checks a `ChunkConfiguration` dict (the shape; `chunk_configuration_to_proto` also requires
exactly one sizing)."""
