"""The emulator's image and video services, driven with raw gRPC calls: answers, checks, scripting."""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Iterator
from typing import Any

import grpc
import pytest

from tests.emulator import jpeg
from xai_sdk.emulator import Emulator, _media, _storage
from xai_sdk.emulator._base import RpcAbort
from xai_sdk.proto import deferred_pb2, files_pb2, image_pb2, video_pb2


class Raw:
    """Unary RPCs on a plain grpc channel: what a stub generated from the protos would do."""

    def __init__(self, channel: grpc.Channel, metadata: tuple[tuple[str, str], ...]) -> None:
        self._channel = channel
        self._metadata = metadata

    def call(self, path: str, request: Any, response_type: Any) -> Any:
        rpc = self._channel.unary_unary(
            path,
            request_serializer=type(request).SerializeToString,
            response_deserializer=response_type.FromString,
        )
        return rpc(request, metadata=self._metadata, timeout=10)

    def image(self, **fields: Any) -> image_pb2.ImageResponse:
        request = image_pb2.GenerateImageRequest(
            **{"prompt": "A kite", "model": "grok-imagine-image", **fields}
        )
        return self.call("/xai_api.Image/GenerateImage", request, image_pb2.ImageResponse)

    def generate(self, **fields: Any) -> str:
        request = video_pb2.GenerateVideoRequest(
            **{"prompt": "Clouds", "model": "grok-imagine-video", **fields}
        )
        return str(
            self.call("/xai_api.Video/GenerateVideo", request, deferred_pb2.StartDeferredResponse).request_id
        )

    def extend(self, **fields: Any) -> str:
        request = video_pb2.ExtendVideoRequest(**{"prompt": "More", "model": "grok-imagine-video", **fields})
        return str(
            self.call("/xai_api.Video/ExtendVideo", request, deferred_pb2.StartDeferredResponse).request_id
        )

    def poll(self, request_id: str) -> video_pb2.GetDeferredVideoResponse:
        return self.call(
            "/xai_api.Video/GetDeferredVideo",
            video_pb2.GetDeferredVideoRequest(request_id=request_id),
            video_pb2.GetDeferredVideoResponse,
        )


@pytest.fixture
def raw(xai_emulator: Emulator) -> Iterator[Raw]:
    with grpc.insecure_channel(xai_emulator.address) as channel:
        yield Raw(channel, (("authorization", f"Bearer {xai_emulator.api_key}"),))


def invalid(call: Any, match: str) -> None:
    with pytest.raises(grpc.RpcError) as failure:
        call()
    assert failure.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert match in failure.value.details()


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])  # type: ignore[return-value]


def decoded(image: image_pb2.GeneratedImage) -> bytes:
    return base64.b64decode(image.base64.split(",", 1)[1])


# -- the pictures ----------------------------------------------------------------------------------


def test_the_png_encoder_writes_a_valid_image() -> None:
    data = _media.png(2, 1, [b"\xff\x00\x00\x00\x00\xff"])
    assert png_size(data) == (2, 1)
    idat_length = struct.unpack(">I", data[33:37])[0]
    assert zlib.decompress(data[41 : 41 + idat_length]) == b"\x00\xff\x00\x00\x00\x00\xff"
    assert data.endswith(b"IEND\xaeB`\x82")


def test_the_same_request_gives_the_same_picture(raw: Raw) -> None:
    first = raw.image(format=image_pb2.IMG_FORMAT_BASE64)
    second = raw.image(format=image_pb2.IMG_FORMAT_BASE64)
    assert first.images[0].base64 == second.images[0].base64


def test_each_image_of_a_request_differs(raw: Raw) -> None:
    response = raw.image(format=image_pb2.IMG_FORMAT_BASE64, n=2)
    assert response.images[0].base64 != response.images[1].base64


