"""Files stored by the xAI API: upload, list, download, delete and share them (``client.files``).

::

    from xai_sdk import Client

    client = Client()
    uploaded = client.files.upload("report.pdf")          # streamed in 3 MiB chunks
    page = client.files.list(limit=10, order="desc")
    client.files.download(uploaded.id, "copy.pdf")        # streamed to disk
    assert client.files.content(uploaded.id) == open("report.pdf", "rb").read()

Uploads read their source as they send it, so files of any size are uploaded in a few MiB of
memory; `Files.download` and `Files.iter_content` do the same for downloads. Calls return the
API's messages (`xai_sdk.proto.files_pb2`).
"""

from typing import TYPE_CHECKING

from xai_sdk._compat import lazy_names, should_disable_sensitive_attributes
from xai_sdk.files._files import Files
from xai_sdk.files._types import (
    BatchUploadCallback,
    FileInput,
    Order,
    ProgressBarLike,
    ProgressCallback,
    SortBy,
    StorageOptionsValidator,
)
from xai_sdk.files._upload import UPLOAD_CHUNK_SIZE
from xai_sdk.proto import files_pb2, image_pb2
from xai_sdk.service import Async, Sync
from xai_sdk.storage import PublicUrlInput, PublicUrlOptions, StorageOptions

if TYPE_CHECKING:  # imported on first access (the official module has them)
    from xai_sdk.proto import files_pb2_grpc


class SyncFiles(Files[Sync]):
    """``client.files`` of `xai_sdk.Client` (the official ``xai_sdk.sync.files.Client``)."""


class AsyncFiles(Files[Async]):
    """``client.files`` of `xai_sdk.AsyncClient` (the official ``xai_sdk.aio.files.Client``)."""


BaseClient = Files
"""The official SDK's name of the files sub-client class."""

__all__ = [
    "should_disable_sensitive_attributes",
    "SyncFiles",
    "AsyncFiles",
    "files_pb2",
    "files_pb2_grpc",
    "image_pb2",
    "UPLOAD_CHUNK_SIZE",
    "BaseClient",
    "BatchUploadCallback",
    "FileInput",
    "Files",
    "Order",
    "ProgressBarLike",
    "ProgressCallback",
    "PublicUrlInput",
    "PublicUrlOptions",
    "SortBy",
    "StorageOptions",
    "StorageOptionsValidator",
]

__getattr__ = lazy_names(__name__, {"files_pb2_grpc": "xai_sdk.proto"})
