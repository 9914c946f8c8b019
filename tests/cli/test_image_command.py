"""`xai image`: generate, save, edit; moderation and bad input."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Cli, lines, one_error_line
from xai_sdk.emulator import Emulator
from xai_sdk.proto import image_pb2

GENERATE = "Image/GenerateImage"
PNG = b"\x89PNG\r\n\x1a\n"


def test_without_output_the_url_is_printed(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("image", "A lighthouse")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("http://") and len(lines(result.stdout)) == 1
    [call] = xai_emulator.calls(GENERATE)
    assert call.request.model == "grok-imagine-image" and call.request.format == image_pb2.IMG_FORMAT_URL


def test_the_image_is_saved_to_the_output_path(xai: Cli, xai_emulator: Emulator, tmp_path: Path) -> None:
    target = tmp_path / "lighthouse.png"
    result = xai("image", "A lighthouse", "-o", target, "--aspect-ratio", "16:9")
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"\xff\xd8\xff")  # the emulator draws JPEGs, as the API does
    assert result.stdout.startswith(f"saved {target} (")
    request = xai_emulator.calls(GENERATE)[0].request
    assert request.format == image_pb2.IMG_FORMAT_BASE64  # no second download
    assert request.aspect_ratio == image_pb2.IMG_ASPECT_RATIO_16_9


def test_several_images_are_numbered(xai: Cli, xai_emulator: Emulator, tmp_path: Path) -> None:
    result = xai("image", "A boat", "-n", "3", "-o", tmp_path / "boat.png")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["boat-1.png", "boat-2.png", "boat-3.png"]
    assert xai_emulator.calls(GENERATE)[0].request.n == 3


def test_a_local_input_image_is_sent_as_a_data_url(xai: Cli, xai_emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "room.png"
    source.write_bytes(PNG + b"pixels")
    result = xai("image", "The room at night", "--image", source, "--image", "https://example.com/b.jpg")
    assert result.returncode == 0, result.stderr
    request = xai_emulator.calls(GENERATE)[0].request
    assert [image.image_url for image in request.images] == [
        "data:image/png;base64,iVBORw0KGgpwaXhlbHM=",
        "https://example.com/b.jpg",
    ]


def test_a_withheld_image_is_reported(xai: Cli, xai_emulator: Emulator, tmp_path: Path) -> None:
    xai_emulator.image.moderate_next()
    result = xai("image", "Something", "-o", tmp_path / "out.png")
    assert result.returncode == 1
    assert one_error_line(result) == "xai: image 1 was withheld by moderation"
    assert list(tmp_path.iterdir()) == []


def test_a_missing_input_file_is_refused_before_any_call(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("image", "x", "--image", "no-such-file.png")
    assert result.returncode == 2
    assert "neither an http(s) or data: URL nor an existing file" in one_error_line(result)
    assert xai_emulator.requests == []


def test_a_bad_count_or_aspect_ratio_is_refused_before_any_call(xai: Cli, xai_emulator: Emulator) -> None:
    assert xai("image", "x", "-n", "0").returncode == 2
    result = xai("image", "x", "--aspect-ratio", "5:4")
    assert result.returncode == 2
    assert "Invalid image aspect ratio 5:4. Must be one of ['1:1'" in one_error_line(result)
    assert xai_emulator.requests == []


def test_an_output_in_a_missing_directory_is_refused(
    xai: Cli, xai_emulator: Emulator, tmp_path: Path
) -> None:
    result = xai("image", "x", "-o", tmp_path / "missing" / "out.png")
    assert result.returncode == 1
    assert one_error_line(result).endswith("missing: no such directory")
    assert xai_emulator.requests == []


def test_an_unknown_image_model_is_not_found(xai: Cli) -> None:
    result = xai("image", "x", "-m", "grok-imagine-nothing")
    assert result.returncode == 1
    assert one_error_line(result).startswith("xai: error: NOT_FOUND: ")
