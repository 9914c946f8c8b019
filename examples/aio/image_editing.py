"""Edit images with the asyncio client: restyle one picture several ways at once, then combine.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[image]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient

MODEL = "grok-imagine-image"
STYLES = ["as a watercolor", "as a pencil sketch", "at night, lit by candles"]


async def main() -> None:
    """One source image, three edits in parallel, then a multi-reference edit."""
    async with AsyncClient() as client:
        room = await client.image.sample("An empty room with a large window", MODEL)
        edits = await asyncio.gather(
            *(client.image.sample(f"The same room {style}", MODEL, image_url=room.url) for style in STYLES)
        )
        for style, edit in zip(STYLES, edits, strict=True):
            print(f"{style}: {edit.url}")

        combined = await client.image.sample(
            "The window of <IMAGE_0> in the room of <IMAGE_1>",
            MODEL,
            image_urls=[edits[0].url, edits[2].url],
            image_format="base64",
        )
        print(f"combined: {len(await combined.image)} bytes")


if __name__ == "__main__":
    asyncio.run(main())
