"""How a chat answer reaches the client: as one response, or as a stream of chunks.

A stream carries, per output, the reasoning, then the content (one token, or `chunk_size`
characters, per chunk), then one chunk with the tool calls, encrypted content and inline
citations if there are any. Each chunk holds one delta per output index; the last chunk holds
the finish reasons, the usage and the citations. Chunks are built one at a time, so a long
answer costs no more per chunk than a short one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from xai_sdk.emulator import catalog
from xai_sdk.emulator._base import timestamp
from xai_sdk.emulator._chat_answers import Answer, Output
from xai_sdk.emulator.services.tokenize import tokenize
from xai_sdk.proto import chat_pb2

__all__ = ["LOGPROB", "chunks", "response"]

LOGPROB = -0.25
"""The log probability of every sampled token (exact in float32, so tests compare it with ==)."""

_ASSISTANT = chat_pb2.ROLE_ASSISTANT


def response(answer: Answer) -> chat_pb2.GetChatCompletionResponse:
    """The answer as one response."""
    return chat_pb2.GetChatCompletionResponse(
        id=answer.id,
        outputs=[_completion_output(answer, output) for output in answer.outputs],
        created=timestamp(answer.created),
        model=answer.model,
        system_fingerprint=catalog.FINGERPRINT,
        usage=answer.usage,
        citations=answer.citations,
        settings=answer.settings,
        service_tier=answer.service_tier,  # type: ignore[arg-type]
    )


def _completion_output(answer: Answer, output: Output) -> chat_pb2.CompletionOutput:
    completion = chat_pb2.CompletionOutput(
        finish_reason=output.finish_reason,  # type: ignore[arg-type]
        index=output.index,
        message=chat_pb2.CompletionMessage(
            content=output.content,
            reasoning_content=output.reasoning_content,
            role=_ASSISTANT,
            tool_calls=output.tool_calls,
            encrypted_content=output.encrypted_content,
            citations=output.citations,
        ),
    )
    if answer.top_logprobs is not None:
        completion.logprobs.content.extend(
            _logprob(token.string_token, answer.top_logprobs) for token in tokenize(output.content)
        )
        completion.logprobs.SetInParent()
    return completion


def chunks(answer: Answer) -> Iterator[chat_pb2.GetChatCompletionChunk]:
    """The answer as a stream of chunks, built lazily."""
    created = timestamp(answer.created)
    steps = itertools.zip_longest(*(_output_chunks(answer, output) for output in answer.outputs))
    step = next(steps, None)
    while True:
        following = next(steps, None)
        last = following is None
        yield _chunk(answer, created, step or (), last=last)
        if last:
            return
        step = following


def _chunk(
    answer: Answer, created: Any, step: tuple[chat_pb2.CompletionOutputChunk | None, ...], *, last: bool
) -> chat_pb2.GetChatCompletionChunk:
    outputs = [
        delta if delta is not None else _empty_delta(output.index)
        for output, delta in itertools.zip_longest(answer.outputs, step)
    ]
    chunk = chat_pb2.GetChatCompletionChunk(
        id=answer.id,
        outputs=outputs,
        created=created,
        model=answer.model,
        system_fingerprint=catalog.FINGERPRINT,
        service_tier=answer.service_tier,  # type: ignore[arg-type]
    )
    if last:
        for output_chunk, output in zip(chunk.outputs, answer.outputs, strict=True):
            output_chunk.finish_reason = output.finish_reason  # type: ignore[assignment]
        chunk.usage.CopyFrom(answer.usage)
        chunk.citations.extend(answer.citations)
    return chunk


def _empty_delta(index: int) -> chat_pb2.CompletionOutputChunk:
    return chat_pb2.CompletionOutputChunk(delta=chat_pb2.Delta(role=_ASSISTANT), index=index)


def _output_chunks(answer: Answer, output: Output) -> Iterator[chat_pb2.CompletionOutputChunk]:
    """The deltas of one output, in order."""
    for piece in _pieces(output.reasoning_content, answer.chunk_size):
        yield chat_pb2.CompletionOutputChunk(
            delta=chat_pb2.Delta(reasoning_content=piece, role=_ASSISTANT), index=output.index
        )
    for piece, logprobs in _with_logprobs(output.content, answer.chunk_size, answer.top_logprobs):
        output_chunk = chat_pb2.CompletionOutputChunk(
            delta=chat_pb2.Delta(content=piece, role=_ASSISTANT), index=output.index
        )
        if logprobs is not None:
            output_chunk.logprobs.content.extend(logprobs)
            output_chunk.logprobs.SetInParent()
        yield output_chunk
    if output.tool_calls or output.encrypted_content or output.citations:
        yield chat_pb2.CompletionOutputChunk(
            delta=chat_pb2.Delta(
                role=_ASSISTANT,
                tool_calls=output.tool_calls,
                encrypted_content=output.encrypted_content,
                citations=output.citations,
            ),
            index=output.index,
        )


def _pieces(text: str, chunk_size: int | None) -> Iterator[str]:
    """`text` in streamed pieces: its tokens, or slices of `chunk_size` characters."""
    if chunk_size is None:
        return (token.string_token for token in tokenize(text))
    return (text[start : start + chunk_size] for start in range(0, len(text), chunk_size))


def _with_logprobs(
    text: str, chunk_size: int | None, top_logprobs: int | None
) -> Iterator[tuple[str, list[chat_pb2.LogProb] | None]]:
    """The pieces of `text`, each with the log probabilities of the tokens that end in it."""
    if top_logprobs is None:
        for piece in _pieces(text, chunk_size):
            yield piece, None
        return
    strings = [token.string_token for token in tokenize(text)]
    tokens = zip(itertools.accumulate(len(string) for string in strings), strings, strict=True)
    upcoming = next(tokens, None)
    end = 0
    for piece in _pieces(text, chunk_size):
        end += len(piece)
        logprobs = []
        while upcoming is not None and upcoming[0] <= end:
            logprobs.append(_logprob(upcoming[1], top_logprobs))
            upcoming = next(tokens, None)
        yield piece, logprobs


def _logprob(token: str, top_logprobs: int) -> chat_pb2.LogProb:
    """The fixed log probability of a sampled token, with `top_logprobs` alternatives (itself first)."""
    alternatives = [chat_pb2.TopLogProb(token=token, logprob=LOGPROB, bytes=token.encode())]
    alternatives += [
        chat_pb2.TopLogProb(token=f"<alt{rank}>", logprob=-2.0 * rank, bytes=f"<alt{rank}>".encode())
        for rank in range(1, top_logprobs)
    ]
    return chat_pb2.LogProb(
        token=token, logprob=LOGPROB, bytes=token.encode(), top_logprobs=alternatives[:top_logprobs]
    )
