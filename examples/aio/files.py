"""Upload several files concurrently and read them back, with the asyncio client.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[files]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient


async def main() -> None:
    """Upload three notes at once, read each back, and clean up."""
    notes = {f"note-{n}.txt": f"Note number {n}.".encode() for n in range(3)}
    async with AsyncClient() as client:
        uploaded = await asyncio.gather(
            *(client.files.upload(data, filename=name) for name, data in notes.items())
        )
        for file in uploaded:
            content = await client.files.content(file.id)
            print(f"{file.filename}: {content.decode()}")
        chunks = [chunk async for chunk in client.files.iter_content(uploaded[0].id)]
        print(f"{uploaded[0].filename} streamed in {len(chunks)} chunk(s)")
        await asyncio.gather(*(client.files.delete(file.id) for file in uploaded))
        print("deleted", len(uploaded), "files")


if __name__ == "__main__":
    asyncio.run(main())
