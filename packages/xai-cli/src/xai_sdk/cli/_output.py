"""What the commands print: tables, fields, sizes, times, JSON, and a progress bar on stderr."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Collection, Iterable, Sequence
from datetime import timezone
from typing import Any, TextIO

__all__ = ["ProgressBar", "fields", "human_size", "print_json", "table", "timestamp"]


def _cell(value: object) -> str:
    return str(value).replace("\r", " ").replace("\n", " ")


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    right: Collection[int] = (),
    out: TextIO | None = None,
) -> None:
    """Print `rows` under `headers` in aligned columns, two spaces apart.

    Columns whose index is in `right` are right-aligned (numbers); newlines in cells become spaces.
    """
    out = out or sys.stdout
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max([len(header), *(len(row[i]) for row in cells)]) for i, header in enumerate(headers)]
    for row in [list(headers), *cells]:
        parts = [
            value.rjust(width) if index in right else value.ljust(width)
            for index, (value, width) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(parts).rstrip(), file=out)


def fields(pairs: Iterable[tuple[str, object]], *, out: TextIO | None = None) -> None:
    """Print ``name  value`` lines, the values aligned; lists are joined with commas."""
    items = [
        (name, ", ".join(map(str, value)) if isinstance(value, list) else str(value)) for name, value in pairs
    ]
    width = max((len(name) for name, _ in items), default=0)
    for name, value in items:
        print(f"{name.ljust(width)}  {value}".rstrip(), file=out or sys.stdout)


def human_size(size: int) -> str:
    """A byte count for people: ``512 B``, ``1.5 KiB``, ``7.0 MiB``."""
    if size < 1024:
        return f"{size} B"
    units = ("KiB", "MiB", "GiB", "TiB")
    value, unit = size / 1024, 0
    while value >= 1024 and unit < len(units) - 1:
        value, unit = value / 1024, unit + 1
    return f"{value:.1f} {units[unit]}"


def timestamp(value: Any) -> str:
    """A `google.protobuf.Timestamp` as ``YYYY-MM-DD HH:MM`` UTC, or ``-`` when unset."""
    if not value.seconds and not value.nanos:
        return "-"
    return str(value.ToDatetime(tzinfo=timezone.utc).strftime("%Y-%m-%d %H:%M"))


def as_dict(message: Any) -> dict[str, Any]:
    """A protobuf message as a dict with the field names of the .proto files, in their order."""
    from google.protobuf import json_format  # noqa: PLC0415 - only for the commands that print messages

    values = json_format.MessageToDict(message, preserving_proto_field_name=True)
    return {field.name: values[field.name] for field in message.DESCRIPTOR.fields if field.name in values}


def print_json(value: Any) -> None:
    """Print a protobuf message (or a list or dict of them) as indented JSON on stdout."""
    import json  # noqa: PLC0415

    def convert(item: Any) -> Any:
        if isinstance(item, list):
            return [convert(element) for element in item]
        if isinstance(item, dict):
            return {key: convert(element) for key, element in item.items()}
        return as_dict(item) if hasattr(item, "DESCRIPTOR") else item

    print(json.dumps(convert(value), indent=2, ensure_ascii=False))


class ProgressBar:
    """A one-line progress bar on stderr for uploads and downloads.

    Call `update` with the bytes done so far (from any one thread), then `close`. The line is
    redrawn at most every `interval` seconds; a disabled bar prints nothing. The total may be
    unknown (None): the bar then shows the bytes done.
    """

    WIDTH = 30

    def __init__(
        self,
        label: str,
        total: int | None,
        *,
        enabled: bool,
        stream: TextIO | None = None,
        interval: float = 0.1,
    ) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.enabled = enabled
        self._stream = stream or sys.stderr
        self._interval = interval
        self._lock = threading.Lock()
        self._drawn_at: float | None = None
        self._width = 0
        self._closed = False

    def update(self, done: int) -> None:
        """Record that `done` bytes are through; redraw if it is time to."""
        with self._lock:
            self.done = done
            now = time.monotonic()
            if self._drawn_at is None or now - self._drawn_at >= self._interval:
                self._draw(now)

    def close(self) -> None:
        """Draw the final state and end the line (idempotent)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._draw(time.monotonic())
            if self.enabled:
                self._stream.write("\n")
                self._stream.flush()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def line(self) -> str:
        """The text of the bar for the current state."""
        if not self.total:
            return f"{self.label}  {human_size(self.done)}"
        share = min(self.done / self.total, 1.0)
        filled = int(share * self.WIDTH)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        return f"{self.label}  [{bar}] {share:4.0%}  {human_size(self.done)} / {human_size(self.total)}"

    def _draw(self, now: float) -> None:
        if not self.enabled:
            return
        text = self.line()
        # Pad over what a longer previous line left behind.
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = len(text)
        self._drawn_at = now
