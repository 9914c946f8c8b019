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

from xai_sdk.batch._client import BatchClient
from xai_sdk.batch._requests import (
    ADD_CALL_MAX_BYTES,
    ADD_CALL_MAX_REQUESTS,
    MESSAGE_LIMIT_BYTES,
    BatchRequestInput,
)
from xai_sdk.batch._results import BatchResult, ListBatchResultsResponse

BaseClient = BatchClient
"""The official SDK's name of the batch sub-client class."""

__all__ = [
    "ADD_CALL_MAX_BYTES",
    "ADD_CALL_MAX_REQUESTS",
    "MESSAGE_LIMIT_BYTES",
    "BaseClient",
    "BatchClient",
    "BatchRequestInput",
    "BatchResult",
    "ListBatchResultsResponse",
]
