"""xai_api.Tokenize: a deterministic word-piece tokenizer (not the real one)."""

from __future__ import annotations

import re
import zlib

import grpc

from xai_sdk.emulator import catalog
from xai_sdk.emulator._base import EmulatorCall, RpcAbort
from xai_sdk.proto import tokenize_pb2

# A word with its leading space, a punctuation mark with its leading space, or other whitespace.
_TOKEN = re.compile(r" ?\w+| ?[^\w\s]|\s+")
VOCABULARY_SIZE = 131_072


def tokenize(text: str) -> list[tokenize_pb2.Token]:
    """Split text into tokens whose ids are stable hashes of their text."""
    tokens = []
    for piece in _TOKEN.findall(text):
        data = piece.encode()
        tokens.append(
            tokenize_pb2.Token(
                token_id=zlib.crc32(data) % VOCABULARY_SIZE, string_token=piece, token_bytes=data
            )
        )
    return tokens


class Tokenize:
    """Tokenizes for any language model of the catalog; NOT_FOUND for other model names."""

    full_name = "xai_api.Tokenize"

    def TokenizeText(
        self, request: tokenize_pb2.TokenizeTextRequest, call: EmulatorCall
    ) -> tokenize_pb2.TokenizeTextResponse:
        """Tokenize `request.text`."""
        model = catalog.find(catalog.LANGUAGE_MODELS, request.model)
        if model is None:  # the real status is not documented (see the README)
            raise RpcAbort(grpc.StatusCode.NOT_FOUND, f"The model {request.model!r} does not exist.")
        return tokenize_pb2.TokenizeTextResponse(tokens=tokenize(request.text), model=model.name)
