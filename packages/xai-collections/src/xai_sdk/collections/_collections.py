"""`client.collections`: collections, their documents, and search, for both clients.

Collections and documents are managed on the management API (``management-api.x.ai``, with the
management key); `Collections.search` and the upload step of `Collections.upload_document` go
to the API host with the API key, like the official SDK.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import timedelta
from typing import TypeVar

from xai_sdk.arguments import flag, non_empty_text, non_empty_texts, seconds
from xai_sdk.collections._request import (
    content,
    create_collection_request,
    document_fields,
    page_fields,
    search_request,
    update_collection_request,
    update_document_request,
)
from xai_sdk.collections._response import DocumentIndexingError, indexing_done, nothing
from xai_sdk.collections._types import (
    COLLECTION_SORT_BY,
    DEFAULT_INDEXING_POLL_INTERVAL,
    DEFAULT_INDEXING_TIMEOUT,
    DOCUMENT_SORT_BY,
    ChunkConfiguration,
    CollectionSortBy,
    DocumentSortBy,
    FieldDefinition,
    FieldDefinitionUpdate,
    HNSWMetric,
    Order,
)
from xai_sdk.errors import RpcError
from xai_sdk.files._files import DELETE_FILE
from xai_sdk.files._upload import prepare_upload, upload_flow
from xai_sdk.operations import Call, Flow, Operation, Timeout, poll, rpc, unary
from xai_sdk.proto import collections_pb2, documents_pb2, files_pb2, shared_pb2, types_pb2
from xai_sdk.proto.collections_pb2 import CollectionsSortBy, DocumentsSortBy, ListDocumentsRequest
from xai_sdk.retrieval import RetrievalModeInput
from xai_sdk.service import Bound, ModeT, operation

__all__ = ["Collections", "DocumentIndexingError"]

T = TypeVar("T")


CREATE_COLLECTION = rpc(collections_pb2, "Collections", "CreateCollection", channel="management")
LIST_COLLECTIONS = rpc(collections_pb2, "Collections", "ListCollections", channel="management")
DELETE_COLLECTION = rpc(collections_pb2, "Collections", "DeleteCollection", channel="management")
GET_COLLECTION_METADATA = rpc(collections_pb2, "Collections", "GetCollectionMetadata", channel="management")
UPDATE_COLLECTION = rpc(collections_pb2, "Collections", "UpdateCollection", channel="management")
UPDATE_DOCUMENT = rpc(collections_pb2, "Collections", "UpdateDocument", channel="management")
LIST_DOCUMENTS = rpc(collections_pb2, "Collections", "ListDocuments", channel="management")
GET_DOCUMENT_METADATA = rpc(collections_pb2, "Collections", "GetDocumentMetadata", channel="management")
ADD_DOCUMENT_TO_COLLECTION = rpc(
    collections_pb2, "Collections", "AddDocumentToCollection", channel="management"
)
REMOVE_DOCUMENT_FROM_COLLECTION = rpc(
    collections_pb2, "Collections", "RemoveDocumentFromCollection", channel="management"
)
REINDEX_DOCUMENT = rpc(collections_pb2, "Collections", "ReIndexDocument", channel="management")
BATCH_GET_DOCUMENTS = rpc(collections_pb2, "Collections", "BatchGetDocuments", channel="management")
GENERATE_COLLECTION_DESCRIPTION = rpc(
    collections_pb2, "Collections", "GenerateCollectionDescription", channel="management"
)
SEARCH = rpc(documents_pb2, "Documents", "Search", channel="api")


class Collections(Bound[ModeT]):
    """The ``collections`` sub-client: collections of documents for retrieval, and their search.

    Management calls need the management key (``management_api_key=`` or
    ``XAI_MANAGEMENT_KEY``); without it they raise `ValueError` ("Please provide a management API
    key.", as the official SDK words it) before any RPC. `search` needs
    only the API key. Every method takes ``timeout=`` for the call, except `upload_document`,
    whose `timeout` bounds the wait for indexing (as in the official SDK).
    """

    def _require_management_key(self) -> None:
        """`ValueError` worded as the official SDK's if the client has no management key."""
        try:
            self._binding.runner.metadata("management")
        except ValueError as error:
            raise ValueError(f"Please provide a management API key. {error}") from None

    def _managed(self, operation: Operation[T]) -> Operation[T]:
        """`operation` (a call to the management API), once the client is known to have its key."""
        self._require_management_key()
        return operation

    # -- collections --------------------------------------------------------------------------

    @operation
    def create(
        self,
        name: str,
        model_name: str | None = None,
        chunk_configuration: ChunkConfiguration | types_pb2.ChunkConfiguration | None = None,
        metric_space: HNSWMetric | types_pb2.HNSWMetric | None = None,
        field_definitions: Sequence[FieldDefinition | collections_pb2.FieldDefinition] | None = None,
        description: str | None = None,
        *,
        timeout: Timeout = None,
    ) -> Operation[collections_pb2.CollectionMetadata]:
        """Create a collection; returns its `CollectionMetadata` (``collection_id``, ...).

        Args:
            name: the collection's name.
            model_name: the embedding model (server default if None).
            chunk_configuration: how documents are cut: exactly one of
                ``{"chars_configuration": {"max_chunk_size_chars": 1000, "chunk_overlap_chars": 100}}``,
                ``tokens_configuration`` or ``bytes_configuration``, plus ``strip_whitespace`` and
                ``inject_name_into_chunks``; or a `types_pb2.ChunkConfiguration`.
            metric_space: ``"cosine"``, ``"euclidean"`` or ``"inner_product"`` (or the enum).
            field_definitions: metadata fields documents carry:
                ``[{"key": "author", "required": True, "inject_into_chunk": False, "unique": False}]``.
            description: a human-friendly description.
            timeout: bound of the call.

        Unknown keys, impossible sizes (a zero size, an overlap not smaller than the size) and
        unknown metric names raise `ValueError` here.

        """
        request = create_collection_request(
            name, model_name, chunk_configuration, metric_space, field_definitions, description
        )
        return self._managed(unary(CREATE_COLLECTION, request, timeout=timeout))

    @operation
    def get(
        self, collection_id: str, *, timeout: Timeout = None
    ) -> Operation[collections_pb2.CollectionMetadata]:
        """A collection's metadata: name, configuration, document count and total size."""
        request = collections_pb2.GetCollectionMetadataRequest(
            collection_id=non_empty_text("collection_id", collection_id)
        )
        return self._managed(unary(GET_COLLECTION_METADATA, request, timeout=timeout))

    @operation
    def update(
        self,
        collection_id: str,
        name: str | None = None,
        chunk_configuration: ChunkConfiguration | types_pb2.ChunkConfiguration | None = None,
        field_definitions: Sequence[FieldDefinitionUpdate | collections_pb2.FieldDefinitionUpdate]
        | None = None,
        description: str | None = None,
        *,
        timeout: Timeout = None,
    ) -> Operation[collections_pb2.CollectionMetadata]:
        """Change a collection's name, chunking, field definitions or description.

        `field_definitions` entries add or delete a field:
        ``{"field_definition": {...}, "operation": "add"}`` or ``{"key": "isbn", "operation":
        "delete"}`` (deleting removes the field from every document). At least one change is
        required. Returns the updated metadata.
        """
        request = update_collection_request(
            collection_id, name, chunk_configuration, field_definitions, description
        )
        return self._managed(unary(UPDATE_COLLECTION, request, timeout=timeout))

    @operation
    def delete(self, collection_id: str, *, timeout: Timeout = None) -> Operation[None]:
        """Delete a collection (its documents stay as files)."""
        request = collections_pb2.DeleteCollectionRequest(
            collection_id=non_empty_text("collection_id", collection_id)
        )
        return self._managed(unary(DELETE_COLLECTION, request, nothing, timeout=timeout))

    @operation
    def generate_description(self, collection_id: str, *, timeout: Timeout = None) -> Operation[str]:
        """A description of the collection written from its documents ("" when it has none indexed)."""
        request = collections_pb2.GenerateCollectionDescriptionRequest(
            collection_id=non_empty_text("collection_id", collection_id)
        )
        return self._managed(
            unary(
                GENERATE_COLLECTION_DESCRIPTION,
                request,
                lambda response: response.collection_description,
                timeout=timeout,
            )
        )

    # -- documents ----------------------------------------------------------------------------

    @operation
    def upload_document(
        self,
        collection_id: str,
        name: str,
        data: bytes,
        fields: dict[str, str] | None = None,
        *,
        wait_for_indexing: bool = False,
        poll_interval: timedelta | float | None = None,
        timeout: timedelta | float | None = None,
    ) -> Operation[collections_pb2.DocumentMetadata]:
        """Upload `data` as a file named `name` and add it to the collection as a document.

        The content is uploaded in 3 MiB chunks (``Files/UploadFile`` on the API host), then
        added with `fields`; returns the document's metadata. With `wait_for_indexing`, its
        status is checked every `poll_interval` (default 10 s) until it is PROCESSED, for at
        most `timeout` (default 2 minutes, then `TimeoutError`); a FAILED indexing raises
        `DocumentIndexingError` (a `ValueError`).

        The management key is checked before the upload. If adding the document fails, the
        uploaded file is deleted before the error is raised (the official SDK leaves it behind).
        """
        request = collections_pb2.AddDocumentToCollectionRequest(
            collection_id=non_empty_text("collection_id", collection_id), fields=document_fields(fields)
        )
        upload = prepare_upload(content("data", data), filename=non_empty_text("name", name))
        flag("wait_for_indexing", wait_for_indexing)
        interval = seconds("poll_interval", poll_interval, DEFAULT_INDEXING_POLL_INTERVAL)
        waiting = seconds("timeout", timeout, DEFAULT_INDEXING_TIMEOUT)
        self._require_management_key()  # before the upload (the official SDK uploads first)

        def flow() -> Flow[collections_pb2.DocumentMetadata]:
            uploaded = yield from upload_flow(upload)
            request.file_id = uploaded.id
            try:
                yield Call(ADD_DOCUMENT_TO_COLLECTION, request)
            except RpcError:
                yield from _delete_quietly(uploaded.id)
                raise
            check = Call(
                GET_DOCUMENT_METADATA,
                collections_pb2.GetDocumentMetadataRequest(file_id=uploaded.id, collection_id=collection_id),
            )
            if not wait_for_indexing:
                document: collections_pb2.DocumentMetadata = yield check
                return document
            indexed: collections_pb2.DocumentMetadata = yield from poll(
                check, indexing_done, interval=interval, timeout=waiting, waiting_for="document to be indexed"
            )
            return indexed

        return Operation(flow(), upload.init)

    @operation
    def add_existing_document(
        self,
        collection_id: str,
        file_id: str,
        fields: dict[str, str] | None = None,
        *,
        timeout: Timeout = None,
    ) -> Operation[None]:
        """Add an uploaded file (see `client.files.upload`) to a collection as a document.

        Returns None with both clients (the official sync client returns an empty message).
        """
        request = collections_pb2.AddDocumentToCollectionRequest(
            collection_id=non_empty_text("collection_id", collection_id),
            file_id=non_empty_text("file_id", file_id),
            fields=document_fields(fields),
        )
        return self._managed(unary(ADD_DOCUMENT_TO_COLLECTION, request, nothing, timeout=timeout))

    @operation
    def get_document(
        self, file_id: str, collection_id: str, *, timeout: Timeout = None
    ) -> Operation[collections_pb2.DocumentMetadata]:
        """A document's metadata and indexing status.

        Note the argument order, ``(file_id, collection_id)``, the reverse of the other document
        methods: kept from the official SDK so that positional calls keep working.
        """
        request = collections_pb2.GetDocumentMetadataRequest(
            file_id=non_empty_text("file_id", file_id),
            collection_id=non_empty_text("collection_id", collection_id),
        )
        return self._managed(unary(GET_DOCUMENT_METADATA, request, timeout=timeout))

    @operation
    def batch_get_documents(
        self, collection_id: str, file_ids: Sequence[str], *, timeout: Timeout = None
    ) -> Operation[collections_pb2.BatchGetDocumentsResponse]:
        """The metadata of several documents of a collection, in one call."""
        request = collections_pb2.BatchGetDocumentsRequest(
            collection_id=non_empty_text("collection_id", collection_id),
            file_ids=non_empty_texts("file_ids", file_ids),
        )
        return self._managed(unary(BATCH_GET_DOCUMENTS, request, timeout=timeout))

    @operation
    def remove_document(
        self, collection_id: str, file_id: str, *, timeout: Timeout = None
    ) -> Operation[None]:
        """Remove a document from a collection (its file stays)."""
        request = collections_pb2.RemoveDocumentFromCollectionRequest(
            collection_id=non_empty_text("collection_id", collection_id),
            file_id=non_empty_text("file_id", file_id),
        )
        return self._managed(unary(REMOVE_DOCUMENT_FROM_COLLECTION, request, nothing, timeout=timeout))

    @operation
    def update_document(
        self,
        collection_id: str,
        file_id: str,
        name: str | None = None,
        data: bytes | None = None,
        content_type: str | None = None,
        fields: dict[str, str] | None = None,
        *,
        timeout: Timeout = None,
    ) -> Operation[collections_pb2.DocumentMetadata]:
        """Change a document's name, content, content type or fields; returns its new metadata.

        The new content travels in the request itself (not streamed), so it is limited to
        the message size of the channel (20 MiB by default).
        """
        request = update_document_request(collection_id, file_id, name, data, content_type, fields)
        return self._managed(unary(UPDATE_DOCUMENT, request, timeout=timeout))

    @operation
    def reindex_document(
        self, collection_id: str, file_id: str, *, timeout: Timeout = None
    ) -> Operation[None]:
        """Index a document again, e.g. after the collection's chunking changed."""
        request = collections_pb2.ReIndexDocumentRequest(
            collection_id=non_empty_text("collection_id", collection_id),
            file_id=non_empty_text("file_id", file_id),
        )
        return self._managed(unary(REINDEX_DOCUMENT, request, nothing, timeout=timeout))

    # -- search -------------------------------------------------------------------------------

    @operation
    def search(
        self,
        query: str,
        collection_ids: Sequence[str],
        limit: int | None = None,
        *,
        instructions: str | None = None,
        retrieval_mode: RetrievalModeInput | None = None,
        timeout: Timeout = None,
    ) -> Operation[documents_pb2.SearchResponse]:
        """The chunks of the collections' documents that best match `query`, best first.

        Args:
            query: what to look for.
            collection_ids: the collections to search (at least one).
            limit: the most matches to return (server default if None).
            instructions: how the search should be interpreted and ranked.
            retrieval_mode: ``"hybrid"`` (server default), ``"semantic"``, ``"keyword"``, or a
                `HybridRetrieval` / `SemanticRetrieval` / `KeywordRetrieval` message.
            timeout: bound of the call.

        Uses the API key only (``Documents/Search`` on the API host). Returns the
        `documents_pb2.SearchResponse`; each match has the file id, chunk content and score.

        """
        request = search_request(query, collection_ids, limit, instructions, retrieval_mode)
        return unary(SEARCH, request, timeout=timeout)

    # -- listings (last: `list` is a method name in this class) -------------------------------

    @operation
    def list_documents(
        self,
        collection_id: str,
        limit: int | None = None,
        order: Order | shared_pb2.Ordering | None = None,
        sort_by: DocumentSortBy | collections_pb2.DocumentsSortBy | None = None,
        pagination_token: str | None = None,
        filter: str | None = None,
        *,
        timeout: Timeout = None,
    ) -> Operation[collections_pb2.ListDocumentsResponse]:
        """One page of a collection's documents; pass its ``pagination_token`` back for the next.

        `sort_by` is ``"name"``, ``"age"`` (creation time) or ``"size"``; `order` ``"asc"`` or
        ``"desc"``; `filter` e.g. ``'status:DOCUMENT_STATUS_PROCESSED'`` or ``'fields.isbn:"978"'``.
        Unknown names raise `ValueError` (the official SDK sends an unknown value).
        """
        page = page_fields(limit, order, sort_by, DOCUMENT_SORT_BY, DocumentsSortBy, pagination_token, filter)
        request = ListDocumentsRequest(collection_id=non_empty_text("collection_id", collection_id), **page)
        return self._managed(unary(LIST_DOCUMENTS, request, timeout=timeout))

    @operation
    def list(
        self,
        limit: int | None = None,
        order: Order | shared_pb2.Ordering | None = None,
        sort_by: CollectionSortBy | collections_pb2.CollectionsSortBy | None = None,
        filter: str | None = None,
        pagination_token: str | None = None,
        *,
        timeout: Timeout = None,
    ) -> Operation[collections_pb2.ListCollectionsResponse]:
        """One page of collections; pass its ``pagination_token`` back for the next.

        `sort_by` is ``"name"`` or ``"age"`` (creation time); `order` ``"asc"`` or ``"desc"``;
        `filter` e.g. ``'collection_name:"SEC" AND documents_count:>10'``. Unknown names raise
        `ValueError` (the official SDK sends an unknown value).
        """
        page = page_fields(
            limit, order, sort_by, COLLECTION_SORT_BY, CollectionsSortBy, pagination_token, filter
        )
        request = collections_pb2.ListCollectionsRequest(**page)
        return self._managed(unary(LIST_COLLECTIONS, request, timeout=timeout))


def _delete_quietly(file_id: str) -> Flow[None]:
    """Delete an uploaded file whose document could not be added; a failure here is ignored."""
    with contextlib.suppress(RpcError):
        yield Call(DELETE_FILE, files_pb2.DeleteFileRequest(file_id=file_id))
