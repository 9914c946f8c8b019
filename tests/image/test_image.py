"""client.image against the emulator, with both clients: every method and option, and bad input."""

from __future__ import annotations

import base64
import inspect
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.conftest import outcome
from xai_sdk import errors
from xai_sdk.emulator import Emulator
from xai_sdk.image import (
    BaseClient,
    BaseImageResponse,
    ImageClient,
    ImageResponse,
    convert_image_aspect_ratio_to_pb,
    convert_image_format_to_pb,
    convert_image_quality_to_pb,
    convert_image_resolution_to_pb,
)
from xai_sdk.proto import batch_pb2, image_pb2
from xai_sdk.service import variant

MODEL = "grok-imagine-image"
GENERATE = "Image/GenerateImage"
PNG = b"\x89PNG\r\n\x1a\n"
JPEG = b"\xff\xd8\xff"
"""The emulator draws JPEG pictures, as the real API returns them."""
PIXEL = "data:image/png;base64," + base64.b64encode(PNG).decode()


def sent(emulator: Emulator) -> image_pb2.GenerateImageRequest:
    return emulator.calls(GENERATE)[-1].request


def served(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return bytes(response.read())


# -- sample ---------------------------------------------------------------------------------------


async def test_sample_returns_an_image_by_url(client) -> None:
    response = await outcome(client.image.sample("A lighthouse at dawn", MODEL))
    assert isinstance(response, ImageResponse)
    assert response.url.startswith("http://127.0.0.1:")
    assert response.respect_moderation
    assert response.model == MODEL


async def test_image_returns_the_bytes_the_emulator_served(client) -> None:
    response = await outcome(client.image.sample("A lighthouse at dawn", MODEL))
    data = await outcome(response.image)
    assert data.startswith(JPEG)
    assert data == served(response.url)


async def test_image_is_bytes_on_client_and_awaitable_on_async_client(client) -> None:
    response = await outcome(client.image.sample("A kite", MODEL))
    image = response.image
    if client._runner.is_async:
        assert inspect.iscoroutine(image)
        image = await image
    assert isinstance(image, bytes)


async def test_base64_format_returns_a_data_url_and_its_decoded_bytes(client) -> None:
    response = await outcome(client.image.sample("A kite", MODEL, image_format="base64"))
    prefix, payload = response.base64.split(",", 1)
    assert prefix == "data:image/jpeg;base64"
    assert await outcome(response.image) == base64.b64decode(payload)


async def test_the_default_format_is_url_and_n_is_always_sent(client, xai_emulator: Emulator) -> None:
    await outcome(client.image.sample("A kite", MODEL))
    request = sent(xai_emulator)
    assert request.format == image_pb2.IMG_FORMAT_URL
    assert request.HasField("n") and request.n == 1


async def test_every_option_reaches_the_server(client, xai_emulator: Emulator) -> None:
    await outcome(
        client.image.sample(
            "A red fox",
            "grok-imagine-image-2.0",
            user="user-7",
            image_format="base64",
            aspect_ratio="9:19.5",
            resolution="2k",
            quality="low",
            storage_options={"filename": "fox.png", "expires_after": 3600, "public_url": True},
        )
    )
    request = sent(xai_emulator)
    assert (request.prompt, request.model, request.user) == ("A red fox", "grok-imagine-image-2.0", "user-7")
    assert request.format == image_pb2.IMG_FORMAT_BASE64
    assert request.aspect_ratio == image_pb2.IMG_ASPECT_RATIO_9_19_5
    assert request.resolution == image_pb2.IMG_RESOLUTION_2K
    assert request.quality == image_pb2.IMG_QUALITY_LOW
    assert request.storage_options.filename == "fox.png"
    assert request.storage_options.expires_after == 3600
    assert request.storage_options.HasField("public_url")


async def test_unset_options_stay_unset(client, xai_emulator: Emulator) -> None:
    await outcome(client.image.sample("A kite", MODEL))
    request = sent(xai_emulator)
    for field in ("aspect_ratio", "resolution", "quality", "storage_options", "image"):
        assert not request.HasField(field), field
    assert not request.images and request.user == ""


async def test_an_aspect_ratio_enum_value_passes_through(client, xai_emulator: Emulator) -> None:
    await outcome(client.image.sample("A kite", MODEL, aspect_ratio=image_pb2.IMG_ASPECT_RATIO_AUTO))
    assert sent(xai_emulator).aspect_ratio == image_pb2.IMG_ASPECT_RATIO_AUTO


async def test_a_model_alias_answers_with_the_model_name(client) -> None:
    response = await outcome(client.image.sample("A kite", "grok-imagine-image-latest"))
    assert response.model == MODEL


async def test_usage_and_cost_are_reported(client) -> None:
    response = await outcome(client.image.sample("Kites in the wind", MODEL))
    assert response.usage.prompt_tokens == 4
    assert response.cost_usd == pytest.approx(0.07)


async def test_the_per_call_timeout_reaches_the_server(client, xai_emulator: Emulator) -> None:
    await outcome(client.image.sample("A kite", MODEL, timeout=7))
    remaining = xai_emulator.calls(GENERATE)[-1].time_remaining
    assert remaining is not None and 0 < remaining <= 7.5  # grpc rounds the deadline it sends up


async def test_an_unknown_model_is_not_found(client) -> None:
    with pytest.raises(errors.NotFoundError):
        await outcome(client.image.sample("A kite", "grok-imagine-nothing"))


# -- editing ----------------------------------------------------------------------------------------


async def test_one_input_url_goes_into_image(client, xai_emulator: Emulator) -> None:
    await outcome(client.image.sample("Make it night", MODEL, image_url="https://example.com/day.jpg"))
    request = sent(xai_emulator)
    assert request.image.image_url == "https://example.com/day.jpg"
    assert request.image.detail == image_pb2.DETAIL_AUTO
    assert not request.images


async def test_a_data_url_is_an_input_image_too(client, xai_emulator: Emulator) -> None:
    await outcome(client.image.sample("Make it night", MODEL, image_url=PIXEL))
    assert sent(xai_emulator).image.image_url == PIXEL


async def test_one_input_file_goes_into_image(client, xai_emulator: Emulator) -> None:
    await outcome(client.image.sample("Make it night", MODEL, image_file_id="file-1"))
    assert sent(xai_emulator).image.file_id == "file-1"


async def test_several_inputs_go_into_images_file_ids_first(client, xai_emulator: Emulator) -> None:
    await outcome(
        client.image.sample(
            "Combine them",
            MODEL,
            image_urls=["https://example.com/a.jpg", PIXEL],
            image_file_ids=["file-1", "file-2"],
        )
    )
    request = sent(xai_emulator)
    sources = [image.file_id or image.image_url for image in request.images]
    assert sources == ["file-1", "file-2", "https://example.com/a.jpg", PIXEL]
    assert {image.detail for image in request.images} == {image_pb2.DETAIL_AUTO}
    assert not request.HasField("image")


async def test_an_edit_differs_from_the_picture_without_input(client) -> None:
    plain = await outcome(client.image.sample("Same prompt", MODEL, image_format="base64"))
    edited = await outcome(client.image.sample("Same prompt", MODEL, image_format="base64", image_url=PIXEL))
    assert plain.base64 != edited.base64


# -- sample_batch -----------------------------------------------------------------------------------


async def test_sample_batch_returns_n_distinct_images(client, xai_emulator: Emulator) -> None:
    responses = await outcome(client.image.sample_batch("Three kites", MODEL, 3, image_format="base64"))
    assert [type(response) for response in responses] == [ImageResponse] * 3
    assert len({await outcome(response.image) for response in responses}) == 3
    assert sent(xai_emulator).n == 3


async def test_sample_batch_takes_the_same_options(client, xai_emulator: Emulator) -> None:
    await outcome(
        client.image.sample_batch(
            "Two kites", MODEL, 2, aspect_ratio="16:9", resolution="1k", quality="medium", user="u"
        )
    )
    request = sent(xai_emulator)
    assert (request.n, request.aspect_ratio, request.resolution, request.quality, request.user) == (
        2,
        image_pb2.IMG_ASPECT_RATIO_16_9,
        image_pb2.IMG_RESOLUTION_1K,
        image_pb2.IMG_QUALITY_MEDIUM,
        "u",
    )


async def test_images_of_a_batch_share_usage_and_cost(client) -> None:
    responses = await outcome(client.image.sample_batch("Kites", MODEL, 2))
    assert responses[0].usage == responses[1].usage
    assert responses[0].cost_usd == pytest.approx(0.14)


# -- moderation, storage, the response's errors ----------------------------------------------------


async def test_a_moderated_image_has_no_url_base64_or_bytes(client, xai_emulator: Emulator) -> None:
    xai_emulator.image.moderate_next()
    response = await outcome(client.image.sample("Something", MODEL))
    assert not response.respect_moderation
    with pytest.raises(ValueError, match="did not respect moderation rules; URL"):
        _ = response.url
    with pytest.raises(ValueError, match="did not respect moderation rules; base64"):
        _ = response.base64
    # Worded as the official sync and async clients word it, then why.
    missing = "base64 or URL" if client._runner.is_async else "URL or base64"
    with pytest.raises(
        ValueError, match=f"Image was not returned via {missing}. It did not respect moderation"
    ):
        await outcome(response.image)


async def test_url_of_a_base64_image_is_an_error(client) -> None:
    response = await outcome(client.image.sample("A kite", MODEL, image_format="base64"))
    with pytest.raises(
        ValueError, match=r"Image was not returned via URL and cannot be fetched\. It was returned"
    ):
        _ = response.url


async def test_base64_of_a_url_image_is_an_error(client) -> None:
    response = await outcome(client.image.sample("A kite", MODEL))
    with pytest.raises(ValueError, match=r"Image was not returned via base64\. It was returned via URL"):
        _ = response.base64


async def test_a_failed_download_raises_the_http_error(client, xai_emulator: Emulator) -> None:
    response = await outcome(client.image.sample("A kite", MODEL))
    xai_emulator.content.unpublish(response.url)
    with pytest.raises(urllib.error.HTTPError, match="404"):
        await outcome(response.image)


async def test_storage_without_a_file_service_reports_a_storage_error(client, no_file_storage) -> None:
    response = await outcome(client.image.sample("A kite", MODEL, storage_options={"filename": "kite.png"}))
    assert response.storage_error == "file storage is not available in this emulator"
    assert (response.file_output, response.public_url, response.public_url_error) == (None, None, None)


async def test_storage_keeps_the_image_as_a_file(client, xai_emulator: Emulator) -> None:
    if not has_files(xai_emulator):
        pytest.skip("this emulator has no Files service yet")
    response = await outcome(
        client.image.sample(
            "A kite",
            MODEL,
            storage_options={
                "filename": "kite.png",
                "expires_after": 3600,
                "public_url": {"expires_after": 600},
            },
        )
    )
    files = xai_emulator.service("xai_api.Files")
    output = response.file_output
    assert response.storage_error is None
    assert output is not None and output.filename == "kite.png"
    assert files.data(output.file_id) == await outcome(response.image)
    assert output.HasField("expires_at") and output.HasField("public_url_expires_at")
    assert response.public_url == files.file(output.file_id).public_url
    assert served(response.public_url) == files.data(output.file_id)


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


async def test_unrequested_storage_fields_are_none(client) -> None:
    response = await outcome(client.image.sample("A kite", MODEL))
    assert (response.file_output, response.storage_error, response.public_url) == (None, None, None)


async def test_prompt_is_deprecated_and_empty(client) -> None:
    response = await outcome(client.image.sample("A kite", MODEL))
    with pytest.warns(DeprecationWarning, match="prompt is deprecated"):
        assert response.prompt == ""


# -- prepare ----------------------------------------------------------------------------------------


async def test_prepare_builds_a_batch_request_without_any_rpc(client, xai_emulator: Emulator) -> None:
    prepared = client.image.prepare(
        "A kite", MODEL, batch_request_id="kite-1", image_urls=[PIXEL], aspect_ratio="1:1"
    )
    assert isinstance(prepared, batch_pb2.BatchRequest)
    assert prepared.batch_request_id == "kite-1"
    assert prepared.image_request.prompt == "A kite"
    assert prepared.image_request.n == 1
    assert prepared.image_request.images[0].image_url == PIXEL
    assert xai_emulator.requests == []


async def test_prepare_without_an_id_leaves_it_empty(client) -> None:
    assert client.image.prepare("A kite", MODEL).batch_request_id == ""


# -- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"prompt": 42}, TypeError, "prompt must be a string"),
        ({"model": ""}, ValueError, "model must not be empty"),
        (
            {"image_format": "png"},
            ValueError,
            r"Invalid image format png\. Must be one of \['base64', 'url'\]",
        ),
        ({"aspect_ratio": "5:4"}, ValueError, r"Invalid image aspect ratio 5:4\. Must be one of \['1:1'"),
        ({"resolution": "4k"}, ValueError, r"Invalid image resolution 4k\. Must be one of \['1k', '2k'\]"),
        ({"quality": "high"}, ValueError, r"Invalid image quality high\. Must be one of \['low', 'medium'\]"),
        ({"image_url": "photo.jpg"}, ValueError, "image_url must be an http\\(s\\) URL or a base64 data URL"),
        ({"image_url": "ftp://example.com/a.jpg"}, ValueError, "image_url must be an http"),
        ({"image_url": "data:text/plain;base64,aGk="}, ValueError, "image_url must be an http"),
        ({"image_url": "data:image/png,raw"}, ValueError, "image_url must be an http"),
        ({"image_url": b"https://example.com/a.jpg"}, TypeError, "image_url must be a string"),
        ({"image_urls": ["https://example.com/a.jpg", "b.jpg"]}, ValueError, "image_urls entry must be"),
        ({"image_urls": "https://example.com/a.jpg"}, TypeError, "image_urls must be a list of strings"),
        ({"image_file_ids": ["file-1", ""]}, ValueError, "image_file_ids entry must not be empty"),
        ({"image_file_id": ""}, ValueError, "image_file_id must not be empty"),
        (
            {"image_url": "https://example.com/a.jpg", "image_file_id": "file-1"},
            ValueError,
            "Only one of image_url or image_file_id",
        ),
        (
            {"image_url": "https://example.com/a.jpg", "image_file_ids": ["file-1"]},
            ValueError,
            "Only one of image_url/image_file_id or image_urls/image_file_ids",
        ),
        ({"user": 7}, TypeError, "user must be a string"),
        (
            {"storage_options": {"expires_after": 60}},
            ValueError,
            r"1 validation error for StorageOptions\nfilename\n  Field required",
        ),
        ({"storage_options": {"filename": " "}}, ValueError, "storage_options needs a non-empty 'filename'"),
        (
            {"storage_options": {"filename": "a.png", "public_url": "maybe"}},
            ValueError,
            r"public_url\.bool\n  Input should be a valid boolean.*\n"
            r"public_url\.PublicUrlOptions\n  Input should be a valid dictionary",
        ),
        ({"timeout": 0}, ValueError, "timeout must be a positive"),
    ],
)
async def test_bad_arguments_fail_before_any_rpc(
    client, xai_emulator: Emulator, arguments, error, message
) -> None:
    call = {"prompt": "A kite", "model": MODEL, **arguments}
    with pytest.raises(error, match=message):
        await outcome(client.image.sample(call.pop("prompt"), call.pop("model"), **call))
    assert xai_emulator.requests == []


