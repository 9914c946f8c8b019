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


# Code written for the official SDK names its classes by their official module paths.
from xai_sdk.aio.chat import Chat as AsyncChat  # noqa: E402
from xai_sdk.aio.client import Client as OfficialAsyncClient  # noqa: E402
from xai_sdk.sync.chat import Chat  # noqa: E402
from xai_sdk.sync.client import Client as OfficialClient  # noqa: E402
from xai_sdk.sync.image import Client as ImageClient  # noqa: E402
from xai_sdk.sync.image import ImageResponse  # noqa: E402
from xai_sdk.types import ReasoningEffort  # noqa: E402


def official_paths(
    client: OfficialClient, async_client: OfficialAsyncClient, effort: ReasoningEffort
) -> Chat:
    images: ImageClient = client.image
    image: ImageResponse = images.sample("a cat", "grok-imagine-image")
    assert_type(image.url, str)
    conversation: AsyncChat = async_client.chat.create("grok-4", reasoning_effort=effort)
    assert_type(conversation.messages, Sequence[chat_pb2.Message])
    return client.chat.create("grok-4")


from xai_sdk.proto import chat_pb2  # noqa: E402
