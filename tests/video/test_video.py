"""client.video against the emulator, with both clients: jobs, polling, failures, timeouts, bad input."""

from __future__ import annotations

import asyncio
import base64
import pickle
import time
import urllib.request
from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import outcome
from xai_sdk import errors
from xai_sdk.emulator import Emulator
from xai_sdk.proto import batch_pb2, deferred_pb2, image_pb2, video_pb2
from xai_sdk.service import variant
from xai_sdk.video import (
    DEFAULT_VIDEO_POLL_INTERVAL,
    DEFAULT_VIDEO_TIMEOUT,
    BaseClient,
    KeyframeValidator,
    ReferenceAudioValidator,
    VideoClient,
    VideoGenerationError,
    VideoResponse,
    convert_video_aspect_ratio_to_pb,
    convert_video_resolution_to_pb,
)
from xai_sdk.video._client import _finished

MODEL = "grok-imagine-video"
MODEL_15 = "grok-imagine-video-1.5"
GENERATE = "Video/GenerateVideo"
EXTEND = "Video/ExtendVideo"
POLL = "Video/GetDeferredVideo"
FAST = {"interval": 0.01}
PIXEL = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()
CLIP = "https://example.com/clip.mp4"


def sent(emulator: Emulator, method: str = GENERATE) -> video_pb2.GenerateVideoRequest:
    return emulator.calls(method)[-1].request


# -- generate -----------------------------------------------------------------------------------------


async def test_generate_returns_the_finished_video(client) -> None:
    video = await outcome(client.video.generate("Clouds over a mountain", MODEL, **FAST))
    assert isinstance(video, VideoResponse)
    assert video.url.startswith("http://127.0.0.1:")
    assert (video.duration, video.model, video.respect_moderation) == (8, MODEL, True)


async def test_the_video_url_serves_an_mp4_payload(client) -> None:
    video = await outcome(client.video.generate("Clouds", MODEL, **FAST))
    content_type, data = download(video.url)
    assert content_type == "video/mp4"
    assert data[4:8] == b"ftyp"


