"""Writing a downloaded file to disk chunk by chunk, all or nothing.

The content goes to a temporary file beside the target, renamed onto it once the download is
complete: a failed or cancelled download leaves the target as it was, and no partial file.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from typing import IO, Any

__all__ = ["PartFile", "download_target"]


def download_target(path: Any) -> str:
    """Check where a download goes: a file path whose directory exists; returns it as a str."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path (str or pathlib.Path), got {type(path).__name__}")
    target = os.fspath(path)
    if not isinstance(target, str):
        raise TypeError(f"file paths must be text, got {target!r}")
    if not target:
        raise ValueError("path must not be empty")
    if os.path.isdir(target):
        raise IsADirectoryError(f"{target} is a directory: give the path of the file to write")
    directory = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(directory):
        raise FileNotFoundError(f"the directory {directory} does not exist")
    return target


class PartFile:
    """The file being downloaded: `write` each chunk, then `commit` (or `discard` on failure)."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.size = 0
        self._stream: IO[bytes] | None = None

    def write(self, data: bytes) -> None:
        """Append a chunk (the temporary file is created with the first one)."""
        if self._stream is None:
            directory, name = os.path.split(os.path.abspath(self.target))
            part = os.path.join(directory, f".{name}.{uuid.uuid4().hex[:12]}.part")
            self._stream = open(part, "xb")  # noqa: SIM115 - closed by commit or discard
        self._stream.write(data)
        self.size += len(data)

    def commit(self) -> int:
        """Put the downloaded content at the target path; returns its size in bytes."""
        if self._stream is None:  # an empty file sends no chunk
            with open(self.target, "wb"):
                return 0
        self._stream.close()
        os.replace(self._stream.name, self.target)
        return self.size

    def discard(self) -> None:
        """Remove what was written so far."""
        if self._stream is not None:
            self._stream.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._stream.name)