@pytest.mark.parametrize("prompt", ["", "   ", None])
def test_an_empty_prompt_is_sent_for_the_api_to_judge(client, prompt: str | None) -> None:
    # As in the official SDK: an edit may need no words; None leaves the field unset.
    prepared = client.image.prepare(prompt, MODEL, image_url="https://example.com/a.jpg")
    assert prepared.image_request.prompt == (prompt or "")


def test_storage_options_are_read_as_the_official_sdk_reads_them(client) -> None:
    options = {"filename": "a.png", "expires_after": "60", "public_url": {"ttl": 5}, "size": 1}
    prepared = client.image.prepare("A kite", MODEL, storage_options=options)
    assert prepared.image_request.storage_options == image_pb2.StorageOptions(
        filename="a.png", expires_after=60, public_url=image_pb2.PublicUrlOptions()
    )


@pytest.mark.parametrize(
    ("n", "error", "message"),
    [
        (0, ValueError, "n must be at least 1, got 0"),
        (-2, ValueError, "at least 1"),
        ("3", TypeError, "integer"),
    ],
)
async def test_a_bad_count_fails_before_any_rpc(client, xai_emulator: Emulator, n, error, message) -> None:
    with pytest.raises(error, match=message):
        await outcome(client.image.sample_batch("Kites", MODEL, n))
    assert xai_emulator.requests == []


