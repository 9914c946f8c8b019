"""Misuses the SDK: type checkers must reject it (see test_user_program_types)."""

from __future__ import annotations

from xai_sdk import AsyncClient, Client


def blocking(client: Client) -> str:
    return client.models.list_language_models()  # a sequence of models, not a str


async def forgot_to_await(client: AsyncClient) -> str:
    return client.models.get_language_model("grok-4").name  # a coroutine has no .name
