"""Deferred completions with the asyncio client: start several, await them all.

Each request runs in the background on xAI's side; the SDK polls for it without blocking the
event loop. Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

import asyncio
from datetime import timedelta

from xai_sdk import AsyncClient
from xai_sdk.chat import user

PLAYS = ["Hamlet", "Macbeth", "The Tempest"]


async def main() -> None:
    """Summarize three plays in the background, polling each every 100 ms."""
    async with AsyncClient() as client:
        chats = [
            client.chat.create("grok-4", messages=[user(f"Summarize {play} in one line.")]) for play in PLAYS
        ]
        responses = await asyncio.gather(
            *(
                chat.defer(timeout=timedelta(minutes=5), interval=timedelta(milliseconds=100))
                for chat in chats
            )
        )
    for play, response in zip(PLAYS, responses, strict=True):
        print(f"{play}: {response.content}")


if __name__ == "__main__":
    asyncio.run(main())
