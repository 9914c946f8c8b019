"""Batches: many chat, image and video requests processed asynchronously (``client.batch``).

::

    import time

    from xai_sdk import Client
    from xai_sdk.chat import user

    client = Client()
    batch = client.batch.create("capitals")
    chats = []
    for country in ["France", "Japan", "Peru"]:
        chat = client.chat.create("grok-4", batch_request_id=f"capital-{country}")
        chat.append(user(f"What is the capital of {country}?"))
        chats.append(chat)
    client.batch.add(batch.batch_id, chats)    # thousands at a time: sent in bounded calls

    while client.batch.get(batch.batch_id).state.num_pending:
        time.sleep(60)
    for result in client.batch.iter_results(batch.batch_id):    # fetched page by page
        print(result.batch_request_id, result.response.content if result.is_success else result.error_message)

`create`, `add`, `get`, `cancel`, `list`, `list_batch_requests` and `list_batch_results` are the
official SDK's; `iter_batches`, `iter_batch_requests` and `iter_results` read whole listings
lazily (``async for`` on `AsyncClient`). Results read as `BatchResult` objects.
"""

from typing import TYPE_CHECKING

from xai_sdk._compat import lazy_names
from xai_sdk.batch._client import BatchClient
from xai_sdk.batch._request import (
    ADD_CALL_MAX_BYTES,
    ADD_CALL_MAX_REQUESTS,
    MESSAGE_LIMIT_BYTES,
    BatchRequestInput,
)
from xai_sdk.batch._response import BatchResult, ListBatchResultsResponse
from xai_sdk.meta import ProtoDecorator
from xai_sdk.proto import batch_pb2
from xai_sdk.service import Async, Sync

if TYPE_CHECKING:
    from xai_sdk.chat import Response
    from xai_sdk.image import BaseImageResponse
    from xai_sdk.proto import batch_pb2_grpc
    from xai_sdk.video import VideoResponse


class SyncBatchClient(BatchClient[Sync]):
    """``client.batch`` of `xai_sdk.Client` (the official ``xai_sdk.sync.batch.Client``)."""


class AsyncBatchClient(BatchClient[Async]):
    """``client.batch`` of `xai_sdk.AsyncClient` (the official ``xai_sdk.aio.batch.Client``)."""


BaseClient = BatchClient
"""The official SDK's name of the batch sub-client class."""

__all__ = [
    "BaseImageResponse",
    "Response",
    "VideoResponse",
    "SyncBatchClient",
    "AsyncBatchClient",
    "ProtoDecorator",
    "batch_pb2",
    "batch_pb2_grpc",
    "ADD_CALL_MAX_BYTES",
    "ADD_CALL_MAX_REQUESTS",
    "MESSAGE_LIMIT_BYTES",
    "BaseClient",
    "BatchClient",
    "BatchRequestInput",
    "BatchResult",
    "ListBatchResultsResponse",
]

# The official module imports chat's, image's and video's wrappers; here they load when read.
__getattr__ = lazy_names(
    __name__,
    {
        "Response": "xai_sdk.chat",
        "BaseImageResponse": "xai_sdk.image",
        "VideoResponse": "xai_sdk.video",
        "batch_pb2_grpc": "xai_sdk.proto",
    },
)
