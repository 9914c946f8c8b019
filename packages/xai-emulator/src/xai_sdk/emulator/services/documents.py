"""xai_api.Documents: search over the chunks of the collections' indexed documents.

The retrieval mode decides how chunks are scored (see `xai_sdk.emulator._search`): keyword (term
overlap, also used when the request names no mode), semantic (hashed character n-gram vectors),
or hybrid (both, fused). `instructions` and rerankers are accepted without effect.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import grpc

from xai_sdk.emulator._base import EmulatorCall, RpcAbort
from xai_sdk.emulator._library import Library
from xai_sdk.emulator._search import Mode, rank
from xai_sdk.proto import documents_pb2

__all__ = ["Documents", "retrieval", "search"]

DEFAULT_SEARCH_LIMIT = 10


def retrieval(request: Any) -> tuple[Mode, float, float]:
    """The retrieval mode a request asks for, with the hybrid fusion's text and embedding weights.

    `request` is a ``SearchRequest`` or the chat tool ``CollectionsSearch``.
    """
    kind = request.WhichOneof("retrieval_mode")
    if kind == "semantic_retrieval":
        return "semantic", 0.5, 0.5
    if kind == "hybrid_retrieval":
        fusion = request.hybrid_retrieval.reciprocal_rank_fusion
        if fusion.text_weight or fusion.embedding_weight:
            return "hybrid", fusion.text_weight, fusion.embedding_weight
        return "hybrid", 0.5, 0.5
    return "keyword", 0.5, 0.5


def search(
    library: Library,
    query: str,
    collection_ids: Sequence[str],
    limit: int,
    mode: Mode = "keyword",
    weights: tuple[float, float] = (0.5, 0.5),
) -> list[documents_pb2.SearchMatch]:
    """The best `limit` chunks of the processed documents of these collections.

    An unknown collection is NOT_FOUND; a file in several of them lists them all.
    """
    found: dict[str, tuple[list[str], list[str]]] = {}  # file id -> (its collections, its chunks)
    with library.lock:
        for collection_id in dict.fromkeys(collection_ids):
            collection = library.collection(collection_id)
            for document in collection.documents.values():
                if document.searchable and document.file_id in library.files:
                    collections, _ = found.setdefault(document.file_id, ([], document.chunks))
                    collections.append(collection_id)
    candidates = [
        (file_id, index, chunk, collections)
        for file_id, (collections, chunks) in found.items()
        for index, chunk in enumerate(chunks)
    ]
    ranked = rank(
        query,
        (chunk for _, _, chunk, _ in candidates),
        mode,
        text_weight=weights[0],
        embedding_weight=weights[1],
    )
    matches = []
    for item in ranked[:limit]:
        file_id, index, chunk, collections = candidates[item.position]
        matches.append(
            documents_pb2.SearchMatch(
                file_id=file_id,
                chunk_id=f"{file_id}-chunk-{index}",
                chunk_content=chunk,
                score=item.score,
                collection_ids=collections,
            )
        )
    return matches


class Documents:
    """Finds the chunks that best match the query, best first, in the retrieval mode asked for."""

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
        if not request.source.collection_ids:
            raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, "source.collection_ids must name a collection")
        if request.HasField("limit") and request.limit <= 0:
            raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, f"limit must be positive, got {request.limit}")
        limit = request.limit if request.HasField("limit") else DEFAULT_SEARCH_LIMIT
        mode, text_weight, embedding_weight = retrieval(request)
        matches = search(
            self.library,
            request.query,
            request.source.collection_ids,
            limit,
            mode,
            (text_weight, embedding_weight),
        )
        return documents_pb2.SearchResponse(matches=matches)
