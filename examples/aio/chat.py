"""Several independent conversations at once with the asyncio client.

Install: pip install "xai-sdk[chat]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient
from xai_sdk.chat import user

TOPICS = ["volcanoes", "octopuses", "glaciers"]


async def main() -> None:
    """Ask about three topics concurrently; stream the last one."""
    async with AsyncClient() as client:
        chats = [
            client.chat.create("grok-4", messages=[user(f"One fact about {topic}.")]) for topic in TOPICS
        ]
        for topic, response in zip(
            TOPICS, await asyncio.gather(*(chat.sample() for chat in chats)), strict=True
        ):
            print(f"{topic}: {response.content}")

        chat = client.chat.create("grok-4", messages=[user("Count to five.")])
        async for _, chunk in chat.stream():
            print(chunk.content, end="", flush=True)
        print()


if __name__ == "__main__":
    asyncio.run(main())