def download(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["Content-Type"], response.read()


async def test_generate_polls_until_the_job_is_done(client, xai_emulator: Emulator) -> None:
    xai_emulator.video.deferred_polls = 4
    await outcome(client.video.generate("Clouds", MODEL, **FAST))
    assert len(xai_emulator.calls(GENERATE)) == 1
    polls = xai_emulator.calls(POLL)
    assert len(polls) == 4
    assert {poll.request.request_id for poll in polls} == {"video-00000001"}


async def test_usage_and_cost_follow_the_duration(client) -> None:
    video = await outcome(client.video.generate("Clouds", MODEL, duration=4, **FAST))
    assert video.duration == 4
    assert video.cost_usd == pytest.approx(0.2)
    assert video.usage.cost_in_usd_ticks == 2_000_000_000


async def test_a_model_alias_answers_with_the_model_name(client) -> None:
    video = await outcome(client.video.generate("Clouds", "grok-imagine-video-latest", **FAST))
    assert video.model == MODEL


async def test_an_unknown_model_is_not_found(client) -> None:
    with pytest.raises(errors.NotFoundError):
        await outcome(client.video.generate("Clouds", "grok-imagine-film", **FAST))


async def test_every_generation_option_reaches_the_server(client, xai_emulator: Emulator) -> None:
    await outcome(
        client.video.generate(
            "A sketch becomes a bronze",
            MODEL_15,
            image_url="https://example.com/sketch.jpg",
            last_frame_url=PIXEL,
            keyframes=[
                {"image_url": "https://example.com/clay.jpg", "timestamp": 3.0},
                {"image_file_id": "file-k", "timestamp": 6},
            ],
            duration=8,
            aspect_ratio="9:16",
            resolution="720p",
            reference_image_urls=["https://example.com/ref.jpg"],
            reference_image_file_ids=["file-r1", "file-r2"],
            reference_audios=[{"voice_id": "ara"}],
            generate_audio=False,
            storage_options={"filename": "bronze.mp4", "expires_after": timedelta(hours=2)},
            **FAST,
        )
    )
    request = sent(xai_emulator)
    assert (request.prompt, request.model, request.duration) == ("A sketch becomes a bronze", MODEL_15, 8)
    assert request.image.image_url == "https://example.com/sketch.jpg"
    assert request.image.detail == image_pb2.DETAIL_AUTO
    assert request.last_frame.image_url == PIXEL
    assert [(k.image.image_url or k.image.file_id, k.timestamp_s) for k in request.keyframes] == [
        ("https://example.com/clay.jpg", 3.0),
        ("file-k", 6.0),
    ]
    assert (request.aspect_ratio, request.resolution) == (
        video_pb2.VIDEO_ASPECT_RATIO_9_16,
        video_pb2.VIDEO_RESOLUTION_720P,
    )
    assert [r.file_id or r.image_url for r in request.reference_images] == [
        "file-r1",
        "file-r2",
        "https://example.com/ref.jpg",
    ]
    assert [audio.voice_id for audio in request.reference_audios] == ["ara"]
    assert request.HasField("generate_audio") and not request.generate_audio
    assert (request.storage_options.filename, request.storage_options.expires_after) == ("bronze.mp4", 7200)


async def test_unset_options_stay_unset(client, xai_emulator: Emulator) -> None:
    await outcome(client.video.generate("Clouds", MODEL, **FAST))
    request = sent(xai_emulator)
    for field in ("image", "last_frame", "video", "duration", "aspect_ratio", "resolution", "generate_audio"):
        assert not request.HasField(field), field
    assert not (request.keyframes or request.reference_images or request.reference_audios)


async def test_an_image_is_animated_without_a_prompt(client, xai_emulator: Emulator) -> None:
    video = await outcome(client.video.generate("", MODEL, image_url="https://e.com/a.jpg", **FAST))
    assert video.url and sent(xai_emulator).prompt == ""


async def test_a_voice_id_is_sent_without_surrounding_whitespace(client, xai_emulator: Emulator) -> None:
    await outcome(client.video.generate("Talk", MODEL, reference_audios=[{"voice_id": " leo\n"}], **FAST))
    assert [audio.voice_id for audio in sent(xai_emulator).reference_audios] == ["leo"]


async def test_a_zero_timeout_or_interval_means_the_default(client, xai_emulator: Emulator) -> None:
    # As in the official SDK, which reads a zero as "not given".
    await outcome(client.video.generate("Clouds", MODEL, timeout=0, interval=timedelta(0)))
    assert xai_emulator.calls(POLL)


async def test_file_ids_stand_for_the_first_and_last_frames(client, xai_emulator: Emulator) -> None:
    await outcome(
        client.video.generate(
            "Interpolate", MODEL_15, image_file_id="file-a", last_frame_file_id="file-b", **FAST
        )
    )
    request = sent(xai_emulator)
    assert (request.image.file_id, request.last_frame.file_id) == ("file-a", "file-b")


async def test_video_editing_sends_the_input_video(client, xai_emulator: Emulator) -> None:
    await outcome(client.video.generate("Add a rainbow", MODEL, video_url=CLIP, **FAST))
    assert sent(xai_emulator).video.url == CLIP


async def test_video_editing_takes_a_file_id(client, xai_emulator: Emulator) -> None:
    await outcome(client.video.generate("Add a rainbow", MODEL, video_file_id="file-v", **FAST))
    assert sent(xai_emulator).video.file_id == "file-v"


async def test_storage_without_a_file_service_reports_a_storage_error(client, no_file_storage) -> None:
    video = await outcome(
        client.video.generate("Clouds", MODEL, storage_options={"filename": "c.mp4"}, **FAST)
    )
    assert video.storage_error == "file storage is not available in this emulator"
    assert (video.file_output, video.public_url, video.public_url_error) == (None, None, None)


async def test_storage_keeps_the_video_as_a_file(client, xai_emulator: Emulator) -> None:
    if not has_files(xai_emulator):
        pytest.skip("this emulator has no Files service yet")
    video = await outcome(
        client.video.generate(
            "Clouds", MODEL, storage_options={"filename": "c.mp4", "public_url": True}, **FAST
        )
    )
    files = xai_emulator.service("xai_api.Files")
    assert video.storage_error is None
    assert video.file_output is not None and video.file_output.filename == "c.mp4"
    assert files.file(video.file_output.file_id).public_url == video.public_url
    assert download(video.url)[1] == files.data(video.file_output.file_id)


@pytest.fixture
def no_file_storage(xai_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    """The emulator as if it had no Files service."""
    service = xai_emulator.service

    def without_files(full_name: str) -> Any:
        if full_name == "xai_api.Files":
            raise KeyError(full_name)
        return service(full_name)

    monkeypatch.setattr(xai_emulator, "service", without_files)


def has_files(emulator: Emulator) -> bool:
    try:
        emulator.service("xai_api.Files")
    except KeyError:
        return False
    return True


# -- start and get ------------------------------------------------------------------------------------


async def test_start_returns_a_request_id_and_get_follows_the_job(client, xai_emulator: Emulator) -> None:
    xai_emulator.video.deferred_polls = 2
    started = await outcome(client.video.start("Clouds", MODEL, duration=3))
    assert isinstance(started, deferred_pb2.StartDeferredResponse)
    pending = await outcome(client.video.get(started.request_id))
    assert pending.status == deferred_pb2.PENDING
    assert 0 <= pending.response.progress < 100
    done = await outcome(client.video.get(started.request_id))
    assert done.status == deferred_pb2.DONE
    assert VideoResponse(done.response).duration == 3
    assert not xai_emulator.calls(EXTEND)


async def test_start_takes_the_generation_options(client, xai_emulator: Emulator) -> None:
    await outcome(
        client.video.start("Clouds", MODEL, aspect_ratio="1:1", resolution="1080p", generate_audio=True)
    )
    request = sent(xai_emulator)
    assert (request.aspect_ratio, request.resolution, request.generate_audio) == (
        video_pb2.VIDEO_ASPECT_RATIO_1_1,
        video_pb2.VIDEO_RESOLUTION_1080P,
        True,
    )


async def test_get_of_an_unknown_job_is_not_found(client) -> None:
    with pytest.raises(errors.NotFoundError, match="video-404"):
        await outcome(client.video.get("video-404"))


# -- extend -------------------------------------------------------------------------------------------


async def test_extend_continues_a_video(client, xai_emulator: Emulator) -> None:
    first = await outcome(client.video.generate("Clouds", MODEL, **FAST))
    longer = await outcome(client.video.extend("The sun sets", MODEL, first.url, duration=5, **FAST))
    assert isinstance(longer, VideoResponse)
    assert longer.duration == 5
    assert longer.url != first.url
    request = xai_emulator.calls(EXTEND)[-1].request
    assert (request.prompt, request.video.url, request.duration) == ("The sun sets", first.url, 5)


async def test_extend_defaults_to_a_six_second_segment(client) -> None:
    longer = await outcome(client.video.extend("Then night", MODEL, video_file_id="file-v", **FAST))
    assert longer.duration == 6


async def test_extend_start_and_get(client, xai_emulator: Emulator) -> None:
    started = await outcome(
        client.video.extend_start("More", MODEL, CLIP, storage_options={"filename": "more.mp4"})
    )
    done = await outcome(client.video.get(started.request_id))
    assert done.status == deferred_pb2.DONE
    assert xai_emulator.calls(EXTEND)[-1].request.storage_options.filename == "more.mp4"


async def test_extend_needs_a_video(client, xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="One of video_url or video_file_id must be set"):
        await outcome(client.video.extend("More", MODEL, **FAST))
    with pytest.raises(ValueError, match="One of video_url or video_file_id must be set"):
        await outcome(client.video.extend_start("More", MODEL))
    assert xai_emulator.requests == []


# -- jobs that fail, expire, or never finish ------------------------------------------------------------


async def test_a_failed_job_raises_video_generation_error(client, xai_emulator: Emulator) -> None:
    xai_emulator.video.fail_next("content_policy", "The prompt was refused.")
    with pytest.raises(VideoGenerationError) as failure:
        await outcome(client.video.generate("Clouds", MODEL, **FAST))
    assert (failure.value.code, failure.value.message) == ("content_policy", "The prompt was refused.")
    assert str(failure.value) == "Video generation failed [content_policy]: The prompt was refused."


async def test_a_failure_without_details_is_unknown(client, xai_emulator: Emulator) -> None:
    xai_emulator.video.fail_next(None)
    with pytest.raises(
        VideoGenerationError, match=r"\[UNKNOWN\]: Video generation failed with no error details"
    ):
        await outcome(client.video.generate("Clouds", MODEL, **FAST))


async def test_a_failed_extension_says_extension(client, xai_emulator: Emulator) -> None:
    xai_emulator.video.fail_next(None)
    with pytest.raises(VideoGenerationError, match="Video extension failed with no error details"):
        await outcome(client.video.extend("More", MODEL, CLIP, **FAST))


async def test_an_expired_job_is_a_runtime_error(client, xai_emulator: Emulator) -> None:
    xai_emulator.video.expire_next()
    with pytest.raises(RuntimeError, match="Deferred request expired"):
        await outcome(client.video.generate("Clouds", MODEL, **FAST))


async def test_failures_apply_to_the_next_jobs_only(client, xai_emulator: Emulator) -> None:
    xai_emulator.video.fail_next(jobs=2)
    for _ in range(2):
        with pytest.raises(VideoGenerationError):
            await outcome(client.video.generate("Clouds", MODEL, **FAST))
    assert (await outcome(client.video.generate("Clouds", MODEL, **FAST))).url


async def test_a_job_that_never_finishes_times_out(client, xai_emulator: Emulator) -> None:
    xai_emulator.video.deferred_polls = 1_000_000
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="waiting for video to be generated"):
        await outcome(client.video.generate("Clouds", MODEL, timeout=0.3, interval=0.05))
    assert time.monotonic() - started >= 0.3
    assert len(xai_emulator.calls(POLL)) >= 2


async def test_an_extension_that_never_finishes_times_out(client, xai_emulator: Emulator) -> None:
    xai_emulator.video.deferred_polls = 1_000_000
    with pytest.raises(TimeoutError, match="waiting for video extension to be generated"):
        await outcome(client.video.extend("More", MODEL, CLIP, timeout=timedelta(seconds=0.2), interval=0.05))


async def test_every_rpc_of_a_job_has_a_deadline_within_timeout_plus_interval(
    client, xai_emulator: Emulator
) -> None:
    xai_emulator.video.deferred_polls = 3
    await outcome(client.video.generate("Clouds", MODEL, timeout=2, interval=0.05))
    for record in xai_emulator.calls(GENERATE) + xai_emulator.calls(POLL):
        assert record.time_remaining is not None and 0 < record.time_remaining <= 2.5


async def test_a_poll_that_hangs_ends_with_a_timeout_error(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.delay(POLL, 30)
    # The deadline cut the check short: the error is the polling one, as the official SDK's.
    with pytest.raises(
        TimeoutError, match=r"Polling timed out after [0-9.]+s: waiting for video to be generated"
    ):
        await outcome(client.video.generate("Clouds", MODEL, timeout=0.2, interval=0.1))


async def test_cancelling_the_task_stops_the_polling(xai_emulator: Emulator) -> None:
    xai_emulator.video.deferred_polls = 1_000_000
    async with xai_emulator.async_client() as client:
        task = asyncio.create_task(client.video.generate("Clouds", MODEL, interval=0.02))
        for _ in range(1000):
            if len(xai_emulator.calls(POLL)) >= 3:
                break
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        polls = len(xai_emulator.calls(POLL))
        await asyncio.sleep(0.2)  # ten intervals: a poller still running would have polled again
        assert len(xai_emulator.calls(POLL)) == polls


def test_an_unknown_status_warns_and_keeps_waiting() -> None:
    decide = _finished("generation")
    with pytest.warns(UserWarning, match="unknown status: 9 whilst waiting for video generation"):
        outcome_ = decide(video_pb2.GetDeferredVideoResponse(status=9))  # type: ignore[arg-type]
    assert outcome_ is not None and not isinstance(outcome_, VideoResponse)


def test_done_without_a_video_is_a_runtime_error() -> None:
    with pytest.raises(RuntimeError, match="completed but no response"):
        _finished("generation")(video_pb2.GetDeferredVideoResponse(status=deferred_pb2.DONE))


# -- prepare ------------------------------------------------------------------------------------------


async def test_prepare_builds_a_batch_request_without_any_rpc(client, xai_emulator: Emulator) -> None:
    prepared = client.video.prepare(
        "Clouds", MODEL, batch_request_id="clouds-1", duration=5, aspect_ratio="4:3"
    )
    assert isinstance(prepared, batch_pb2.BatchRequest)
    assert prepared.batch_request_id == "clouds-1"
    assert (prepared.video_request.prompt, prepared.video_request.duration) == ("Clouds", 5)
    assert prepared.video_request.aspect_ratio == video_pb2.VIDEO_ASPECT_RATIO_4_3
    assert xai_emulator.requests == []


async def test_prepare_extension_builds_a_batch_request_without_any_rpc(
    client, xai_emulator: Emulator
) -> None:
    prepared = client.video.prepare_extension("More", MODEL, CLIP, duration=4)
    assert prepared.batch_request_id == ""
    assert (prepared.video_extension_request.video.url, prepared.video_extension_request.duration) == (
        CLIP,
        4,
    )
    assert xai_emulator.requests == []


# -- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"prompt": 3}, TypeError, "prompt must be a string"),
        ({"model": " "}, ValueError, "model must not be empty"),
        ({"duration": 0}, ValueError, "duration must be between 1 and 15 seconds, got 0"),
        ({"duration": 16}, ValueError, "duration must be between 1 and 15 seconds, got 16"),
        ({"duration": 5.5}, TypeError, "duration must be a whole number of seconds"),
        ({"duration": True}, TypeError, "duration must be a whole number"),
        (
            {"aspect_ratio": "21:9"},
            ValueError,
            r"Invalid video aspect ratio 21:9\. Must be one of "
            r"\['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'\]",
        ),
        (
            {"resolution": "4k"},
            ValueError,
            r"Invalid video resolution 4k\. Must be one of \['480p', '720p', '1080p'\]",
        ),
        ({"image_url": "photo.jpg"}, ValueError, "image_url must be an http\\(s\\) URL or a base64 data URL"),
        ({"image_url": "data:video/mp4;base64,AAAA"}, ValueError, "image_url must be an http"),
        ({"last_frame_url": "/tmp/last.png"}, ValueError, "last_frame_url must be an http"),
        ({"video_url": "clip.mp4"}, ValueError, "video_url must be an http"),
        ({"video_url": "data:image/png;base64,AAAA"}, ValueError, "video_url must be an http"),
        ({"image_file_id": ""}, ValueError, "image_file_id must not be empty"),
        (
            {"reference_image_urls": ["https://example.com/a.jpg", "b.jpg"]},
            ValueError,
            "reference_image_urls entry",
        ),
        (
            {"reference_image_urls": "https://example.com/a.jpg"},
            TypeError,
            "reference_image_urls must be a list",
        ),
        ({"reference_image_file_ids": [""]}, ValueError, "reference_image_file_ids entry must not be empty"),
        (
            {"keyframes": [{"image_url": "https://e.com/a.jpg"}]},
            ValueError,
            r"validation errors for union\[UrlKeyframe,FileIdKeyframe\]\n"
            r"UrlKeyframe\.timestamp\n  Field required",
        ),
        (
            {"keyframes": [{"image_url": "https://e.com/a.jpg", "image_file_id": "f", "timestamp": 1}]},
            ValueError,
            r"UrlKeyframe\.image_file_id\n  Extra inputs are not permitted",
        ),
        (
            {"keyframes": [{"image_file_id": "f", "timestamp": 1, "weight": 2}]},
            ValueError,
            r"FileIdKeyframe\.weight\n  Extra inputs are not permitted",
        ),
        ({"keyframes": [{"image_file_id": "f", "timestamp": 0}]}, ValueError, "more than 0 seconds"),
        (
            {"keyframes": [{"image_file_id": "f", "timestamp": "two"}]},
            ValueError,
            "Input should be a valid number, unable to parse string as a number",
        ),
        (
            {"keyframes": [{"image_url": "clay.jpg", "timestamp": 2}]},
            ValueError,
            "keyframe image_url must be",
        ),
        (
            {"keyframes": [{"image_file_id": "f", "timestamp": 6}], "duration": 6},
            ValueError,
            "strictly inside the 6-second video",
        ),
        (
            {"keyframes": ["https://e.com/a.jpg"]},
            ValueError,
            r"UrlKeyframe\n  Input should be a valid dictionary",
        ),
        ({"keyframes": {"image_file_id": "f", "timestamp": 1}}, TypeError, "keyframes must be a list"),
        (
            {"reference_audios": [{"voice_id": " "}]},
            ValueError,
            r"VoiceAudioRef\nvoice_id\n  String should have at least 1 character",
        ),
        ({"reference_audios": [{"voice": "ara"}]}, ValueError, r"voice_id\n  Field required"),
        ({"reference_audios": ["ara"]}, ValueError, "Input should be a valid dictionary"),
        ({"generate_audio": "yes"}, TypeError, "generate_audio must be True or False"),
        (
            {"image_url": "https://e.com/a.jpg", "image_file_id": "f"},
            ValueError,
            "Only one of image_url or image_file_id",
        ),
        ({"video_url": CLIP, "video_file_id": "f"}, ValueError, "Only one of video_url or video_file_id"),
        (
            {"last_frame_url": "https://e.com/a.jpg", "last_frame_file_id": "f"},
            ValueError,
            "Only one of last_frame_url or last_frame_file_id",
        ),
        ({"image_url": "https://e.com/a.jpg", "video_url": CLIP}, ValueError, "give an image to animate"),
        ({"storage_options": {"filename": ""}}, ValueError, "non-empty 'filename'"),
        ({"interval": -0.5}, ValueError, "interval must be a positive"),
        ({"timeout": -1}, ValueError, "timeout must be a positive"),
        ({"timeout": "10"}, TypeError, "timeout must be a number of seconds"),
    ],
)
async def test_bad_generation_arguments_fail_before_any_rpc(
    client, xai_emulator: Emulator, arguments, error, message
) -> None:
    call = {"prompt": "Clouds", "model": MODEL, **arguments}
    with pytest.raises(error, match=message):
        await outcome(client.video.generate(call.pop("prompt"), call.pop("model"), **call))
    assert xai_emulator.requests == []


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"duration": 11}, ValueError, "duration must be between 1 and 10 seconds, got 11"),
        ({"duration": 0}, ValueError, "between 1 and 10"),
        ({"video_url": CLIP, "video_file_id": "f"}, ValueError, "Only one of video_url or video_file_id"),
        ({"video_url": "clip.mp4"}, ValueError, "video_url must be an http"),
        ({"interval": timedelta(seconds=-1)}, ValueError, "interval must be a positive"),
    ],
)
async def test_bad_extension_arguments_fail_before_any_rpc(
    client, xai_emulator: Emulator, arguments, error, message
) -> None:
    call = {"prompt": "More", "model": MODEL, "video_url": CLIP, **arguments}
    with pytest.raises(error, match=message):
        await outcome(client.video.extend(call.pop("prompt"), call.pop("model"), **call))
    assert xai_emulator.requests == []


