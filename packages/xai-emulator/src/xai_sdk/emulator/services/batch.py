"""xai_api.BatchMgmt: batches whose requests are answered by the emulator's chat, image and video services.

A batch's requests wait PENDING until they are processed, which happens when the batch is read
(each `GetBatch` and listing processes `process_per_poll` more of them, all by default) or on
command (`BatchMgmt.process`, `complete`, `fail`). Processing a request calls the chat, image
or video service's own implementation with the stored request: its answer is the result, and an
error it raises (`RpcAbort`) becomes a failed result carrying that status.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf import empty_pb2
from google.rpc import status_pb2

from xai_sdk.emulator import _batch_input, _listing
from xai_sdk.emulator._base import EmulatorCall, RpcAbort, timestamp
from xai_sdk.proto import batch_pb2, deferred_pb2, video_pb2

__all__ = ["BatchMgmt"]

_Metadata = batch_pb2.BatchRequestMetadata
PENDING, SUCCEEDED, CANCELLED, FAILED = (
    _Metadata.STATE_PENDING,
    _Metadata.STATE_SUCCEEDED,
    _Metadata.STATE_CANCELLED,
    _Metadata.STATE_FAILED,
)

ENDPOINTS = {
    "completion_request": "/v1/chat/completions",
    "image_request": "/v1/images/generations",
    "video_request": "/v1/videos/generations",
    "video_extension_request": "/v1/videos/extensions",
}
"""The endpoint a request of each kind reports in its metadata and in the batch's costs."""

MAX_MESSAGE_BYTES = 20 * 1024 * 1024
"""The largest `AddBatchRequests` message accepted, as the real API's message size limit."""

EXPIRY_SECONDS = 24 * 3600
"""How long after its creation a batch reports that it expires (not enforced)."""

_MAX_VIDEO_POLLS = 10_000


def _status(code: grpc.StatusCode, message: str) -> status_pb2.Status:
    return status_pb2.Status(code=code.value[0], message=message)


@dataclass(eq=False)
class _Request:
    """One request of a batch and, once it is finished, its result."""

    sequence: int
    id: str
    request: batch_pb2.BatchRequest
    endpoint: str
    model: str
    created: float
    state: int = PENDING
    finished: float | None = None
    result: batch_pb2.BatchResult | None = None

    def metadata(self) -> batch_pb2.BatchRequestMetadata:
        metadata = batch_pb2.BatchRequestMetadata(
            batch_request_id=self.id,
            endpoint=self.endpoint,
            model=self.model,
            state=self.state,  # type: ignore[arg-type]
            create_time=timestamp(self.created),
        )
        if self.finished is not None:
            metadata.finish_time.CopyFrom(timestamp(self.finished))
        return metadata


@dataclass(eq=False)
class _Batch:
    """A batch: its requests in the order added, those waiting, and those finished in finish order."""

    id: str
    name: str
    sequence: int
    created: float
    api_key_id: str
    input_file_id: str | None = None
    requests: list[_Request] = field(default_factory=list)
    by_id: dict[str, _Request] = field(default_factory=dict)
    pending: deque[_Request] = field(default_factory=deque)
    in_flight: int = 0
    finished: list[_Request] = field(default_factory=list)
    counts: Counter[int] = field(default_factory=Counter)
    cancelled: float | None = None
    costs: dict[str, list[int]] = field(default_factory=dict)
    """Endpoint -> [cost in USD ticks, requests counted]."""
    costed: float | None = None

    def proto(self) -> batch_pb2.Batch:
        batch = batch_pb2.Batch(
            batch_id=self.id,
            name=self.name,
            create_time=timestamp(self.created),
            expire_time=timestamp(self.created + EXPIRY_SECONDS),
            create_api_key_id=self.api_key_id,
            state=batch_pb2.BatchState(
                num_requests=len(self.requests),
                num_pending=len(self.pending) + self.in_flight,
                num_success=self.counts[SUCCEEDED],
                num_error=self.counts[FAILED],
                num_cancelled=self.counts[CANCELLED],
            ),
        )
        if self.input_file_id is not None:
            batch.input_file_id = self.input_file_id
        if self.cancelled is not None:
            batch.cancel_time.CopyFrom(timestamp(self.cancelled))
        breakdown = batch.cost_breakdown
        for endpoint, (ticks, count) in sorted(self.costs.items()):
            breakdown.total_cost_usd_ticks += ticks
            breakdown.endpoint_costs.add(endpoint=endpoint, cost_usd_ticks=ticks, request_count=count)
        if self.costed is not None:
            breakdown.calculation_time.CopyFrom(timestamp(self.costed))
        return batch

    def finish(self, request: _Request, state: int, result: batch_pb2.BatchResult, cost: int) -> None:
        request.state = state
        request.finished = time.time()
        request.result = result
        self.finished.append(request)
        self.counts[state] += 1
        if state != CANCELLED:
            spent = self.costs.setdefault(request.endpoint, [0, 0])
            spent[0] += cost
            spent[1] += 1
            self.costed = request.finished


