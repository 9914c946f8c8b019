"""xai_api.Files: uploads kept in memory and served back byte for byte, listings, public URLs.

The files live in the `xai_sdk.emulator._library.Library` this service creates; the
Collections and Documents services share it (a document is a file added to a collection).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator
from typing import Any

import grpc

from xai_sdk.emulator import _listing
from xai_sdk.emulator._base import EmulatorCall, RpcAbort, timestamp
from xai_sdk.emulator._filters import FilterError, Moment, parse_filter
from xai_sdk.emulator._library import Library, StoredFile
from xai_sdk.proto import files_pb2

__all__ = ["Files"]

PUBLIC_CONTENT_TYPES = ("image/", "video/", "application/pdf")
"""Content types that may have a public URL (images, videos and PDFs, as in the real API)."""

_SORT_KEYS = {
    files_pb2.FILES_SORT_BY_CREATED_AT: lambda f: (f.created_at, f.sequence),
    files_pb2.FILES_SORT_BY_FILENAME: lambda f: (f.name, f.sequence),
    files_pb2.FILES_SORT_BY_SIZE: lambda f: (f.size, f.sequence),
}


def _filter_fields(stored: StoredFile) -> dict[str, Any]:
    return {
        "file_id": stored.id,
        "name": stored.name,
        "file_name": stored.name,
        "filename": stored.name,
        "size_bytes": stored.size,
        "content_type": stored.content_type,
        "created_at": Moment(stored.created_at),
        "expires_at": None if stored.expires_at is None else Moment(stored.expires_at),
        "upload_status": "UPLOAD_STATUS_COMPLETED",
        "user_defined_id": None,
        "public_url": stored.public_url,
        "public_url_expires_at": None
        if stored.public_url_expires_at is None
        else Moment(stored.public_url_expires_at),
    }


class Files:
    """The emulator's file storage. Reach it as ``emulator.files``.

    Uploads are registered only once their stream is complete: an upload that fails or is
    cancelled half-way leaves nothing behind. `content_chunk_size` sets the size of the chunks
    `RetrieveFileContent` streams; `add_file` stores a file directly (for other services and
    for tests), `data` reads one back.
    """

    full_name = "xai_api.Files"

    DEFAULT_CONTENT_CHUNK_SIZE = 1024 * 1024

    def __init__(self) -> None:
        self.library = Library()
        self._content_chunk_size = self.DEFAULT_CONTENT_CHUNK_SIZE
        self._emulator: Any = None

    def attach(self, emulator: Any) -> None:
        """Keep the emulator, whose content server publishes public URLs."""
        self._emulator = emulator

    def reset(self) -> None:
        """Forget every file, collection and document; restore the default chunk size."""
        self.library.reset()
        self._content_chunk_size = self.DEFAULT_CONTENT_CHUNK_SIZE

    # -- the public, scripting side -------------------------------------------------------------

    @property
    def content_chunk_size(self) -> int:
        """Bytes per chunk of a content download (default 1 MiB)."""
        return self._content_chunk_size

    @content_chunk_size.setter
    def content_chunk_size(self, size: int) -> None:
        if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= 16 * 1024 * 1024:
            raise ValueError(f"content_chunk_size must be an int between 1 and 16 MiB, got {size!r}")
        self._content_chunk_size = size

    def add_file(
        self,
        name: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
        expires_after: int | None = None,
    ) -> files_pb2.File:
        """Store a file as if it had been uploaded (e.g. a generated image); returns its `File`."""
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"name must be a non-empty string, got {name!r}")
        if expires_after is not None and expires_after <= 0:
            raise ValueError(f"expires_after must be positive, got {expires_after}")
        content = bytes(data)
        stored = self.library.add_file(
            name,
            (content,),
            hashlib.sha256(content).hexdigest(),
            content_type=content_type,
            expires_after=expires_after,
        )
        return stored.proto()

    def data(self, file_id: str) -> bytes:
        """The stored content of a file (`KeyError` if there is none)."""
        with self.library.lock:
            stored = self.library.files.get(file_id)
        if stored is None:
            raise KeyError(file_id)
        return stored.data

    def file(self, file_id: str) -> files_pb2.File:
        """A stored file's `File` message (`KeyError` if there is none)."""
        with self.library.lock:
            stored = self.library.files.get(file_id)
        if stored is None:
            raise KeyError(file_id)
        return stored.proto()

    # -- RPCs -----------------------------------------------------------------------------------

    def UploadFile(self, request: Iterable[files_pb2.UploadFileChunk], call: EmulatorCall) -> files_pb2.File:
        """Receive the init message and the content; register the file once the stream is complete.

        A fault with ``after_chunks=m`` fails the upload after `m` messages were received.
        """
        messages = iter(request)
        fault = call.stream_fault
        first = next(messages, None)
        if first is None or first.WhichOneof("chunk") != "init":
            raise RpcAbort(
                grpc.StatusCode.INVALID_ARGUMENT, "the first message of an upload must be its init"
            )
        init = first.init
        if not init.name.strip():
            raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, "the file name must not be empty")
        if init.HasField("expires_after") and init.expires_after <= 0:
            raise RpcAbort(
                grpc.StatusCode.INVALID_ARGUMENT, "expires_after must be a positive number of seconds"
            )
        parts: list[bytes] = []
        digest = hashlib.sha256()
        received = 1
        for message in messages:
            if fault is not None and fault.code is not None and received >= (fault.after_chunks or 0):
                raise RpcAbort(fault.code, fault.details)
            received += 1
            if message.WhichOneof("chunk") != "data":
                raise RpcAbort(
                    grpc.StatusCode.INVALID_ARGUMENT, "only the first message of an upload is its init"
                )
            if message.data:
                parts.append(message.data)
                digest.update(message.data)
        if fault is not None and fault.code is not None:
            raise RpcAbort(fault.code, fault.details)
        if not call.is_active:  # the client went away: nothing is registered
            raise RpcAbort(grpc.StatusCode.CANCELLED, "the upload was cancelled")
        expires_after = init.expires_after if init.HasField("expires_after") else None
        stored = self.library.add_file(
            init.name, tuple(parts), digest.hexdigest(), expires_after=expires_after
        )
        return stored.proto()

    def ListFiles(
        self, request: files_pb2.ListFilesRequest, call: EmulatorCall
    ) -> files_pb2.ListFilesResponse:
        """A page of the files, sorted and filtered as asked."""
        sort_by = request.sort_by if request.HasField("sort_by") else files_pb2.FILES_SORT_BY_CREATED_AT
        key = _SORT_KEYS.get(sort_by)
        if key is None or request.order not in (files_pb2.ASCENDING, files_pb2.DESCENDING):
            raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, "unknown order or sort_by value")
        try:
            matches = parse_filter(request.filter)
            files = [f for f in self.library.live_files() if matches(_filter_fields(f).__getitem__)]
        except FilterError as error:
            raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, str(error)) from None
        chosen, token = _listing.page(
            files,
            key,
            descending=request.order == files_pb2.DESCENDING,
            limit=_listing.page_size(request.limit),
            token=request.pagination_token,
            query=("files", sort_by, request.order, request.filter),
        )
        return files_pb2.ListFilesResponse(data=[f.proto() for f in chosen], pagination_token=token)

    def RetrieveFile(self, request: files_pb2.RetrieveFileRequest, call: EmulatorCall) -> files_pb2.File:
        """A file's metadata, or NOT_FOUND."""
        return self.library.file(request.file_id).proto()

    def DeleteFile(
        self, request: files_pb2.DeleteFileRequest, call: EmulatorCall
    ) -> files_pb2.DeleteFileResponse:
        """Delete a file (and its documents, and its public URL), or NOT_FOUND."""
        stored = self.library.file(request.file_id)
        self.library.remove_file(stored.id)
        if stored.public_url is not None and self._emulator is not None:
            self._emulator.content.unpublish(stored.public_url)
        return files_pb2.DeleteFileResponse(id=stored.id, deleted=True)

    def RetrieveFileContent(
        self, request: files_pb2.RetrieveFileContentRequest, call: EmulatorCall
    ) -> Iterator[files_pb2.FileContentChunk]:
        """The stored bytes, in chunks of `content_chunk_size`; stops if the client goes away."""
        stored = self.library.file(request.file_id)
        for data in stored.chunks(self._content_chunk_size):
            if not call.is_active:
                return
            yield files_pb2.FileContentChunk(data=data)

    def CreatePublicUrl(
        self, request: files_pb2.CreatePublicUrlRequest, call: EmulatorCall
    ) -> files_pb2.CreatePublicUrlResponse:
        """Publish an image, video or PDF on the emulator's HTTP side; calling again keeps the URL."""
        if request.HasField("expires_after") and request.expires_after <= 0:
            raise RpcAbort(
                grpc.StatusCode.INVALID_ARGUMENT, "expires_after must be a positive number of seconds"
            )
        with self.library.lock:
            stored = self.library.file(request.file_id)
            if not stored.content_type.startswith(PUBLIC_CONTENT_TYPES):
                raise RpcAbort(
                    grpc.StatusCode.INVALID_ARGUMENT,
                    "only images, videos and PDFs can have a public URL; "
                    f"{stored.name!r} is {stored.content_type}",
                )
            if stored.public_url is None:
                stored.public_url = self._emulator.content.publish(
                    stored.data, stored.content_type, stored.name
                )
            if request.HasField("expires_after"):
                stored.public_url_expires_at = time.time() + request.expires_after
            else:
                stored.public_url_expires_at = stored.expires_at
            response = files_pb2.CreatePublicUrlResponse(public_url=stored.public_url)
            if stored.public_url_expires_at is not None:
                response.expires_at.CopyFrom(timestamp(stored.public_url_expires_at))
        return response

    def RevokePublicUrl(
        self, request: files_pb2.RevokePublicUrlRequest, call: EmulatorCall
    ) -> files_pb2.RevokePublicUrlResponse:
        """Unpublish a file's public URL; ``revoked`` is False when it had none."""
        with self.library.lock:
            stored = self.library.file(request.file_id)
            url, stored.public_url, stored.public_url_expires_at = stored.public_url, None, None
        if url is None:
            return files_pb2.RevokePublicUrlResponse(file_id=stored.id, revoked=False)
        self._emulator.content.unpublish(url)
        return files_pb2.RevokePublicUrlResponse(file_id=stored.id, revoked=True, public_url=url)
