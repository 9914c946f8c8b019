"""Stored completions with the asyncio client: continue a conversation by response id.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient
from xai_sdk.chat import user


async def main() -> None:
    """Store two independent answers, follow each up by id, then clean up."""
    async with AsyncClient() as client:
        openers = [
            client.chat.create(
                "grok-4", messages=[user(f"Name a classic {kind} novel.")], store_messages=True
            )
            for kind in ("Russian", "Japanese")
        ]
        firsts = await asyncio.gather(*(chat.sample() for chat in openers))
        follow_ups = [
            client.chat.create(
                "grok-4", messages=[user("Who wrote it?")], previous_response_id=first.id, store_messages=True
            )
            for first in firsts
        ]
        seconds = await asyncio.gather(*(chat.sample() for chat in follow_ups))
        for first, second in zip(firsts, seconds, strict=True):
            print(f"{first.content} / {second.content}")

        stored = await client.chat.get_stored_completion(firsts[0].id)
        print(f"stored {stored[0].id}: {stored[0].content}")
        deleted = await asyncio.gather(
            *(client.chat.delete_stored_completion(response.id) for response in [*firsts, *seconds])
        )
        print("deleted", ", ".join(deleted))


if __name__ == "__main__":
    asyncio.run(main())
