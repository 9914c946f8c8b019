"""The state behind the Files, Collections and Documents services: files, collections, documents.

One `Library` object, created by the Files service and shared with the other two, holds it all
behind one lock: a document is a stored file attached to a collection, so deleting a file
removes it from its collections at once. Items are ordered by a sequence number as well as by
time, so that listings are stable even for items created in the same instant.
"""

from __future__ import annotations

import hashlib
import itertools
import mimetypes
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import grpc

from xai_sdk.emulator._base import RpcAbort, timestamp
from xai_sdk.emulator._search import chunk_text
from xai_sdk.proto import collections_pb2, files_pb2, types_pb2

__all__ = ["Collection", "Document", "Library", "StoredFile", "content_type_of"]


def content_type_of(name: str) -> str:
    """The content type a file name suggests (``application/octet-stream`` when unknown)."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


@dataclass
class StoredFile:
    """An uploaded (or generated) file: its metadata and its content, kept as received."""

    id: str
    name: str
    parts: tuple[bytes, ...]
    size: int
    sha256: str
    content_type: str
    created_at: float
    sequence: int
    expires_at: float | None = None
    public_url: str | None = None
    public_url_expires_at: float | None = None

    @property
    def data(self) -> bytes:
        """The whole content."""
        return b"".join(self.parts)

    def chunks(self, size: int) -> Iterator[bytes]:
        """The content in pieces of at most `size` bytes, without joining it first."""
        for part in self.parts:
            view = memoryview(part)
            for start in range(0, len(view), size):
                yield view[start : start + size].tobytes()

    def proto(self) -> files_pb2.File:
        """The file as the Files API describes it."""
        message = files_pb2.File(
            id=self.id, filename=self.name, size=self.size, created_at=timestamp(self.created_at)
        )
        if self.expires_at is not None:
            message.expires_at.CopyFrom(timestamp(self.expires_at))
        if self.public_url is not None:
            message.public_url = self.public_url
            if self.public_url_expires_at is not None:
                message.public_url_expires_at.CopyFrom(timestamp(self.public_url_expires_at))
        return message

    def metadata(self) -> collections_pb2.FileMetadata:
        """The file as the Collections API describes it."""
        message = collections_pb2.FileMetadata(
            file_id=self.id,
            name=self.name,
            size_bytes=self.size,
            content_type=self.content_type,
            created_at=timestamp(self.created_at),
            hash=self.sha256,
            upload_status="UPLOAD_STATUS_COMPLETED",
        )
        if self.expires_at is not None:
            message.expires_at.CopyFrom(timestamp(self.expires_at))
        return message


@dataclass
class Document:
    """A file in a collection: its fields, indexing progress and chunks."""

    file_id: str
    fields: dict[str, str]
    added_at: float
    sequence: int
    indexing_polls: int
    """GetDocumentMetadata answers left before the indexing is done."""
    failure: str | None = None
    """The error message of a failed indexing."""
    polls: int = 0
    chunks: list[str] = field(default_factory=list)
    indexed_at: float | None = None

    @property
    def status(self) -> int:
        """The indexing status, as the last poll left it."""
        if self.polls < self.indexing_polls:
            steps = (
                collections_pb2.DOCUMENT_STATUS_PROCESSING,
                collections_pb2.DOCUMENT_STATUS_CHUNKED,
                collections_pb2.DOCUMENT_STATUS_EMBEDDING,
                collections_pb2.DOCUMENT_STATUS_WRITING,
            )
            return steps[min(self.polls, len(steps) - 1)]
        if self.failure is not None:
            return collections_pb2.DOCUMENT_STATUS_FAILED
        return collections_pb2.DOCUMENT_STATUS_PROCESSED

    @property
    def searchable(self) -> bool:
        """Whether the indexing is done and succeeded."""
        return self.status == collections_pb2.DOCUMENT_STATUS_PROCESSED


@dataclass
class Collection:
    """A collection: its settings and documents."""

    id: str
    name: str
    created_at: float
    sequence: int
    model_name: str
    chunk_configuration: types_pb2.ChunkConfiguration
    metric: int
    field_definitions: list[collections_pb2.FieldDefinition]
    description: str | None
    documents: dict[str, Document] = field(default_factory=dict)


class Library:
    """Files and collections, with the lock that guards them (hold it while reading or changing)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.files: dict[str, StoredFile] = {}
        self.collections: dict[str, Collection] = {}
        self._sequence = itertools.count(1)

    def reset(self) -> None:
        """Forget every file and collection; ids start again."""
        with self.lock:
            self.files.clear()
            self.collections.clear()
            self._sequence = itertools.count(1)

    def next_sequence(self) -> int:
        """A number that orders what is created (call with the lock held)."""
        return next(self._sequence)

    @staticmethod
    def new_id(prefix: str, sequence: int) -> str:
        """A deterministic, opaque-looking id such as ``file-3f2a...`` for the n-th item."""
        return f"{prefix}-{hashlib.sha256(f'{prefix}:{sequence}'.encode()).hexdigest()[:24]}"

    # -- files ------------------------------------------------------------------------------------

    def add_file(
        self,
        name: str,
        parts: tuple[bytes, ...],
        sha256: str,
        *,
        content_type: str | None = None,
        expires_after: int | None = None,
    ) -> StoredFile:
        """Register a complete file; returns it."""
        now = time.time()
        with self.lock:
            sequence = self.next_sequence()
            stored = StoredFile(
                id=self.new_id("file", sequence),
                name=name,
                parts=parts,
                size=sum(len(part) for part in parts),
                sha256=sha256,
                content_type=content_type or content_type_of(name),
                created_at=now,
                sequence=sequence,
                expires_at=None if expires_after is None else now + expires_after,
            )
            self.files[stored.id] = stored
        return stored

    def live_files(self) -> list[StoredFile]:
        """Files not expired (expired ones are dropped on the way)."""
        with self.lock:
            now = time.time()
            for expired in [
                f for f in self.files.values() if f.expires_at is not None and f.expires_at <= now
            ]:
                self.remove_file(expired.id)
            return list(self.files.values())

    def file(self, file_id: str) -> StoredFile:
        """A live file, or NOT_FOUND."""
        with self.lock:
            stored = self.files.get(file_id)
            if stored is not None and stored.expires_at is not None and stored.expires_at <= time.time():
                self.remove_file(file_id)
                stored = None
        if stored is None:
            raise RpcAbort(grpc.StatusCode.NOT_FOUND, f"No file with id {file_id!r}.")
        return stored

    def remove_file(self, file_id: str) -> StoredFile | None:
        """Delete a file and detach it from every collection."""
        with self.lock:
            stored = self.files.pop(file_id, None)
            for collection in self.collections.values():
                collection.documents.pop(file_id, None)
            return stored

    def replace_content(self, stored: StoredFile, data: bytes) -> None:
        """Give a file new content (a document updated through the Collections API)."""
        with self.lock:
            stored.parts = (bytes(data),)
            stored.size = len(data)
            stored.sha256 = hashlib.sha256(data).hexdigest()

    # -- collections and documents ---------------------------------------------------------------

    def collection(self, collection_id: str) -> Collection:
        """A collection, or NOT_FOUND."""
        with self.lock:
            found = self.collections.get(collection_id)
        if found is None:
            raise RpcAbort(grpc.StatusCode.NOT_FOUND, f"No collection with id {collection_id!r}.")
        return found

    def document(self, collection_id: str, file_id: str) -> tuple[Collection, Document]:
        """A document of a collection, or NOT_FOUND."""
        with self.lock:
            collection = self.collection(collection_id)
            found = collection.documents.get(file_id)
        if found is None or file_id not in self.files:
            raise RpcAbort(
                grpc.StatusCode.NOT_FOUND, f"No document {file_id!r} in collection {collection_id!r}."
            )
        return collection, found

    def index(self, collection: Collection, document: Document, polls: int, failure: str | None) -> None:
        """(Re)index a document with the collection's current settings."""
        stored = self.files[document.file_id]
        configuration = collection.chunk_configuration
        injected = [
            f"{definition.key}: {document.fields[definition.key]}\n"
            for definition in collection.field_definitions
            if definition.inject_into_chunk and definition.key in document.fields
        ]
        prefix = (f"{stored.name}\n" if configuration.inject_name_into_chunks else "") + "".join(injected)
        document.chunks = (
            [] if failure else chunk_text(stored.data.decode(errors="replace"), configuration, prefix)
        )
        document.indexing_polls = polls
        document.polls = 0
        document.failure = failure
        document.indexed_at = time.time()

    def document_proto(self, document: Document) -> collections_pb2.DocumentMetadata:
        """A document as the Collections API describes it."""
        message = collections_pb2.DocumentMetadata(
            file_metadata=self.files[document.file_id].metadata(),
            fields=document.fields,
            status=document.status,  # type: ignore[arg-type]
        )
        if document.status == collections_pb2.DOCUMENT_STATUS_FAILED:
            message.error_message = document.failure or "indexing failed"
        if document.searchable:
            message.chunk_count = len(document.chunks)
            message.chunks_processed_count = len(document.chunks)
            if document.indexed_at is not None:
                message.last_indexed_at.CopyFrom(timestamp(document.indexed_at))
        return message

    def collection_proto(self, collection: Collection) -> collections_pb2.CollectionMetadata:
        """A collection as the Collections API describes it."""
        documents = [self.files[file_id] for file_id in collection.documents if file_id in self.files]
        message = collections_pb2.CollectionMetadata(
            collection_id=collection.id,
            collection_name=collection.name,
            created_at=timestamp(collection.created_at),
            index_configuration=types_pb2.IndexConfiguration(model_name=collection.model_name),
            chunk_configuration=collection.chunk_configuration,
            documents_count=len(documents),
            field_definitions=collection.field_definitions,
            total_file_size=sum(stored.size for stored in documents),
        )
        if collection.description is not None:
            message.collection_description = collection.description
        return message
