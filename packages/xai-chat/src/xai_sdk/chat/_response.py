"""What a chat call returns: `Response`, `Chunk` and the smaller wrappers.

A streamed `Response` accumulates its text in per-output buffers and joins them only when read,
so a stream of any length costs the same per chunk, and reading `.content` inside the loop does
not pile up copies in the response message. `.proto` writes the text into the message on demand.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from xai_sdk.chat._folding import TEXT_FIELDS, merged_output_zero
from xai_sdk.cost import cost_usd_from_usage
from xai_sdk.meta import ProtoDecorator
from xai_sdk.proto import chat_pb2, sample_pb2, usage_pb2
from xai_sdk.service_tier import ServiceTier, service_tier_from_proto

__all__ = [
    "Chunk",
    "CompactContextResponse",
    "CompletionOutputChunk",
    "ImageGenerationOutput",
    "Response",
]


def shown_index(index: int | None, outputs: Sequence[Any]) -> int | None:
    """Which output a response or chunk that follows the server shows: `index`, or None (all).

    The server may add tools of its own and answer with several outputs: once outputs other than
    the first are there, all are shown. A streamed response's outputs are those of all its chunks
    so far, so the answer is the same as looking at each chunk as it arrived.
    """
    if index == 0 and (len(outputs) != 1 or outputs[0].index):  # the usual case costs one test
        for output in outputs:
            if output.index:
                return None
    return index


def enum_name(enum: Any, value: int) -> str:
    """The name of an enum value; a value newer than these protos reads as ``UNKNOWN_<value>``."""
    try:
        return str(enum.Name(value))
    except ValueError:
        return f"UNKNOWN_{value}"


class _Output:
    """One output of a streamed response: its message, and its streamed text, joined when read."""

    __slots__ = ("content", "encrypted_content", "message", "output", "reasoning_content", "role")

    def __init__(self, output: chat_pb2.CompletionOutput) -> None:
        self.output = output
        self.message = output.message
        self.message.SetInParent()  # a streamed output has a message, if only an empty one
        self.role = self.message.role
        self.content: list[str] = []
        self.reasoning_content: list[str] = []
        self.encrypted_content: list[str] = []

    def read(self, field: str) -> str | None:
        """The text streamed into `field` (None if none was): the pieces, joined once."""
        pieces: list[str] = getattr(self, field)
        if not pieces:
            return None
        if len(pieces) > 1:
            pieces[:] = ["".join(pieces)]
        return pieces[0]


_FOLD_EVERY = 256
"""Streamed chunks wait in a list and are written into the response by this many at a time, or
as soon as the response is read (256 parsed chunks hold about 320 KB). A fold costs mostly its
start, with the code not in the CPU's caches: in streams paced like a model's, the client's CPU
per chunk over the raw stub's went from 1.20 folding each chunk to 1.12 by 8, 1.09 by 64 and
1.07 by 256, as without folding at all."""


class _Accumulation:
    """The state a streamed response builds, shared by the `Response` objects of one stream."""

    __slots__ = ("dirty", "outputs", "pending", "proto")

    def __init__(self, proto: chat_pb2.GetChatCompletionResponse) -> None:
        self.proto = proto
        self.pending: list[chat_pb2.GetChatCompletionChunk] = []
        self.outputs: dict[int, _Output] = {}
        self.dirty = False

    def add_chunk(self, chunk: chat_pb2.GetChatCompletionChunk) -> None:
        pending = self.pending
        pending.append(chunk)
        if len(pending) >= _FOLD_EVERY:
            self.settle()

    def settle(self) -> chat_pb2.GetChatCompletionResponse:
        """Write the chunks received so far into the message (streamed text stays in `outputs`)."""
        pending = self.pending
        if pending:
            chunks = pending[:]
            pending.clear()  # the list stays: a stream's chunk handler appends to it directly
            # protobuf appends repeated fields in a merge: the run's citations, files and output
            # chunks, in order, in one message that is cheaper to read than each chunk's.
            run = chat_pb2.GetChatCompletionChunk()
            for chunk in chunks:
                run.MergeFrom(chunk)
            self._replace(chunks, run)
            if run.citations:
                self.proto.citations.extend(run.citations)
            if run.output_files:
                self.proto.output_files.extend(run.output_files)
            if run.outputs:
                # A run of one chunk (a response read after each chunk) is cheaper to read directly.
                self._add_outputs(run.outputs, merged_output_zero(run) if len(chunks) > 1 else None)
        return self.proto

    def _replace(
        self, chunks: list[chat_pb2.GetChatCompletionChunk], run: chat_pb2.GetChatCompletionChunk
    ) -> None:
        """Copy the fields a later chunk replaces rather than adds to, from the last that has each.

        `run` is the chunks merged: it tells which fields some chunk has, and its service tier is
        the last one set.
        """
        proto = self.proto
        for name in ("usage", "created", "debug_output"):
            if run.HasField(name):
                for chunk in reversed(chunks):
                    if chunk.HasField(name):
                        getattr(proto, name).CopyFrom(getattr(chunk, name))
                        break
        if run.id:
            for chunk in reversed(chunks):
                if chunk.id:
                    if chunk.id != proto.id:
                        proto.id, proto.model = chunk.id, chunk.model
                        proto.system_fingerprint = chunk.system_fingerprint
                    break
        if run.service_tier:
            proto.service_tier = run.service_tier

    def _add_outputs(self, output_chunks: Sequence[chat_pb2.CompletionOutputChunk], zero: Any | None) -> None:
        """Write a run of output chunks, in order, into their outputs.

        Per output index, protobuf merges the run's chunks into one (lists append in order, a
        later value that is set replaces an earlier one), so that most fields are read once per
        run instead of once per chunk. What a merge cannot give is the streamed text, which is
        joined, and the role, which the index's last chunk sets even when it is empty. `zero` is
        the run merged by `merged_output_zero` when every chunk is output 0's: it has the text
        too, and nothing is read per chunk.
        """
        if zero is not None:
            self._add_merged(0, zero, output_chunks[-1].delta.role, None)
            return
        by_index: dict[int, tuple[chat_pb2.CompletionOutputChunk, list[chat_pb2.CompletionOutputChunk]]] = {}
        for output_chunk in output_chunks:
            index = output_chunk.index
            group = by_index.get(index)
            if group is None:
                group = by_index[index] = (chat_pb2.CompletionOutputChunk(), [])
            group[0].MergeFrom(output_chunk)
            group[1].append(output_chunk)
        for index, (merged, chunks) in by_index.items():
            self._add_merged(index, merged, chunks[-1].delta.role, chunks)

    def _add_merged(
        self,
        index: int,
        merged: Any,
        role: chat_pb2.MessageRole,
        chunks: list[chat_pb2.CompletionOutputChunk] | None,
    ) -> None:
        """Write output `index`'s run, merged: `role` is that of its last chunk.

        The text pieces are read from `chunks`; None: `merged` lists them itself (see `_add_outputs`).
        """
        state = self._output(index)
        delta = merged.delta
        if state.role != role:
            state.role = state.message.role = role
        if merged.finish_reason:
            state.output.finish_reason = merged.finish_reason
        if delta.tool_calls:
            state.message.tool_calls.extend(delta.tool_calls)
        if delta.citations:
            state.message.citations.extend(delta.citations)
        if merged.HasField("logprobs"):
            state.output.logprobs.content.extend(merged.logprobs.content)
        for field in TEXT_FIELDS:
            if getattr(delta, field):  # there is text (merged: its last piece that is not empty)
                pieces: list[str] = getattr(state, field)
                if chunks is None:
                    pieces.extend(getattr(delta, field))
                else:
                    pieces.extend(getattr(chunk.delta, field) for chunk in chunks)
                self.dirty = True

    def _output(self, index: int) -> _Output:
        """The streamed state of output `index`, made (with the outputs before it) on first use."""
        state = self.outputs.get(index)
        if state is None:
            outputs = self.proto.outputs
            while len(outputs) <= index:
                outputs.add(index=len(outputs))
            state = self.outputs[index] = _Output(outputs[index])
        return state

    def text(self, output: chat_pb2.CompletionOutput, field: str) -> str:
        self.settle()
        state = self.outputs.get(output.index)
        streamed = None if state is None else state.read(field)
        return str(getattr(output.message, field)) if streamed is None else streamed

    def flush(self) -> chat_pb2.GetChatCompletionResponse:
        self.settle()
        if self.dirty:
            for state in self.outputs.values():
                for field in TEXT_FIELDS:
                    streamed = state.read(field)
                    if streamed is not None:
                        setattr(state.message, field, streamed)
            self.dirty = False
        return self.proto


class Response(ProtoDecorator[chat_pb2.GetChatCompletionResponse]):
    """A chat completion, with conveniences over the `GetChatCompletionResponse` message.

    A request may produce several outputs: `index` selects the one whose content, reasoning,
    role and finish reason the properties show (None: the last assistant output of any index,
    as when server-side tools add tool outputs).
    """

    _accumulation: _Accumulation

    _follows_server = False

    def __init__(
        self, response: chat_pb2.GetChatCompletionResponse, index: int | None, *, follow_server: bool = False
    ) -> None:
        self._accumulation = _Accumulation(response)  # what ProtoDecorator.__init__ would do
        self._index = index
        if follow_server:
            self._follows_server = True

    @property
    def _proto(self) -> chat_pb2.GetChatCompletionResponse:
        # Every property reads the message through here: chunks not yet folded are folded first.
        return self._accumulation.settle()

    @_proto.setter
    def _proto(self, message: chat_pb2.GetChatCompletionResponse) -> None:
        self._accumulation = _Accumulation(message)

    @classmethod
    def _following(cls, index: int | None, message: chat_pb2.GetChatCompletionResponse) -> Response:
        """``cls(message, index, follow_server=True)``: what `Chat.sample` returns, and a stream builds.

        Made without calling the class: its keyword argument alone cost a unary call 1 µs (cold).
        """
        response = object.__new__(cls)
        response._accumulation = _Accumulation(message)
        response._index = index
        response._follows_server = True
        return response

    @classmethod
    def _streamed(
        cls, index: int | None
    ) -> tuple[Response, Callable[[chat_pb2.GetChatCompletionChunk], tuple[Response, Chunk]]]:
        """A response that a stream builds, and what the stream does with each chunk.

        The response follows the server; the handler keeps each chunk for it and returns
        ``(response, Chunk)``, as `Chat.stream` yields them.
        """
        response = cls._following(index, chat_pb2.GetChatCompletionResponse())
        accumulation = response._accumulation
        pending, settle, new = accumulation.pending, accumulation.settle, object.__new__

        def on_chunk(chunk: chat_pb2.GetChatCompletionChunk) -> tuple[Response, Chunk]:
            pending.append(chunk)  # what add_chunk does, without a call per chunk
            if len(pending) >= _FOLD_EVERY:
                settle()
            wrapped = new(Chunk)  # what Chunk(chunk, index, follow_server=True) makes, without its call
            wrapped._proto, wrapped._index, wrapped._follows_server = chunk, index, True
            return response, wrapped

        return response, on_chunk

    @classmethod
    def _sharing(cls, other: Response, index: int | None) -> Response:
        """A response over the same accumulating state as `other` (for streamed batches)."""
        response = cls.__new__(cls)
        response._index = index
        response._accumulation = other._accumulation
        return response

    def process_chunk(self, chunk: chat_pb2.GetChatCompletionChunk) -> None:
        """Add a streamed chunk to the response."""
        self._accumulation.add_chunk(chunk)

    @property
    def proto(self) -> chat_pb2.GetChatCompletionResponse:
        """The response message, with everything streamed so far written into it."""
        return self._accumulation.flush()

    def _shown_index(self) -> int | None:
        """The index of the output the properties show (None: the last assistant output)."""
        index = self._index
        return shown_index(index, self._proto.outputs) if self._follows_server else index

    def _output(self) -> chat_pb2.CompletionOutput:
        selected = None
        index = self._shown_index()
        for output in self._proto.outputs:
            if output.message.role == chat_pb2.ROLE_ASSISTANT and (index is None or output.index == index):
                selected = output
        return selected if selected is not None else chat_pb2.CompletionOutput()

    def _text(self, field: str) -> str:
        return self._accumulation.text(self._output(), field)

    @property
    def id(self) -> str:
        """The response id (use it as `previous_response_id`, or to fetch a stored completion)."""
        return self._proto.id

    @property
    def created(self) -> datetime:
        """When the response was created (UTC, naive as protobuf returns it)."""
        return self._proto.created.ToDatetime()

    @property
    def content(self) -> str:
        """The text of the answer."""
        return self._text("content")

    @property
    def reasoning_content(self) -> str:
        """The model's reasoning, for reasoning models that return it."""
        return self._text("reasoning_content")

    @property
    def encrypted_content(self) -> str:
        """The encrypted reasoning, when requested with `use_encrypted_content=True`."""
        return self._text("encrypted_content")

    @property
    def role(self) -> str:
        """The role of the answer, e.g. ``"ROLE_ASSISTANT"``."""
        return enum_name(chat_pb2.MessageRole, self._output().message.role)

    @property
    def finish_reason(self) -> str:
        """Why generation stopped, e.g. ``"REASON_STOP"`` or ``"REASON_TOOL_CALLS"``."""
        return enum_name(sample_pb2.FinishReason, self._output().finish_reason)

    @property
    def logprobs(self) -> chat_pb2.LogProbs:
        """Token log probabilities, when requested with `logprobs=True`."""
        return self._output().logprobs

    @property
    def usage(self) -> usage_pb2.SamplingUsage:
        """Token counts (and cost) of the request."""
        return self._proto.usage

    @property
    def cost_usd(self) -> float | None:
        """The cost of this request in US dollars, when the server reports it.

        It covers one request only: sum it yourself over the turns of a conversation. With
        server-side tools, the whole agentic loop is one request and is included.
        """
        return cost_usd_from_usage(self._proto.usage)

    @property
    def system_fingerprint(self) -> str:
        """The configuration of the serving backend."""
        return self._proto.system_fingerprint

    @property
    def service_tier(self) -> ServiceTier:
        """``"priority"`` if the request was served at the priority tier, else ``"default"``."""
        return service_tier_from_proto(self._proto.service_tier)

    @property
    def tool_calls(self) -> Sequence[chat_pb2.ToolCall]:
        """The tool calls of every assistant output."""
        return [
            call
            for output in self._proto.outputs
            if output.message.role == chat_pb2.ROLE_ASSISTANT
            for call in output.message.tool_calls
        ]

    @property
    def citations(self) -> Sequence[str]:
        """URLs of the sources the answer used (with search tools)."""
        return self._proto.citations

    @property
    def inline_citations(self) -> Sequence[chat_pb2.InlineCitation]:
        """Citations with their position in the text (with ``include=["inline_citations"]``)."""
        return [
            citation
            for output in self._proto.outputs
            if output.message.role == chat_pb2.ROLE_ASSISTANT
            for citation in output.message.citations
        ]

    @property
    def tool_outputs(self) -> Sequence[chat_pb2.CompletionOutput]:
        """The outputs of server-side tools (role ``ROLE_TOOL``)."""
        self.proto  # noqa: B018 - tool outputs carry streamed text too
        return [output for output in self._proto.outputs if output.message.role == chat_pb2.ROLE_TOOL]

    @property
    def image_outputs(self) -> Sequence[ImageGenerationOutput]:
        """The images made by the image generation tool, one per completed call, in order."""
        images = []
        for output in self.tool_outputs:
            completed = [
                call
                for call in output.message.tool_calls
                if call.type == chat_pb2.TOOL_CALL_TYPE_IMAGE_GENERATION_TOOL
                and call.status == chat_pb2.TOOL_CALL_STATUS_COMPLETED
            ]
            if completed:
                images.append(ImageGenerationOutput(output, completed[0]))
        return images

    @property
    def server_side_tool_usage(self) -> dict[str, int]:
        """How many times each server-side tool was used, by tool name."""
        return _tool_usage(self._proto.usage)

    @property
    def request_settings(self) -> chat_pb2.RequestSettings:
        """The settings the server applied to the request."""
        return self._proto.settings

    @property
    def debug_output(self) -> chat_pb2.DebugOutput:
        """Debugging information, when the server includes it."""
        return self._proto.debug_output

    def __repr__(self) -> str:
        self.proto  # noqa: B018 - write streamed text into the message before printing it
        return super().__repr__()