async def test_start_and_prepare_check_their_arguments_too(client, xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="duration must be between 1 and 15"):
        await outcome(client.video.start("Clouds", MODEL, duration=20))
    with pytest.raises(ValueError, match="Invalid video resolution"):
        client.video.prepare("Clouds", MODEL, resolution="8k")
    with pytest.raises(ValueError, match="duration must be between 1 and 10"):
        client.video.prepare_extension("More", MODEL, CLIP, duration=12)
    with pytest.raises(ValueError, match="request_id must not be empty"):
        await outcome(client.video.get(""))
    assert xai_emulator.requests == []


async def test_more_keyframes_than_the_model_allows_are_refused_by_the_server(client) -> None:
    keyframes = [{"image_file_id": "f", "timestamp": t} for t in (1, 2, 3, 4, 5)]
    with pytest.raises(errors.InvalidArgumentError, match="at most 4 keyframes"):
        await outcome(client.video.generate("Clouds", MODEL_15, keyframes=keyframes, **FAST))


# -- the helpers and types ---------------------------------------------------------------------------


def test_the_defaults_are_those_of_the_official_sdk() -> None:
    assert (
        timedelta(seconds=1),
        timedelta(minutes=10),
    ) == (DEFAULT_VIDEO_POLL_INTERVAL, DEFAULT_VIDEO_TIMEOUT)
    assert BaseClient is VideoClient


