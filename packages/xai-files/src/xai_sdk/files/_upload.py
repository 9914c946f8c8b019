"""The streamed upload of one file, shared by `client.files` and `client.collections`.

`prepare_upload` checks what to upload before any RPC and returns an `Upload`, whose request
messages — one ``UploadFileChunk(init=...)`` naming the file, then the content in chunks of
`UPLOAD_CHUNK_SIZE` — are produced one at a time as gRPC sends them: a file on disk or a file
object is read chunk by chunk, so an upload of any size holds a few chunks in memory at most.
`upload_flow` makes the ``Files/UploadFile`` client-streaming call with them, and
`upload_operation` is that call as an operation of its own.
"""

from __future__ import annotations

import inspect
import io
import os
import stat
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

from xai_sdk.arguments import text
from xai_sdk.files._types import ProgressCallback
from xai_sdk.operations import Call, Flow, Operation, Timeout, call_timeout, rpc
from xai_sdk.proto import files_pb2
from xai_sdk.storage import expires_after_seconds

__all__ = ["UPLOAD_CHUNK_SIZE", "UPLOAD_FILE", "Upload", "prepare_upload", "upload_flow", "upload_operation"]

UPLOAD_FILE = rpc(files_pb2, "Files", "UploadFile", channel="api")
UPLOAD_CHUNK_SIZE = 3 * 1024 * 1024
"""Bytes of content per upload message (3 MiB, as in the official SDK)."""

Report = Callable[[int, int, "int | None"], None]
"""Called after each chunk is sent with ``(chunk_size, bytes_sent, total_bytes)``."""


class Upload:
    """One file ready to be uploaded: its name, size if known, and its request messages.

    Iterating it yields the messages, reading the content lazily; iterate it once.
    """

    def __init__(
        self,
        name: str,
        chunks: Callable[[], Iterator[bytes]],
        *,
        total: int | None,
        expires_after: int | None = None,
        report: Report | None = None,
    ) -> None:
        self.name = name
        self.total = total
        self.init = files_pb2.UploadFileChunk(
            init=files_pb2.UploadFileInit(name=name, expires_after=expires_after)
        )
        self._chunks = chunks
        self._report = report

    def __repr__(self) -> str:
        return f"<Upload {self.name!r} ({'unknown size' if self.total is None else f'{self.total} bytes'})>"

    def __iter__(self) -> Iterator[files_pb2.UploadFileChunk]:
        yield self.init
        sent = 0
        for data in self._chunks():
            yield files_pb2.UploadFileChunk(data=data)
            # Reached when gRPC asks for the next message: this chunk has been sent.
            sent += len(data)
            if self._report is not None:
                self._report(len(data), sent, self.total)


def upload_flow(upload: Upload) -> Flow[files_pb2.File]:
    """The flow of one upload, for operations that upload as one of their steps."""
    uploaded: files_pb2.File = yield Call(UPLOAD_FILE, upload)
    return uploaded


def upload_operation(upload: Upload, timeout: Timeout = None) -> Operation[files_pb2.File]:
    """The ``Files/UploadFile`` call sending `upload`; observers see its init message as the request."""
    return Operation(upload_flow(upload), upload.init, call_timeout(timeout))


def prepare_upload(
    file: Any,
    *,
    filename: str | None = None,
    on_progress: ProgressCallback = None,
    expires_after: int | timedelta | None = None,
) -> Upload:
    """Check an upload's arguments and make its `Upload`; nothing is read or sent yet.

    `file` is a path (str or `os.PathLike`), the content (bytes, bytearray, memoryview) or a
    binary file object, read from its current position. `filename` names the file on the
    server; by default the path's or the file object's base name (required for bytes).

    Raises `FileNotFoundError`, `IsADirectoryError` or `PermissionError` for a path that cannot
    be read, `ValueError` for a missing name or a `file` of another kind (as the official SDK
    does), `TypeError` for a file object opened in text mode.
    """
    if filename is not None:
        text("filename", filename)
    filename = filename or None  # an empty name is no name, as in the official SDK
    options: dict[str, Any] = {
        "expires_after": expires_after_seconds(expires_after),
        "report": progress_reporter(on_progress),
    }
    if isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        if not isinstance(path, str):
            raise TypeError(f"file paths must be text, got {path!r}")
        total = _readable_file_size(path)
        return Upload(filename or os.path.basename(path), lambda: _path_chunks(path), total=total, **options)
    if isinstance(file, (bytes, bytearray, memoryview)):
        if filename is None:
            raise ValueError("filename is required when uploading bytes: upload(data, filename='notes.txt')")
        content = memoryview(file).cast("B")
        return Upload(filename, lambda: _bytes_chunks(content), total=content.nbytes, **options)
    if callable(getattr(file, "read", None)):
        if isinstance(file, io.TextIOBase):
            raise TypeError("file objects must be opened in binary mode: open(path, 'rb')")
        name = filename or _name_of(file)
        return Upload(name, lambda: _stream_chunks(file), total=_remaining_size(file), **options)
    raise ValueError(
        f"Unsupported file type: {type(file)}. Upload a path, bytes or a binary file object "
        "(open(path, 'rb'))."
    )


