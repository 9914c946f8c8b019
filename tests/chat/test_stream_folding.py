"""A streamed response folds its chunks, in runs, into what folding each one on arrival gives."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from xai_sdk.chat import Chunk, Response, _folding, _response
from xai_sdk.proto import chat_pb2, usage_pb2

_text = st.sampled_from(["", "a", "bc", "déf "])
_ANY_INDEX = st.integers(0, 2)


@st.composite
def _output_chunks(draw: st.DrawFn, indexes: st.SearchStrategy[int]) -> chat_pb2.CompletionOutputChunk:
    output = chat_pb2.CompletionOutputChunk(
        index=draw(indexes),
        finish_reason=draw(st.sampled_from([0, 0, 0, 1, 2])),
        delta=chat_pb2.Delta(
            role=draw(
                st.sampled_from([chat_pb2.ROLE_ASSISTANT, chat_pb2.ROLE_ASSISTANT, chat_pb2.ROLE_TOOL, 0])
            ),
            content=draw(_text),
            reasoning_content=draw(_text),
            encrypted_content=draw(st.sampled_from(["", "", "enc"])),
            tool_calls=[chat_pb2.ToolCall(id=f"call-{n}") for n in range(draw(st.integers(0, 1)))],
            citations=[chat_pb2.InlineCitation(id=f"c-{n}") for n in range(draw(st.integers(0, 1)))],
        ),
    )
    if draw(st.booleans()):
        output.logprobs.content.add(token=draw(_text))
    return output


@st.composite
def _chunks(draw: st.DrawFn, indexes: st.SearchStrategy[int] = _ANY_INDEX) -> chat_pb2.GetChatCompletionChunk:
    response_id = draw(st.sampled_from(["", "id-1", "id-2"]))
    chunk = chat_pb2.GetChatCompletionChunk(
        # A server sends the same model and fingerprint with every chunk of one id.
        id=response_id,
        model=response_id and f"grok-{response_id}",
        system_fingerprint=response_id and f"fp-{response_id}",
        outputs=draw(st.lists(_output_chunks(indexes), max_size=2)),
        citations=draw(st.lists(st.sampled_from(["https://a", "https://b"]), max_size=1)),
        service_tier=draw(st.sampled_from([0, 0, 1])),
    )
    if draw(st.booleans()):
        chunk.usage.CopyFrom(usage_pb2.SamplingUsage(completion_tokens=draw(st.integers(0, 9))))
    if draw(st.booleans()):
        chunk.created.seconds = draw(st.integers(0, 9))
    if draw(st.integers(0, 9)) == 0:
        chunk.output_files.add(file_id="file-1", name="out.txt")
    return chunk


def _folded_one_by_one(chunks: list[chat_pb2.GetChatCompletionChunk]) -> chat_pb2.GetChatCompletionResponse:
    """The plain definition of a streamed response: each chunk written in as it arrives."""
    response = chat_pb2.GetChatCompletionResponse()
    for chunk in chunks:
        for name in ("usage", "created", "debug_output"):
            if chunk.HasField(name):
                getattr(response, name).CopyFrom(getattr(chunk, name))
        if chunk.id and chunk.id != response.id:
            response.id, response.model = chunk.id, chunk.model
            response.system_fingerprint = chunk.system_fingerprint
        if chunk.service_tier:
            response.service_tier = chunk.service_tier
        response.citations.extend(chunk.citations)
        response.output_files.extend(chunk.output_files)
        for output_chunk in chunk.outputs:
            while len(response.outputs) <= output_chunk.index:
                response.outputs.add(index=len(response.outputs))
            output = response.outputs[output_chunk.index]
            delta, message = output_chunk.delta, output.message
            message.role = delta.role
            if output_chunk.finish_reason:
                output.finish_reason = output_chunk.finish_reason
            message.tool_calls.extend(delta.tool_calls)
            message.citations.extend(delta.citations)
            if output_chunk.HasField("logprobs"):
                output.logprobs.content.extend(output_chunk.logprobs.content)
            message.content += delta.content
            message.reasoning_content += delta.reasoning_content
            message.encrypted_content += delta.encrypted_content
    return response


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(_chunks(), max_size=150), st.sets(st.integers(0, 150), max_size=4))
# An output chunk with nothing in it still gives its output a message (found by a random run).
@example([chat_pb2.GetChatCompletionChunk(outputs=[chat_pb2.CompletionOutputChunk(index=1)])], set())
def test_folding_in_runs_gives_what_folding_each_chunk_gives(
    chunks: list[chat_pb2.GetChatCompletionChunk], read_at: set[int]
) -> None:
    _check_folding_in_runs(chunks, read_at)


@pytest.mark.parametrize("one_parse", [True, False], ids=["one parse", "chunk by chunk"])
@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(chunks=st.lists(_chunks(st.just(0)), max_size=150), read_at=st.sets(st.integers(0, 150), max_size=4))
def test_folding_the_runs_of_a_single_output_gives_what_folding_each_chunk_gives(
    chunks: list[chat_pb2.GetChatCompletionChunk], read_at: set[int], one_parse: bool
) -> None:
    # Such runs take `merged_output_zero`'s way, in one parse (with several outputs, a run rarely
    # does), unless protobuf is pure Python: then they are read chunk by chunk.
    if one_parse:
        _check_folding_in_runs(chunks, read_at)
    else:
        with mock.patch.object(_response, "merged_output_zero", return_value=None):
            _check_folding_in_runs(chunks, read_at)


def _check_folding_in_runs(chunks: list[chat_pb2.GetChatCompletionChunk], read_at: set[int]) -> None:
    response = Response(chat_pb2.GetChatCompletionResponse(), 0)
    with mock.patch.object(_response, "_FOLD_EVERY", 16):  # runs that fill up, within 150 chunks
        for position, chunk in enumerate(chunks):
            response.process_chunk(chunk)
            if position in read_at:  # reading settles the chunks so far, mid-run
                assert response.proto == _folded_one_by_one(chunks[: position + 1])
    assert response.proto == _folded_one_by_one(chunks)


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(st.lists(_chunks(), max_size=60), st.sampled_from([0, None]))
def test_a_streams_chunk_handler_folds_the_same_and_hands_over_plain_chunks(
    chunks: list[chat_pb2.GetChatCompletionChunk], index: int | None
) -> None:
    response, on_chunk = Response._streamed(index)
    with mock.patch.object(_response, "_FOLD_EVERY", 16):
        handed = [on_chunk(chunk) for chunk in chunks]
    assert all(given is response for given, _ in handed)
    for chunk, (_, wrapped) in zip(chunks, handed, strict=True):
        expected = Chunk(chunk, index, follow_server=True)
        assert type(wrapped) is Chunk and vars(wrapped) == vars(expected)
        assert (wrapped.content, wrapped.reasoning_content) == (expected.content, expected.reasoning_content)
    assert response.proto == _folded_one_by_one(chunks)


def test_a_run_is_merged_in_one_parse_exactly_when_all_its_output_chunks_are_output_zero() -> None:
    def run(*indexes: int) -> chat_pb2.GetChatCompletionChunk:
        merged = chat_pb2.GetChatCompletionChunk()
        for n, index in enumerate(indexes):
            delta = chat_pb2.Delta(content=f"t{n} ", reasoning_content="" if n % 2 else "r")
            merged.MergeFrom(chat_pb2.GetChatCompletionChunk(outputs=[{"index": index, "delta": delta}]))
        return merged

    zero = _folding.merged_output_zero(run(0, 0, 0))
    assert zero is not None
    assert list(zero.delta.content) == ["t0 ", "t1 ", "t2 "]
    assert list(zero.delta.reasoning_content) == ["r", "r"]  # the empty piece is not there
    assert _folding.merged_output_zero(run(0, 1, 0)) is None
    assert _folding.merged_output_zero(run(1, 1)) is None


def test_no_one_parse_type_is_made_from_a_field_that_a_list_cannot_replace() -> None:
    # A field in a oneof (as `optional` fields are) cannot be made a list: chunks are then read one by one.
    assert _folding._copy(chat_pb2.Tool.DESCRIPTOR, "Tool", repeated=("function",)) is None
    assert _folding._copy(chat_pb2.Delta.DESCRIPTOR, "Delta", repeated=_folding.TEXT_FIELDS) is not None


def test_a_protobuf_that_refuses_to_make_the_run_type_only_costs_time() -> None:
    _folding._run_type.cache_clear()
    try:
        with mock.patch.object(_folding, "_make_run_type", side_effect=TypeError("refused")):
            run = chat_pb2.GetChatCompletionChunk(outputs=[{"delta": {"content": "a"}}] * 2)
            assert _folding.merged_output_zero(run) is None  # the chunks are then read one by one
    finally:
        _folding._run_type.cache_clear()
    assert _folding._run_type() is not None