@pytest.mark.parametrize(
    ("aspect_ratio", "resolution", "size"),
    [
        (None, None, (16, 16)),
        (image_pb2.IMG_ASPECT_RATIO_16_9, None, (28, 16)),
        (image_pb2.IMG_ASPECT_RATIO_9_19_5, None, (16, 35)),
        (image_pb2.IMG_ASPECT_RATIO_2_1, image_pb2.IMG_RESOLUTION_2K, (64, 32)),
        (image_pb2.IMG_ASPECT_RATIO_AUTO, None, (16, 16)),
    ],
)
def test_pictures_follow_the_aspect_ratio_and_resolution(raw: Raw, aspect_ratio, resolution, size) -> None:
    response = raw.image(format=image_pb2.IMG_FORMAT_BASE64, aspect_ratio=aspect_ratio, resolution=resolution)
    picture = jpeg.read(decoded(response.images[0]))
    assert (picture.width, picture.height) == size


def test_pictures_are_jpeg_checkerboards_of_the_seeds_colours() -> None:
    seed = bytes([200, 30, 40, 10, 220, 90]) + bytes(26)
    picture = jpeg.read(_media.picture(seed, 20, 12))
    assert (picture.width, picture.height) == (20, 12)
    corners = [picture.pixels[0][0], picture.pixels[0][8], picture.pixels[8][0], picture.pixels[8][8]]
    first, second = (200, 30, 40), (10, 220, 90)
    # YCbCr rounding moves a channel by a unit or two
    for pixel, expected in zip(corners, [first, second, second, first], strict=True):
        assert all(abs(a - b) <= 2 for a, b in zip(pixel, expected, strict=True)), (pixel, expected)
    assert picture.pixels[11][19] == picture.pixels[8][16]  # the edge blocks are whole colours


def test_a_base64_image_is_a_jpeg_data_url(raw: Raw) -> None:
    image = raw.image(format=image_pb2.IMG_FORMAT_BASE64).images[0]
    assert image.base64.startswith("data:image/jpeg;base64,/9j/")


def test_an_unset_format_answers_by_url(raw: Raw) -> None:
    assert raw.image().images[0].url.startswith("http://")


def test_the_quality_high_enum_is_accepted(raw: Raw) -> None:
    assert raw.image(quality=image_pb2.IMG_QUALITY_HIGH).images


# -- image checks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "details"),
    [
        ({"prompt": " "}, "prompt must not be empty"),
        ({"n": 0}, "n must be between 1 and 10"),
        ({"n": 11}, "n must be between 1 and 10"),
        ({"format": 7}, "unknown image format"),
        ({"aspect_ratio": 0}, "invalid aspect_ratio"),
        ({"resolution": 9}, "invalid resolution"),
        ({"image": image_pb2.ImageUrlContent(image_url="x.jpg")}, "image.image_url must be"),
        ({"images": [image_pb2.ImageUrlContent(image_url="data:image/png;base64,")]}, "images[0].image_url"),
        ({"images": [image_pb2.ImageUrlContent(file_id=" ")]}, "images[0].file_id must not be empty"),
        ({"images": [image_pb2.ImageUrlContent()]}, "images[0] needs an image_url or a file_id"),
        (
            {
                "image": image_pb2.ImageUrlContent(file_id="a"),
                "images": [image_pb2.ImageUrlContent(file_id="b")],
            },
            "either image or images",
        ),
        ({"storage_options": image_pb2.StorageOptions()}, "storage_options.filename must not be empty"),
        (
            {"storage_options": image_pb2.StorageOptions(filename="a.png", expires_after=0)},
            "storage_options.expires_after must be a positive",
        ),
        (
            {
                "storage_options": image_pb2.StorageOptions(
                    filename="a.png", public_url=image_pb2.PublicUrlOptions(expires_after=-1)
                )
            },
            "storage_options.public_url.expires_after must be a positive",
        ),
    ],
)
def test_bad_image_requests_are_invalid(raw: Raw, fields, details) -> None:
    invalid(lambda: raw.image(**fields), details)


