"""Ask about several images concurrently with the asyncio client.

Images are given by URL or as base64 data URLs. Reads XAI_API_KEY (and XAI_API_HOST, e.g. to
point at `xai-emulator`).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient
from xai_sdk.chat import image, user

IMAGES = {
    "flower": "https://upload.wikimedia.org/wikipedia/commons/3/3f/JPEG_example_flower.jpg",
    "pixel": (  # a 1x1 PNG, inline
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
        "AAAABJRU5ErkJggg=="
    ),
}


async def describe(client: AsyncClient, url: str) -> str:
    chat = client.chat.create("grok-4", messages=[user("What is in this picture?", image(url, detail="low"))])
    return (await chat.sample()).content


async def main() -> None:
    """Describe every image at once."""
    async with AsyncClient() as client:
        answers = await asyncio.gather(*(describe(client, url) for url in IMAGES.values()))
    for name, answer in zip(IMAGES, answers, strict=True):
        print(f"{name}: {answer}")


if __name__ == "__main__":
    asyncio.run(main())
