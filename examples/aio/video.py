"""Videos with the asyncio client: several jobs polled concurrently, keyframes, an extension.

`generate` and `extend` poll their job until the video is ready, without blocking the event
loop. Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[image,video]==1.22.0"
"""

import asyncio
from datetime import timedelta

from xai_sdk import AsyncClient
from xai_sdk.video import VideoGenerationError

POLL = {"timeout": timedelta(minutes=10), "interval": timedelta(milliseconds=200)}
SCENES = ["Clouds rolling over a mountain", "Waves breaking on a rocky shore"]


async def main() -> None:
    """Two text-to-video jobs at once, one pinned to keyframes, then the first one extended."""
    async with AsyncClient() as client:
        try:
            videos = await asyncio.gather(
                *(client.video.generate(scene, "grok-imagine-video", duration=6, **POLL) for scene in SCENES)
            )
        except VideoGenerationError as error:
            print(f"a job failed: {error.code}: {error.message}")
            return
        for scene, video in zip(SCENES, videos, strict=True):
            print(f"{scene}: {video.duration}s at {video.url}")

        dawn, dusk = await asyncio.gather(
            client.image.sample("A harbour at dawn", "grok-imagine-image"),
            client.image.sample("The same harbour at dusk", "grok-imagine-image"),
        )
        pinned = await client.video.generate(
            "A day in the harbour",
            "grok-imagine-video-1.5",
            image_url=dawn.url,
            keyframes=[{"image_url": dusk.url, "timestamp": 4.0}],
            duration=8,
            **POLL,
        )
        print(f"pinned: {pinned.url}")

        longer = await client.video.extend("The storm clears", "grok-imagine-video", videos[0].url, **POLL)
        print(f"extended by {longer.duration}s: {longer.url}")


if __name__ == "__main__":
    asyncio.run(main())
