"""`client.video`: video generation and extension jobs, one implementation for both clients.

`generate` and `extend` start a job, then poll it with the core `poll` flow: the same steps
are driven by `Client` (blocking sleeps) and `AsyncClient` (``asyncio.sleep``; cancelling the
awaiting task stops the polling).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any, Final

from xai_sdk.arguments import non_empty_text, options, seconds
from xai_sdk.operations import PENDING, Call, Flow, Operation, Rpc, Timeout, poll, rpc, unary
from xai_sdk.proto import batch_pb2, deferred_pb2, image_pb2, video_pb2
from xai_sdk.service import Bound, ModeT, operation
from xai_sdk.storage import StorageOptions
from xai_sdk.types.model import VideoGenerationModel
from xai_sdk.video._request import (
    ExtensionOptions,
    VideoOptions,
    extend_video_request,
    generate_video_request,
)
from xai_sdk.video._response import VideoGenerationError, VideoResponse
from xai_sdk.video._types import Keyframe, ReferenceAudio, VideoAspectRatio, VideoResolution

__all__ = ["DEFAULT_VIDEO_POLL_INTERVAL", "DEFAULT_VIDEO_TIMEOUT", "VideoClient"]

GENERATE_VIDEO = rpc(video_pb2, "Video", "GenerateVideo")
EXTEND_VIDEO = rpc(video_pb2, "Video", "ExtendVideo")
GET_DEFERRED_VIDEO = rpc(video_pb2, "Video", "GetDeferredVideo")

DEFAULT_VIDEO_POLL_INTERVAL: Final = timedelta(seconds=1)
"""Time between two polls of a video job in `generate` and `extend`."""
DEFAULT_VIDEO_TIMEOUT: Final = timedelta(minutes=10)
"""How long `generate` and `extend` wait for a video job before raising `TimeoutError`."""


def _finished(what: str) -> Callable[[video_pb2.GetDeferredVideoResponse], Any]:
    """The `poll` decision for a video job: its `VideoResponse` when done, else wait or raise."""

    def decide(response: video_pb2.GetDeferredVideoResponse) -> Any:
        status = response.status
        if status == deferred_pb2.PENDING:
            return PENDING
        if status == deferred_pb2.DONE:
            if not response.HasField("response"):
                raise RuntimeError("Deferred request completed but no response was returned.")
            return VideoResponse(response.response)
        if status == deferred_pb2.EXPIRED:
            raise RuntimeError("Deferred request expired.")
        if status == deferred_pb2.FAILED:
            if response.HasField("response") and response.response.HasField("error"):
                error = response.response.error
                raise VideoGenerationError(error.code, error.message)
            raise VideoGenerationError("UNKNOWN", f"Video {what} failed with no error details.")
        # A status this SDK does not know yet: say so, and keep waiting (as the official SDK does).
        warnings.warn(f"Encountered unknown status: {status} whilst waiting for video {what}.", stacklevel=2)
        return PENDING

    return decide


class VideoClient(Bound[ModeT]):
    """The ``video`` sub-client: video generation (from text, images, references), editing, extension.

    Video jobs run in the background: `start` / `extend_start` return a request id to `get`;
    `generate` / `extend` start the job and poll it until the video is ready.

    The generation keywords (of `prepare`, `start` and `generate`):

    Keyword Args:
        prompt: what the video shows, or how to change the input video.
        model: a video model, e.g. ``"grok-imagine-video"``.
        image_url: the first frame (image-to-video): an ``http(s)://`` URL or a base64 data URL.
            Not with `image_file_id`, nor with an input video.
        image_file_id: the first frame by the id of an uploaded file.
        last_frame_url: an image the video ends on exactly (URL or data URL); with a first
            frame, the video interpolates between the two. Not with `last_frame_file_id`.
            ``grok-imagine-video-1.5`` only.
        last_frame_file_id: the last frame by file id.
        keyframes: images the video passes through at given moments:
            ``[{"image_url": "https://...", "timestamp": 3.0}]`` or ``{"image_file_id": ...,
            "timestamp": ...}`` entries, each timestamp strictly inside the video and at least
            1/3 s apart; at most four. ``grok-imagine-video-1.5`` only.
        video_url: a video to edit following the prompt (URL or ``data:video/...`` URL). Not
            with `video_file_id`, nor with an input image.
        video_file_id: the video to edit by file id.
        duration: length in seconds, 1 to 15 (the API's default is 8).
        aspect_ratio: ``"1:1"``, ``"16:9"`` (the API's default), ``"9:16"``, ``"4:3"``,
            ``"3:4"``, ``"3:2"`` or ``"2:3"``.
        resolution: ``"480p"`` (the API's default), ``"720p"`` or ``"1080p"``.
        reference_image_urls: style or content references (reference-to-video), URLs or data
            URLs. May be combined with `reference_image_file_ids`, which come first.
        reference_image_file_ids: references by file id.
        reference_audios: voices for the video: ``[{"voice_id": "ara"}]`` entries (presets of
            xAI's voice catalog); at most three. ``grok-imagine-video-1.5`` only.
        generate_audio: whether the video has a sound track (the API's default is True).
        storage_options: also keep the video as a file: ``{"filename": "out.mp4"}``, with
            optional ``"expires_after"`` and ``"public_url"``; see `xai_sdk.storage`.

    The limits that are fixed (duration range, one source per input, timestamps above 0 and
    below the duration) are checked here with a `ValueError` or `TypeError` before anything is
    sent; model-specific ones (how many keyframes or voices) are left to the server.

    """

    # -- batch requests -------------------------------------------------------------------------

    def prepare(
        self,
        prompt: str,
        model: VideoGenerationModel | str,
        *,
        batch_request_id: str | None = None,
        image_url: str | None = None,
        image_file_id: str | None = None,
        last_frame_url: str | None = None,
        last_frame_file_id: str | None = None,
        keyframes: Sequence[Keyframe] | None = None,
        video_url: str | None = None,
        video_file_id: str | None = None,
        duration: int | None = None,
        aspect_ratio: VideoAspectRatio | None = None,
        resolution: VideoResolution | None = None,
        reference_image_urls: Sequence[str] | None = None,
        reference_image_file_ids: Sequence[str] | None = None,
        reference_audios: Sequence[ReferenceAudio] | None = None,
        generate_audio: bool | None = None,
        storage_options: StorageOptions | image_pb2.StorageOptions | None = None,
    ) -> batch_pb2.BatchRequest:
        """The request of `generate` as a `BatchRequest`, to add to a batch; nothing is sent.

        `batch_request_id` names the request in the batch's results (unique within the batch).
        """
        request = generate_video_request(prompt, model, **options(VideoOptions, locals()))
        return batch_pb2.BatchRequest(
            video_request=request, batch_request_id=_batch_request_id(batch_request_id)
        )

    def prepare_extension(
        self,
        prompt: str,
        model: VideoGenerationModel | str,
        video_url: str | None = None,
        *,
        video_file_id: str | None = None,
        batch_request_id: str | None = None,
        duration: int | None = None,
        storage_options: StorageOptions | image_pb2.StorageOptions | None = None,
    ) -> batch_pb2.BatchRequest:
        """The request of `extend` as a `BatchRequest`, to add to a batch; nothing is sent."""
        request = extend_video_request(prompt, model, **options(ExtensionOptions, locals()))
        return batch_pb2.BatchRequest(
            video_extension_request=request, batch_request_id=_batch_request_id(batch_request_id)
        )

    # -- generation -----------------------------------------------------------------------------

    @operation
    def start(
        self,
        prompt: str,
        model: VideoGenerationModel | str,
        *,
        image_url: str | None = None,
        image_file_id: str | None = None,
        last_frame_url: str | None = None,
        last_frame_file_id: str | None = None,
        keyframes: Sequence[Keyframe] | None = None,
        video_url: str | None = None,
        video_file_id: str | None = None,
        duration: int | None = None,
        aspect_ratio: VideoAspectRatio | None = None,
        resolution: VideoResolution | None = None,
        reference_image_urls: Sequence[str] | None = None,
        reference_image_file_ids: Sequence[str] | None = None,
        reference_audios: Sequence[ReferenceAudio] | None = None,
        generate_audio: bool | None = None,
        storage_options: StorageOptions | image_pb2.StorageOptions | None = None,
        timeout: Timeout = None,
    ) -> Operation[deferred_pb2.StartDeferredResponse]:
        """Start a video job and return at once; poll it with `get` (its ``request_id``).

        `timeout` bounds this one call.
        """
        request = generate_video_request(prompt, model, **options(VideoOptions, locals()))
        return unary(GENERATE_VIDEO, request, timeout=timeout)

    @operation
    def get(
        self, request_id: str, *, timeout: Timeout = None
    ) -> Operation[video_pb2.GetDeferredVideoResponse]:
        """The state of a video job: its status, progress, and when done the video (the raw message)."""
        request = video_pb2.GetDeferredVideoRequest(request_id=non_empty_text("request_id", request_id))
        return unary(GET_DEFERRED_VIDEO, request, timeout=timeout)

    @operation
    def generate(
        self,
        prompt: str,
        model: VideoGenerationModel | str,
        *,
        image_url: str | None = None,
        image_file_id: str | None = None,
        last_frame_url: str | None = None,
        last_frame_file_id: str | None = None,
        keyframes: Sequence[Keyframe] | None = None,
        video_url: str | None = None,
        video_file_id: str | None = None,
        duration: int | None = None,
        aspect_ratio: VideoAspectRatio | None = None,
        resolution: VideoResolution | None = None,
        reference_image_urls: Sequence[str] | None = None,
        reference_image_file_ids: Sequence[str] | None = None,
        reference_audios: Sequence[ReferenceAudio] | None = None,
        generate_audio: bool | None = None,
        storage_options: StorageOptions | image_pb2.StorageOptions | None = None,
        timeout: timedelta | float | None = None,
        interval: timedelta | float | None = None,
    ) -> Operation[VideoResponse]:
        """Generate a video: start the job, then poll it until the video is ready.

        `timeout` (default 10 minutes) bounds the whole wait, `interval` (default 1 second) is
        the time between polls; both take seconds or a timedelta.

        Raises:
            VideoGenerationError: the server reports the job failed.
            RuntimeError: the job expired, or ended without a video.
            TimeoutError: the video was not ready within `timeout`.

        """
        request = generate_video_request(prompt, model, **options(VideoOptions, locals()))
        return _job(GENERATE_VIDEO, request, timeout, interval, "generation", "video to be generated")

    # -- extension ------------------------------------------------------------------------------

    @operation
    def extend_start(
        self,
        prompt: str,
        model: VideoGenerationModel | str,
        video_url: str | None = None,
        *,
        video_file_id: str | None = None,
        duration: int | None = None,
        storage_options: StorageOptions | image_pb2.StorageOptions | None = None,
        timeout: Timeout = None,
    ) -> Operation[deferred_pb2.StartDeferredResponse]:
        """Start a job that continues a video, and return at once; poll it with `get`.

        Args:
            prompt: what happens next in the video.
            model: a video model, e.g. ``"grok-imagine-video"``.
            video_url: the video to continue (URL or data URL); or give `video_file_id`.
            video_file_id: the video to continue by file id.
            duration: length of the added segment in seconds, 1 to 10 (the API's default is 6).
            storage_options: also keep the result as a file (see `generate`).
            timeout: bounds this one call.

        """
        request = extend_video_request(prompt, model, **options(ExtensionOptions, locals()))
        return unary(EXTEND_VIDEO, request, timeout=timeout)

    @operation
    def extend(
        self,
        prompt: str,
        model: VideoGenerationModel | str,
        video_url: str | None = None,
        *,
        video_file_id: str | None = None,
        duration: int | None = None,
        storage_options: StorageOptions | image_pb2.StorageOptions | None = None,
        timeout: timedelta | float | None = None,
        interval: timedelta | float | None = None,
    ) -> Operation[VideoResponse]:
        """Continue a video: start the job (see `extend_start`), then poll it until it is ready.

        `timeout` (default 10 minutes) and `interval` (default 1 second) work as in `generate`,
        and so do the errors.
        """
        request = extend_video_request(prompt, model, **options(ExtensionOptions, locals()))
        return _job(EXTEND_VIDEO, request, timeout, interval, "extension", "video extension to be generated")


def _batch_request_id(value: str | None) -> str:
    return "" if value is None else non_empty_text("batch_request_id", value)


def _job(
    start: Rpc[Any, deferred_pb2.StartDeferredResponse],
    request: Any,
    timeout: timedelta | float | None,
    interval: timedelta | float | None,
    what: str,
    waiting_for: str,
) -> Operation[VideoResponse]:
    """Start a video job with `start`, then poll it until it is done.

    The operation's own timeout is ``timeout + interval``: it bounds every RPC, and leaves the
    last poll the time to answer.
    """
    timeout_s = seconds("timeout", timeout, DEFAULT_VIDEO_TIMEOUT)
    interval_s = seconds("interval", interval, DEFAULT_VIDEO_POLL_INTERVAL)
    decide = _finished(what)

    def flow() -> Flow[VideoResponse]:
        started = yield Call(start, request)
        check = Call(GET_DEFERRED_VIDEO, video_pb2.GetDeferredVideoRequest(request_id=started.request_id))
        video: VideoResponse = yield from poll(
            check, decide, interval=interval_s, timeout=timeout_s, waiting_for=waiting_for
        )
        return video

    return Operation(flow(), request, timeout_s + interval_s)