# -- where the content comes from ---------------------------------------------------------------


def _readable_file_size(path: str) -> int | None:
    """The size of a file to upload (None for a pipe or device); raises if it cannot be read."""
    if not path:
        raise FileNotFoundError("File not found: ")
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise FileNotFoundError(f"File not found: {path}") from None
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(f"{path} is a directory: upload its files one by one, or use batch_upload")
    if not os.access(path, os.R_OK):
        raise PermissionError(f"{path} is not readable")
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _path_chunks(path: str) -> Iterator[bytes]:
    with open(path, "rb") as stream:
        yield from _stream_chunks(stream)


def _stream_chunks(stream: Any) -> Iterator[bytes]:
    while True:
        data = stream.read(UPLOAD_CHUNK_SIZE)
        if data is None:
            raise BlockingIOError("the file object returned no data (non-blocking): give a blocking one")
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"the file object's read() returned {type(data).__name__}, not bytes")
        if not data:
            return
        yield bytes(data)


def _bytes_chunks(content: memoryview) -> Iterator[bytes]:
    for start in range(0, content.nbytes, UPLOAD_CHUNK_SIZE):
        yield content[start : start + UPLOAD_CHUNK_SIZE].tobytes()


def _name_of(file: Any) -> str:
    name = getattr(file, "name", None)
    if isinstance(name, (str, os.PathLike)):
        base = os.path.basename(os.fspath(name))
        if isinstance(base, str) and base.strip():
            return base
    raise ValueError(
        "filename is required when uploading a file-like object without a .name attribute: "
        "upload(stream, filename='data.csv')"
    )


def _remaining_size(file: Any) -> int | None:
    """The bytes left from the file object's position to its end, if it can seek."""
    try:
        if not file.seekable():
            return None
        position = file.tell()
        end = file.seek(0, io.SEEK_END)
        file.seek(position)
    except (AttributeError, OSError, ValueError):
        return None
    return max(0, end - position) if isinstance(end, int) and isinstance(position, int) else None


# -- progress -----------------------------------------------------------------------------------


def progress_reporter(on_progress: Any) -> Report | None:
    """How to call `on_progress` after each chunk of a transfer, decided before it starts.

    The returned function takes ``(chunk_size, bytes_so_far, total_bytes or None)``.
    """
    if on_progress is None:
        return None
    update = getattr(on_progress, "update", None)
    if callable(update):
        return lambda chunk, sent, total: update(chunk)
    if not callable(on_progress):
        raise TypeError(
            "on_progress must be a function of (bytes_so_far, total_bytes) or of (chunk_size), "
            f"or an object with an update(n) method such as a tqdm bar; got {type(on_progress).__name__}"
        )
    if _accepts(on_progress, 2):
        return lambda chunk, sent, total: on_progress(sent, total)
    if _accepts(on_progress, 1):
        return lambda chunk, sent, total: on_progress(chunk)
    raise TypeError(
        "on_progress must take (bytes_so_far, total_bytes) or (chunk_size) as positional arguments"
    )


def _accepts(function: Callable[..., Any], count: int) -> bool:
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # no signature to read (some builtins): call it with both
        return count == 2
    try:
        signature.bind(*range(count))
    except TypeError:
        return False
    return True
