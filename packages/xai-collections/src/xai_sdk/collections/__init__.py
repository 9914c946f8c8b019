"""Collections of documents for retrieval, and their search (``client.collections``).

::

    from xai_sdk import Client

    client = Client()  # collection management needs XAI_MANAGEMENT_KEY too
    collection = client.collections.create(
        "handbook",
        chunk_configuration={"chars_configuration": {"max_chunk_size_chars": 800, "chunk_overlap_chars": 80}},
    )
    client.collections.upload_document(
        collection.collection_id, "leave.md", b"Employees get 25 days of leave.", wait_for_indexing=True
    )
    for match in client.collections.search("days of leave", [collection.collection_id]).matches:
        print(match.score, match.chunk_content)

Managing collections and documents goes to the management API with the management key
(``management_api_key=`` or ``XAI_MANAGEMENT_KEY``); `Collections.search` and uploads go to the
API host with the API key. Calls return the API's messages (`xai_sdk.proto.collections_pb2`,
`xai_sdk.proto.documents_pb2`). Dict arguments are checked by hand before any RPC; the
``...Validator`` objects expose those checks as ``validate_python(value)``.
"""

from typing import TYPE_CHECKING

from xai_sdk._compat import lazy_names
from xai_sdk.collections._collections import Collections, DocumentIndexingError
from xai_sdk.collections._types import (
    DEFAULT_INDEXING_POLL_INTERVAL,
    DEFAULT_INDEXING_TIMEOUT,
    BytesConfiguration,
    CharsConfiguration,
    ChunkConfiguration,
    ChunkConfigurationValidator,
    CollectionSortBy,
    DocumentSortBy,
    FieldDefinition,
    FieldDefinitionAdd,
    FieldDefinitionAddValidator,
    FieldDefinitionDelete,
    FieldDefinitionDeleteValidator,
    FieldDefinitionUpdate,
    FieldDefinitionValidator,
    HNSWMetric,
    Order,
    TokensConfiguration,
)
from xai_sdk.proto import collections_pb2, shared_pb2, types_pb2
from xai_sdk.retrieval import DocumentRetrievalMode
from xai_sdk.service import Async, Sync

if TYPE_CHECKING:  # imported on first access (the official module has them)
    from xai_sdk.proto import collections_pb2_grpc, documents_pb2_grpc, files_pb2_grpc


class SyncCollections(Collections[Sync]):
    """``client.collections`` of `xai_sdk.Client` (the official ``xai_sdk.sync.collections.Client``)."""


class AsyncCollections(Collections[Async]):
    """``client.collections`` of `xai_sdk.AsyncClient` (the official ``xai_sdk.aio.collections.Client``)."""


BaseClient = Collections
"""The official SDK's name of the collections sub-client class."""

__all__ = [
    "SyncCollections",
    "AsyncCollections",
    "collections_pb2",
    "collections_pb2_grpc",
    "documents_pb2_grpc",
    "files_pb2_grpc",
    "shared_pb2",
    "types_pb2",
    "DEFAULT_INDEXING_POLL_INTERVAL",
    "DEFAULT_INDEXING_TIMEOUT",
    "BaseClient",
    "BytesConfiguration",
    "CharsConfiguration",
    "ChunkConfiguration",
    "ChunkConfigurationValidator",
    "CollectionSortBy",
    "Collections",
    "DocumentIndexingError",
    "DocumentRetrievalMode",
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

__getattr__ = lazy_names(
    __name__,
    {
        "collections_pb2_grpc": "xai_sdk.proto",
        "documents_pb2_grpc": "xai_sdk.proto",
        "files_pb2_grpc": "xai_sdk.proto",
    },
)
