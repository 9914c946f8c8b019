"""Which output a response or chunk shows when the server answers with several on its own."""

from __future__ import annotations

from xai_sdk.chat import Chunk, Response
from xai_sdk.proto import chat_pb2

ASSISTANT, TOOL = chat_pb2.ROLE_ASSISTANT, chat_pb2.ROLE_TOOL


def _output(index: int, role: int, content: str) -> chat_pb2.CompletionOutput:
    message = chat_pb2.CompletionMessage(role=role, content=content)
    return chat_pb2.CompletionOutput(index=index, message=message)


def _chunk(*outputs: tuple[int, int, str]) -> chat_pb2.GetChatCompletionChunk:
    return chat_pb2.GetChatCompletionChunk(
        outputs=[
            chat_pb2.CompletionOutputChunk(index=index, delta=chat_pb2.Delta(role=role, content=content))
            for index, role, content in outputs
        ]
    )


def test_a_response_that_follows_the_server_shows_every_output_once_there_are_several() -> None:
    proto = chat_pb2.GetChatCompletionResponse(
        outputs=[_output(0, ASSISTANT, "searching"), _output(1, ASSISTANT, "the answer")]
    )
    assert Response(proto, 0, follow_server=True).content == "the answer"
    assert Response(proto, 0).content == "searching"  # a fixed index (batches) stays fixed
    single = chat_pb2.GetChatCompletionResponse(outputs=[_output(0, ASSISTANT, "only")])
    assert Response(single, 0, follow_server=True).content == "only"


def test_the_response_sample_makes_without_the_constructor_is_the_constructors() -> None:
    proto = chat_pb2.GetChatCompletionResponse(
        outputs=[_output(0, ASSISTANT, "searching"), _output(1, ASSISTANT, "the answer")]
    )
    for index in (0, 1, None):
        made, built = Response._following(index, proto), Response(proto, index, follow_server=True)
        assert type(made) is Response and made.proto is built.proto is proto
        assert {**vars(made), "_accumulation": None} == {**vars(built), "_accumulation": None}
        assert made.content == built.content


def test_a_streamed_response_follows_outputs_that_appear_later() -> None:
    response = Response(chat_pb2.GetChatCompletionResponse(), 0, follow_server=True)
    response.process_chunk(_chunk((0, ASSISTANT, "look")))
    assert response.content == "look"
    response.process_chunk(_chunk((1, ASSISTANT, "found")))
    assert response.content == "found"  # the last assistant output, now that there are two
    assert [output.index for output in response.proto.outputs] == [0, 1]


def test_a_chunk_that_follows_the_server_shows_every_output_it_carries() -> None:
    proto = _chunk((0, TOOL, "tool says"), (1, ASSISTANT, "answer"))
    assert Chunk(proto, 0, follow_server=True).content == "answer"
    assert Chunk(proto, 0).content == ""  # fixed index 0: its only output is the tool's
    assert len(Chunk(proto, 0, follow_server=True).tool_outputs) == 1
    later = _chunk((1, ASSISTANT, "more"))
    assert Chunk(later, 0, follow_server=True).content == "more"
    assert Chunk(_chunk((0, ASSISTANT, "plain")), 0, follow_server=True).content == "plain"
