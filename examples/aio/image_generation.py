"""Generate several images concurrently with the asyncio client, and download them.

On `AsyncClient`, `response.image` is awaited: the download runs in a worker thread.
Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[image]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient

PROMPTS = ["A red kite over a beach", "A blue kite over a city", "A yellow kite over snow"]


async def main() -> None:
    """Three prompts at once, then their bytes."""
    async with AsyncClient() as client:
        responses = await asyncio.gather(
            *(client.image.sample(prompt, "grok-imagine-image", aspect_ratio="1:1") for prompt in PROMPTS)
        )
        images = await asyncio.gather(*(response.image for response in responses))
        for prompt, data in zip(PROMPTS, images, strict=True):
            print(f"{prompt}: {len(data)} bytes")


if __name__ == "__main__":
    asyncio.run(main())
