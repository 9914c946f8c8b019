"""xai_api.Documents: search over the chunks of the collections' indexed documents.

Scoring is term overlap (see `xai_sdk.emulator._search`): every retrieval mode ranks the same
way, and `instructions` are accepted without effect.
"""

from __future__ import annotations

from typing import Any

import grpc

from xai_sdk.emulator._base import EmulatorCall, RpcAbort
from xai_sdk.emulator._library import Library
from xai_sdk.emulator._search import score, words
from xai_sdk.proto import documents_pb2

__all__ = ["Documents"]

DEFAULT_SEARCH_LIMIT = 10


class Documents:
    """Finds the chunks that share the most words with the query, best first."""

    full_name = "xai_api.Documents"

    def __init__(self) -> None:
        self.library = Library()  # replaced by the Files service's in `attach`

    def attach(self, emulator: Any) -> None:
        """Share the Files service's library, where the collections live."""
        self.library = emulator.service("xai_api.Files").library

    def Search(
        self, request: documents_pb2.SearchRequest, call: EmulatorCall
    ) -> documents_pb2.SearchResponse:
        """Score every chunk of the searched collections' processed documents; the best `limit` ones."""
        if not request.query.strip():
            raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, "query must not be empty")
        collection_ids = list(dict.fromkeys(request.source.collection_ids))
        if not collection_ids:
            raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, "source.collection_ids must name a collection")
        if request.HasField("limit") and request.limit <= 0:
            raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, f"limit must be positive, got {request.limit}")
        limit = request.limit if request.HasField("limit") else DEFAULT_SEARCH_LIMIT
        query = words(request.query)
        found: dict[str, tuple[list[str], list[str]]] = {}  # file id -> (its collections, its chunks)
        with self.library.lock:
            for collection_id in collection_ids:
                collection = self.library.collection(collection_id)
                for document in collection.documents.values():
                    if document.searchable and document.file_id in self.library.files:
                        collections, _ = found.setdefault(document.file_id, ([], document.chunks))
                        collections.append(collection_id)
        ranked = []
        for file_id, (collections, chunks) in found.items():
            for index, chunk in enumerate(chunks):
                scored = score(query, chunk)
                if scored.score > 0:
                    ranked.append(
                        (-scored.score, -scored.occurrences, file_id, index, chunk, collections, scored)
                    )
        ranked.sort(key=lambda match: match[:4])
        return documents_pb2.SearchResponse(
            matches=[
                documents_pb2.SearchMatch(
                    file_id=file_id,
                    chunk_id=f"{file_id}-chunk-{index}",
                    chunk_content=chunk,
                    score=scored.score,
                    collection_ids=collections,
                )
                for _, _, file_id, index, chunk, collections, scored in ranked[:limit]
            ]
        )