def test_converters_map_literals_and_pass_enum_values() -> None:
    assert convert_video_aspect_ratio_to_pb("2:3") == video_pb2.VIDEO_ASPECT_RATIO_2_3
    assert convert_video_resolution_to_pb("480p") == video_pb2.VIDEO_RESOLUTION_480P
    assert convert_video_resolution_to_pb(video_pb2.VIDEO_RESOLUTION_720P) == video_pb2.VIDEO_RESOLUTION_720P  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Invalid video resolution 0"):
        convert_video_resolution_to_pb(0)  # type: ignore[arg-type]


def test_the_validators_return_the_entry_checked_and_converted() -> None:
    keyframe = {"image_url": "https://example.com/a.jpg", "timestamp": 2.5}
    assert KeyframeValidator.validate_python(keyframe) == keyframe
    # As pydantic does for the official SDK: strings stripped, numbers from text, extras ignored.
    assert KeyframeValidator.validate_python({"image_file_id": " f ", "timestamp": "3"}) == {
        "image_file_id": "f",
        "timestamp": 3.0,
    }
    assert ReferenceAudioValidator.validate_python({"voice_id": " leo ", "x": 1}) == {"voice_id": "leo"}


def test_the_validators_refuse_an_invalid_entry() -> None:
    with pytest.raises(ValueError, match=r"UrlKeyframe\.image_url\n  Field required"):
        KeyframeValidator.validate_python({"timestamp": 1})
    with pytest.raises(ValueError, match=r"1 validation error for VoiceAudioRef\nvoice_id\n  Field required"):
        ReferenceAudioValidator.validate_python({})


def test_video_generation_error_survives_pickling() -> None:
    error = pickle.loads(pickle.dumps(VideoGenerationError("quota", "No credits left.")))
    assert (error.code, error.message, str(error)) == (
        "quota",
        "No credits left.",
        "Video generation failed [quota]: No credits left.",
    )


def test_a_video_without_url_says_why() -> None:
    moderated = VideoResponse(
        video_pb2.VideoResponse(video=video_pb2.GeneratedVideo(respect_moderation=False))
    )
    with pytest.raises(ValueError, match="did not respect moderation rules"):
        _ = moderated.url
    missing = VideoResponse(video_pb2.VideoResponse(video=video_pb2.GeneratedVideo(respect_moderation=True)))
    with pytest.raises(ValueError, match="Video URL missing from response"):
        _ = missing.url
    assert (missing.file_output, missing.storage_error, missing.public_url, missing.public_url_error) == (
        None,
        None,
        None,
        None,
    )


def test_the_official_sync_and_aio_module_paths_name_the_variants_of_the_one_client() -> None:
    from xai_sdk.aio import video as aio_video
    from xai_sdk.sync import video as sync_video

    assert sync_video.Client is variant(VideoClient, is_async=False)
    assert aio_video.Client is variant(VideoClient, is_async=True)
