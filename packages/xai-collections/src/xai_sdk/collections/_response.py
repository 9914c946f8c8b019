"""What collections calls return, beyond the API's messages: the indexing decision and its error."""

from __future__ import annotations

import warnings
from typing import Any

from google.protobuf import empty_pb2

from xai_sdk.operations import PENDING
from xai_sdk.proto import collections_pb2

__all__ = ["DocumentIndexingError", "indexing_done", "nothing"]

_INDEXING = frozenset(
    {
        collections_pb2.DOCUMENT_STATUS_PROCESSING,
        collections_pb2.DOCUMENT_STATUS_CHUNKED,
        collections_pb2.DOCUMENT_STATUS_EMBEDDING,
        collections_pb2.DOCUMENT_STATUS_WRITING,
    }
)


class DocumentIndexingError(ValueError):
    """A document's indexing failed (`upload_document(..., wait_for_indexing=True)`).

    A `ValueError`, as in the official SDK; `document` is its `DocumentMetadata`, with the
    server's ``error_message``.
    """

    def __init__(self, document: collections_pb2.DocumentMetadata) -> None:
        super().__init__(f"Document indexing failed: {document.error_message}")
        self.document = document


def indexing_done(document: collections_pb2.DocumentMetadata) -> Any:
    """The `poll` decision on a document's status while waiting for its indexing."""
    status = document.status
    if status == collections_pb2.DOCUMENT_STATUS_PROCESSED:
        return document
    if status == collections_pb2.DOCUMENT_STATUS_FAILED:
        raise DocumentIndexingError(document)
    if status not in _INDEXING:
        warnings.warn(
            f"Encountered unknown status: {status} whilst waiting for document indexing.", stacklevel=2
        )
    return PENDING


def nothing(_: empty_pb2.Empty) -> None:
    """The result of a call whose answer is empty: None."""
    return None
