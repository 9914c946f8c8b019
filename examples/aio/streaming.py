"""Stream two answers at once with the asyncio client, each into its own buffer.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient
from xai_sdk.chat import user


async def stream_into(client: AsyncClient, prompt: str, parts: list[str]) -> int:
    """Collect the chunks of one answer as they arrive; return its token count."""
    chat = client.chat.create("grok-4", messages=[user(prompt)])
    tokens = 0
    async for response, chunk in chat.stream():
        parts.append(chunk.content)
        tokens = response.usage.total_tokens  # the usage so far; complete after the last chunk
    return tokens


async def main() -> None:
    """A haiku and a limerick, generated concurrently."""
    prompts = ["Write a haiku about the sea.", "Write a limerick about a cat."]
    buffers: list[list[str]] = [[] for _ in prompts]
    async with AsyncClient() as client:
        totals = await asyncio.gather(
            *(stream_into(client, prompt, parts) for prompt, parts in zip(prompts, buffers, strict=True))
        )
    for prompt, parts, total in zip(prompts, buffers, totals, strict=True):
        print(f"{prompt}\n  {''.join(parts)}\n  ({len(parts)} chunks, {total} tokens)")


if __name__ == "__main__":
    asyncio.run(main())
