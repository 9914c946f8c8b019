"""A small typed user program: type checkers must accept it as written (see test_user_program_types)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from typing_extensions import assert_type

from xai_sdk import AsyncClient, Client
from xai_sdk.chat import Chunk, Response, system, user
from xai_sdk.proto import models_pb2


def blocking(client: Client) -> str:
    models = client.models.list_language_models(timeout=5)
    assert_type(models, Sequence[models_pb2.LanguageModel])
    chat = client.chat.create("grok-4", messages=[system("Be brief.")])
    chat.append(user("Hi"))
    response = chat.sample()
    assert_type(response, Response)
    for partial, chunk in chat.stream():
        assert_type(partial, Response)
        assert_type(chunk, Chunk)
    return response.content


async def concurrent(client: AsyncClient) -> list[str]:
    grok = await client.models.get_language_model("grok-4")
    assert_type(grok, models_pb2.LanguageModel)
    chats = [client.chat.create(grok.name, messages=[user(text)]) for text in ("a", "b")]
    responses = await asyncio.gather(*(chat.sample() for chat in chats))
    async for partial, _ in chats[0].stream():
        assert_type(partial, Response)
    return [response.content for response in responses]
