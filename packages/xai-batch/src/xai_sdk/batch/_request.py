"""What `client.batch` sends: its `add` input checked up front then cut into bounded calls, and its listings.

`plan_add` checks every item before anything is sent (type, content, size, duplicate ids) and
decides where the calls split: at most `ADD_CALL_MAX_REQUESTS` requests and
`ADD_CALL_MAX_BYTES` serialized bytes per ``AddBatchRequests`` message. It keeps only the
boundaries; `AddPlan.messages` builds each message when it is about to be sent, so adding
thousands of requests holds one or two messages in memory, not a serialized copy of them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Union

from xai_sdk.arguments import INT32_MAX
from xai_sdk.proto import batch_pb2

if TYPE_CHECKING:
    from typing import TypeAlias

    from xai_sdk.chat import BaseChat as Chat

__all__ = [
    "ADD_CALL_MAX_BYTES",
    "ADD_CALL_MAX_REQUESTS",
    "MESSAGE_LIMIT_BYTES",
    "AddPlan",
    "BatchRequestInput",
    "batch_id_of",
    "batches_request",
    "limit_of",
    "plan_add",
    "requests_request",
    "results_request",
    "token_of",
]

ADD_CALL_MAX_REQUESTS: Final = 1_000
"""The most requests `add` puts in one ``AddBatchRequests`` call."""

ADD_CALL_MAX_BYTES: Final = 8 * 1024 * 1024
"""The most serialized bytes `add` puts in one ``AddBatchRequests`` call (a request larger than
this goes alone in its call)."""

MESSAGE_LIMIT_BYTES: Final = 20 * 1024 * 1024
"""The largest message the API accepts: a single request that cannot fit is refused up front."""

BatchRequestInput: TypeAlias = Union[batch_pb2.BatchRequest, "Chat[Any]"]
"""What `add` takes: a `batch_pb2.BatchRequest` (``client.image.prepare(...)``,
``client.video.prepare(...)``) or a chat made by ``client.chat.create(...)``."""


def batch_id_of(batch_id: Any) -> str:
    """A batch id: a non-blank string."""
    if not isinstance(batch_id, str):
        raise TypeError(f"batch_id must be a string (a Batch's .batch_id), got {type(batch_id).__name__}")
    if not batch_id.strip():
        raise ValueError("batch_id must not be empty")
    return batch_id


def _varint_size(value: int) -> int:
    size = 1
    while value >= 0x80:
        value >>= 7
        size += 1
    return size


def _field_size(length: int) -> int:
    """Bytes of a length-delimited field of field number below 16 whose payload is `length` bytes."""
    return 1 + _varint_size(length) + length


@dataclass(frozen=True, slots=True)
class AddPlan:
    """The ``AddBatchRequests`` messages of one `add`: its items and where the calls split."""

    batch_id: str
    items: Sequence[Any]
    bounds: Sequence[tuple[int, int]]
    """``(start, end)`` of each call's items, in order."""

    @property
    def summary(self) -> batch_pb2.AddBatchRequestsRequest:
        """What observers see as the call's request: the batch id, without the requests."""
        return batch_pb2.AddBatchRequestsRequest(batch_id=self.batch_id)

    def messages(self) -> Iterator[batch_pb2.AddBatchRequestsRequest]:
        """Each call's message, built when the previous one has been sent."""
        for start, end in self.bounds:
            message = batch_pb2.AddBatchRequestsRequest(batch_id=self.batch_id)
            entries = message.batch_requests
            for index in range(start, end):
                item = self.items[index]
                if isinstance(item, batch_pb2.BatchRequest):
                    entries.append(item)
                else:
                    entry = entries.add(completion_request=item.proto)
                    if item.batch_request_id is not None:
                        entry.batch_request_id = item.batch_request_id
            yield message