def _tool_usage(usage: usage_pb2.SamplingUsage) -> dict[str, int]:
    return dict(Counter(enum_name(usage_pb2.ServerSideTool, tool) for tool in usage.server_side_tools_used))


class CompletionOutputChunk(ProtoDecorator[chat_pb2.CompletionOutputChunk]):
    """One output's part of a streamed chunk."""

    @property
    def content(self) -> str:
        """The text received in this chunk."""
        return self._proto.delta.content

    @property
    def reasoning_content(self) -> str:
        """The reasoning received in this chunk."""
        return self._proto.delta.reasoning_content

    @property
    def role(self) -> str:
        """The role of the output, e.g. ``"ROLE_ASSISTANT"``."""
        return enum_name(chat_pb2.MessageRole, self._proto.delta.role)

    @property
    def tool_calls(self) -> Sequence[chat_pb2.ToolCall]:
        """Tool calls completed in this chunk."""
        return self._proto.delta.tool_calls

    @property
    def finish_reason(self) -> sample_pb2.FinishReason:
        """The finish reason enum value (set on the output's last chunk)."""
        return self._proto.finish_reason


class Chunk(ProtoDecorator[chat_pb2.GetChatCompletionChunk]):
    """A streamed piece of a completion; ``str(chunk)`` is its text."""

    _follows_server = False

    def __init__(
        self, proto: chat_pb2.GetChatCompletionChunk, index: int | None, *, follow_server: bool = False
    ) -> None:
        self._proto = proto  # what ProtoDecorator.__init__ does, without a call per streamed chunk
        self._index = index
        if follow_server:
            self._follows_server = True

    def _outputs(self, role: chat_pb2.MessageRole) -> list[CompletionOutputChunk]:
        outputs = self._proto.outputs
        index = shown_index(self._index, outputs) if self._follows_server else self._index
        return [
            CompletionOutputChunk(output)
            for output in outputs
            if output.delta.role == role and (index is None or output.index == index)
        ]

    @property
    def choices(self) -> Sequence[CompletionOutputChunk]:
        """The assistant outputs of this chunk (of the selected index)."""
        return self._outputs(chat_pb2.ROLE_ASSISTANT)

    @property
    def tool_outputs(self) -> Sequence[CompletionOutputChunk]:
        """The server-side tool outputs of this chunk."""
        return self._outputs(chat_pb2.ROLE_TOOL)

    @property
    def created(self) -> datetime:
        """When the response was created."""
        return self._proto.created.ToDatetime()

    @property
    def content(self) -> str:
        """The answer text in this chunk."""
        return "".join(choice.content for choice in self.choices)

    @property
    def reasoning_content(self) -> str:
        """The reasoning text in this chunk."""
        return "".join(choice.reasoning_content for choice in self.choices)

    @property
    def output(self) -> str:
        """Content and reasoning of this chunk together."""
        return "".join(choice.content + choice.reasoning_content for choice in self.choices)

    @property
    def tool_calls(self) -> Sequence[chat_pb2.ToolCall]:
        """Tool calls in this chunk."""
        return [call for choice in self.choices for call in choice.tool_calls]

    @property
    def inline_citations(self) -> Sequence[chat_pb2.InlineCitation]:
        """Inline citations in this chunk."""
        return [citation for choice in self.choices for citation in choice.proto.delta.citations]

    @property
    def citations(self) -> Sequence[str]:
        """Source URLs in this chunk."""
        return self._proto.citations

    @property
    def server_side_tool_usage(self) -> dict[str, int]:
        """Server-side tool use so far, by tool name."""
        return _tool_usage(self._proto.usage)

    @property
    def debug_output(self) -> chat_pb2.DebugOutput:
        """Debugging information, when the server includes it."""
        return self._proto.debug_output

    def __str__(self) -> str:
        return self.output


