"""xai_api.Video: video jobs that finish after a set number of polls, or fail or expire on request."""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import grpc

from xai_sdk.emulator import _media, _storage, catalog
from xai_sdk.emulator._base import DeferredPacing, EmulatorCall, RpcAbort
from xai_sdk.emulator._media import invalid
from xai_sdk.proto import deferred_pb2, usage_pb2, video_pb2

__all__ = ["Video"]

GENERATION_DURATIONS = (1, 15)
"""Seconds a generated video may last (both included); 8 when not given."""
EXTENSION_DURATIONS = (1, 10)
"""Seconds an extension may last (both included); 6 when not given."""
MAX_KEYFRAMES = 4
MAX_REFERENCE_AUDIOS = 3
MIN_KEYFRAME_GAP = 1 / 3
"""Seconds that keyframes must be apart."""


@dataclass(frozen=True)
class _Ending:
    """How a job ends: with its video, failed (with or without an error), or expired."""

    status: Literal["done", "failed", "expired"] = "done"
    code: str | None = None
    message: str = ""


@dataclass
class _Job:
    """A video job: done (or failed, expired) from poll number `ready_at` on.

    And once `ready_after` (a `time.monotonic` reading) has passed.
    """

    model: str
    ending: _Ending
    ready_at: int
    ready_after: float = 0.0
    response: video_pb2.VideoResponse | None = None
    polls: int = 0


def video_model(name: str) -> catalog.VideoGenerationModel:
    """The catalog's video model called `name` (or having it as an alias); NOT_FOUND otherwise."""
    model: catalog.VideoGenerationModel | None = catalog.find(catalog.VIDEO_GENERATION_MODELS, name)
    if model is None:
        raise RpcAbort(grpc.StatusCode.NOT_FOUND, catalog.no_such_model(name))
    return model


def _duration(request: Any, allowed: tuple[int, int], default: int) -> int:
    if not request.HasField("duration"):
        return default
    low, high = allowed
    if not low <= request.duration <= high:
        raise invalid(f"duration must be between {low} and {high} seconds, got {request.duration}")
    return int(request.duration)


def _check_video(video: video_pb2.VideoUrlContent) -> None:
    source = video.WhichOneof("source")
    if source is None:
        raise invalid("video needs a url or a file_id")
    if source == "url" and not _media.is_media_url(video.url, "video"):
        raise invalid("video.url must be an http(s) URL or a base64 data URL of a video")
    if source == "file_id" and not video.file_id.strip():
        raise invalid("video.file_id must not be empty")


def _check_enums(request: video_pb2.GenerateVideoRequest) -> None:
    for field, enum in (
        ("aspect_ratio", video_pb2.VideoAspectRatio),
        ("resolution", video_pb2.VideoResolution),
    ):
        value = getattr(request, field)
        if request.HasField(field) and (value == 0 or value not in enum.values()):
            raise invalid(f"invalid {field} {value}")


def _check_keyframes(request: video_pb2.GenerateVideoRequest, duration: int) -> None:
    if len(request.keyframes) > MAX_KEYFRAMES:
        raise invalid(f"at most {MAX_KEYFRAMES} keyframes, got {len(request.keyframes)}")
    times = sorted(keyframe.timestamp_s for keyframe in request.keyframes)
    for index, keyframe in enumerate(request.keyframes):
        _media.check_image(keyframe.image, f"keyframes[{index}].image")
        if not 0 < keyframe.timestamp_s < duration:
            raise invalid(f"keyframe timestamps must fall strictly inside the {duration}-second video")
    if any(later - earlier < MIN_KEYFRAME_GAP - 1e-6 for earlier, later in itertools.pairwise(times)):
        raise invalid("keyframes must be at least 1/3 second apart")


