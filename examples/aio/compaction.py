"""Context compaction with the asyncio client: condense conversations that grew long.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient
from xai_sdk.chat import assistant, user
from xai_sdk.proto import chat_pb2


def long_conversation(topic: str) -> list[chat_pb2.Message]:
    messages: list[chat_pb2.Message] = []
    for turn in range(6):
        messages += [
            user(f"Tell me fact {turn + 1} about {topic}."),
            assistant(f"Fact {turn + 1} about {topic}."),
        ]
    return messages


async def carry_on(client: AsyncClient, topic: str) -> str:
    """Compact one conversation in place, then ask a follow-up from the compacted context."""
    chat = client.chat.create("grok-4", messages=long_conversation(topic), use_encrypted_content=True)
    compaction = await chat.compact()
    chat.append(user(f"Which fact about {topic} was the most surprising?"))
    response = await chat.sample()
    return f"{topic}: dropped {compaction.dropped_message_count} messages; then {response.content!r}"


async def main() -> None:
    """Compact two conversations concurrently."""
    async with AsyncClient() as client:
        for line in await asyncio.gather(carry_on(client, "octopuses"), carry_on(client, "glaciers")):
            print(line)


if __name__ == "__main__":
    asyncio.run(main())
