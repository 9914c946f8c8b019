"""`client.files`: upload, list, read, download, delete and share files, for both clients."""

from __future__ import annotations

import builtins
import os
from collections.abc import Sequence
from datetime import timedelta
from typing import IO

from xai_sdk.arguments import non_empty_text, page_limit
from xai_sdk.files._download import PartFile, download_target
from xai_sdk.files._request import batch_files, content_request, list_request
from xai_sdk.files._types import (
    BatchUploadCallback,
    FileInput,
    Order,
    ProgressCallback,
    SortBy,
)
from xai_sdk.files._upload import prepare_upload, progress_reporter, upload_operation
from xai_sdk.operations import (
    Flow,
    Gather,
    Operation,
    Receive,
    StreamOperation,
    Timeout,
    call_timeout,
    rpc,
    unary,
)
from xai_sdk.proto import files_pb2
from xai_sdk.service import Bound, ModeT, operation, stream_operation
from xai_sdk.storage import expires_after_seconds

__all__ = ["Files"]

LIST_FILES = rpc(files_pb2, "Files", "ListFiles")
RETRIEVE_FILE = rpc(files_pb2, "Files", "RetrieveFile")
# On the API host even when client.collections (management channel) deletes an upload.
DELETE_FILE = rpc(files_pb2, "Files", "DeleteFile", channel="api")
RETRIEVE_FILE_CONTENT = rpc(files_pb2, "Files", "RetrieveFileContent")
CREATE_PUBLIC_URL = rpc(files_pb2, "Files", "CreatePublicUrl")
REVOKE_PUBLIC_URL = rpc(files_pb2, "Files", "RevokePublicUrl")

DEFAULT_BATCH_SIZE = 50


