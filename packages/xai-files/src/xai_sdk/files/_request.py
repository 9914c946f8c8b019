"""The files requests: the arguments of `Files` methods checked and built into protos.

Everything here is pure: a bad argument raises `ValueError` or `TypeError` before any RPC (the
upload's request and content are prepared by `xai_sdk.files._upload`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from xai_sdk.arguments import choice, non_empty_text, optional_text, page_limit
from xai_sdk.files._types import ORDER, SORT_BY, Order, SortBy
from xai_sdk.proto import files_pb2

__all__ = ["batch_files", "content_request", "list_request"]


def content_request(file_id: str) -> files_pb2.RetrieveFileContentRequest:
    """The request of a file's content (`content`, `download`, `iter_content`)."""
    return files_pb2.RetrieveFileContentRequest(file_id=non_empty_text("file_id", file_id))


def batch_files(files: Any) -> list[Any]:
    """The files of `batch_upload`: a non-empty list of paths or file objects."""
    if isinstance(files, (str, bytes, os.PathLike)) or not isinstance(files, Sequence):
        raise TypeError(f"files must be a list of paths or file objects, got {type(files).__name__}")
    if not files:
        raise ValueError("files cannot be empty - please provide at least one file to upload")
    return list(files)


def list_request(
    limit: int | None,
    order: Order | None,
    sort_by: SortBy | None,
    pagination_token: str | None,
    filter: str | None,
) -> files_pb2.ListFilesRequest:
    """The request of `Files.list`; None leaves a field unset, and so does an empty filter."""
    request = files_pb2.ListFilesRequest()
    if limit is not None:
        request.limit = page_limit(limit)
    if order is not None:
        request.order = choice("order", order, ORDER, files_pb2.Ordering.values())  # type: ignore[assignment]
    if sort_by is not None:
        request.sort_by = choice("sort_by", sort_by, SORT_BY, files_pb2.FilesSortBy.values())  # type: ignore[assignment]
    token = optional_text("pagination_token", pagination_token)
    if token is not None:
        request.pagination_token = token
    if optional_text("filter", filter):
        request.filter = filter  # type: ignore[assignment]
    return request
