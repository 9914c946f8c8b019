"""What the image and video services share: synthetic media and checks of media inputs.

The media are deterministic: the same seed (derived from the request) gives the same bytes: tiny
PNG pictures, and a few bytes that stand for an MP4 video.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import grpc

from xai_sdk.emulator._base import RpcAbort
from xai_sdk.proto import image_pb2

__all__ = [
    "check_image",
    "check_storage",
    "fake_mp4",
    "invalid",
    "is_media_url",
    "picture",
    "png",
    "seed_of",
]

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CELL = 4
"""Side in pixels of the squares of a picture's checkerboard."""


def seed_of(*parts: object) -> bytes:
    """32 bytes derived from the given values (e.g. a prompt and an image index)."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    """An 8-bit RGB PNG of `width` x `height` pixels; each row is ``3 * width`` bytes."""
    if width < 1 or height < 1 or len(rows) != height or any(len(row) != 3 * width for row in rows):
        raise ValueError(f"rows must be {height} rows of {3 * width} bytes")
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, no interlace
    scanlines = b"".join(b"\x00" + row for row in rows)  # filter type 0 (None) on every line
    return (
        _PNG_SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(scanlines, 9))
        + _chunk(b"IEND", b"")
    )


def picture(seed: bytes, width: int, height: int) -> bytes:
    """A PNG checkerboard of two colours taken from `seed`."""
    colours = (seed[0:3], seed[3:6])
    rows = [b"".join(colours[(x // _CELL + y // _CELL) % 2] for x in range(width)) for y in range(height)]
    return png(width, height, rows)


def fake_mp4(seed: bytes, duration: int) -> bytes:
    """A few bytes shaped like the start of an MP4 file (``ftyp`` and ``free`` boxes).

    Not a playable video: enough for a download to be checked byte for byte.
    """
    ftyp = b"ftyp" + b"isom" + struct.pack(">I", 512) + b"isomiso2mp41"
    free = b"free" + seed + struct.pack(">I", duration)
    return struct.pack(">I", 4 + len(ftyp)) + ftyp + struct.pack(">I", 4 + len(free)) + free


# -- checking media inputs -----------------------------------------------------------------------


def invalid(details: str) -> RpcAbort:
    """An INVALID_ARGUMENT error to raise."""
    return RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, details)


def is_media_url(url: str, media: str) -> bool:
    """Whether `url` is an http(s) URL, or a ``data:<media>/...;base64,...`` URL."""
    if url.startswith("data:"):
        header, separator, payload = url[5:].partition(",")
        return bool(separator and payload and header.startswith(f"{media}/") and header.endswith(";base64"))
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_image(content: image_pb2.ImageUrlContent, name: str) -> None:
    """An input image must be an http(s) or data URL, or a file id; INVALID_ARGUMENT otherwise."""
    source = content.WhichOneof("source")
    if source is None:
        raise invalid(f"{name} needs an image_url or a file_id")
    if source == "image_url" and not is_media_url(content.image_url, "image"):
        raise invalid(f"{name}.image_url must be an http(s) URL or a base64 data URL of an image")
    if source == "file_id" and not content.file_id.strip():
        raise invalid(f"{name}.file_id must not be empty")


def check_storage(request: Any) -> None:
    """The storage options of a request (image or video), if any: a file name, positive lifetimes."""
    if not request.HasField("storage_options"):
        return
    options = request.storage_options
    if not options.filename.strip():
        raise invalid("storage_options.filename must not be empty")
    if options.HasField("expires_after") and options.expires_after <= 0:
        raise invalid("storage_options.expires_after must be a positive number of seconds")
    if options.public_url.HasField("expires_after") and options.public_url.expires_after <= 0:
        raise invalid("storage_options.public_url.expires_after must be a positive number of seconds")
