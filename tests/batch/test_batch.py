"""client.batch against the emulator, with both clients: every method, chunked additions, lazy
listings, cancellation, results read as chat, image and video responses, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import grpc
import pytest

from tests.conftest import outcome
from xai_sdk import errors
from xai_sdk.batch import (
    ADD_CALL_MAX_BYTES,
    ADD_CALL_MAX_REQUESTS,
    BaseClient,
    BatchClient,
    BatchResult,
    ListBatchResultsResponse,
)
from xai_sdk.chat import Response, user
from xai_sdk.emulator import Emulator
from xai_sdk.image import BaseImageResponse
from xai_sdk.proto import batch_pb2, chat_pb2
from xai_sdk.service import variant
from xai_sdk.video import VideoResponse

CHAT_MODEL = "grok-4"
IMAGE_MODEL = "grok-imagine-image"
VIDEO_MODEL = "grok-imagine-video"
ADD = "BatchMgmt/AddBatchRequests"
RESULTS = "BatchMgmt/ListBatchResults"
METADATA = "BatchMgmt/ListBatchRequestMetadata"
State = batch_pb2.BatchRequestMetadata


def chats(client: Any, count: int, *, prefix: str = "q", model: str = CHAT_MODEL) -> list[Any]:
    """`count` one-message chats with ids ``<prefix>0``, ``<prefix>1``, ..."""
    made = []
    for index in range(count):
        chat = client.chat.create(model, batch_request_id=f"{prefix}{index}")
        chat.append(user(f"Question {index}"))
        made.append(chat)
    return made


async def new_batch(client: Any, name: str = "test batch") -> str:
    batch = await outcome(client.batch.create(name))
    return str(batch.batch_id)


async def collect(iterator: Any) -> list[Any]:
    """Every item of a paginator of either client."""
    if iterator._runner.is_async:
        return [item async for item in iterator]
    return list(iterator)


async def next_item(iterator: Any) -> Any:
    return await anext(iterator) if iterator._runner.is_async else next(iterator)


# -- create ---------------------------------------------------------------------------------------


async def test_create_returns_a_new_empty_batch_with_its_name(client) -> None:
    batch = await outcome(client.batch.create("nightly run"))
    assert isinstance(batch, batch_pb2.Batch)
    assert batch.name == "nightly run"
    assert batch.batch_id.startswith("batch-")
    assert batch.state.num_requests == 0
    assert batch.create_time.seconds > 0


async def test_create_from_an_input_file_loads_its_requests(client, xai_emulator: Emulator) -> None:
    lines = [
        {
            "custom_id": "paris",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": CHAT_MODEL, "messages": [{"role": "user", "content": "Capital of France?"}]},
        },
        {"batch_request_id": "kite", "image_request": {"model": IMAGE_MODEL, "prompt": "A kite"}},
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    uploaded = await outcome(client.files.upload(data, filename="requests.jsonl"))
    batch = await outcome(client.batch.create("from file", input_file_id=uploaded.id))
    assert batch.input_file_id == uploaded.id
    assert xai_emulator.calls("BatchMgmt/CreateBatch")[0].request.input_file_id == uploaded.id
    results = {
        result.batch_request_id: result for result in await collect(client.batch.iter_results(batch.batch_id))
    }
    assert results["paris"].response.content == "Capital of France?"
    assert results["kite"].image_response.url.startswith("http://")


async def test_a_batch_made_from_a_file_takes_no_more_requests(client) -> None:
    line = {"batch_request_id": "a", "completion_request": {"model": CHAT_MODEL, "messages": []}}
    uploaded = await outcome(client.files.upload(json.dumps(line).encode(), filename="in.jsonl"))
    batch = await outcome(client.batch.create("sealed", input_file_id=uploaded.id))
    with pytest.raises(errors.FailedPreconditionError, match="input file"):
        await outcome(client.batch.add(batch.batch_id, chats(client, 1)))


async def test_create_with_an_unknown_input_file_is_not_found(client) -> None:
    with pytest.raises(errors.NotFoundError):
        await outcome(client.batch.create("x", input_file_id="file-missing"))


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("", ValueError, "batch_name must not be empty"),
        ("  ", ValueError, "empty"),
        (None, TypeError, "string"),
    ],
)
async def test_a_bad_batch_name_is_refused_before_any_rpc(
    client, xai_emulator: Emulator, name: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        await outcome(client.batch.create(name))
    assert xai_emulator.requests == []


async def test_an_empty_input_file_id_is_refused_before_any_rpc(client, xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="input_file_id must not be empty"):
        await outcome(client.batch.create("x", input_file_id=""))
    assert xai_emulator.requests == []


# -- add ------------------------------------------------------------------------------------------


async def test_add_takes_chats_and_prepared_image_and_video_requests(client) -> None:
    batch_id = await new_batch(client)
    requests = [
        *chats(client, 2),
        client.image.prepare("A kite", IMAGE_MODEL, batch_request_id="kite"),
        client.video.prepare("Clouds", VIDEO_MODEL, batch_request_id="clouds"),
        client.video.prepare_extension(
            "More", VIDEO_MODEL, "https://example.com/a.mp4", batch_request_id="more"
        ),
    ]
    assert await outcome(client.batch.add(batch_id, requests)) is None
    listed = await outcome(client.batch.list_batch_requests(batch_id))
    endpoints = {item.batch_request_id: item.endpoint for item in listed.batch_request_metadata}
    assert endpoints == {
        "q0": "/v1/chat/completions",
        "q1": "/v1/chat/completions",
        "kite": "/v1/images/generations",
        "clouds": "/v1/videos/generations",
        "more": "/v1/videos/extensions",
    }


async def test_a_chat_is_sent_as_its_completion_request_with_its_batch_request_id(
    client, xai_emulator: Emulator
) -> None:
    batch_id = await new_batch(client)
    chat = client.chat.create(CHAT_MODEL, batch_request_id="capital", temperature=0.5)
    chat.append(user("What is the capital of Peru?"))
    await outcome(client.batch.add(batch_id, [chat]))
    sent = xai_emulator.calls(ADD)[0].request
    assert sent.batch_id == batch_id
    assert sent.batch_requests[0].batch_request_id == "capital"
    assert sent.batch_requests[0].completion_request == chat.proto


async def test_a_chat_without_an_id_is_sent_without_one_and_gets_one_from_the_api(
    client, xai_emulator: Emulator
) -> None:
    batch_id = await new_batch(client)
    chat = client.chat.create(CHAT_MODEL)
    chat.append(user("Hi"))
    await outcome(client.batch.add(batch_id, [chat]))
    assert not xai_emulator.calls(ADD)[0].request.batch_requests[0].HasField("batch_request_id")
    (result,) = await collect(client.batch.iter_results(batch_id))
    assert result.batch_request_id


async def test_chats_of_the_other_kind_of_client_are_accepted(client, xai_emulator: Emulator) -> None:
    batch_id = await new_batch(client)
    with xai_emulator.client() as sync_client:
        async_client = xai_emulator.async_client()
        mixed = [*chats(sync_client, 1, prefix="s"), *chats(async_client, 1, prefix="a")]
        await outcome(client.batch.add(batch_id, mixed))
    batch = await outcome(client.batch.get(batch_id))
    assert batch.state.num_requests == 2


async def test_many_requests_are_added_in_calls_of_at_most_1000(client, xai_emulator: Emulator) -> None:
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 2_500)))
    sizes = [len(call.request.batch_requests) for call in xai_emulator.calls(ADD)]
    assert sizes == [ADD_CALL_MAX_REQUESTS, ADD_CALL_MAX_REQUESTS, 500]
    sent_ids = [
        item.batch_request_id for call in xai_emulator.calls(ADD) for item in call.request.batch_requests
    ]
    assert sent_ids == [f"q{index}" for index in range(2_500)]


async def test_large_requests_are_split_into_calls_of_at_most_8_mib(client, xai_emulator: Emulator) -> None:
    batch_id = await new_batch(client)
    big = []
    for index in range(5):
        chat = client.chat.create(CHAT_MODEL, batch_request_id=f"big{index}")
        chat.append(user("x" * (3 * 1024 * 1024)))
        big.append(chat)
    await outcome(client.batch.add(batch_id, big))
    calls = xai_emulator.calls(ADD)
    assert [len(call.request.batch_requests) for call in calls] == [2, 2, 1]
    assert all(call.request.ByteSize() <= ADD_CALL_MAX_BYTES for call in calls)


async def test_a_request_above_the_message_limit_is_refused_before_any_rpc(
    client, xai_emulator: Emulator
) -> None:
    chat = client.chat.create(CHAT_MODEL)
    chat.append(user("x" * (21 * 1024 * 1024)))
    with pytest.raises(ValueError, match=r"batch_requests\[1\] is .* bytes"):
        await outcome(client.batch.add("batch-1", [*chats(client, 1), chat]))
    assert xai_emulator.requests == []


async def test_a_failed_call_reports_how_many_requests_were_added_before_it(
    client, xai_emulator: Emulator
) -> None:
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 1, prefix="taken")))
    # The second call's first request reuses an id already in the batch: the server refuses it.
    requests = [
        *chats(client, ADD_CALL_MAX_REQUESTS),
        *chats(client, 1, prefix="taken"),
        *chats(client, 5, prefix="z"),
    ]
    with pytest.raises(errors.AlreadyExistsError) as raised:
        await outcome(client.batch.add(batch_id, requests))
    assert raised.value.partial == ADD_CALL_MAX_REQUESTS
    assert (await outcome(client.batch.get(batch_id))).state.num_requests == 1 + ADD_CALL_MAX_REQUESTS


async def test_adding_nothing_makes_one_call_as_the_official_sdk_does(client, xai_emulator: Emulator) -> None:
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, []))
    assert [len(call.request.batch_requests) for call in xai_emulator.calls(ADD)] == [0]


async def test_adding_to_an_unknown_batch_is_not_found(client) -> None:
    with pytest.raises(errors.NotFoundError, match="batch-missing"):
        await outcome(client.batch.add("batch-missing", chats(client, 1)))


def _bad_requests(client: Any) -> list[tuple[Any, Any, type[Exception], str]]:
    """(batch_id, batch_requests, error, message) of additions refused before any RPC."""
    empty_chat = client.chat.create(CHAT_MODEL)
    return [
        (123, chats(client, 1), TypeError, "batch_id must be a string"),
        (None, chats(client, 1), TypeError, "batch_id must be a string"),
        ("", chats(client, 1), ValueError, "batch_id must not be empty"),
        (
            "batch-1",
            ["What is 2+2?"],
            ValueError,
            r"Unsupported request type: <class 'str'>\. batch_requests\[0\]",
        ),
        (
            "batch-1",
            [chat_pb2.GetCompletionsRequest(model=CHAT_MODEL)],
            ValueError,
            "Unsupported request type",
        ),
        ("batch-1", [batch_pb2.BatchRequest(batch_request_id="x")], ValueError, "without a request"),
        ("batch-1", [empty_chat], ValueError, "chat without messages"),
        ("batch-1", chats(client, 1)[0], TypeError, "must be a list"),
        (
            "batch-1",
            "chats",
            ValueError,
            r"Unsupported request type: <class 'str'>\. batch_requests must be a list",
        ),
        ("batch-1", [*chats(client, 2), *chats(client, 1)], ValueError, "'q0' is given by batch_requests"),
    ]


async def test_bad_additions_are_refused_before_any_rpc(client, xai_emulator: Emulator) -> None:
    for batch_id, requests, error, message in _bad_requests(client):
        with pytest.raises(error, match=message):
            await outcome(client.batch.add(batch_id, requests))
    assert xai_emulator.requests == []


async def test_one_bad_item_among_thousands_stops_the_whole_addition_before_any_rpc(
    client, xai_emulator: Emulator
) -> None:
    requests: list[Any] = chats(client, 3_000)
    requests[2_500] = "not a request"
    with pytest.raises(ValueError, match=r"batch_requests\[2500\]"):
        await outcome(client.batch.add("batch-1", requests))
    assert xai_emulator.requests == []


# -- get, processing and cancel -------------------------------------------------------------------


async def test_get_reports_the_requests_pending_until_processed(client, xai_emulator: Emulator) -> None:
    xai_emulator.batch.process_per_poll = 0
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 3)))
    pending = await outcome(client.batch.get(batch_id))
    assert (pending.state.num_requests, pending.state.num_pending, pending.state.num_success) == (3, 3, 0)
    xai_emulator.batch.complete(batch_id)
    done = await outcome(client.batch.get(batch_id))
    assert (done.state.num_pending, done.state.num_success) == (0, 3)
    assert done.cost_breakdown.total_cost_usd_ticks > 0


async def test_each_read_of_a_batch_processes_more_of_its_requests(client, xai_emulator: Emulator) -> None:
    xai_emulator.batch.process_per_poll = 2
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 5)))
    pending = [(await outcome(client.batch.get(batch_id))).state.num_pending for _ in range(4)]
    assert pending == [3, 1, 0, 0]


async def test_get_of_an_unknown_batch_is_not_found(client) -> None:
    with pytest.raises(errors.NotFoundError):
        await outcome(client.batch.get("batch-missing"))


async def test_cancel_cancels_the_pending_requests(client, xai_emulator: Emulator) -> None:
    xai_emulator.batch.process_per_poll = 0
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 3)))
    xai_emulator.batch.process(batch_id, 1)
    cancelled = await outcome(client.batch.cancel(batch_id))
    assert cancelled.cancel_time.seconds > 0
    state = cancelled.state
    assert (state.num_success, state.num_cancelled, state.num_pending) == (1, 2, 0)


async def test_the_results_of_a_cancelled_batch_report_the_cancellation(
    client, xai_emulator: Emulator
) -> None:
    xai_emulator.batch.process_per_poll = 0
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 3)))
    xai_emulator.batch.process(batch_id, 1)
    await outcome(client.batch.cancel(batch_id))
    page = await outcome(client.batch.list_batch_results(batch_id))
    assert [result.batch_request_id for result in page.succeeded] == ["q0"]
    assert [result.batch_request_id for result in page.failed] == ["q1", "q2"]
    for result in page.failed:
        assert result.has_error and not result.is_success
        assert result.error_code == grpc.StatusCode.CANCELLED
        assert "cancelled" in (result.error_message or "")
    states = [
        item.state
        for item in (await outcome(client.batch.list_batch_requests(batch_id))).batch_request_metadata
    ]
    assert states == [State.STATE_SUCCEEDED, State.STATE_CANCELLED, State.STATE_CANCELLED]


async def test_adding_to_a_cancelled_batch_fails_its_precondition(client) -> None:
    batch_id = await new_batch(client)
    await outcome(client.batch.cancel(batch_id))
    with pytest.raises(errors.FailedPreconditionError, match="cancelled"):
        await outcome(client.batch.add(batch_id, chats(client, 1)))


async def test_a_bad_batch_id_is_refused_before_any_rpc_by_every_method(
    client, xai_emulator: Emulator
) -> None:
    batch = client.batch
    for call in (
        lambda: batch.get(""),
        lambda: batch.cancel(42),
        lambda: batch.list_batch_requests(""),
        lambda: batch.list_batch_results(None),
        lambda: batch.iter_results(""),
        lambda: batch.iter_batch_requests(b"batch-1"),
    ):
        with pytest.raises((ValueError, TypeError), match="batch_id"):
            await outcome(call())
    assert xai_emulator.requests == []


# -- list and list_batch_requests ------------------------------------------------------------------


async def test_list_pages_through_the_batches_newest_first(client) -> None:
    ids = [await new_batch(client, f"b{index}") for index in range(3)]
    first = await outcome(client.batch.list(limit=2))
    assert isinstance(first, batch_pb2.ListBatchesResponse)
    assert [batch.batch_id for batch in first.batches] == ids[::-1][:2]
    second = await outcome(client.batch.list(limit=2, pagination_token=first.pagination_token))
    assert [batch.batch_id for batch in second.batches] == ids[:1]
    assert not second.HasField("pagination_token")


@pytest.mark.parametrize(
    ("limit", "error"), [(0, ValueError), (-3, ValueError), ("10", TypeError), (True, TypeError)]
)
async def test_a_bad_page_size_is_refused_before_any_rpc(
    client, xai_emulator: Emulator, limit: Any, error: type[Exception]
) -> None:
    with pytest.raises(error, match="limit"):
        await outcome(client.batch.list(limit=limit))
    with pytest.raises(error, match="page_size"):
        client.batch.iter_results("batch-1", page_size=limit)
    assert xai_emulator.requests == []


async def test_a_pagination_token_that_is_not_a_string_is_refused_before_any_rpc(
    client, xai_emulator: Emulator
) -> None:
    with pytest.raises(TypeError, match="pagination_token"):
        await outcome(client.batch.list_batch_results("batch-1", pagination_token=3))
    assert xai_emulator.requests == []


async def test_list_batch_requests_pages_through_the_requests_with_their_state(
    client, xai_emulator: Emulator
) -> None:
    xai_emulator.batch.process_per_poll = 0
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 3)))
    first = await outcome(client.batch.list_batch_requests(batch_id, limit=2))
    assert isinstance(first, batch_pb2.ListBatchRequestMetadataResponse)
    assert [item.batch_request_id for item in first.batch_request_metadata] == ["q0", "q1"]
    assert {item.state for item in first.batch_request_metadata} == {State.STATE_PENDING}
    assert first.batch_request_metadata[0].model == CHAT_MODEL
    second = await outcome(client.batch.list_batch_requests(batch_id, 2, first.pagination_token))
    assert [item.batch_request_id for item in second.batch_request_metadata] == ["q2"]
    assert not second.pagination_token


# -- results --------------------------------------------------------------------------------------


async def test_list_batch_results_returns_a_page_of_results(client) -> None:
    batch_id = await new_batch(client)
    await outcome(
        client.batch.add(
            batch_id, [*chats(client, 2), *chats(client, 1, prefix="bad", model="no-such-model")]
        )
    )
    page = await outcome(client.batch.list_batch_results(batch_id))
    assert isinstance(page, ListBatchResultsResponse)
    assert [result.batch_request_id for result in page.results] == ["q0", "q1", "bad0"]
    assert [result.batch_request_id for result in page.succeeded] == ["q0", "q1"]
    assert [result.batch_request_id for result in page.failed] == ["bad0"]
    assert page.pagination_token is None
    assert isinstance(page.proto, batch_pb2.ListBatchResultsResponse)


async def test_list_batch_results_pages_with_limit_and_token(client) -> None:
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 3)))
    first = await outcome(client.batch.list_batch_results(batch_id, limit=2))
    assert first.pagination_token is not None
    second = await outcome(
        client.batch.list_batch_results(batch_id, limit=2, pagination_token=first.pagination_token)
    )
    assert [result.batch_request_id for result in [*first.results, *second.results]] == ["q0", "q1", "q2"]
    assert second.pagination_token is None


async def test_a_chat_result_reads_as_a_chat_response(client) -> None:
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 1)))
    (result,) = (await outcome(client.batch.list_batch_results(batch_id))).results
    assert isinstance(result, BatchResult)
    assert result.is_success and not result.has_error and result.error_message is None
    assert result.error_code is None
    assert isinstance(result.response, Response)
    assert result.response.content == "Question 0"
    assert result.response.usage.total_tokens > 0


async def test_an_image_result_reads_as_an_image_response(client) -> None:
    batch_id = await new_batch(client)
    await outcome(
        client.batch.add(batch_id, [client.image.prepare("A kite", IMAGE_MODEL, batch_request_id="k")])
    )
    (result,) = (await outcome(client.batch.list_batch_results(batch_id))).results
    assert type(result.image_response) is BaseImageResponse
    assert result.image_response.url.startswith("http://")
    assert result.image_response.model == IMAGE_MODEL


async def test_a_video_result_reads_as_a_video_response(client, xai_emulator: Emulator) -> None:
    xai_emulator.video.deferred_polls = 3
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, [client.video.prepare("Clouds", VIDEO_MODEL, duration=4)]))
    (result,) = (await outcome(client.batch.list_batch_results(batch_id))).results
    assert isinstance(result.video_response, VideoResponse)
    assert result.video_response.duration == 4
    assert result.video_response.url.startswith("http://")


async def test_a_failed_request_reports_the_services_error(client, xai_emulator: Emulator) -> None:
    xai_emulator.video.fail_next("content_policy", "not allowed")
    batch_id = await new_batch(client)
    requests = [
        *chats(client, 1, prefix="unknown-model", model="no-such-model"),
        client.video.prepare("Clouds", VIDEO_MODEL, batch_request_id="video"),
    ]
    await outcome(client.batch.add(batch_id, requests))
    results = {
        r.batch_request_id: r for r in (await outcome(client.batch.list_batch_results(batch_id))).results
    }
    assert results["unknown-model0"].error_code == grpc.StatusCode.INVALID_ARGUMENT  # "Model not found"
    assert "no-such-model" in (results["unknown-model0"].error_message or "")
    assert results["video"].error_message == "Video generation failed [content_policy]: not allowed"
    batch = await outcome(client.batch.get(batch_id))
    assert (batch.state.num_error, batch.state.num_success) == (2, 0)


async def test_the_image_response_of_a_result_without_an_image_says_what_it_holds(client) -> None:
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 1)))
    (result,) = (await outcome(client.batch.list_batch_results(batch_id))).results
    with pytest.raises(IndexError, match="holds a chat completion"):
        result.image_response  # noqa: B018


def test_a_failed_result_without_a_known_code_reads_as_unknown() -> None:
    result = BatchResult(batch_pb2.BatchResult(batch_request_id="x", error={"code": 999, "message": "odd"}))
    assert (result.error_code, result.error_message) == (grpc.StatusCode.UNKNOWN, "odd")
    with pytest.raises(IndexError, match="failed: odd"):
        result.image_response  # noqa: B018


# -- lazy listings --------------------------------------------------------------------------------


async def test_iter_results_fetches_one_page_at_a_time_as_it_is_iterated(
    client, xai_emulator: Emulator
) -> None:
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 25)))
    results = client.batch.iter_results(batch_id, page_size=10)
    assert xai_emulator.calls(RESULTS) == []
    first = [await next_item(results) for _ in range(10)]
    assert len(xai_emulator.calls(RESULTS)) == 1
    await next_item(results)
    assert len(xai_emulator.calls(RESULTS)) == 2
    rest = await collect(results)
    assert [result.batch_request_id for result in [*first, *rest]][:10] == [
        f"q{index}" for index in range(10)
    ]
    assert len(rest) == 14
    assert all(isinstance(result, BatchResult) for result in rest)
    assert [call.request.limit for call in xai_emulator.calls(RESULTS)] == [10, 10, 10]


async def test_iter_results_passes_the_timeout_to_each_page_call(client, xai_emulator: Emulator) -> None:
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 3)))
    await collect(client.batch.iter_results(batch_id, page_size=1, timeout=5))
    remaining = [call.time_remaining for call in xai_emulator.calls(RESULTS)]
    assert len(remaining) == 3
    assert all(value is not None and 0 < value <= 5.5 for value in remaining)  # grpc rounds it up


async def test_iter_results_may_start_from_a_saved_token(client) -> None:
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 3)))
    token = (await outcome(client.batch.list_batch_results(batch_id, limit=2))).pagination_token
    rest = await collect(client.batch.iter_results(batch_id, pagination_token=token))
    assert [result.batch_request_id for result in rest] == ["q2"]


async def test_iter_batch_requests_yields_every_request(client, xai_emulator: Emulator) -> None:
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 7)))
    metadata = await collect(client.batch.iter_batch_requests(batch_id, page_size=3))
    assert [item.batch_request_id for item in metadata] == [f"q{index}" for index in range(7)]
    assert all(isinstance(item, batch_pb2.BatchRequestMetadata) for item in metadata)
    assert len(xai_emulator.calls(METADATA)) == 3


async def test_iter_batches_yields_every_batch_newest_first(client) -> None:
    ids = [await new_batch(client, f"b{index}") for index in range(5)]
    batches = await collect(client.batch.iter_batches(page_size=2))
    assert [batch.batch_id for batch in batches] == ids[::-1]


async def test_ten_thousand_requests_are_added_in_bounded_calls_and_read_back_page_by_page(
    client, xai_emulator: Emulator
) -> None:
    batch_id = await new_batch(client)
    await outcome(client.batch.add(batch_id, chats(client, 10_000)))
    calls = xai_emulator.calls(ADD)
    assert len(calls) == 10
    assert all(len(call.request.batch_requests) <= ADD_CALL_MAX_REQUESTS for call in calls)
    assert all(call.request.ByteSize() <= ADD_CALL_MAX_BYTES for call in calls)
    expected = (f"q{index}" for index in range(10_000))
    results = client.batch.iter_results(batch_id)
    while (result := await next_or_none(results)) is not None:
        assert result.batch_request_id == next(expected)
        assert result.is_success
    assert next(expected, None) is None
    assert len(xai_emulator.calls(RESULTS)) == 100  # one call per page of 100


async def next_or_none(iterator: Any) -> Any:
    """The next item of a paginator of either client, or None at the end."""
    if iterator._runner.is_async:
        return await anext(iterator, None)
    return next(iterator, None)


# -- the module ------------------------------------------------------------------------------------


def test_importing_xai_sdk_batch_does_not_import_chat_image_or_video() -> None:
    code = (
        "import sys, xai_sdk.batch; "
        "print([m for m in ('xai_sdk.chat', 'xai_sdk.image', 'xai_sdk.video') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_official_module_paths_name_the_variants_of_the_one_client() -> None:
    from xai_sdk.aio.batch import Client as AsyncBatch
    from xai_sdk.sync.batch import Client as SyncBatch

    assert SyncBatch is variant(BatchClient, is_async=False)
    assert AsyncBatch is variant(BatchClient, is_async=True)
    assert BaseClient is BatchClient