def plan_add(batch_id: Any, batch_requests: Any) -> AddPlan:
    """Check `add`'s arguments and plan its calls; raises before anything is sent.

    Raises:
        TypeError: `batch_id` is not a string, or `batch_requests` is not a list of requests.
        ValueError: an empty `batch_id`; an item that is neither a `BatchRequest` nor a chat
            (as in the official SDK), a `BatchRequest` without a request, a chat without
            messages, a request larger than the API accepts, or a `batch_request_id` given twice.

    """
    checked_id = batch_id_of(batch_id)
    items = _items_of(batch_requests)
    base = _field_size(len(checked_id.encode()))
    bounds: list[tuple[int, int]] = []
    start, size = 0, base
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        entry, request_id = _entry_size(index, item)
        if request_id:
            first = seen.setdefault(request_id, index)
            if first != index:
                raise ValueError(
                    f"batch_request_id {request_id!r} is given by batch_requests[{first}] and "
                    f"batch_requests[{index}]: ids must be unique within a batch"
                )
        if base + entry > MESSAGE_LIMIT_BYTES:
            raise ValueError(
                f"batch_requests[{index}] is {entry:,} bytes once serialized; the API accepts messages "
                f"of up to {MESSAGE_LIMIT_BYTES:,} bytes (20 MiB): send large inputs as files or URLs"
            )
        if index > start and (index - start == ADD_CALL_MAX_REQUESTS or size + entry > ADD_CALL_MAX_BYTES):
            bounds.append((start, index))
            start, size = index, base
        size += entry
    bounds.append((start, len(items)))
    return AddPlan(checked_id, items, bounds)


def _items_of(batch_requests: Any) -> list[Any]:
    if isinstance(batch_requests, (str, bytes)):  # the official SDK refuses their first item
        raise ValueError(
            f"Unsupported request type: {type(batch_requests)}. batch_requests must be a list of "
            "batch_pb2.BatchRequest or chat objects (wrap a single request in a list)"
        )
    if isinstance(batch_requests, batch_pb2.BatchRequest) or not isinstance(batch_requests, Iterable):
        raise TypeError(
            "batch_requests must be a list of batch_pb2.BatchRequest or chat objects, got "
            f"{type(batch_requests).__name__} (wrap a single request in a list)"
        )
    return list(batch_requests)


def _entry_size(index: int, item: Any) -> tuple[int, str | None]:
    """The serialized size of an item as an entry of the message, and its batch_request_id."""
    if isinstance(item, batch_pb2.BatchRequest):
        if item.WhichOneof("request") is None:
            raise ValueError(
                f"batch_requests[{index}] is a BatchRequest without a request: build it with "
                "client.image.prepare(...), client.video.prepare(...) or set completion_request"
            )
        return _field_size(item.ByteSize()), item.batch_request_id
    from xai_sdk.chat import BaseChat as Chat  # noqa: PLC0415 - chat is imported only when chats are added

    if not isinstance(item, Chat):
        raise ValueError(
            f"Unsupported request type: {type(item)}. batch_requests[{index}] must be a "
            "batch_pb2.BatchRequest or a chat made by client.chat.create(...)"
        )
    if not item.proto.messages:
        raise ValueError(
            f"batch_requests[{index}] is a chat without messages: append at least one (e.g. user(...))"
        )
    size = _field_size(item.proto.ByteSize())
    request_id = item.batch_request_id
    if request_id is not None:
        size += _field_size(len(request_id.encode()))
    return _field_size(size), request_id


def limit_of(name: str, value: Any) -> int | None:
    """A page size: a positive integer, or None for the server's default."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a positive integer or None, got {value!r}")
    if not 1 <= value <= INT32_MAX:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return value


def token_of(value: Any) -> str | None:
    """A page's ``pagination_token`` to start from, or None for the first page."""
    if value is not None and not isinstance(value, str):
        raise TypeError(
            f"pagination_token must be a string (a page's pagination_token) or None, got {value!r}"
        )
    return value


def batches_request(limit: int | None, token: str | None) -> batch_pb2.ListBatchesRequest:
    """A page of the team's batches."""
    return batch_pb2.ListBatchesRequest(limit=limit, pagination_token=token)


def requests_request(
    batch_id: str, limit: int | None, token: str | None
) -> batch_pb2.ListBatchRequestMetadataRequest:
    """A page of a batch's requests."""
    return batch_pb2.ListBatchRequestMetadataRequest(batch_id=batch_id, limit=limit, pagination_token=token)


def results_request(batch_id: str, limit: int | None, token: str | None) -> batch_pb2.ListBatchResultsRequest:
    """A page of a batch's results."""
    return batch_pb2.ListBatchResultsRequest(batch_id=batch_id, limit=limit, pagination_token=token)
