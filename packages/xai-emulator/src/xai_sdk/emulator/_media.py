"""What the image and video services share: synthetic media and checks of media inputs.

The media are deterministic: the same seed (derived from the request) gives the same bytes: tiny
JPEG pictures (the format the real API returns; a baseline JPEG written here, no imaging library
needed) or PNG ones, and a few bytes that stand for an MP4 video.
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
    "jpeg",
    "picture",
    "png",
    "png_picture",
    "seed_of",
]

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CELL = 8
"""Side in pixels of the squares of a picture's checkerboard: one JPEG block each, so that every
block is of one colour and the JPEG is exact (only DC coefficients)."""


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


def _checkerboard(seed: bytes, width: int, height: int) -> list[bytes]:
    colours = (seed[0:3], seed[3:6])
    return [b"".join(colours[(x // _CELL + y // _CELL) % 2] for x in range(width)) for y in range(height)]


def png_picture(seed: bytes, width: int, height: int) -> bytes:
    """A PNG checkerboard of two colours taken from `seed`."""
    return png(width, height, _checkerboard(seed, width, height))


def picture(seed: bytes, width: int, height: int) -> bytes:
    """A JPEG checkerboard of two colours taken from `seed` (what the image services return)."""
    return jpeg(width, height, _checkerboard(seed, width, height))


# -- a baseline JPEG encoder for pictures made of flat 8x8 blocks --------------------------------

_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)
"""The standard luminance DC Huffman table (ITU T.81, table K.3): code lengths 1 to 16 ..."""
_DC_VALUES = tuple(range(12))
"""... for the categories 0 to 11."""
_AC_BITS = (1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
_AC_VALUES = (0x00, 0x01)
"""An AC table of two symbols: end-of-block (code "0") and one more so the table is complete."""
_QUANT = 8
"""Every quantizer step: a flat block's DC coefficient, 8 * (level - 128), quantizes to level - 128."""


def _huffman_codes(bits: Sequence[int], values: Sequence[int]) -> dict[int, tuple[int, int]]:
    """The canonical codes of a JPEG Huffman table: value -> (code, length)."""
    codes, code, position = {}, 0, 0
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            codes[values[position]] = (code, length)
            code += 1
            position += 1
        code <<= 1
    return codes


class _BitWriter:
    def __init__(self) -> None:
        self.data = bytearray()
        self._bits = 0
        self._count = 0

    def write(self, value: int, length: int) -> None:
        self._bits = (self._bits << length) | (value & ((1 << length) - 1))
        self._count += length
        while self._count >= 8:
            self._count -= 8
            byte = (self._bits >> self._count) & 0xFF
            self.data.append(byte)
            if byte == 0xFF:  # byte stuffing
                self.data.append(0x00)
        self._bits &= (1 << self._count) - 1

    def flush(self) -> bytes:
        if self._count:
            self.write((1 << (8 - self._count)) - 1, 8 - self._count)  # pad with 1-bits
        return bytes(self.data)


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">HH", 0xFF00 | marker, len(payload) + 2) + payload


def _ycbcr(red: int, green: int, blue: int) -> tuple[int, int, int]:
    """JFIF's RGB to YCbCr, rounded and clamped."""

    def clamp(value: float) -> int:
        return max(0, min(255, round(value)))

    return (
        clamp(0.299 * red + 0.587 * green + 0.114 * blue),
        clamp(128 - 0.168736 * red - 0.331264 * green + 0.5 * blue),
        clamp(128 + 0.5 * red - 0.418688 * green - 0.081312 * blue),
    )


def jpeg(width: int, height: int, rows: Sequence[bytes]) -> bytes:
    """A baseline JPEG (JFIF, YCbCr 4:4:4) of an RGB picture whose 8x8 blocks are each of one colour.

    Each block is encoded from its top-left pixel: exact for such pictures (a block's only
    non-zero coefficient is its DC one), blurred for others.
    """
    if width < 1 or height < 1 or len(rows) != height or any(len(row) != 3 * width for row in rows):
        raise ValueError(f"rows must be {height} rows of {3 * width} bytes")
    dc_codes = _huffman_codes(_DC_BITS, _DC_VALUES)
    end_of_block = _huffman_codes(_AC_BITS, _AC_VALUES)[0x00]
    writer = _BitWriter()
    previous = [0, 0, 0]
    for block_y in range(0, height, 8):
        for block_x in range(0, width, 8):
            row = rows[block_y]
            levels = _ycbcr(*row[3 * block_x : 3 * block_x + 3])
            for component, level in enumerate(levels):
                value = level - 128  # the quantized DC coefficient: 8 * (level - 128) / _QUANT
                difference, previous[component] = value - previous[component], value
                size = abs(difference).bit_length()
                writer.write(*dc_codes[size])
                if size:
                    writer.write(difference if difference > 0 else difference + (1 << size) - 1, size)
                writer.write(*end_of_block)
    tables = bytes([0x00, *_DC_BITS, *_DC_VALUES, 0x10, *_AC_BITS, *_AC_VALUES])
    components = b"".join(bytes([number, 0x11, 0]) for number in (1, 2, 3))
    return (
        b"\xff\xd8"
        + _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + _segment(0xDB, bytes([0x00]) + bytes([_QUANT] * 64))
        + _segment(0xC0, struct.pack(">BHHB", 8, height, width, 3) + components)
        + _segment(0xC4, tables)
        + _segment(0xDA, bytes([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]))
        + writer.flush()
        + b"\xff\xd9"
    )


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