class Files(Bound[ModeT]):
    """The ``files`` sub-client: files stored by the API, for chat attachments, collections, batches.

    Every method takes ``timeout=`` (seconds or a timedelta) for that call.
    """

    @operation
    def upload(
        self,
        file: FileInput,
        *,
        filename: str | None = None,
        on_progress: ProgressCallback = None,
        expires_after: timedelta | int | None = None,
        timeout: Timeout = None,
    ) -> Operation[files_pb2.File]:
        """Upload a file; returns its `files_pb2.File` (``.id``, ``.filename``, ``.size``, ...).

        The content is streamed in 3 MiB chunks over one ``UploadFile`` call and read as it is
        sent, so a file of any size uses a few MiB of memory.

        Args:
            file: a path (str or `pathlib.Path`), the content (bytes, bytearray, memoryview), or a
                file object opened in binary mode (read from its current position).
            filename: the name on the server; by default the base name of the path or of the
                file object's ``name``. Required for bytes; an empty name counts as none.
                Unlike the official SDK, it is used for paths too.
            on_progress: told after each chunk: an object with ``update(n)`` (a tqdm bar, given
                the chunk size), a function of ``(bytes_uploaded, total_bytes)``, or a function
                of ``(chunk_size)``. It runs on the thread that reads and sends the content (not
                the caller's, nor the event loop); an exception it raises cancels the upload and
                is raised here.
            expires_after: delete the file this long after the upload (seconds or timedelta).
            timeout: bound of the whole upload.

        Raises:
            FileNotFoundError, IsADirectoryError, PermissionError: the path cannot be read.
            ValueError: no usable name, a `file` of an unsupported kind (as in the official
                SDK), or a non-positive `expires_after`.
            TypeError: a file object opened in text mode, or an unsupported `on_progress`.

        """
        upload = prepare_upload(file, filename=filename, on_progress=on_progress, expires_after=expires_after)
        return upload_operation(upload, timeout)

    @operation
    def batch_upload(
        self,
        files: Sequence[str | os.PathLike[str] | IO[bytes]],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        on_file_complete: BatchUploadCallback | None = None,
        timeout: Timeout = None,
    ) -> Operation[dict[int, files_pb2.File | BaseException]]:
        """Upload several files concurrently, at most `batch_size` at a time.

        Each file is uploaded as by `upload` (observers see one ``upload`` call per file). A
        file that fails does not stop the others: the result maps each index of `files` to its
        `files_pb2.File`, or to the exception its upload raised (a missing path included).
        `on_file_complete(index, file, file_or_exception)` is called as each one finishes, in
        completion order. Raw bytes are not accepted here (wrap them in `io.BytesIO` with a
        ``name``, or use `upload`). `timeout` bounds each file's upload.
        """
        items = batch_files(files)
        limit = page_limit(batch_size, "batch_size")
        if on_file_complete is not None and not callable(on_file_complete):
            raise TypeError("on_file_complete must be a function of (index, file, result)")
        operations: builtins.list[tuple[str, Operation[files_pb2.File]]] = []
        positions: builtins.list[int] = []
        refused: dict[int, BaseException] = {}
        for index, item in enumerate(items):
            try:
                if isinstance(item, (bytes, bytearray, memoryview)):
                    raise ValueError(
                        "filename is required when uploading bytes: batch_upload takes paths and file "
                        "objects; upload bytes with upload(data, filename=...) or wrap them in io.BytesIO "
                        "with a name"
                    )
                operations.append(("upload", Files.upload.build(self, item, timeout=timeout)))
                positions.append(index)
            except (OSError, ValueError, TypeError) as error:
                refused[index] = error
        results: dict[int, files_pb2.File | BaseException] = {}

        def finished(index: int, result: files_pb2.File | BaseException) -> None:
            results[index] = result
            if on_file_complete is not None:
                on_file_complete(index, items[index], result)

        def flow() -> Flow[dict[int, files_pb2.File | BaseException]]:
            for index, error in refused.items():
                finished(index, error)
            yield Gather(
                operations, limit, on_done=lambda position, result: finished(positions[position], result)
            )
            return {index: results[index] for index in range(len(items))}

        return Operation(flow())

    @operation
    def get(self, file_id: str, *, timeout: Timeout = None) -> Operation[files_pb2.File]:
        """A file's metadata: name, size, creation and expiry times, public URL."""
        request = files_pb2.RetrieveFileRequest(file_id=non_empty_text("file_id", file_id))
        return unary(RETRIEVE_FILE, request, timeout=timeout)

    @operation
    def delete(self, file_id: str, *, timeout: Timeout = None) -> Operation[files_pb2.DeleteFileResponse]:
        """Delete a file; returns ``DeleteFileResponse(id=..., deleted=True)``."""
        request = files_pb2.DeleteFileRequest(file_id=non_empty_text("file_id", file_id))
        return unary(DELETE_FILE, request, timeout=timeout)

    @operation
    def content(self, file_id: str, *, timeout: Timeout = None) -> Operation[bytes]:
        """A file's whole content, downloaded as a stream and returned as bytes.

        For large files, `download` writes to disk without holding the content in memory, and
        `iter_content` yields it chunk by chunk.
        """
        request = content_request(file_id)

        def flow() -> Flow[bytes]:
            parts: builtins.list[bytes] = []
            yield Receive(RETRIEVE_FILE_CONTENT, request, lambda chunk: parts.append(chunk.data))
            return b"".join(parts)

        return Operation(flow(), request, call_timeout(timeout))

    @operation
    def download(
        self,
        file_id: str,
        path: str | os.PathLike[str],
        *,
        on_progress: ProgressCallback = None,
        timeout: Timeout = None,
    ) -> Operation[int]:
        """Write a file's content to `path` as it arrives; returns the number of bytes written.

        Memory use stays at one chunk whatever the file's size. The content goes to a temporary
        file beside `path`, renamed onto it at the end: if the download fails, `path` is left as
        it was. An existing file at `path` is replaced. `on_progress` is told after each chunk
        written, as for `upload` (the total is None: the stream does not announce the size; the
        file's ``size`` from `get` has it).
        """
        request = content_request(file_id)
        target = download_target(path)
        report = progress_reporter(on_progress)

        def flow() -> Flow[int]:
            part = PartFile(target)

            def write(chunk: files_pb2.FileContentChunk) -> None:
                part.write(chunk.data)
                if report is not None:
                    report(len(chunk.data), part.size, None)

            try:
                yield Receive(RETRIEVE_FILE_CONTENT, request, write)
                return part.commit()
            except BaseException:
                part.discard()
                raise

        return Operation(flow(), request, call_timeout(timeout))

    @stream_operation
    def iter_content(self, file_id: str, *, timeout: Timeout = None) -> StreamOperation[bytes]:
        """A file's content chunk by chunk (``for`` / ``async for``); closing the stream stops it."""
        return StreamOperation(
            RETRIEVE_FILE_CONTENT,
            content_request(file_id),
            lambda chunk: chunk.data,
            timeout=call_timeout(timeout),
        )

    @operation
    def create_public_url(
        self, file_id: str, *, expires_after: timedelta | int | None = None, timeout: Timeout = None
    ) -> Operation[files_pb2.CreatePublicUrlResponse]:
        """Make a file readable by anyone with the returned ``public_url`` (images, videos, PDFs).

        A file has at most one public URL: calling again returns it, with the new expiry.
        `expires_after` (seconds or timedelta) ends the URL's life independently of the file's;
        without it the URL lives as long as the file.
        """
        request = files_pb2.CreatePublicUrlRequest(
            file_id=non_empty_text("file_id", file_id), expires_after=expires_after_seconds(expires_after)
        )
        return unary(CREATE_PUBLIC_URL, request, timeout=timeout)

    @operation
    def revoke_public_url(
        self, file_id: str, *, timeout: Timeout = None
    ) -> Operation[files_pb2.RevokePublicUrlResponse]:
        """Withdraw a file's public URL; ``revoked`` is False if it had none (not an error)."""
        request = files_pb2.RevokePublicUrlRequest(file_id=non_empty_text("file_id", file_id))
        return unary(REVOKE_PUBLIC_URL, request, timeout=timeout)

    @operation
    def list(
        self,
        *,
        limit: int | None = None,
        order: Order | None = None,
        sort_by: SortBy | None = None,
        pagination_token: str | None = None,
        filter: str | None = None,
        timeout: Timeout = None,
    ) -> Operation[files_pb2.ListFilesResponse]:
        """One page of files; pass its ``pagination_token`` back for the next page.

        Args:
            limit: files per page (server default: 100).
            order: ``"asc"`` (default) or ``"desc"``.
            sort_by: ``"created_at"`` (default), ``"filename"`` or ``"size"``.
            pagination_token: the token of the previous page; the last page has none.
            filter: e.g. ``'content_type = "application/pdf"'`` or ``'size_bytes > 1048576'``
                (fields file_id, name, size_bytes, content_type, created_at, expires_at,
                public_url; operators = != > >= < <= AND OR NOT; ``null`` for unset fields).
                An empty filter is not sent.
            timeout: bound of the call.

        Unknown `order` or `sort_by` names raise `ValueError` (the official SDK falls back to
        the defaults silently).

        """
        request = list_request(limit, order, sort_by, pagination_token, filter)
        return unary(LIST_FILES, request, timeout=timeout)