def test_an_unknown_image_model_is_not_found(raw: Raw) -> None:
    with pytest.raises(grpc.RpcError) as failure:
        raw.image(model="grok-2-image-9000")
    assert failure.value.code() == grpc.StatusCode.NOT_FOUND


def test_moderation_withholds_the_next_images_only(raw: Raw, xai_emulator: Emulator) -> None:
    xai_emulator.image.moderate_next(2)
    images = raw.image(n=3).images
    assert [image.respect_moderation for image in images] == [False, False, True]
    assert images[0].WhichOneof("image") is None and images[2].url


def test_reset_forgets_pending_moderation(raw: Raw, xai_emulator: Emulator) -> None:
    xai_emulator.image.moderate_next()
    xai_emulator.reset()
    assert raw.image().images[0].respect_moderation


def test_moderate_next_refuses_a_bad_count(xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        xai_emulator.image.moderate_next(0)


# -- storage ---------------------------------------------------------------------------------------


class _NoFiles:
    def service(self, full_name: str) -> Any:
        raise KeyError(full_name)


def test_storage_without_a_files_service_is_a_storage_error() -> None:
    output, error = _storage.store(_NoFiles(), image_pb2.StorageOptions(filename="a.png"), b"x", "image/png")
    assert (output, error) == (None, "file storage is not available in this emulator")


class _FilesWithoutPublicUrls:
    def service(self, full_name: str) -> Any:
        return self

    def add_file(
        self, name: str, data: bytes, *, content_type: str, expires_after: int | None
    ) -> files_pb2.File:
        return files_pb2.File(id="file-1", filename=name, size=len(data))

    def CreatePublicUrl(self, request: files_pb2.CreatePublicUrlRequest, call: None) -> None:
        raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, "no public URLs today")


def test_a_public_url_that_cannot_be_made_is_a_public_url_error() -> None:
    options = image_pb2.StorageOptions(filename="a.png", public_url=image_pb2.PublicUrlOptions())
    output, error = _storage.store(_FilesWithoutPublicUrls(), options, b"x", "image/png")
    assert error is None and output is not None
    assert (output.file_id, output.public_url_error, output.HasField("public_url")) == (
        "file-1",
        "no public URLs today",
        False,
    )


# -- video jobs ------------------------------------------------------------------------------------


def test_a_job_is_pending_with_progress_until_its_poll(raw: Raw, xai_emulator: Emulator) -> None:
    xai_emulator.video.deferred_polls = 3
    request_id = raw.generate()
    answers = [raw.poll(request_id) for _ in range(3)]
    assert [answer.status for answer in answers] == [
        deferred_pb2.PENDING,
        deferred_pb2.PENDING,
        deferred_pb2.DONE,
    ]
    assert [answer.response.progress for answer in answers] == [33, 66, 100]
    assert xai_emulator.video.polls(request_id) == 3


def test_a_done_job_stays_done(raw: Raw) -> None:
    request_id = raw.generate(duration=3)
    assert raw.poll(request_id) == raw.poll(request_id)


def test_each_job_keeps_the_poll_count_set_when_it_started(raw: Raw, xai_emulator: Emulator) -> None:
    request_id = raw.generate()
    xai_emulator.video.deferred_polls = 5
    assert raw.poll(request_id).status == deferred_pb2.DONE


def test_jobs_are_numbered_and_reset_restarts_the_numbers(raw: Raw, xai_emulator: Emulator) -> None:
    assert [raw.generate(), raw.extend(video=video_pb2.VideoUrlContent(file_id="f"))] == [
        "video-00000001",
        "video-00000002",
    ]
    xai_emulator.reset()
    with pytest.raises(grpc.RpcError) as failure:
        raw.poll("video-00000001")
    assert failure.value.code() == grpc.StatusCode.NOT_FOUND
    assert raw.generate() == "video-00000001"


def test_a_failed_job_carries_its_error(raw: Raw, xai_emulator: Emulator) -> None:
    xai_emulator.video.fail_next("busy", "Try later.")
    answer = raw.poll(raw.generate())
    assert answer.status == deferred_pb2.FAILED
    assert (answer.response.error.code, answer.response.error.message) == ("busy", "Try later.")


