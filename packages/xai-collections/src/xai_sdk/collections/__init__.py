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
from xai_sdk.retrieval import DocumentRetrievalMode

BaseClient = Collections
"""The official SDK's name of the collections sub-client class."""

__all__ = [
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
