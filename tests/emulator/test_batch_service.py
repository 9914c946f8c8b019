"""The emulator's BatchMgmt service, driven with raw gRPC calls: states, processing, checks, paging."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import grpc
import pytest

from xai_sdk.emulator import Emulator
from xai_sdk.proto import batch_pb2, chat_pb2, image_pb2

State = batch_pb2.BatchRequestMetadata


class RawBatch:
    """BatchMgmt RPCs on a plain grpc channel."""

    def __init__(self, channel: grpc.Channel, metadata: tuple[tuple[str, str], ...]) -> None:
        self._channel = channel
        self._metadata = metadata

    def call(self, method: str, request: Any, response_type: Any) -> Any:
        rpc = self._channel.unary_unary(
            f"/xai_api.BatchMgmt/{method}",
            request_serializer=type(request).SerializeToString,
            response_deserializer=response_type.FromString,
        )
        return rpc(request, metadata=self._metadata, timeout=30)

    def create(self, name: str = "b", **fields: Any) -> str:
        batch = self.call("CreateBatch", batch_pb2.CreateBatchRequest(name=name, **fields), batch_pb2.Batch)
        return str(batch.batch_id)

    def add(self, batch_id: str, *requests: batch_pb2.BatchRequest) -> None:
        from google.protobuf import empty_pb2

        request = batch_pb2.AddBatchRequestsRequest(batch_id=batch_id, batch_requests=requests)
        self.call("AddBatchRequests", request, empty_pb2.Empty)

    def get(self, batch_id: str) -> batch_pb2.Batch:
        return self.call("GetBatch", batch_pb2.GetBatchRequest(batch_id=batch_id), batch_pb2.Batch)

    def metadata(self, batch_id: str, **fields: Any) -> batch_pb2.ListBatchRequestMetadataResponse:
        request = batch_pb2.ListBatchRequestMetadataRequest(batch_id=batch_id, **fields)
        return self.call("ListBatchRequestMetadata", request, batch_pb2.ListBatchRequestMetadataResponse)

    def results(self, batch_id: str, **fields: Any) -> batch_pb2.ListBatchResultsResponse:
        request = batch_pb2.ListBatchResultsRequest(batch_id=batch_id, **fields)
        return self.call("ListBatchResults", request, batch_pb2.ListBatchResultsResponse)

    def result(self, batch_id: str, request_id: str) -> batch_pb2.GetBatchRequestResultResponse:
        request = batch_pb2.GetBatchRequestResultRequest(batch_id=batch_id, batch_request_id=request_id)
        return self.call("GetBatchRequestResult", request, batch_pb2.GetBatchRequestResultResponse)


@pytest.fixture
def raw(xai_emulator: Emulator) -> Iterator[RawBatch]:
    with grpc.insecure_channel(xai_emulator.address) as channel:
        yield RawBatch(channel, (("authorization", f"Bearer {xai_emulator.api_key}"),))


def chat(text: str = "Hello", request_id: str | None = None, model: str = "grok-4") -> batch_pb2.BatchRequest:
    completion = chat_pb2.GetCompletionsRequest(
        model=model,
        messages=[chat_pb2.Message(role=chat_pb2.ROLE_USER, content=[chat_pb2.Content(text=text)])],
    )
    return batch_pb2.BatchRequest(batch_request_id=request_id, completion_request=completion)


def code_of(raised: pytest.ExceptionInfo[grpc.RpcError]) -> grpc.StatusCode:
    return raised.value.code()


# -- processing ------------------------------------------------------------------------------------


def test_requests_are_processed_by_the_first_read_by_default(raw: RawBatch) -> None:
    batch_id = raw.create()
    raw.add(batch_id, chat("a"), chat("b"))
    state = raw.get(batch_id).state
    assert (state.num_requests, state.num_pending, state.num_success) == (2, 0, 2)


def test_process_per_poll_processes_that_many_requests_per_read(
    raw: RawBatch, xai_emulator: Emulator
) -> None:
    xai_emulator.batch.process_per_poll = 1
    batch_id = raw.create()
    raw.add(batch_id, chat("a"), chat("b"))
    assert raw.metadata(batch_id).batch_request_metadata[0].state == State.STATE_SUCCEEDED
    assert len(raw.results(batch_id).results) == 2


def test_requests_wait_for_a_command_when_process_per_poll_is_zero(
    raw: RawBatch, xai_emulator: Emulator
) -> None:
    xai_emulator.batch.process_per_poll = 0
    batch_id = raw.create()
    raw.add(batch_id, chat("a"), chat("b"), chat("c"))
    assert raw.get(batch_id).state.num_pending == 3
    assert xai_emulator.batch.process(batch_id, 2) == 2
    assert xai_emulator.batch.batch(batch_id).state.num_pending == 1
    assert xai_emulator.batch.complete(batch_id) == 1
    assert xai_emulator.batch.batch(batch_id).state.num_success == 3


def test_fail_ends_every_pending_request_with_the_status_given(raw: RawBatch, xai_emulator: Emulator) -> None:
    xai_emulator.batch.process_per_poll = 0
    batch_id = raw.create()
    raw.add(batch_id, chat("a", "a"), chat("b", "b"))
    assert xai_emulator.batch.fail(batch_id, grpc.StatusCode.RESOURCE_EXHAUSTED, "quota") == 2
    results = raw.results(batch_id).results
    assert [(r.batch_request_id, r.error.code, r.error.message) for r in results] == [
        ("a", grpc.StatusCode.RESOURCE_EXHAUSTED.value[0], "quota"),
        ("b", grpc.StatusCode.RESOURCE_EXHAUSTED.value[0], "quota"),
    ]
    assert raw.get(batch_id).state.num_error == 2


def test_fail_next_fails_the_next_processed_requests(raw: RawBatch, xai_emulator: Emulator) -> None:
    xai_emulator.batch.fail_next(1, grpc.StatusCode.UNAVAILABLE, "overloaded")
    batch_id = raw.create()
    raw.add(batch_id, chat("a", "a"), chat("b", "b"))
    results = {r.batch_request_id: r for r in raw.results(batch_id).results}
    assert results["a"].error.message == "overloaded"
    assert results["b"].HasField("response")


@pytest.mark.parametrize("value", [-1, 1.5, True, "2"])
def test_a_bad_process_per_poll_is_refused(xai_emulator: Emulator, value: Any) -> None:
    with pytest.raises(ValueError, match="process_per_poll"):
        xai_emulator.batch.process_per_poll = value


def test_the_helpers_refuse_an_unknown_batch(xai_emulator: Emulator) -> None:
    with pytest.raises(KeyError):
        xai_emulator.batch.complete("batch-missing")


def test_reset_forgets_the_batches_and_restores_processing_on_read(
    raw: RawBatch, xai_emulator: Emulator
) -> None:
    xai_emulator.batch.process_per_poll = 0
    batch_id = raw.create()
    xai_emulator.reset()
    assert xai_emulator.batch.process_per_poll is None
    with pytest.raises(grpc.RpcError) as raised:
        raw.get(batch_id)
    assert code_of(raised) == grpc.StatusCode.NOT_FOUND


def test_costs_are_broken_down_by_endpoint(raw: RawBatch) -> None:
    batch_id = raw.create()
    image = image_pb2.GenerateImageRequest(model="grok-imagine-image", prompt="A kite")
    raw.add(batch_id, chat("a"), chat("b"), batch_pb2.BatchRequest(image_request=image))
    breakdown = raw.get(batch_id).cost_breakdown
    counts = {cost.endpoint: cost.request_count for cost in breakdown.endpoint_costs}
    assert counts == {"/v1/chat/completions": 2, "/v1/images/generations": 1}
    assert breakdown.total_cost_usd_ticks == sum(cost.cost_usd_ticks for cost in breakdown.endpoint_costs)


# -- requests and results ------------------------------------------------------------------------


def test_requests_without_an_id_get_unique_ones(raw: RawBatch) -> None:
    batch_id = raw.create()
    raw.add(batch_id, chat("a", "request-00000002"), chat("b"))
    ids = [item.batch_request_id for item in raw.metadata(batch_id).batch_request_metadata]
    assert ids[0] == "request-00000002"
    assert len(set(ids)) == 2 and ids[1]


def test_get_batch_request_result_gives_the_request_and_its_result(
    raw: RawBatch, xai_emulator: Emulator
) -> None:
    xai_emulator.batch.process_per_poll = 0
    batch_id = raw.create()
    raw.add(batch_id, chat("Bonjour", "hello"))
    pending = raw.result(batch_id, "hello")
    assert pending.request.completion_request.messages[0].content[0].text == "Bonjour"
    assert not pending.HasField("result")
    xai_emulator.batch.complete(batch_id)
    done = raw.result(batch_id, "hello")
    assert done.result.response.completion_response.outputs[0].message.content == "Bonjour"


def test_an_unknown_request_id_is_not_found(raw: RawBatch) -> None:
    batch_id = raw.create()
    with pytest.raises(grpc.RpcError) as raised:
        raw.result(batch_id, "missing")
    assert code_of(raised) == grpc.StatusCode.NOT_FOUND


def test_the_status_filter_keeps_requests_in_those_states(raw: RawBatch, xai_emulator: Emulator) -> None:
    xai_emulator.batch.process_per_poll = 0
    batch_id = raw.create()
    raw.add(batch_id, *(chat(str(index), f"r{index}") for index in range(5)))
    xai_emulator.batch.process(batch_id, 2)
    pending = raw.metadata(batch_id, status=[State.STATE_PENDING], limit=2)
    assert [item.batch_request_id for item in pending.batch_request_metadata] == ["r2", "r3"]
    rest = raw.metadata(
        batch_id, status=[State.STATE_PENDING], limit=2, pagination_token=pending.pagination_token
    )
    assert [item.batch_request_id for item in rest.batch_request_metadata] == ["r4"]
    assert not rest.HasField("pagination_token")


def test_a_token_of_another_listing_is_refused(raw: RawBatch) -> None:
    batch_id = raw.create()
    raw.add(batch_id, chat("a"), chat("b"))
    token = raw.metadata(batch_id, limit=1).pagination_token
    for bad in (token, "not-a-token"):
        with pytest.raises(grpc.RpcError) as raised:
            raw.results(batch_id, limit=1, pagination_token=bad)
        assert code_of(raised) == grpc.StatusCode.INVALID_ARGUMENT


def test_cancelling_twice_keeps_the_first_cancellation(raw: RawBatch) -> None:
    batch_id = raw.create()
    request = batch_pb2.CancelBatchRequest(batch_id=batch_id)
    first = raw.call("CancelBatch", request, batch_pb2.Batch)
    second = raw.call("CancelBatch", request, batch_pb2.Batch)
    assert first.cancel_time == second.cancel_time


# -- checks ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requests", "code"),
    [
        ([batch_pb2.BatchRequest(batch_request_id="x")], grpc.StatusCode.INVALID_ARGUMENT),
        ([chat(model="")], grpc.StatusCode.INVALID_ARGUMENT),
        ([chat("a", "same"), chat("b", "same")], grpc.StatusCode.ALREADY_EXISTS),
        ([chat("x" * (21 * 1024 * 1024))], grpc.StatusCode.RESOURCE_EXHAUSTED),
    ],
)
def test_a_bad_addition_is_refused_as_a_whole(
    raw: RawBatch, requests: list[batch_pb2.BatchRequest], code: grpc.StatusCode
) -> None:
    batch_id = raw.create()
    with pytest.raises(grpc.RpcError) as raised:
        raw.add(batch_id, chat("fine"), *requests)
    assert code_of(raised) == code
    assert raw.get(batch_id).state.num_requests == 0


@pytest.mark.parametrize("method", ["GetBatch", "CancelBatch"])
def test_an_unknown_or_empty_batch_id_is_refused(raw: RawBatch, method: str) -> None:
    request_type = batch_pb2.GetBatchRequest if method == "GetBatch" else batch_pb2.CancelBatchRequest
    for batch_id, code in (
        ("batch-missing", grpc.StatusCode.NOT_FOUND),
        ("", grpc.StatusCode.INVALID_ARGUMENT),
    ):
        with pytest.raises(grpc.RpcError) as raised:
            raw.call(method, request_type(batch_id=batch_id), batch_pb2.Batch)
        assert code_of(raised) == code


def test_an_empty_name_is_refused(raw: RawBatch) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        raw.create(" ")
    assert code_of(raised) == grpc.StatusCode.INVALID_ARGUMENT


# -- input files -----------------------------------------------------------------------------------


def upload(emulator: Emulator, lines: list[Any]) -> str:
    data = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines).encode()
    return str(emulator.files.add_file("requests.jsonl", data).id)


def test_an_input_file_in_the_openai_form_is_read(raw: RawBatch, xai_emulator: Emulator) -> None:
    file_id = upload(
        xai_emulator,
        [
            {
                "custom_id": "c1",
                "method": "POST",
                "url": "/v1/chat/completions",
                "body": {
                    "model": "grok-3",  # a model that takes stop (reasoning models refuse it)
                    "messages": [
                        {"role": "system", "content": "Be brief."},
                        {"role": "user", "content": [{"type": "text", "text": "Hi there"}]},
                    ],
                    "max_completion_tokens": 20,
                    "stop": "END",
                },
            },
            "",
            {
                "custom_id": "i1",
                "url": "/v1/images/generations",
                "body": {"model": "grok-imagine-image", "prompt": "A kite", "response_format": "b64_json"},
            },
        ],
    )
    batch_id = raw.create(input_file_id=file_id)
    stored = {request_id: raw.result(batch_id, request_id) for request_id in ("c1", "i1")}
    completion = stored["c1"].request.completion_request
    assert (completion.max_tokens, list(completion.stop), len(completion.messages)) == (20, ["END"], 2)
    assert stored["c1"].result.response.completion_response.outputs[0].message.content == "Hi there"
    assert stored["i1"].result.response.image_response.images[0].base64.startswith("data:image/jpeg")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2"),
        ({"custom_id": "x", "url": "/v1/embeddings", "body": {}}, "url must be"),
        ({"custom_id": "x", "url": "/v1/chat/completions", "body": {"model": "grok-4"}}, "messages"),
        (
            {
                "custom_id": "x",
                "url": "/v1/chat/completions",
                "body": {"model": "grok-4", "messages": [{"role": "user"}], "wat": 1},
            },
            "wat",
        ),
        ({"completion_request": {"model": "grok-4"}, "extra": 1}, "unknown keys"),
    ],
)
def test_a_bad_input_file_line_is_refused_naming_the_problem(
    raw: RawBatch, xai_emulator: Emulator, line: Any, message: str
) -> None:
    good = {"batch_request_id": "ok", "completion_request": {"model": "grok-4"}}
    file_id = upload(xai_emulator, [good, line])
    with pytest.raises(grpc.RpcError) as raised:
        raw.create(input_file_id=file_id)
    assert code_of(raised) == grpc.StatusCode.INVALID_ARGUMENT
    assert message in (raised.value.details() or "")
