"""Document search in the emulator: chunking by a collection's settings, and term-overlap scoring.

No embeddings: a chunk's score is the share of the query's distinct words it contains (0 to 1),
so results are deterministic and still meaningful — the chunks that mention more of the query
come first. Words are runs of letters and digits, compared case-insensitively.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from xai_sdk.proto import types_pb2

__all__ = ["DEFAULT_CHUNK_CONFIGURATION", "Scored", "chunk_text", "score", "words"]

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
