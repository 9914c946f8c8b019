"""A reader of the baseline JPEGs the emulator draws, written from ITU T.81 for the tests.

It parses the markers (frame size, quantization and Huffman tables, scan) and decodes the
entropy-coded data of an interleaved YCbCr scan with 1x1 sampling. Every block must have its AC
coefficients at zero (each block of the emulator's pictures is of one colour): the reader then
knows each block's colour from its DC coefficient alone, and returns the picture's pixels.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class Jpeg:
    """What a JPEG file holds: its size and its pixels (RGB, one list of tuples per row)."""

    width: int
    height: int
    pixels: list[list[tuple[int, int, int]]] = field(default_factory=list)


def _segments(data: bytes) -> Iterator[tuple[int, bytes, int]]:
    """Marker, payload and the offset after it, up to the start of scan."""
    assert data[:2] == b"\xff\xd8", "no SOI marker"
    position = 2
    while position < len(data):
        assert data[position] == 0xFF, f"no marker at {position}"
        marker = data[position + 1]
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        payload = data[position + 4 : position + 2 + length]
        position += 2 + length
        yield marker, payload, position
        if marker == 0xDA:
            return


def _huffman(payload: bytes) -> Iterator[tuple[int, dict[tuple[int, int], int]]]:
    """(table class and id, {(length, code): value}) for each table of a DHT segment."""
    position = 0
    while position < len(payload):
        table = payload[position]
        counts = payload[position + 1 : position + 17]
        values = payload[position + 17 : position + 17 + sum(counts)]
        position += 17 + sum(counts)
        codes, code, index = {}, 0, 0
        for length, count in enumerate(counts, start=1):
            for _ in range(count):
                codes[(length, code)] = values[index]
                code += 1
                index += 1
            code <<= 1
        yield table, codes


class _Bits:
    def __init__(self, data: bytes) -> None:
        unstuffed = bytearray()
        position = 0
        while position < len(data):
            byte = data[position]
            if byte == 0xFF:
                following = data[position + 1]
                if following == 0xD9:
                    break
                assert following == 0x00, "a marker inside the scan"
                position += 1
            unstuffed.append(byte)
            position += 1
        self._data = bytes(unstuffed)
        self._position = 0

    def bit(self) -> int:
        byte = self._data[self._position // 8]
        value = (byte >> (7 - self._position % 8)) & 1
        self._position += 1
        return value

    def bits(self, count: int) -> int:
        value = 0
        for _ in range(count):
            value = (value << 1) | self.bit()
        return value

    def decode(self, codes: dict[tuple[int, int], int]) -> int:
        code = 0
        for length in range(1, 17):
            code = (code << 1) | self.bit()
            if (length, code) in codes:
                return codes[(length, code)]
        raise AssertionError("no Huffman code matches")


def _extend(value: int, size: int) -> int:
    return value if size == 0 or value >= 1 << (size - 1) else value - (1 << size) + 1


def read(data: bytes) -> Jpeg:
    """Decode a baseline JPEG of flat 8x8 blocks (AssertionError for anything else)."""
    quant: dict[int, list[int]] = {}
    tables: dict[int, dict[tuple[int, int], int]] = {}
    components: list[tuple[int, int]] = []
    width = height = 0
    scan: list[tuple[int, int]] = []
    start = 0
    for marker, payload, after in _segments(data):
        if marker == 0xDB:
            assert payload[0] >> 4 == 0, "8-bit quantization tables only"
            quant[payload[0] & 0x0F] = list(payload[1:65])
        elif marker == 0xC0:
            precision, height, width, count = struct.unpack(">BHHB", payload[:6])
            assert precision == 8 and count == 3
            for index in range(count):
                _, sampling, table = payload[6 + 3 * index : 9 + 3 * index]
                assert sampling == 0x11, "4:4:4 only"
                components.append((index, table))
        elif marker == 0xC4:
            tables.update(_huffman(payload))
        elif marker == 0xDA:
            count = payload[0]
            scan = [
                (payload[1 + 2 * index + 1] >> 4, payload[1 + 2 * index + 1] & 0x0F) for index in range(count)
            ]
            start = after
    bits = _Bits(data[start:])
    columns, rows = (width + 7) // 8, (height + 7) // 8
    previous = [0, 0, 0]
    blocks: list[list[tuple[int, int, int]]] = [[(0, 0, 0)] * columns for _ in range(rows)]
    for block_row in range(rows):
        for block_column in range(columns):
            levels = []
            for (index, quant_table), (dc_table, ac_table) in zip(components, scan, strict=True):
                size = bits.decode(tables[dc_table])
                previous[index] += _extend(bits.bits(size), size)
                assert bits.decode(tables[0x10 | ac_table]) == 0x00, "a block that is not flat"
                levels.append(previous[index] * quant[quant_table][0] / 8 + 128)
            y, cb, cr = levels
            rgb = (
                y + 1.402 * (cr - 128),
                y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128),
                y + 1.772 * (cb - 128),
            )
            blocks[block_row][block_column] = tuple(max(0, min(255, round(value))) for value in rgb)  # type: ignore[assignment]
    pixels = [[blocks[y // 8][x // 8] for x in range(width)] for y in range(height)]
    return Jpeg(width, height, pixels)
