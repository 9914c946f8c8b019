"""Chat about uploaded documents with the asyncio client.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat,files]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient
from xai_sdk.chat import file, user

DOCUMENTS = {
    "q3.txt": b"Q3 revenue: $4.8M. Best product: B.",
    "q4.txt": b"Q4 revenue: $5.2M. Best product: A.",
}


async def main() -> None:
    """Upload two reports concurrently, compare them in one question, delete them."""
    async with AsyncClient() as client:
        uploaded = await asyncio.gather(
            *(client.files.upload(data, filename=name) for name, data in DOCUMENTS.items())
        )
        chat = client.chat.create("grok-4")
        chat.append(user("How did revenue change between these quarters?", *(file(f.id) for f in uploaded)))
        async for _, chunk in chat.stream():
            print(chunk.content, end="", flush=True)
        print()
        await asyncio.gather(*(client.files.delete(f.id) for f in uploaded))
        print(f"deleted {len(uploaded)} files")


if __name__ == "__main__":
    asyncio.run(main())
