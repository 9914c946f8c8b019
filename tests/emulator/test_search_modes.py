"""Document search by retrieval mode: keyword is term overlap, semantic compares hashed character
n-gram vectors (so it finds paraphrases keyword search misses), hybrid fuses both."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import outcome
from xai_sdk.emulator import _search
from xai_sdk.proto import documents_pb2

DOCUMENTS = {
    "translation.txt": "The translators rendered the novel into French over two winters.",
    "cooking.txt": "Bake the bread for forty minutes.",
    "translate.txt": "Who translated this book? Translate the title too.",
}


async def searched(client: Any, query: str, mode: Any = None) -> list[str]:
    collection = await outcome(client.collections.create("library"))
    for name, text in DOCUMENTS.items():
        await outcome(client.collections.upload_document(collection.collection_id, name, text.encode()))
    response = await outcome(
        client.collections.search(query, [collection.collection_id], retrieval_mode=mode)
    )
    names = {text: name for name, text in DOCUMENTS.items()}
    return [names[match.chunk_content] for match in response.matches]


async def test_keyword_search_needs_the_words_themselves(client: Any) -> None:
    assert await searched(client, "translation", "keyword") == []
    assert await searched(client, "who translated", "keyword") == ["translate.txt"]


async def test_semantic_search_finds_a_paraphrase(client: Any) -> None:
    found = await searched(client, "translation", "semantic")
    assert set(found[:2]) == {"translation.txt", "translate.txt"}
    assert "cooking.txt" not in found[:2]


async def test_hybrid_search_ranks_between_the_two(client: Any) -> None:
    found = await searched(client, "who translated", "hybrid")
    assert found[0] == "translate.txt"  # the keyword match stays first
    assert "translation.txt" in found  # and the paraphrase is found too


async def test_a_search_without_a_mode_ranks_by_keyword(client: Any) -> None:
    assert await searched(client, "translation") == []


def test_scores_are_deterministic_and_bounded() -> None:
    chunks = list(DOCUMENTS.values())
    first = _search.rank("translating novels", chunks, "semantic")
    second = _search.rank("translating novels", chunks, "semantic")
    assert first == second and all(0 < item.score <= 1 for item in first)
    assert _search.semantic_similarity(
        _search.vector("same text"), _search.vector("same text")
    ) == pytest.approx(1)


def test_the_fusion_weights_move_hybrid_toward_either_mode() -> None:
    chunks = list(DOCUMENTS.values())
    keyword = _search.rank("who translated", chunks, "keyword")
    text_only = _search.rank("who translated", chunks, "hybrid", text_weight=1, embedding_weight=0)
    assert [item.position for item in text_only] == [item.position for item in keyword]
    semantic = _search.rank("who translated", chunks, "semantic")
    embedding_only = _search.rank("who translated", chunks, "hybrid", text_weight=0, embedding_weight=1)
    assert [item.position for item in embedding_only] == [item.position for item in semantic]


async def test_a_hybrid_request_with_fusion_weights_is_honoured(client: Any) -> None:
    fusion = documents_pb2.HybridRetrieval(
        reciprocal_rank_fusion=documents_pb2.ReciprocalRankFusion(text_weight=1.0, embedding_weight=0.0)
    )
    assert await searched(client, "translation", fusion) == []  # all weight on the words
