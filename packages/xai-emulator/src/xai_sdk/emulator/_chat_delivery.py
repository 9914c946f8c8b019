"""How a chat answer reaches the client: as one response, or as a stream of chunks.

A stream first carries what the server-side tools did, one output per chunk: the assistant's
calls (announced as in progress first when the request includes ``verbose_streaming``), then each
tool output. Then come the model's answers, one delta per answer index in every chunk: the
reasoning (as text, or, for a model that keeps it hidden, as chunks without text that only count
its tokens), the content one token (or `chunk_size` characters) per chunk, then one chunk with the
client-side tool calls, encrypted content and inline citations if there are any.

Every chunk carries the usage so far, as the real API streams it (its reasoning tokens grow while
the model thinks); the last chunk carries the whole usage, the finish reasons and the citations.
Chunks are built one at a time, so a long answer costs no more per chunk than a short one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from xai_sdk.emulator import catalog
from xai_sdk.emulator._base import timestamp
from xai_sdk.emulator._chat_answers import Answer, Output
from xai_sdk.emulator._chat_usage import sampling_usage
from xai_sdk.emulator.services.tokenize import tokenize
from xai_sdk.proto import chat_pb2, usage_pb2

__all__ = ["LOGPROB", "chunks", "response"]

LOGPROB = -0.25
"""The log probability of every sampled token (exact in float32, so tests compare it with ==)."""


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
            role=output.role,  # type: ignore[arg-type]
            tool_calls=output.tool_calls,
            encrypted_content=output.encrypted_content,
            citations=output.citations,
        ),
    )
    if answer.top_logprobs is not None and output.index >= answer.first_answer_index:
        completion.logprobs.content.extend(
            _logprob(token.string_token, answer.top_logprobs) for token in tokenize(output.content)
        )
        completion.logprobs.SetInParent()
    return completion


@dataclass(frozen=True)
class _Step:
    """One delta of one output, and the tokens it adds to the usage."""

    delta: chat_pb2.CompletionOutputChunk
    completion: int = 0
    reasoning: int = 0


class _Usage:
    """The usage of a stream so far."""

    def __init__(self, answer: Answer) -> None:
        self._answer = answer
        self.completion = 0
        self.reasoning = 0

    def add(self, steps: list[_Step]) -> None:
        self.completion += sum(step.completion for step in steps)
        self.reasoning += sum(step.reasoning for step in steps)

    def now(self) -> usage_pb2.SamplingUsage | None:
        answer = self._answer
        if answer.usage_scripted:
            return None
        return sampling_usage(
            answer.pricing,
            answer.prompt,
            self.completion,
            self.reasoning,
            tool_costs=answer.tools.cost,
            sources=answer.tools.sources,
            server_side_tools=answer.tools.server_side_tools,
        )


def chunks(answer: Answer) -> Iterator[chat_pb2.GetChatCompletionChunk]:
    """The answer as a stream of chunks, built lazily."""
    created = timestamp(answer.created)
    usage = _Usage(answer)
    for tool_step in _tool_steps(answer):
        usage.add([tool_step])
        yield _chunk(answer, created, [tool_step.delta], usage.now())
    answers = [output for output in answer.outputs if output.index >= answer.first_answer_index]
    steps = itertools.zip_longest(*(_output_steps(answer, output) for output in answers))
    step: tuple[_Step | None, ...] | None = next(steps, None)
    while True:
        following = next(steps, None)
        present = [item for item in step or () if item is not None]
        usage.add(present)
        deltas = {item.delta.index: item.delta for item in present}
        outputs = [deltas.get(output.index) or _empty_delta(output) for output in answers]
        if following is None:
            for delta, output in zip(outputs, answers, strict=True):
                delta.finish_reason = output.finish_reason  # type: ignore[assignment]
            last = _chunk(answer, created, outputs, answer.usage)
            last.citations.extend(answer.citations)
            yield last
            return
        yield _chunk(answer, created, outputs, usage.now())
        step = following


def _chunk(
    answer: Answer,
    created: Any,
    outputs: list[chat_pb2.CompletionOutputChunk],
    usage: usage_pb2.SamplingUsage | None,
) -> chat_pb2.GetChatCompletionChunk:
    chunk = chat_pb2.GetChatCompletionChunk(
        id=answer.id,
        outputs=outputs,
        created=created,
        model=answer.model,
        system_fingerprint=catalog.FINGERPRINT,
        service_tier=answer.service_tier,  # type: ignore[arg-type]
    )
    if usage is not None:
        chunk.usage.CopyFrom(usage)
    return chunk


def _empty_delta(output: Output) -> chat_pb2.CompletionOutputChunk:
    return chat_pb2.CompletionOutputChunk(delta=chat_pb2.Delta(role=output.role), index=output.index)  # type: ignore[arg-type]


def _tool_steps(answer: Answer) -> Iterator[_Step]:
    """The outputs of the server-side tools, one chunk each (the calls announced first if asked)."""
    for output in answer.tools.outputs:
        if output.role == chat_pb2.ROLE_ASSISTANT and answer.tools.announce:
            announced = []
            for call in output.tool_calls:
                started = chat_pb2.ToolCall()
                started.CopyFrom(call)
                started.status = chat_pb2.TOOL_CALL_STATUS_IN_PROGRESS
                started.ClearField("error_message")
                announced.append(started)
            yield _Step(
                chat_pb2.CompletionOutputChunk(
                    delta=chat_pb2.Delta(role=output.role, tool_calls=announced),  # type: ignore[arg-type]
                    index=output.index,
                )
            )
        yield _Step(
            chat_pb2.CompletionOutputChunk(
                delta=chat_pb2.Delta(
                    role=output.role,  # type: ignore[arg-type]
                    content=output.content,
                    tool_calls=output.tool_calls,
                ),
                index=output.index,
                finish_reason=output.finish_reason,  # type: ignore[arg-type]
            )
        )


def _output_steps(answer: Answer, output: Output) -> Iterator[_Step]:
    """The deltas of one answer output, in order."""
    role = chat_pb2.ROLE_ASSISTANT
    if output.reasoning_content:
        for piece, tokens in _pieces(output.reasoning_content, answer.chunk_size):
            yield _Step(
                chat_pb2.CompletionOutputChunk(
                    delta=chat_pb2.Delta(reasoning_content=piece, role=role), index=output.index
                ),
                reasoning=len(tokens),
            )
    else:  # the model thinks without showing it: chunks without text count its tokens
        for _ in range(output.reasoning_tokens):
            yield _Step(
                chat_pb2.CompletionOutputChunk(delta=chat_pb2.Delta(role=role), index=output.index),
                reasoning=1,
            )
    for piece, tokens in _pieces(output.content, answer.chunk_size):
        output_chunk = chat_pb2.CompletionOutputChunk(
            delta=chat_pb2.Delta(content=piece, role=role), index=output.index
        )
        if answer.top_logprobs is not None:
            output_chunk.logprobs.content.extend(_logprob(token, answer.top_logprobs) for token in tokens)
            output_chunk.logprobs.SetInParent()
        yield _Step(output_chunk, completion=len(tokens))
    if output.tool_calls or output.encrypted_content or output.citations:
        yield _Step(
            chat_pb2.CompletionOutputChunk(
                delta=chat_pb2.Delta(
                    role=role,
                    tool_calls=output.tool_calls,
                    encrypted_content=output.encrypted_content,
                    citations=output.citations,
                ),
                index=output.index,
            ),
            completion=output.completion_tokens() - len(tokenize(output.content)),
        )


def _pieces(text: str, chunk_size: int | None) -> Iterator[tuple[str, list[str]]]:
    """`text` in streamed pieces: its tokens, or slices of `chunk_size` characters.

    Each piece comes with the tokens that end in it.
    """
    strings = [token.string_token for token in tokenize(text)]
    if chunk_size is None:
        for string in strings:
            yield string, [string]
        return
    ends = zip(itertools.accumulate(len(string) for string in strings), strings, strict=True)
    upcoming = next(ends, None)
    for start in range(0, len(text), chunk_size):
        piece = text[start : start + chunk_size]
        done = []
        while upcoming is not None and upcoming[0] <= start + len(piece):
            done.append(upcoming[1])
            upcoming = next(ends, None)
        yield piece, done


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
