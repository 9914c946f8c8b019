"""collections.Collections: collections and their documents, with indexing that takes polls.

Documents are the Files service's files added to a collection; both services share one
`xai_sdk.emulator._library.Library`. A document is chunked with its collection's settings when
added (or reindexed) and becomes searchable once its indexing is done.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterable
from typing import Any

import grpc
from google.protobuf import empty_pb2

from xai_sdk.emulator import _listing, catalog
from xai_sdk.emulator._base import EmulatorCall, RpcAbort
from xai_sdk.emulator._filters import FilterError, Moment, parse_filter
from xai_sdk.emulator._library import Collection, Document, Library
from xai_sdk.emulator._search import DEFAULT_CHUNK_CONFIGURATION, words
from xai_sdk.proto import collections_pb2, shared_pb2, types_pb2

__all__ = ["Collections"]

DEFAULT_EMBEDDING_MODEL = "grok-embedding-small"

_COLLECTION_KEYS = {
    collections_pb2.COLLECTIONS_SORT_BY_NAME: lambda c: (c.name, c.sequence),
    collections_pb2.COLLECTIONS_SORT_BY_AGE: lambda c: (c.created_at, c.sequence),
}


def _invalid(details: str) -> RpcAbort:
    return RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, details)


def _check_chunk_configuration(configuration: types_pb2.ChunkConfiguration) -> None:
    sizing = configuration.WhichOneof("config")
    if sizing is None:
        raise _invalid("chunk_configuration needs one of chars, tokens or bytes configuration")
    unit = sizing.split("_")[0]
    settings = getattr(configuration, sizing)
    size, overlap = getattr(settings, f"max_chunk_size_{unit}"), getattr(settings, f"chunk_overlap_{unit}")
    if size <= 0 or overlap < 0 or overlap >= size:
        raise _invalid(f"{sizing}: the size must be positive and the overlap smaller than it")
    if sizing == "tokens_configuration" and not settings.encoding_name:
        raise _invalid("tokens_configuration needs an encoding_name")


def _descending(request: Any) -> bool:
    """Listings of the management API are descending unless asked otherwise."""
    order = request.order if request.HasField("order") else shared_pb2.ORDERING_DESCENDING
    if order not in (
        shared_pb2.ORDERING_ASCENDING,
        shared_pb2.ORDERING_DESCENDING,
        shared_pb2.ORDERING_UNKNOWN,
    ):
        raise _invalid(f"unknown order {order}")
    return order != shared_pb2.ORDERING_ASCENDING


def _filtered(items: Iterable[Any], expression: str, fields: Any) -> list[Any]:
    try:
        matches = parse_filter(expression)
        return [item for item in items if matches(fields(item).__getitem__)]
    except FilterError as error:
        raise _invalid(str(error)) from None


class Collections:
    """The emulator's collections. Reach it as ``emulator.collections``.

    `indexing_polls` sets how many times ``GetDocumentMetadata`` answers an in-progress status
    (PROCESSING, CHUNKED, EMBEDDING, WRITING) for a newly added or reindexed document before it
    is PROCESSED (default 0: indexed at once); `fail_indexing` makes the next indexings FAILED.
    Until PROCESSED, a document is not found by search.
    """

    full_name = "collections.Collections"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._indexing_polls = 0
        self._failures: list[str] = []
        self.library = Library()  # replaced by the Files service's in `attach`

    def attach(self, emulator: Any) -> None:
        """Share the Files service's library: documents are its files."""
        self.library = emulator.service("xai_api.Files").library

    def reset(self) -> None:
        """Restore the defaults (the Files service clears the library itself)."""
        with self._lock:
            self._indexing_polls = 0
            self._failures.clear()

    # -- the public, scripting side -------------------------------------------------------------

    @property
    def indexing_polls(self) -> int:
        """In-progress answers of ``GetDocumentMetadata`` before a document is PROCESSED (default 0)."""
        return self._indexing_polls

    @indexing_polls.setter
    def indexing_polls(self, polls: int) -> None:
        if isinstance(polls, bool) or not isinstance(polls, int) or polls < 0:
            raise ValueError(f"indexing_polls must be an int of at least 0, got {polls!r}")
        self._indexing_polls = polls

    def fail_indexing(
        self, times: int = 1, error_message: str = "the emulator was asked to fail this indexing"
    ) -> None:
        """Make the next `times` indexings (documents added, updated or reindexed) end FAILED."""
        if isinstance(times, bool) or not isinstance(times, int) or times < 1:
            raise ValueError(f"times must be an int of at least 1, got {times!r}")
        with self._lock:
            self._failures.extend([error_message] * times)

    def _index(self, collection: Collection, document: Document) -> None:
        with self._lock:
            failure = self._failures.pop(0) if self._failures else None
            polls = self._indexing_polls
        self.library.index(collection, document, polls, failure)

    # -- collections ----------------------------------------------------------------------------

    def CreateCollection(
        self, request: collections_pb2.CreateCollectionRequest, call: EmulatorCall
    ) -> collections_pb2.CollectionMetadata:
        """A new, empty collection."""
        if not request.collection_name.strip():
            raise _invalid("collection_name must not be empty")
        model = request.index_configuration.model_name or DEFAULT_EMBEDDING_MODEL
        if catalog.find(catalog.EMBEDDING_MODELS, model) is None:
            raise RpcAbort(grpc.StatusCode.NOT_FOUND, f"The embedding model {model!r} does not exist.")
        configuration = (
            request.chunk_configuration
            if request.HasField("chunk_configuration")
            else DEFAULT_CHUNK_CONFIGURATION
        )
        _check_chunk_configuration(configuration)
        keys = [definition.key for definition in request.field_definitions]
        if any(not key.strip() for key in keys) or len(set(keys)) != len(keys):
            raise _invalid("field definitions need distinct, non-empty keys")
        with self.library.lock:
            sequence = self.library.next_sequence()
            collection = Collection(
                id=self.library.new_id("collection", sequence),
                name=request.collection_name,
                created_at=time.time(),
                sequence=sequence,
                model_name=model,
                chunk_configuration=_copy(configuration),
                metric=request.metric_space or types_pb2.HNSW_METRIC_COSINE,
                field_definitions=list(request.field_definitions),
                description=request.collection_description
                if request.HasField("collection_description")
                else None,
            )
            self.library.collections[collection.id] = collection
            return self.library.collection_proto(collection)

    def GetCollectionMetadata(
        self, request: collections_pb2.GetCollectionMetadataRequest, call: EmulatorCall
    ) -> collections_pb2.CollectionMetadata:
        """A collection, or NOT_FOUND."""
        with self.library.lock:
            return self.library.collection_proto(self.library.collection(request.collection_id))

    def ListCollections(
        self, request: collections_pb2.ListCollectionsRequest, call: EmulatorCall
    ) -> collections_pb2.ListCollectionsResponse:
        """A page of collections (by name, descending, unless asked otherwise)."""
        sort_by = request.sort_by if request.HasField("sort_by") else collections_pb2.COLLECTIONS_SORT_BY_NAME
        key = _COLLECTION_KEYS.get(sort_by)
        if key is None:
            raise _invalid(f"unknown sort_by {sort_by}")
        with self.library.lock:
            collections = _filtered(
                self.library.collections.values(),
                request.filter,
                lambda c: {
                    "collection_id": c.id,
                    "collection_name": c.name,
                    "created_at": Moment(c.created_at),
                    "documents_count": len(c.documents),
                    "collection_description": c.description,
                },
            )
            chosen, token = _listing.page(
                collections,
                key,
                descending=_descending(request),
                limit=_listing.page_size(request.limit),
                token=request.pagination_token,
                query=("collections", sort_by, _descending(request), request.filter),
            )
            return collections_pb2.ListCollectionsResponse(
                collections=[self.library.collection_proto(c) for c in chosen], pagination_token=token
            )

    def UpdateCollection(
        self, request: collections_pb2.UpdateCollectionRequest, call: EmulatorCall
    ) -> collections_pb2.CollectionMetadata:
        """Rename, re-describe, re-chunk (for later indexings) or change the field definitions."""
        with self.library.lock:
            collection = self.library.collection(request.collection_id)
            if request.HasField("collection_name"):
                if not request.collection_name.strip():
                    raise _invalid("collection_name must not be empty")
                collection.name = request.collection_name
            if request.HasField("chunk_configuration"):
                _check_chunk_configuration(request.chunk_configuration)
                collection.chunk_configuration = _copy(request.chunk_configuration)
            for update in request.field_definition_updates:
                self._update_field(collection, update)
            if request.HasField("collection_description"):
                collection.description = request.collection_description
            return self.library.collection_proto(collection)

    @staticmethod
    def _update_field(collection: Collection, update: collections_pb2.FieldDefinitionUpdate) -> None:
        key = update.field_definition.key
        existing = [definition.key for definition in collection.field_definitions]
        if update.operation == collections_pb2.FIELD_DEFINITION_ADD:
            if not key.strip() or key in existing:
                raise _invalid(f"cannot add the field definition {key!r}: its key is empty or taken")
            collection.field_definitions.append(update.field_definition)
            return
        if key not in existing:
            raise RpcAbort(grpc.StatusCode.NOT_FOUND, f"No field definition {key!r} in this collection.")
        collection.field_definitions = [d for d in collection.field_definitions if d.key != key]
        for document in collection.documents.values():
            document.fields.pop(key, None)

    def DeleteCollection(
        self, request: collections_pb2.DeleteCollectionRequest, call: EmulatorCall
    ) -> empty_pb2.Empty:
        """Delete a collection; its documents' files stay."""
        with self.library.lock:
            self.library.collection(request.collection_id)
            del self.library.collections[request.collection_id]
        return empty_pb2.Empty()

    def GenerateCollectionDescription(
        self, request: collections_pb2.GenerateCollectionDescriptionRequest, call: EmulatorCall
    ) -> collections_pb2.GenerateCollectionDescriptionResponse:
        """A description made of the documents' names and most frequent words ("" without documents)."""
        with self.library.lock:
            collection = self.library.collection(request.collection_id)
            documents = [d for d in collection.documents.values() if d.searchable]
            names = sorted(self.library.files[d.file_id].name for d in documents)
            counts = Counter(
                word for d in documents for chunk in d.chunks for word in words(chunk) if len(word) > 3
            )
        if not documents:
            return collections_pb2.GenerateCollectionDescriptionResponse(collection_description="")
        topics = ", ".join(
            word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:3]
        )
        plural = "s" if len(names) > 1 else ""
        description = (
            f"{len(names)} document{plural} ({', '.join(names)}) about {topics or 'nothing in words'}."
        )
        return collections_pb2.GenerateCollectionDescriptionResponse(collection_description=description)

    # -- documents ------------------------------------------------------------------------------

    def AddDocumentToCollection(
        self, request: collections_pb2.AddDocumentToCollectionRequest, call: EmulatorCall
    ) -> empty_pb2.Empty:
        """Attach a stored file to a collection and index it."""
        with self.library.lock:
            collection = self.library.collection(request.collection_id)
            self.library.file(request.file_id)
            if request.file_id in collection.documents:
                raise RpcAbort(
                    grpc.StatusCode.ALREADY_EXISTS,
                    f"The file {request.file_id!r} is already in collection {collection.id!r}.",
                )
            fields = dict(request.fields)
            self._check_fields(collection, fields, request.file_id)
            document = Document(
                file_id=request.file_id,
                fields=fields,
                added_at=time.time(),
                sequence=self.library.next_sequence(),
                indexing_polls=0,
            )
            collection.documents[document.file_id] = document
            self._index(collection, document)
        return empty_pb2.Empty()

    @staticmethod
    def _check_fields(collection: Collection, fields: dict[str, str], file_id: str) -> None:
        for definition in collection.field_definitions:
            value = fields.get(definition.key)
            if definition.required and value is None:
                raise _invalid(f"the field {definition.key!r} is required in this collection")
            if definition.unique and value is not None:
                for other in collection.documents.values():
                    if other.file_id != file_id and other.fields.get(definition.key) == value:
                        raise _invalid(
                            f"another document has {definition.key}={value!r}, which must be unique"
                        )

    def GetDocumentMetadata(
        self, request: collections_pb2.GetDocumentMetadataRequest, call: EmulatorCall
    ) -> collections_pb2.DocumentMetadata:
        """A document and its indexing status; each call advances an indexing in progress."""
        with self.library.lock:
            _, document = self.library.document(request.collection_id, request.file_id)
            answer = self.library.document_proto(document)
            if document.polls < document.indexing_polls:
                document.polls += 1
            return answer

    def BatchGetDocuments(
        self, request: collections_pb2.BatchGetDocumentsRequest, call: EmulatorCall
    ) -> collections_pb2.BatchGetDocumentsResponse:
        """Several documents of a collection (NOT_FOUND if one is missing)."""
        with self.library.lock:
            documents = [
                self.library.document(request.collection_id, file_id)[1] for file_id in request.file_ids
            ]
            return collections_pb2.BatchGetDocumentsResponse(
                documents=[self.library.document_proto(document) for document in documents]
            )

    def ListDocuments(
        self, request: collections_pb2.ListDocumentsRequest, call: EmulatorCall
    ) -> collections_pb2.ListDocumentsResponse:
        """A page of a collection's documents (by name, descending, unless asked otherwise)."""
        sort_by = request.sort_by if request.HasField("sort_by") else collections_pb2.DOCUMENTS_SORT_BY_NAME
        with self.library.lock:
            collection = self.library.collection(request.collection_id)
            files = self.library.files
            keys = {
                collections_pb2.DOCUMENTS_SORT_BY_NAME: lambda d: (files[d.file_id].name, d.sequence),
                collections_pb2.DOCUMENTS_SORT_BY_AGE: lambda d: (d.added_at, d.sequence),
                collections_pb2.DOCUMENTS_SORT_BY_SIZE: lambda d: (files[d.file_id].size, d.sequence),
            }
            key = keys.get(sort_by)
            if key is None:
                raise _invalid(f"unknown sort_by {sort_by}")
            documents = [d for d in collection.documents.values() if d.file_id in files]
            if request.HasField("name"):
                documents = [d for d in documents if request.name in files[d.file_id].name]
            documents = _filtered(documents, request.filter, self._document_fields)
            chosen, token = _listing.page(
                documents,
                key,
                descending=_descending(request),
                limit=_listing.page_size(request.limit),
                token=request.pagination_token,
                query=(
                    "documents",
                    collection.id,
                    sort_by,
                    _descending(request),
                    request.filter,
                    request.name,
                ),
            )
            return collections_pb2.ListDocumentsResponse(
                documents=[self.library.document_proto(d) for d in chosen], pagination_token=token
            )

    def _document_fields(self, document: Document) -> dict[str, Any]:
        stored = self.library.files[document.file_id]
        fields: dict[str, Any] = {
            "file_id": stored.id,
            "name": stored.name,
            "size_bytes": stored.size,
            "content_type": stored.content_type,
            "created_at": Moment(stored.created_at),
            "status": collections_pb2.DocumentStatus.Name(document.status),
        }
        fields.update({f"fields.{key}": value for key, value in document.fields.items()})
        return _WithUnsetFields(fields)

    def RemoveDocumentFromCollection(
        self, request: collections_pb2.RemoveDocumentFromCollectionRequest, call: EmulatorCall
    ) -> empty_pb2.Empty:
        """Detach a document; its file stays."""
        with self.library.lock:
            collection, _ = self.library.document(request.collection_id, request.file_id)
            del collection.documents[request.file_id]
        return empty_pb2.Empty()

    def UpdateDocument(
        self, request: collections_pb2.UpdateDocumentRequest, call: EmulatorCall
    ) -> collections_pb2.DocumentMetadata:
        """Rename the file, replace its content or content type, merge fields; then reindex."""
        with self.library.lock:
            collection, document = self.library.document(request.collection_id, request.file_id)
            stored = self.library.files[request.file_id]
            if request.HasField("name"):
                if not request.name.strip():
                    raise _invalid("name must not be empty")
                stored.name = request.name
            if request.HasField("data"):
                self.library.replace_content(stored, request.data)
            if request.HasField("content_type"):
                stored.content_type = request.content_type
            if request.fields:
                fields = {**document.fields, **request.fields}
                self._check_fields(collection, fields, document.file_id)
                document.fields = fields
            self._index(collection, document)
            return self.library.document_proto(document)

    def ReIndexDocument(
        self, request: collections_pb2.ReIndexDocumentRequest, call: EmulatorCall
    ) -> empty_pb2.Empty:
        """Index a document again with the collection's current settings."""
        with self.library.lock:
            collection, document = self.library.document(request.collection_id, request.file_id)
            self._index(collection, document)
        return empty_pb2.Empty()


def _copy(configuration: types_pb2.ChunkConfiguration) -> types_pb2.ChunkConfiguration:
    copied = types_pb2.ChunkConfiguration()
    copied.CopyFrom(configuration)
    return copied


class _WithUnsetFields(dict):  # type: ignore[type-arg]
    """A document's filter fields: any ``fields.<key>`` it lacks reads as null, not unknown."""

    def __missing__(self, key: str) -> Any:
        if key.startswith("fields."):
            return None
        raise KeyError(key)