class BatchMgmt:
    """The emulator's batches. Reach it as ``emulator.batch``.

    Requests are processed when their batch is read: every `GetBatch`, `ListBatches`,
    `ListBatchRequestMetadata`, `ListBatchResults` and `GetBatchRequestResult` first processes
    `process_per_poll` more pending requests of the batches it reads (default None: all of
    them, so a batch is done by its first read). Set it to 0 to process only on command:
    `process(batch_id, requests)`, `complete(batch_id)`, `fail(batch_id, ...)`. `fail_next`
    makes the next processed requests fail. ``emulator.reset()`` forgets every batch.
    """

    full_name = "xai_api.BatchMgmt"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._emulator: Any = None
        self._batches: dict[str, _Batch] = {}
        self._ids: Iterator[int] = itertools.count(1)
        self._failures: deque[tuple[grpc.StatusCode, str]] = deque()
        self._process_per_poll: int | None = None

    def attach(self, emulator: Any) -> None:
        """Keep the emulator, to reach the chat, image, video and files services."""
        self._emulator = emulator

    def reset(self) -> None:
        """Forget every batch and scripted failure; restart ids; process everything on read again."""
        with self._lock:
            self._batches.clear()
            self._ids = itertools.count(1)
            self._failures.clear()
            self._process_per_poll = None

    # -- the public, scripting side -------------------------------------------------------------

    @property
    def process_per_poll(self) -> int | None:
        """Pending requests each read of a batch processes: None (default) all, 0 none, or N."""
        return self._process_per_poll

    @process_per_poll.setter
    def process_per_poll(self, requests: int | None) -> None:
        if requests is not None and (
            isinstance(requests, bool) or not isinstance(requests, int) or requests < 0
        ):
            raise ValueError(f"process_per_poll must be None or an int of at least 0, got {requests!r}")
        self._process_per_poll = requests

    def process(self, batch_id: str, requests: int | None = None) -> int:
        """Process the next `requests` pending requests of a batch now (None: all); returns how many."""
        if requests is not None and (
            isinstance(requests, bool) or not isinstance(requests, int) or requests < 0
        ):
            raise ValueError(f"requests must be None or an int of at least 0, got {requests!r}")
        return self._advance(self._lookup(batch_id), requests, None)

    def complete(self, batch_id: str) -> int:
        """Process every pending request of a batch now; returns how many."""
        return self.process(batch_id)

    def fail(
        self,
        batch_id: str,
        code: grpc.StatusCode = grpc.StatusCode.INTERNAL,
        message: str = "the emulator was told to fail this request",
    ) -> int:
        """End every pending request of a batch as failed with `code` and `message`; returns how many."""
        batch = self._lookup(batch_id)
        with self._lock:
            failed = len(batch.pending)
            while batch.pending:
                request = batch.pending.popleft()
                batch.finish(request, FAILED, _failed(request, _status(code, message)), 0)
        return failed

    def fail_next(
        self,
        requests: int = 1,
        code: grpc.StatusCode = grpc.StatusCode.INTERNAL,
        message: str = "the emulator was told to fail this request",
    ) -> None:
        """Make the next `requests` processed requests (of any batch) fail with `code` and `message`."""
        if isinstance(requests, bool) or not isinstance(requests, int) or requests < 1:
            raise ValueError(f"requests must be an int of at least 1, got {requests!r}")
        with self._lock:
            self._failures.extend([(code, message)] * requests)

    def batch(self, batch_id: str) -> batch_pb2.Batch:
        """A batch as `GetBatch` would answer, without processing anything (`KeyError` if unknown)."""
        with self._lock:
            return self._lookup(batch_id).proto()

    # -- RPCs -----------------------------------------------------------------------------------

    def CreateBatch(self, request: batch_pb2.CreateBatchRequest, call: EmulatorCall) -> batch_pb2.Batch:
        """A new batch; with `input_file_id`, holding the requests of that JSONL file, and sealed."""
        if not request.name.strip():
            raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, "name must not be empty")
        loaded: list[batch_pb2.BatchRequest] = []
        if request.input_file_id:
            try:
                data = self._emulator.service("xai_api.Files").data(request.input_file_id)
            except KeyError:
                raise RpcAbort(
                    grpc.StatusCode.NOT_FOUND, f"No file with id {request.input_file_id!r}."
                ) from None
            loaded = _batch_input.read_requests(data)
        now = time.time()
        with self._lock:
            sequence = next(self._ids)
            batch = _Batch(
                id=f"batch-{sequence:08d}",
                name=request.name,
                sequence=sequence,
                created=now,
                api_key_id=_api_key_id(call),
                input_file_id=request.input_file_id or None,
            )
            if loaded:
                self._append(batch, loaded, now)
            self._batches[batch.id] = batch
            return batch.proto()

    def AddBatchRequests(
        self, request: batch_pb2.AddBatchRequestsRequest, call: EmulatorCall
    ) -> empty_pb2.Empty:
        """Append requests to a batch, all or none; they wait PENDING until processed."""
        size = request.ByteSize()
        if size > MAX_MESSAGE_BYTES:
            raise RpcAbort(
                grpc.StatusCode.RESOURCE_EXHAUSTED,
                f"Received message larger than max ({size} vs. {MAX_MESSAGE_BYTES})",
            )
        batch = self._batch_of(request.batch_id)
        with self._lock:
            if batch.cancelled is not None:
                raise RpcAbort(grpc.StatusCode.FAILED_PRECONDITION, f"Batch {batch.id} was cancelled.")
            if batch.input_file_id is not None:
                raise RpcAbort(
                    grpc.StatusCode.FAILED_PRECONDITION,
                    f"Batch {batch.id} was created from an input file and takes no more requests.",
                )
            self._append(batch, request.batch_requests, time.time())
        return empty_pb2.Empty()

    def GetBatch(self, request: batch_pb2.GetBatchRequest, call: EmulatorCall) -> batch_pb2.Batch:
        """A batch with its counters, after processing `process_per_poll` more of its requests."""
        batch = self._batch_of(request.batch_id)
        self._advance(batch, self._process_per_poll, call)
        with self._lock:
            return batch.proto()

    def ListBatches(
        self, request: batch_pb2.ListBatchesRequest, call: EmulatorCall
    ) -> batch_pb2.ListBatchesResponse:
        """The batches, newest first, a page at a time (each batch first processes as `GetBatch` does)."""
        limit = _listing.page_size(request.limit)
        with self._lock:
            batches = list(self._batches.values())
        for batch in batches:
            self._advance(batch, self._process_per_poll, call)
        chosen, token = _listing.page(
            batches,
            lambda batch: (batch.created, batch.sequence),
            descending=True,
            limit=limit,
            token=request.pagination_token,
            query=("batches",),
        )
        with self._lock:
            response = batch_pb2.ListBatchesResponse(batches=[batch.proto() for batch in chosen])
        if token is not None:
            response.pagination_token = token
        return response

    def CancelBatch(self, request: batch_pb2.CancelBatchRequest, call: EmulatorCall) -> batch_pb2.Batch:
        """Cancel a batch: its pending requests end CANCELLED (those being processed still finish)."""
        batch = self._batch_of(request.batch_id)
        with self._lock:
            if batch.cancelled is None:
                batch.cancelled = time.time()
                cancelled = _status(
                    grpc.StatusCode.CANCELLED, "The batch was cancelled before this request was processed."
                )
                while batch.pending:
                    pending = batch.pending.popleft()
                    batch.finish(pending, CANCELLED, _failed(pending, cancelled), 0)
            return batch.proto()

    def ListBatchRequestMetadata(
        self, request: batch_pb2.ListBatchRequestMetadataRequest, call: EmulatorCall
    ) -> batch_pb2.ListBatchRequestMetadataResponse:
        """A batch's requests in the order added, with their state; `status` keeps only those states."""
        batch = self._batch_of(request.batch_id)
        states = set(request.status)
        unknown = states - set(_Metadata.State.values())
        if unknown:
            raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, f"unknown request states {sorted(unknown)}")
        limit = _listing.page_size(request.limit)
        query = ("requests", batch.id, sorted(states))
        self._advance(batch, self._process_per_poll, call)
        response = batch_pb2.ListBatchRequestMetadataResponse()
        with self._lock:
            start = _start(request.pagination_token, query)
            following = (batch.requests[index] for index in range(start, len(batch.requests)))
            chosen = _first((item for item in following if not states or item.state in states), limit + 1)
            response.batch_request_metadata.extend(item.metadata() for item in chosen[:limit])
        if len(chosen) > limit:
            response.pagination_token = _listing.token_after((chosen[limit - 1].sequence,), query)
        return response

    def ListBatchResults(
        self, request: batch_pb2.ListBatchResultsRequest, call: EmulatorCall
    ) -> batch_pb2.ListBatchResultsResponse:
        """The results of a batch's finished requests (cancelled ones included), in finishing order."""
        batch = self._batch_of(request.batch_id)
        limit = _listing.page_size(request.limit)
        query = ("results", batch.id)
        self._advance(batch, self._process_per_poll, call)
        response = batch_pb2.ListBatchResultsResponse()
        with self._lock:
            start = _start(request.pagination_token, query)
            chosen = batch.finished[start : start + limit]
            response.results.extend(item.result for item in chosen if item.result is not None)
            more = start + limit < len(batch.finished)
        if more:
            response.pagination_token = _listing.token_after((start + limit - 1,), query)
        return response

    def GetBatchRequestResult(
        self, request: batch_pb2.GetBatchRequestResultRequest, call: EmulatorCall
    ) -> batch_pb2.GetBatchRequestResultResponse:
        """One request of a batch, and its result once it is finished."""
        batch = self._batch_of(request.batch_id)
        self._advance(batch, self._process_per_poll, call)
        with self._lock:
            item = batch.by_id.get(request.batch_request_id)
            if item is None:
                raise RpcAbort(
                    grpc.StatusCode.NOT_FOUND,
                    f"No request {request.batch_request_id!r} in batch {batch.id}.",
                )
            response = batch_pb2.GetBatchRequestResultResponse(request=item.request)
            if item.result is not None:
                response.result.CopyFrom(item.result)
        return response

    # -- plumbing -------------------------------------------------------------------------------

    def _lookup(self, batch_id: str) -> _Batch:
        batch = self._batches.get(batch_id)
        if batch is None:
            raise KeyError(batch_id)
        return batch

    def _batch_of(self, batch_id: str) -> _Batch:
        if not batch_id.strip():
            raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, "batch_id must not be empty")
        with self._lock:
            batch = self._batches.get(batch_id)
        if batch is None:
            raise RpcAbort(grpc.StatusCode.NOT_FOUND, f"No batch with id {batch_id!r}.")
        return batch

    def _append(self, batch: _Batch, requests: Sequence[batch_pb2.BatchRequest], now: float) -> None:
        """Check requests, then add them all (the lock is held)."""
        given: set[str] = set()
        for index, item in enumerate(requests):
            kind = item.WhichOneof("request")
            if kind is None:
                raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, f"batch_requests[{index}] has no request")
            if not getattr(item, kind).model.strip():
                raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, f"batch_requests[{index}] names no model")
            if item.batch_request_id:
                if item.batch_request_id in batch.by_id or item.batch_request_id in given:
                    raise RpcAbort(
                        grpc.StatusCode.ALREADY_EXISTS,
                        f"batch_request_id {item.batch_request_id!r} is already used in batch {batch.id}",
                    )
                given.add(item.batch_request_id)
        for item in requests:
            sequence = len(batch.requests)
            request_id = item.batch_request_id or _generated_id(batch, given, sequence)
            kind = item.WhichOneof("request")
            assert kind is not None
            stored = batch_pb2.BatchRequest()
            stored.CopyFrom(item)
            stored.batch_request_id = request_id
            entry = _Request(sequence, request_id, stored, ENDPOINTS[kind], getattr(item, kind).model, now)
            batch.requests.append(entry)
            batch.by_id[request_id] = entry
            batch.pending.append(entry)

    def _advance(self, batch: _Batch, limit: int | None, call: EmulatorCall | None) -> int:
        """Process up to `limit` (None: all) pending requests of a batch; returns how many."""
        with self._lock:
            count = len(batch.pending) if limit is None else min(limit, len(batch.pending))
            claimed = [(batch.pending.popleft(), self._take_failure()) for _ in range(count)]
            batch.in_flight += count
        for request, failure in claimed:
            # Computed without the lock: the other services take their own.
            if failure is None:
                state, result, cost = self._run(request, call)
            else:
                state, result, cost = FAILED, _failed(request, _status(*failure)), 0
            with self._lock:
                batch.in_flight -= 1
                batch.finish(request, state, result, cost)
        return count

    def _take_failure(self) -> tuple[grpc.StatusCode, str] | None:
        return self._failures.popleft() if self._failures else None

    def _run(self, request: _Request, call: EmulatorCall | None) -> tuple[int, batch_pb2.BatchResult, int]:
        """Process one request with the service of its kind: (state, result, cost in USD ticks)."""
        item = request.request
        kind = item.WhichOneof("request")
        service = self._emulator.service
        try:
            if kind == "completion_request":
                data = batch_pb2.BatchResultData(
                    completion_response=service("xai_api.Chat").GetCompletion(item.completion_request, call)
                )
                cost = data.completion_response.usage.cost_in_usd_ticks
            elif kind == "image_request":
                data = batch_pb2.BatchResultData(
                    image_response=service("xai_api.Image").GenerateImage(item.image_request, call)
                )
                cost = data.image_response.usage.cost_in_usd_ticks
            else:
                video = service("xai_api.Video")
                start = (
                    video.GenerateVideo(item.video_request, call)
                    if kind == "video_request"
                    else video.ExtendVideo(item.video_extension_request, call)
                )
                data = batch_pb2.BatchResultData(
                    video_response=_finished_video(video, start.request_id, call)
                )
                cost = data.video_response.usage.cost_in_usd_ticks
        except RpcAbort as abort:
            return FAILED, _failed(request, _status(abort.code, abort.details)), 0
        except Exception as error:  # a bug of the emulator: report it in the result, keep the batch sane
            message = f"the emulator failed to process this request: {error!r}"
            return FAILED, _failed(request, _status(grpc.StatusCode.INTERNAL, message)), 0
        return SUCCEEDED, batch_pb2.BatchResult(batch_request_id=request.id, response=data), cost


