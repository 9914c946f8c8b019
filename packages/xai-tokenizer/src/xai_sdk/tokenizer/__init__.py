"""`client.tokenize`: tokenization of text with a model's tokenizer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from xai_sdk import arguments
from xai_sdk._compat import lazy_names
from xai_sdk.operations import Operation, Timeout, rpc, unary
from xai_sdk.proto import tokenize_pb2
from xai_sdk.service import Async, Bound, ModeT, Sync, operation

if TYPE_CHECKING:  # imported on first access (the official module has them)
    from xai_sdk.proto import tokenize_pb2_grpc

__all__ = ["AsyncTokenizer", "BaseClient", "Tokenizer", "SyncTokenizer", "tokenize_pb2_grpc"]

TOKENIZE_TEXT = rpc(tokenize_pb2, "Tokenize", "TokenizeText")


def _tokens(response: tokenize_pb2.TokenizeTextResponse) -> Sequence[tokenize_pb2.Token]:
    return response.tokens


class Tokenizer(Bound[ModeT]):
    """The ``tokenize`` sub-client."""

    @operation
    def tokenize_text(
        self, text: str, model: str, *, timeout: Timeout = None
    ) -> Operation[Sequence[tokenize_pb2.Token]]:
        """Split `text` into the tokens of `model`'s tokenizer.

        Returns the `tokenize_pb2.Token` messages, each with its `token_id`, `string_token` and
        `token_bytes`. An empty text has no tokens.
        """
        checked = arguments.text("text", text)
        if not isinstance(model, str) or not model.strip():
            raise ValueError(f"model must be a model name such as 'grok-4', got {model!r}")
        request = tokenize_pb2.TokenizeTextRequest(text=checked, model=model)
        return unary(TOKENIZE_TEXT, request, _tokens, timeout=timeout)


class SyncTokenizer(Tokenizer[Sync]):
    """``client.tokenize`` of `xai_sdk.Client` (the official ``xai_sdk.sync.tokenizer.Client``)."""


class AsyncTokenizer(Tokenizer[Async]):
    """``client.tokenize`` of `xai_sdk.AsyncClient` (the official ``xai_sdk.aio.tokenizer.Client``)."""


BaseClient = Tokenizer
"""The official SDK's name of the tokenizer sub-client class."""

__getattr__ = lazy_names(__name__, {"tokenize_pb2_grpc": "xai_sdk.proto"})
