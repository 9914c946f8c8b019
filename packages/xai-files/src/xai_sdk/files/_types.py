"""The public types of `xai_sdk.files`: listing order and sort keys, progress and batch callbacks."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import IO, Any, Literal, Protocol, TypeAlias, Union

from xai_sdk.arguments import Validator
from xai_sdk.proto import files_pb2
from xai_sdk.storage import STORAGE_OPTIONS_SHAPE, StorageOptions

__all__ = [
    "ORDER",
    "SORT_BY",
    "BatchUploadCallback",
    "FileInput",
    "Order",
    "ProgressBarLike",
    "ProgressCallback",
    "SortBy",
    "StorageOptionsValidator",
]

Order: TypeAlias = Literal["asc", "desc"]
"""The direction of a listing: ascending or descending."""

SortBy: TypeAlias = Literal["created_at", "filename", "size"]
"""What `client.files.list` sorts by."""

ORDER: Mapping[str, int] = {"asc": files_pb2.ASCENDING, "desc": files_pb2.DESCENDING}
"""`Order` names and their `files_pb2.Ordering` values."""

SORT_BY: Mapping[str, int] = {
    "created_at": files_pb2.FILES_SORT_BY_CREATED_AT,
    "filename": files_pb2.FILES_SORT_BY_FILENAME,
    "size": files_pb2.FILES_SORT_BY_SIZE,
}
"""`SortBy` names and their `files_pb2.FilesSortBy` values."""


class ProgressBarLike(Protocol):
    """A progress bar such as ``tqdm``: `update(n)` is called with each chunk's size in bytes."""

    def update(self, n: int) -> Any:
        """Advance the bar by `n` bytes."""
        ...


ProgressCallback: TypeAlias = Callable[[int, int], None] | Callable[[int], None] | ProgressBarLike | None
"""How an upload or a download reports progress, after each chunk:

* an object with ``update(n)`` (a tqdm bar): called with the chunk's size;
* a function of two arguments: called with ``(bytes_so_far, total_bytes)``; `total_bytes` is
  None when the size is not known in advance (a file object that cannot tell, a download);
* a function of one argument: called with the chunk's size.
"""

FileInput: TypeAlias = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes]]
"""What `client.files.upload` takes: a path, the content itself, or a binary file object."""

BatchUploadCallback: TypeAlias = Callable[
    [int, Union[str, "os.PathLike[str]", IO[bytes]], files_pb2.File | BaseException], None
]
"""Called by `client.files.batch_upload` as each file finishes: ``(index, file, file_or_error)``."""


StorageOptionsValidator: Validator[StorageOptions] = Validator(STORAGE_OPTIONS_SHAPE, "StorageOptions")
"""Checks a `StorageOptions` dict as the official SDK's pydantic model does:
``StorageOptionsValidator.validate_python(options)`` returns it checked and converted, or raises
`xai_sdk.arguments.ValidationError` (a `ValueError`)."""