def _check_generation(request: video_pb2.GenerateVideoRequest) -> tuple[catalog.VideoGenerationModel, int]:
    """The model and duration of a valid request; RpcAbort otherwise."""
    model = video_model(request.model)
    if not request.prompt.strip() and not request.HasField("image"):
        raise invalid("prompt must not be empty (only an image to animate may come without one)")
    duration = _duration(request, GENERATION_DURATIONS, 8)
    _check_enums(request)
    if request.HasField("image") and request.HasField("video"):
        raise invalid("set either an input image or an input video, not both")
    for field in ("image", "last_frame"):
        if request.HasField(field):
            _media.check_image(getattr(request, field), field)
    if request.HasField("video"):
        _check_video(request.video)
    for index, image in enumerate(request.reference_images):
        _media.check_image(image, f"reference_images[{index}]")
    _check_keyframes(request, duration)
    if len(request.reference_audios) > MAX_REFERENCE_AUDIOS:
        raise invalid(f"at most {MAX_REFERENCE_AUDIOS} reference audios, got {len(request.reference_audios)}")
    if any(not audio.voice_id.strip() for audio in request.reference_audios):
        raise invalid("reference audios need a voice_id")
    _media.check_storage(request)
    return model, duration


def _check_extension(request: video_pb2.ExtendVideoRequest) -> tuple[catalog.VideoGenerationModel, int]:
    model = video_model(request.model)
    if not request.prompt.strip():
        raise invalid("prompt must not be empty")
    if not request.HasField("video"):
        raise invalid("the video to extend is missing")
    _check_video(request.video)
    duration = _duration(request, EXTENSION_DURATIONS, 6)
    _media.check_storage(request)
    return model, duration


