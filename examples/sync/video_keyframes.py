"""A video pinned to images: its first frame, keyframes on the way, and its last frame.

Pinned frames need ``grok-imagine-video-1.5``. Reads XAI_API_KEY (and XAI_API_HOST, e.g. to
point at `xai-emulator`).

Install: pip install "xai-sdk[image,video]==1.22.0"
"""

from datetime import timedelta

from xai_sdk import Client

IMAGE_MODEL, VIDEO_MODEL = "grok-imagine-image", "grok-imagine-video-1.5"
TREE = "A lone oak in a field, camera at eye level. Keep the same tree, field and angle."
SEASONS = ["late winter, bare branches", "spring blossom", "high summer", "blazing autumn leaves"]


def main() -> None:
    """Draw the tree in four seasons, then a year-long time-lapse through them."""
    duration = 9
    with Client() as client:
        stills = [client.image.sample(f"{TREE} {season}.", IMAGE_MODEL).url for season in SEASONS]
        for season, url in zip(SEASONS, stills, strict=True):
            print(f"{season}: {url}")
        video = client.video.generate(
            "A time-lapse of the oak through one year",
            VIDEO_MODEL,
            image_url=stills[0],  # the exact first frame
            keyframes=[
                {"image_url": stills[1], "timestamp": duration / 3},
                {"image_url": stills[2], "timestamp": 2 * duration / 3},
            ],
            last_frame_url=stills[3],  # the exact last frame
            duration=duration,
            resolution="720p",
            interval=timedelta(milliseconds=200),
        )
        print(f"{video.duration}s video at {video.url}")


if __name__ == "__main__":
    main()