def test_a_failure_without_details_has_no_response(raw: Raw, xai_emulator: Emulator) -> None:
    xai_emulator.video.fail_next(None)
    assert not raw.poll(raw.generate()).HasField("response")


def test_an_expired_job_says_expired(raw: Raw, xai_emulator: Emulator) -> None:
    xai_emulator.video.expire_next(jobs=1)
    assert raw.poll(raw.generate()).status == deferred_pb2.EXPIRED


def test_the_video_knobs_refuse_bad_values(xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="deferred_polls"):
        xai_emulator.video.deferred_polls = 0
    with pytest.raises(ValueError, match="jobs"):
        xai_emulator.video.fail_next(jobs=0)


def test_an_unknown_video_model_is_not_found(raw: Raw) -> None:
    with pytest.raises(grpc.RpcError) as failure:
        raw.generate(model="grok-imagine-film")
    assert failure.value.code() == grpc.StatusCode.NOT_FOUND


def keyframe(timestamp: float) -> video_pb2.VideoKeyframe:
    return video_pb2.VideoKeyframe(image=image_pb2.ImageUrlContent(file_id="f"), timestamp_s=timestamp)


@pytest.mark.parametrize(
    ("fields", "details"),
    [
        ({"prompt": ""}, "prompt must not be empty"),
        (
            {"prompt": "", "video": video_pb2.VideoUrlContent(url="https://e.com/v.mp4")},
            "prompt must not be empty",
        ),
        ({"duration": 16}, "duration must be between 1 and 15"),
        ({"aspect_ratio": 0}, "invalid aspect_ratio"),
        ({"resolution": 8}, "invalid resolution"),
        (
            {
                "image": image_pb2.ImageUrlContent(file_id="a"),
                "video": video_pb2.VideoUrlContent(url="https://e.com/v.mp4"),
            },
            "either an input image or an input video",
        ),
        ({"video": video_pb2.VideoUrlContent(url="v.mp4")}, "video.url must be"),
        ({"last_frame": image_pb2.ImageUrlContent(image_url="l.png")}, "last_frame.image_url must be"),
        ({"reference_images": [image_pb2.ImageUrlContent()]}, "reference_images[0] needs"),
        ({"keyframes": [keyframe(t) for t in (1, 2, 3, 4, 5)]}, "at most 4 keyframes"),
        ({"keyframes": [keyframe(8)]}, "strictly inside the 8-second video"),
        ({"keyframes": [keyframe(2), keyframe(2.2)]}, "at least 1/3 second apart"),
        ({"reference_audios": [video_pb2.AudioUrlContent(voice_id="a")] * 4}, "at most 3 reference audios"),
        ({"reference_audios": [video_pb2.AudioUrlContent()]}, "need a voice_id"),
        ({"storage_options": image_pb2.StorageOptions(filename=" ")}, "storage_options.filename"),
    ],
)
def test_bad_generation_requests_are_invalid(raw: Raw, fields, details) -> None:
    invalid(lambda: raw.generate(**fields), details)


def test_an_image_may_be_animated_without_a_prompt(raw: Raw) -> None:
    request_id = raw.generate(prompt="", image=image_pb2.ImageUrlContent(image_url="https://e.com/a.png"))
    assert raw.poll(request_id).status == deferred_pb2.DONE


@pytest.mark.parametrize(
    ("fields", "details"),
    [
        ({}, "the video to extend is missing"),
        ({"video": video_pb2.VideoUrlContent(url="https://e.com/v.mp4"), "duration": 11}, "between 1 and 10"),
        ({"video": video_pb2.VideoUrlContent()}, "video needs a url or a file_id"),
    ],
)
def test_bad_extension_requests_are_invalid(raw: Raw, fields, details) -> None:
    invalid(lambda: raw.extend(**fields), details)
