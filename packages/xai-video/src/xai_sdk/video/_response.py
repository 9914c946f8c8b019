"""What video calls return: `VideoResponse`, and `VideoGenerationError` for a job that failed."""

from __future__ import annotations

from typing import Any

from xai_sdk.cost import cost_usd_from_usage
from xai_sdk.errors import XaiError
from xai_sdk.meta import ProtoDecorator
from xai_sdk.proto import usage_pb2, video_pb2
from xai_sdk.storage import StoredOutput

__all__ = ["VideoGenerationError", "VideoResponse"]


class VideoGenerationError(XaiError):
    """The server reported the video job as failed, with an error `code` and `message`.

    ``str(error)`` is ``"Video generation failed [<code>]: <message>"``. When the server gave no
    details, the code is ``"UNKNOWN"``.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"Video generation failed [{code}]: {message}")
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type[VideoGenerationError], tuple[str, str]]:
        return type(self), (self.code, self.message)


class VideoResponse(StoredOutput, ProtoDecorator[video_pb2.VideoResponse]):
    """A finished video: its URL and duration, and what the request used and cost."""

    def __init__(self, proto: video_pb2.VideoResponse) -> None:
        super().__init__(proto)
        self._video = proto.video

    @property
    def model(self) -> str:
        """The model that generated the video (its name, not the alias that was asked for)."""
        return self._proto.model

    @property
    def usage(self) -> usage_pb2.SamplingUsage:
        """What the request used."""
        return self._proto.usage

    @property
    def cost_usd(self) -> float | None:
        """What the request cost in US dollars, or None if the server did not say."""
        return cost_usd_from_usage(self._proto.usage)

    @property
    def respect_moderation(self) -> bool:
        """Whether the video passed moderation; when it did not, there is no URL."""
        return self._video.respect_moderation

    @property
    def url(self) -> str:
        """Where to download the video (the API keeps it for 24 hours).

        Raises `ValueError` when there is none (e.g. the video was withheld by moderation).
        """
        if not self._video.url:
            if not self._video.respect_moderation:
                raise ValueError("Video did not respect moderation rules; URL is not available.")
            raise ValueError("Video URL missing from response.")
        return self._video.url

    @property
    def duration(self) -> int:
        """The video's length in seconds."""
        return self._video.duration

    @property
    def _stored_output(self) -> Any:
        return self._video
