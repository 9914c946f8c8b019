from __future__ import annotations

import pytest

from tests.conftest import outcome
from xai_sdk import errors
from xai_sdk.emulator import Emulator
from xai_sdk.proto import tokenize_pb2

SENTENCE = "The quick brown fox, twice!"


async def test_tokens_cover_the_text_in_order(client) -> None:
    tokens = await outcome(client.tokenize.tokenize_text(SENTENCE, "grok-4"))
    assert all(isinstance(token, tokenize_pb2.Token) for token in tokens)
    assert "".join(token.string_token for token in tokens) == SENTENCE
    assert b"".join(token.token_bytes for token in tokens) == SENTENCE.encode()


async def test_token_ids_are_stable(client) -> None:
    first = await outcome(client.tokenize.tokenize_text(SENTENCE, "grok-4"))
    second = await outcome(client.tokenize.tokenize_text(SENTENCE, "grok-3"))
    assert [token.token_id for token in first] == [token.token_id for token in second]


async def test_empty_text_has_no_tokens(client) -> None:
    assert list(await outcome(client.tokenize.tokenize_text("", "grok-4"))) == []


async def test_the_request_carries_text_and_model(client, xai_emulator: Emulator) -> None:
    await outcome(client.tokenize.tokenize_text("hi", "grok-4-latest"))
    request = xai_emulator.calls("Tokenize/TokenizeText")[0].request
    assert (request.text, request.model) == ("hi", "grok-4-latest")


async def test_an_unknown_model_is_not_found(client) -> None:
    with pytest.raises(errors.NotFoundError):
        await outcome(client.tokenize.tokenize_text("hi", "no-such-model"))


async def test_bad_arguments_are_refused_before_any_rpc(client, xai_emulator: Emulator) -> None:
    with pytest.raises(TypeError, match="text must be a string"):
        await outcome(client.tokenize.tokenize_text(b"bytes", "grok-4"))
    with pytest.raises(ValueError, match="model must be a model name"):
        await outcome(client.tokenize.tokenize_text("hi", ""))
    assert xai_emulator.requests == []