def _failed(request: _Request, error: status_pb2.Status) -> batch_pb2.BatchResult:
    return batch_pb2.BatchResult(batch_request_id=request.id, error=error)


def _finished_video(video: Any, request_id: str, call: EmulatorCall | None) -> video_pb2.VideoResponse:
    """Poll a video job of the Video service until it ends; its video, or RpcAbort saying how it failed."""
    poll = video_pb2.GetDeferredVideoRequest(request_id=request_id)
    video.skip_wait(request_id)
    for _ in range(_MAX_VIDEO_POLLS):
        answer = video.GetDeferredVideo(poll, call)
        if answer.status == deferred_pb2.DONE:
            return answer.response  # type: ignore[no-any-return]
        if answer.status == deferred_pb2.FAILED:
            error = answer.response.error
            detail = f"[{error.code}]: {error.message}" if answer.response.HasField("error") else "[UNKNOWN]"
            raise RpcAbort(grpc.StatusCode.INTERNAL, f"Video generation failed {detail}")
        if answer.status == deferred_pb2.EXPIRED:
            raise RpcAbort(grpc.StatusCode.DEADLINE_EXCEEDED, "The video generation job expired.")
    raise RpcAbort(grpc.StatusCode.DEADLINE_EXCEEDED, "The video generation job did not finish.")


def _generated_id(batch: _Batch, given: set[str], sequence: int) -> str:
    """An id for a request added without one, unique within its batch."""
    for attempt in itertools.count():
        candidate = f"request-{sequence + 1:08d}" + (f"-{attempt}" if attempt else "")
        if candidate not in batch.by_id and candidate not in given:
            return candidate
    raise AssertionError("unreachable")


def _start(token: str, query: Sequence[Any]) -> int:
    """The index a listing's page starts at: after the position its token records (0 without one)."""
    if not token:
        return 0
    position = _listing.position_after(token, query)
    if len(position) != 1 or not isinstance(position[0], int) or position[0] < 0:
        raise RpcAbort(grpc.StatusCode.INVALID_ARGUMENT, f"invalid pagination_token {token!r}")
    return position[0] + 1


def _first(items: Iterator[_Request], count: int) -> list[_Request]:
    return list(itertools.islice(items, count))


def _api_key_id(call: EmulatorCall) -> str:
    """A stable, non-secret id of the API key the call carried."""
    header = call.record.headers.get("authorization", "")
    key = header.decode() if isinstance(header, bytes) else header
    return "key-" + hashlib.sha256(key.encode()).hexdigest()[:12]