class Video(DeferredPacing):
    """The emulator's video model: jobs that answer PENDING, then DONE with a stand-in video.

    Reach it as ``emulator.video``. `deferred_polls` sets at which poll a job is done (default
    1: the first poll) and `deferred_seconds` how long it takes at least; `fail_next` and
    `expire_next` make the next jobs end FAILED or EXPIRED instead, `outcome` every job. The
    video is a few bytes labelled ``video/mp4`` served by the emulator's HTTP side.
    """

    full_name = "xai_api.Video"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._emulator: Any = None
        self._jobs: dict[str, _Job] = {}
        self._endings: deque[_Ending] = deque()
        self._ids: Iterator[int] = itertools.count(1)
        self.reset_pacing()
        self._outcome: Literal["done", "failed", "expired"] = "done"

    def attach(self, emulator: Any) -> None:
        """Keep the emulator, to publish videos and to store them as files."""
        self._emulator = emulator

    # -- the public, scripting side -------------------------------------------------------------

    @property
    def outcome(self) -> Literal["done", "failed", "expired"]:
        """How every job ends unless `fail_next` or `expire_next` says otherwise (default ``"done"``).

        ``"failed"`` ends them with ``VideoError("internal_error", ...)``.
        """
        return self._outcome

    @outcome.setter
    def outcome(self, outcome: Literal["done", "failed", "expired"]) -> None:
        if outcome not in ("done", "failed", "expired"):
            raise ValueError(f"outcome must be 'done', 'failed' or 'expired', got {outcome!r}")
        self._outcome = outcome

    def fail_next(self, code: str | None = "internal_error", message: str = "", *, jobs: int = 1) -> None:
        """Make the next `jobs` jobs end FAILED, with ``VideoError(code, message)``.

        ``code=None`` fails them without error details.
        """
        self._queue(_Ending("failed", code, message or "the emulator was told to fail this video"), jobs)

    def expire_next(self, *, jobs: int = 1) -> None:
        """Make the next `jobs` jobs end EXPIRED."""
        self._queue(_Ending("expired"), jobs)

    def skip_wait(self, request_id: str) -> None:
        """Let a job's `deferred_seconds` pass at once (the batch service runs video jobs to their end)."""
        with self._lock:
            self._job(request_id).ready_after = 0.0

    def polls(self, request_id: str) -> int:
        """How many times a job was polled."""
        with self._lock:
            return self._job(request_id).polls

    def reset(self) -> None:
        """Forget jobs and scripted endings; restart ids; restore the settings' defaults."""
        with self._lock:
            self._jobs.clear()
            self._endings.clear()
            self._ids = itertools.count(1)
            self.reset_pacing()
            self._outcome = "done"

    def _queue(self, ending: _Ending, jobs: int) -> None:
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
            raise ValueError(f"jobs must be an int of at least 1, got {jobs!r}")
        with self._lock:
            self._endings.extend([ending] * jobs)

    # -- RPCs -----------------------------------------------------------------------------------

    def GenerateVideo(
        self, request: video_pb2.GenerateVideoRequest, call: EmulatorCall
    ) -> deferred_pb2.StartDeferredResponse:
        """Start a job: text-, image-, reference-to-video or editing, all alike here."""
        model, duration = _check_generation(request)
        return self._start(model, duration, request, ("generate", request.prompt, request.image.image_url))

    def ExtendVideo(
        self, request: video_pb2.ExtendVideoRequest, call: EmulatorCall
    ) -> deferred_pb2.StartDeferredResponse:
        """Start a job that continues a video; the result lasts the extension's duration."""
        model, duration = _check_extension(request)
        return self._start(model, duration, request, ("extend", request.prompt, request.video.url))

    def GetDeferredVideo(
        self, request: video_pb2.GetDeferredVideoRequest, call: EmulatorCall
    ) -> video_pb2.GetDeferredVideoResponse:
        """PENDING (with progress) until the job's poll count is reached, then how it ended."""
        with self._lock:
            job = self._job(request.request_id)
            job.polls += 1
            polls = job.polls
        if polls < job.ready_at or time.monotonic() < job.ready_after:
            return video_pb2.GetDeferredVideoResponse(
                status=deferred_pb2.PENDING,
                response=video_pb2.VideoResponse(
                    model=job.model, progress=min(99, 100 * polls // job.ready_at)
                ),
            )
        ending = job.ending
        if ending.status == "expired":
            return video_pb2.GetDeferredVideoResponse(status=deferred_pb2.EXPIRED)
        if ending.status == "failed":
            failed = video_pb2.GetDeferredVideoResponse(status=deferred_pb2.FAILED)
            if ending.code is not None:
                failed.response.CopyFrom(
                    video_pb2.VideoResponse(
                        model=job.model, error=video_pb2.VideoError(code=ending.code, message=ending.message)
                    )
                )
            return failed
        return video_pb2.GetDeferredVideoResponse(status=deferred_pb2.DONE, response=job.response)

    # -- plumbing -------------------------------------------------------------------------------

    def _standing_ending(self) -> _Ending:
        if self._outcome == "failed":
            return _Ending("failed", "internal_error", "the emulator was told to fail every video")
        return _Ending(self._outcome)

    def _job(self, request_id: str) -> _Job:
        job = self._jobs.get(request_id)
        if job is None:
            raise RpcAbort(grpc.StatusCode.NOT_FOUND, f"No deferred video with request id {request_id!r}.")
        return job

    def _start(
        self, model: catalog.VideoGenerationModel, duration: int, request: Any, seed: tuple[str, ...]
    ) -> deferred_pb2.StartDeferredResponse:
        with self._lock:
            request_id = f"video-{next(self._ids):08d}"
            ending = self._endings.popleft() if self._endings else self._standing_ending()
            ready_at = self._deferred_polls
            ready_after = time.monotonic() + self._deferred_seconds
        job = _Job(model.name, ending, ready_at, ready_after)
        if ending.status == "done":
            job.response = self._video(model, duration, request, _media.seed_of(*seed))
        with self._lock:
            self._jobs[request_id] = job
        return deferred_pb2.StartDeferredResponse(request_id=request_id)

    def _video(
        self, model: catalog.VideoGenerationModel, duration: int, request: Any, seed: bytes
    ) -> video_pb2.VideoResponse:
        data = _media.fake_mp4(seed, duration)
        video = video_pb2.GeneratedVideo(
            url=self._emulator.content.publish(data, "video/mp4", "video.mp4"),
            duration=duration,
            respect_moderation=True,
        )
        if request.HasField("storage_options"):
            output, error = _storage.store(self._emulator, request.storage_options, data, "video/mp4")
            if output is not None:
                video.file_output.CopyFrom(output)
            if error is not None:
                video.storage_error = error
        return video_pb2.VideoResponse(
            model=model.name,
            video=video,
            progress=100,
            usage=usage_pb2.SamplingUsage(cost_in_usd_ticks=model.price_per_second * duration),
        )