async def test_prepare_checks_its_arguments_too(client) -> None:
    with pytest.raises(ValueError, match="Invalid image aspect ratio"):
        client.image.prepare("A kite", MODEL, aspect_ratio="square")


async def test_a_count_above_the_api_limit_is_refused_by_the_server(client) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="n must be between 1 and 10"):
        await outcome(client.image.sample_batch("Kites", MODEL, 11))


# -- the helpers and types ---------------------------------------------------------------------------


def test_converters_map_every_literal() -> None:
    assert convert_image_format_to_pb("url") == image_pb2.IMG_FORMAT_URL
    assert convert_image_format_to_pb("base64") == image_pb2.IMG_FORMAT_BASE64
    assert convert_image_aspect_ratio_to_pb("19.5:9") == image_pb2.IMG_ASPECT_RATIO_19_5_9
    assert convert_image_resolution_to_pb("1k") == image_pb2.IMG_RESOLUTION_1K
    assert convert_image_quality_to_pb("medium") == image_pb2.IMG_QUALITY_MEDIUM


@pytest.mark.parametrize("value", [0, 99, True, None, 1.0])
def test_converters_refuse_what_is_not_a_literal_or_an_enum_value(value: object) -> None:
    with pytest.raises(ValueError, match="Invalid image aspect ratio"):
        convert_image_aspect_ratio_to_pb(value)  # type: ignore[arg-type]


