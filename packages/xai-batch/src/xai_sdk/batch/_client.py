"""`client.batch`: create batches, add requests, follow them and read their results, for both clients."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from xai_sdk.arguments import non_empty_text
from xai_sdk.batch._request import (
    BatchRequestInput,
    batch_id_of,
    batches_request,
    limit_of,
    plan_add,
    requests_request,
    results_request,
    token_of,
)
from xai_sdk.batch._response import BatchResult, ListBatchResultsResponse
from xai_sdk.errors import RpcError
from xai_sdk.operations import Call, Flow, Operation, Timeout, call_timeout, rpc, unary
from xai_sdk.pagination import Page, PagedOperation, paged, paged_operation
from xai_sdk.proto import batch_pb2
from xai_sdk.service import Bound, ModeT, operation

__all__ = ["BatchClient"]

CREATE_BATCH = rpc(batch_pb2, "BatchMgmt", "CreateBatch")
GET_BATCH = rpc(batch_pb2, "BatchMgmt", "GetBatch")
LIST_BATCHES = rpc(batch_pb2, "BatchMgmt", "ListBatches")
CANCEL_BATCH = rpc(batch_pb2, "BatchMgmt", "CancelBatch")
ADD_BATCH_REQUESTS = rpc(batch_pb2, "BatchMgmt", "AddBatchRequests")
LIST_BATCH_REQUEST_METADATA = rpc(batch_pb2, "BatchMgmt", "ListBatchRequestMetadata")
LIST_BATCH_RESULTS = rpc(batch_pb2, "BatchMgmt", "ListBatchResults")


def _add_flow(messages: Iterable[batch_pb2.AddBatchRequestsRequest]) -> Flow[None]:
    """One ``AddBatchRequests`` call per message; a failure tells how many requests went before it."""
    added = 0
    for message in messages:
        try:
            yield Call(ADD_BATCH_REQUESTS, message)
        except RpcError as error:
            error.partial = added
            raise
        added += len(message.batch_requests)


class BatchClient(Bound[ModeT]):
    """The ``batch`` sub-client: many chat, image and video requests processed asynchronously.

    Create a batch, `add` requests to it (thousands at a time if need be), follow it with `get`,
    and read its results with `list_batch_results` page by page, or all of them lazily with
    `iter_results`. Every method takes ``timeout=`` (seconds or a timedelta) for that call; the
    ``iter_*`` methods apply it to each page's call.
    """

    @operation
    def create(
        self, batch_name: str, *, input_file_id: str | None = None, timeout: Timeout = None
    ) -> Operation[batch_pb2.Batch]:
        """Create a batch called `batch_name`; returns its `batch_pb2.Batch` (``.batch_id``, ...).

        `input_file_id` names an uploaded JSONL file of requests (``client.files.upload``): the
        batch is created with them and takes no further `add`.
        """
        request = batch_pb2.CreateBatchRequest(name=non_empty_text("batch_name", batch_name))
        if input_file_id is not None:
            request.input_file_id = non_empty_text("input_file_id", input_file_id)
        return unary(CREATE_BATCH, request, timeout=timeout)

    @operation
    def add(
        self, batch_id: str, batch_requests: Sequence[BatchRequestInput], *, timeout: Timeout = None
    ) -> Operation[None]:
        """Add requests to a batch: chats and prepared image and video requests.

        Args:
            batch_id: the batch's id (``batch.batch_id``).
            batch_requests: chats made by ``client.chat.create(...)`` (of either client) with
                their messages appended, their ``batch_request_id`` naming them in the results;
                and `batch_pb2.BatchRequest` messages, e.g. from ``client.image.prepare(...)``,
                ``client.video.prepare(...)`` or ``client.video.prepare_extension(...)``.
            timeout: bounds the whole addition, every call included.

        Every item is checked before anything is sent. Many requests are sent in several
        ``AddBatchRequests`` calls of at most 1,000 requests and 8 MiB each (see
        `ADD_CALL_MAX_REQUESTS` and `ADD_CALL_MAX_BYTES`), each built when the previous one has
        been sent, so memory stays bounded. If a call fails, the requests of the calls before it
        stay in the batch: the error's ``partial`` is how many were added.

        Raises:
            TypeError: `batch_id` is not a string, or `batch_requests` is not a list.
            ValueError: an empty `batch_id`; an item of another type (as in the official SDK),
                a `BatchRequest` without a request, a chat without messages, a request above
                the API's 20 MiB message limit, or one ``batch_request_id`` used twice.

        """
        plan = plan_add(batch_id, batch_requests)
        return Operation(_add_flow(plan.messages()), plan.summary, call_timeout(timeout))

    @operation
    def get(self, batch_id: str, *, timeout: Timeout = None) -> Operation[batch_pb2.Batch]:
        """A batch with its counters (``state.num_pending``, ``num_success``, ...) and cost."""
        return unary(GET_BATCH, batch_pb2.GetBatchRequest(batch_id=batch_id_of(batch_id)), timeout=timeout)

    @operation
    def cancel(self, batch_id: str, *, timeout: Timeout = None) -> Operation[batch_pb2.Batch]:
        """Cancel a batch: its requests not yet processed are cancelled. Returns the batch."""
        return unary(
            CANCEL_BATCH, batch_pb2.CancelBatchRequest(batch_id=batch_id_of(batch_id)), timeout=timeout
        )

    @operation
    def list(
        self, limit: int | None = None, pagination_token: str | None = None, *, timeout: Timeout = None
    ) -> Operation[batch_pb2.ListBatchesResponse]:
        """One page of the team's batches (``.batches``, ``.pagination_token`` of the next page).

        `limit` is the page size (the server's default when None). To go through all of them,
        `iter_batches` fetches the pages for you.
        """
        request = batches_request(limit_of("limit", limit), token_of(pagination_token))
        return unary(LIST_BATCHES, request, timeout=timeout)

    @operation
    def list_batch_requests(
        self,
        batch_id: str,
        limit: int | None = None,
        pagination_token: str | None = None,
        *,
        timeout: Timeout = None,
    ) -> Operation[batch_pb2.ListBatchRequestMetadataResponse]:
        """One page of a batch's requests with their state (``.batch_request_metadata``).

        `iter_batch_requests` goes through all of them.
        """
        request = requests_request(
            batch_id_of(batch_id), limit_of("limit", limit), token_of(pagination_token)
        )
        return unary(LIST_BATCH_REQUEST_METADATA, request, timeout=timeout)

    @operation
    def list_batch_results(
        self,
        batch_id: str,
        limit: int | None = None,
        pagination_token: str | None = None,
        *,
        timeout: Timeout = None,
    ) -> Operation[ListBatchResultsResponse]:
        """One page of a batch's results (``.results``, ``.succeeded``, ``.failed``, ``.pagination_token``).

        Results appear as requests finish. `iter_results` goes through all of them.
        """
        request = results_request(batch_id_of(batch_id), limit_of("limit", limit), token_of(pagination_token))
        return unary(LIST_BATCH_RESULTS, request, ListBatchResultsResponse, timeout=timeout)

    # -- lazy listings ----------------------------------------------------------------------------

    @paged_operation
    def iter_batches(
        self, *, page_size: int | None = None, pagination_token: str | None = None, timeout: Timeout = None
    ) -> PagedOperation[batch_pb2.Batch]:
        """Every batch of the team, newest first, fetched page by page as you iterate.

        ``for batch in client.batch.iter_batches(): ...`` (``async for`` on `AsyncClient`).
        `page_size` is the number of batches per call (the server's default when None);
        `pagination_token` starts from a page of an earlier listing; `timeout` bounds each call.
        """
        size, token = limit_of("page_size", page_size), token_of(pagination_token)
        return paged(
            LIST_BATCHES,
            lambda next_token: batches_request(size, next_token),
            lambda response: Page(response.batches, response.pagination_token),
            timeout=timeout,
            first_token=token,
        )

    @paged_operation
    def iter_batch_requests(
        self,
        batch_id: str,
        *,
        page_size: int | None = None,
        pagination_token: str | None = None,
        timeout: Timeout = None,
    ) -> PagedOperation[batch_pb2.BatchRequestMetadata]:
        """Every request of a batch with its state, fetched page by page as you iterate.

        Same keywords as `iter_batches`.
        """
        checked_id = batch_id_of(batch_id)
        size, token = limit_of("page_size", page_size), token_of(pagination_token)
        return paged(
            LIST_BATCH_REQUEST_METADATA,
            lambda next_token: requests_request(checked_id, size, next_token),
            lambda response: Page(response.batch_request_metadata, response.pagination_token),
            timeout=timeout,
            first_token=token,
        )

    @paged_operation
    def iter_results(
        self,
        batch_id: str,
        *,
        page_size: int | None = None,
        pagination_token: str | None = None,
        timeout: Timeout = None,
    ) -> PagedOperation[BatchResult]:
        """Every result of a batch so far, as `BatchResult` objects, fetched page by page.

        ``for result in client.batch.iter_results(batch.batch_id): ...`` holds one page in
        memory at a time, however large the batch. Each page shows the batch as it is when that
        page is fetched. Same keywords as `iter_batches`.
        """
        checked_id = batch_id_of(batch_id)
        size, token = limit_of("page_size", page_size), token_of(pagination_token)
        return paged(
            LIST_BATCH_RESULTS,
            lambda next_token: results_request(checked_id, size, next_token),
            _results_page,
            timeout=timeout,
            first_token=token,
        )


def _results_page(response: batch_pb2.ListBatchResultsResponse) -> Page[BatchResult]:
    return Page([BatchResult(result) for result in response.results], response.pagination_token)
