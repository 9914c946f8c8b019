"""How a collections search retrieves chunks: ``"hybrid"``, ``"semantic"`` or ``"keyword"``.

Shared by `xai_sdk.tools.collections_search` and `client.collections.search`.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

from xai_sdk.proto import documents_pb2

__all__ = ["DocumentRetrievalMode", "RetrievalModeInput", "retrieval_mode_fields"]

DocumentRetrievalMode: TypeAlias = Literal["hybrid", "semantic", "keyword"]
RetrievalModeInput: TypeAlias = (
    DocumentRetrievalMode
    | documents_pb2.HybridRetrieval
    | documents_pb2.SemanticRetrieval
    | documents_pb2.KeywordRetrieval
)

_BY_NAME = {
    "hybrid": ("hybrid_retrieval", documents_pb2.HybridRetrieval),
    "semantic": ("semantic_retrieval", documents_pb2.SemanticRetrieval),
    "keyword": ("keyword_retrieval", documents_pb2.KeywordRetrieval),
}


def retrieval_mode_fields(mode: RetrievalModeInput) -> dict[str, object]:
    """The oneof field and message to set for a retrieval mode name or message.

    Returns e.g. ``{"semantic_retrieval": SemanticRetrieval()}``, ready to be passed as keyword
    arguments to `SearchRequest` or `CollectionsSearch`.
    """
    for name, (field, message_type) in _BY_NAME.items():
        if isinstance(mode, message_type):
            return {field: mode}
        if mode == name:
            return {field: message_type()}
    raise ValueError(
        f"Unsupported retrieval_mode {mode!r}. Expected 'hybrid', 'semantic', 'keyword', or a proto "
        "retrieval type. The proto types are HybridRetrieval, SemanticRetrieval and KeywordRetrieval."
    )