def test_the_official_names_are_there() -> None:
    assert BaseClient is ImageClient
    assert issubclass(ImageResponse, BaseImageResponse)


def test_a_response_index_out_of_range_is_an_index_error() -> None:
    with pytest.raises(IndexError, match="holds 1 image"):
        BaseImageResponse(image_pb2.ImageResponse(images=[image_pb2.GeneratedImage(url="http://x")]), 1)


@pytest.fixture
def recording_server() -> Iterator[tuple[str, list[dict[str, str]]]]:
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(dict(self.headers))
            self.send_response(200)
            self.send_header("Content-Length", "3")
            self.end_headers()
            self.wfile.write(b"abc")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/image.jpg", seen
    server.shutdown()
    server.server_close()


def test_a_response_made_by_hand_downloads_with_the_sdk_user_agent(recording_server) -> None:
    url, seen = recording_server
    response = ImageResponse(image_pb2.ImageResponse(images=[image_pb2.GeneratedImage(url=url)]), 0)
    assert response.image == b"abc"
    assert seen[0]["User-Agent"].startswith("XaiSdk/")


def test_a_bare_base64_payload_is_decoded_too() -> None:
    proto = image_pb2.ImageResponse(
        images=[image_pb2.GeneratedImage(base64=base64.b64encode(b"xyz").decode())]
    )
    assert ImageResponse(proto, 0).image == b"xyz"


def test_an_image_with_neither_url_nor_base64_has_no_bytes() -> None:
    proto = image_pb2.ImageResponse(images=[image_pb2.GeneratedImage(respect_moderation=True)])
    with pytest.raises(ValueError, match="not returned via URL or base64"):
        _ = ImageResponse(proto, 0).image


def test_only_http_urls_are_downloaded() -> None:
    proto = image_pb2.ImageResponse(images=[image_pb2.GeneratedImage(url="file:///etc/passwd")])
    with pytest.raises(ValueError, match="non-HTTP URL"):
        _ = ImageResponse(proto, 0).image


def test_the_official_sync_and_aio_module_paths_name_the_variants_of_the_one_client() -> None:
    from xai_sdk.aio import image as aio_image
    from xai_sdk.sync import image as sync_image

    assert sync_image.Client is variant(ImageClient, is_async=False)
    assert aio_image.Client is variant(ImageClient, is_async=True)
    assert sync_image.ImageResponse is aio_image.ImageResponse is ImageResponse
