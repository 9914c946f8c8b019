"""Generate a video, follow a job step by step, and extend a video, with the blocking client.

`generate` and `extend` poll until the video is ready (every second, for up to ten minutes, by
default). Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[video]==1.22.0"
"""

import time
from datetime import timedelta

from xai_sdk import Client
from xai_sdk.proto import deferred_pb2
from xai_sdk.video import VideoGenerationError

MODEL = "grok-imagine-video"
POLL = {"timeout": timedelta(minutes=10), "interval": timedelta(milliseconds=200)}


def main() -> None:
    """Text-to-video, then image-to-video by hand, then an extension."""
    with Client() as client:
        try:
            video = client.video.generate(
                "A timelapse of clouds rolling over a mountain",
                MODEL,
                duration=6,
                aspect_ratio="16:9",
                **POLL,
            )
        except VideoGenerationError as error:
            print(f"the job failed: {error.code}: {error.message}")
            return
        print(f"{video.duration}s video at {video.url} (cost: ${video.cost_usd})")

        # The same, one step at a time: start a job, then poll it yourself.
        started = client.video.start(
            "The scene slowly comes to life",
            MODEL,
            image_url="https://example.com/photo.jpg",
            resolution="480p",
        )
        status = client.video.get(started.request_id)
        while status.status == deferred_pb2.PENDING:
            print(f"job {started.request_id}: {status.response.progress}%")
            time.sleep(1)
            status = client.video.get(started.request_id)
        print(f"job {started.request_id}: {deferred_pb2.DeferredStatus.Name(status.status)}")

        longer = client.video.extend("The sun sets behind the peak", MODEL, video.url, duration=4, **POLL)
        print(f"extended: {longer.duration}s more at {longer.url}")


if __name__ == "__main__":
    main()
