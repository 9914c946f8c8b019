"""Document search in the emulator: chunking by a collection's settings, and three retrieval modes.

No model runs, and every score is deterministic:

* keyword: a chunk's score is the share of the query's distinct words it contains (0 to 1), then
  how often they occur; chunks without any query word are left out. Words are runs of letters
  and digits, compared case-insensitively.
* semantic: the query and each chunk become vectors of hashed character n-grams (3 to 5
  characters, within words padded with spaces), and the score is their cosine similarity. Such
  vectors see that "running" is near "runs" and "translation" near "translators", so a
  paraphrase is found where the words differ; a chunk sharing nothing scores 0 and is left out.
* hybrid: the two scores fused, by default half each (a reciprocal rank fusion's weights, when
  the request gives them, weigh them instead).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from xai_sdk.proto import types_pb2

__all__ = [
    "DEFAULT_CHUNK_CONFIGURATION",
    "Mode",
    "Scored",
    "chunk_text",
    "rank",
    "score",
    "semantic_similarity",
    "vector",
    "words",
]

Mode = Literal["keyword", "semantic", "hybrid"]
"""A retrieval mode."""

DEFAULT_CHUNK_CONFIGURATION = types_pb2.ChunkConfiguration(
    chars_configuration=types_pb2.CharsConfiguration(max_chunk_size_chars=1000, chunk_overlap_chars=100),
    strip_whitespace=True,
)
"""What a collection created without a chunk configuration uses in the emulator."""

_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\S+\s*")


def words(text: str) -> list[str]:
    """The words of a text, lower-cased."""
    return _WORD.findall(text.lower())


def _windows(size: int, overlap: int, length: int) -> list[tuple[int, int]]:
    step = max(1, size - overlap)
    starts = range(0, max(length - overlap, 1), step)
    return [(start, min(start + size, length)) for start in starts]


def chunk_text(text: str, configuration: types_pb2.ChunkConfiguration, prefix: str = "") -> list[str]:
    """Cut a document's text into chunks as `configuration` says; `prefix` starts each chunk."""
    sizing = configuration.WhichOneof("config")
    pieces: list[str]
    if sizing == "tokens_configuration":
        tokens_config = configuration.tokens_configuration
        tokens = _TOKEN.findall(text)
        windows = _windows(
            tokens_config.max_chunk_size_tokens, tokens_config.chunk_overlap_tokens, len(tokens)
        )
        pieces = ["".join(tokens[start:end]) for start, end in windows]
    elif sizing == "bytes_configuration":
        bytes_config = configuration.bytes_configuration
        encoded = text.encode()
        windows = _windows(bytes_config.max_chunk_size_bytes, bytes_config.chunk_overlap_bytes, len(encoded))
        pieces = [encoded[start:end].decode(errors="ignore") for start, end in windows]
    else:
        chars_config = configuration.chars_configuration
        windows = _windows(chars_config.max_chunk_size_chars, chars_config.chunk_overlap_chars, len(text))
        pieces = [text[start:end] for start, end in windows]
    if configuration.strip_whitespace:
        pieces = [piece.strip() for piece in pieces]
    return [prefix + piece for piece in pieces if piece]


@dataclass(frozen=True)
class Scored:
    """How well a chunk matches a query: the share of the query's words it has, then how often."""

    score: float
    occurrences: int


def score(query_words: list[str], chunk: str) -> Scored:
    """Score a chunk against the query's words (0 when it has none of them)."""
    wanted = set(query_words)
    if not wanted:
        return Scored(0.0, 0)
    counts = Counter(words(chunk))
    found = [word for word in wanted if counts[word]]
    return Scored(len(found) / len(wanted), sum(counts[word] for word in found))


_NGRAM_SIZES = (3, 4, 5)
_BUCKETS = 1 << 18
"""Hash buckets of the n-gram vectors: collisions are rare at the sizes of the emulator's texts."""


def vector(text: str) -> dict[int, float]:
    """The text as a unit vector of hashed character n-grams (empty for a text without words)."""
    counts: Counter[int] = Counter()
    for word in words(text):
        padded = f" {word} "
        for size in _NGRAM_SIZES:
            for start in range(max(1, len(padded) - size + 1)):
                counts[zlib.crc32(padded[start : start + size].encode()) % _BUCKETS] += 1
    norm = math.sqrt(sum(count * count for count in counts.values()))
    return {bucket: count / norm for bucket, count in counts.items()} if norm else {}


def semantic_similarity(query: Mapping[int, float], chunk: Mapping[int, float]) -> float:
    """The cosine similarity of two `vector`s (0 to 1)."""
    if len(chunk) < len(query):
        query, chunk = chunk, query
    return sum(weight * chunk.get(bucket, 0.0) for bucket, weight in query.items())


@dataclass(frozen=True)
class Ranked:
    """A chunk found by `rank`: its position among the candidates and its score."""

    position: int
    score: float


def rank(
    query: str,
    chunks: Iterable[str],
    mode: Mode = "keyword",
    *,
    text_weight: float = 0.5,
    embedding_weight: float = 0.5,
) -> list[Ranked]:
    """Score `chunks` against `query` in a retrieval mode; those that match, best first.

    Ties keep the chunks' order. In hybrid mode the keyword and semantic scores are weighted by
    `text_weight` and `embedding_weight` (normalized to add up to 1).
    """
    query_words = words(query)
    query_vector = vector(query)
    total = text_weight + embedding_weight
    text_share = text_weight / total if total > 0 else 0.5
    found: list[tuple[float, int, int]] = []
    for position, chunk in enumerate(chunks):
        keyword = score(query_words, chunk)
        semantic = semantic_similarity(query_vector, vector(chunk)) if mode != "keyword" else 0.0
        if mode == "keyword":
            value, secondary = keyword.score, keyword.occurrences
        elif mode == "semantic":
            value, secondary = semantic, 0
        else:
            value = text_share * keyword.score + (1 - text_share) * semantic
            secondary = keyword.occurrences
        if value > 1e-9:
            found.append((-value, -secondary, position))
    found.sort()
    return [Ranked(position, min(1.0, -value)) for value, _, position in found]