class ImageGenerationOutput(ProtoDecorator[chat_pb2.CompletionOutput]):
    """An image made by the image generation tool: its bytes, MIME type and id for edits."""

    def __init__(self, proto: chat_pb2.CompletionOutput, tool_call: chat_pb2.ToolCall) -> None:
        super().__init__(proto)
        self._tool_call = tool_call
        content = proto.message.content
        problem = f"Output content is not a well-formed image generation result envelope: {content[:64]!r}"
        try:
            envelope = json.loads(content)
        except json.JSONDecodeError as error:
            raise ValueError(problem) from error
        data_url = envelope.get("result") if isinstance(envelope, dict) else None
        if (
            envelope.get("__type") != "image_generation_result"
            or not isinstance(data_url, str)
            or not data_url.startswith("data:image/")
            or "base64," not in data_url
        ):
            raise ValueError(problem)
        self._data_url = data_url
        image_uuid = envelope.get("image_uuid", "")
        self._image_uuid = image_uuid if isinstance(image_uuid, str) else ""
        self._image = base64.b64decode(data_url.split("base64,", 1)[1])

    @property
    def tool_call(self) -> chat_pb2.ToolCall:
        """The completed call that made the image (its function name tells generation from edit)."""
        return self._tool_call

    @property
    def data_url(self) -> str:
        """The image as a ``data:image/...;base64,...`` URL."""
        return self._data_url

    @property
    def mime_type(self) -> str:
        """E.g. ``"image/png"``."""
        return self._data_url.removeprefix("data:").split(";", 1)[0]

    @property
    def image_uuid(self) -> str:
        """The id to refer to the image in a follow-up edit request ("" if none was given)."""
        return self._image_uuid

    @property
    def image(self) -> bytes:
        """The image's bytes."""
        return self._image


class CompactContextResponse(ProtoDecorator[chat_pb2.CompactContextResponse]):
    """A conversation condensed by the server; append it to a chat to replace its history."""

    @property
    def id(self) -> str:
        """The id of the compaction."""
        return self._proto.id

    @property
    def encrypted_content(self) -> str:
        """The opaque condensed context."""
        return self._proto.encrypted_content

    @property
    def dropped_message_count(self) -> int:
        """How many messages the compaction replaced."""
        return self._proto.dropped_message_count

    @property
    def usage(self) -> usage_pb2.SamplingUsage:
        """Token counts of the compaction."""
        return self._proto.usage
