"""Scripted answers for the emulator's chat service (``xai_api.Chat``).

Without a script the emulator's chat model echoes the last user message (see the
distribution's README). A test scripts what it says instead::

    from xai_sdk.emulator.chat import Reply, ToolCallReply

    emulator.chat.script(
        Reply(tool_calls=[ToolCallReply("get_weather", {"city": "Paris"})]),
        Reply("It is sunny in Paris."),
    )

Each completion request (unary, streamed or deferred) consumes one reply, in order; once the
script is used up the default answer applies again. ``emulator.chat.script(..., model="grok-4")``
scripts one model only (requests naming any alias of it included); such a script is consumed
before the one for every model.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from xai_sdk.proto import chat_pb2, sample_pb2, usage_pb2

__all__ = ["SERVER_TOOLS", "DeferredOutcome", "Reply", "SearchResult", "ServerTool", "ToolCallReply"]

DeferredOutcome = Literal["done", "expired", "failed"]
"""How a deferred completion ends: with its response, or with status EXPIRED or FAILED."""

_DEFERRED_OUTCOMES = ("done", "expired", "failed")

SERVER_TOOLS = (
    "web_search",
    "x_search",
    "code_execution",
    "collections_search",
    "mcp",
    "attachment_search",
    "image_generation",
)
"""The server-side tools the emulator runs, by the name `Chat.server_tool` takes."""


@dataclass(frozen=True)
class SearchResult:
    """A page that ``web_search`` finds, or a post that ``x_search`` finds.

    Args:
        title: the page's title (for a post: ignored).
        text: the page's text, or the post's.
        url: where it is; None: the emulator serves it at an offline URL of its HTTP side.
        author: for a post, the X handle that wrote it (default: the search's first allowed
            handle, else ``emulator``).

    """

    title: str = ""
    text: str = ""
    url: str | None = None
    author: str = ""

    def __post_init__(self) -> None:
        for name in ("title", "text", "author"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be a str, got {type(getattr(self, name)).__name__}")
        _check_optional_str("url", self.url)


@dataclass(frozen=True)
class ServerTool:
    """What a server-side tool gives when the model calls it, instead of the emulator's default.

    Args:
        results: for ``web_search`` and ``x_search``, what the search finds (cited in the answer).
        output: for the other tools, the output the call returns (``code_execution``'s stdout,
            an MCP tool's answer, ...).
        error: the call fails (status FAILED) with this message; nothing is found or returned.

    """

    results: Sequence[SearchResult] | None = None
    output: str | None = None
    error: str | None = None

    def __post_init__(self) -> None:
        if self.results is not None:
            object.__setattr__(self, "results", _tuple_of("results", self.results, SearchResult))
        _check_optional_str("output", self.output)
        _check_optional_str("error", self.error)

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> ServerTool:
        """A `ServerTool` from JSON, as ``xai-emulator --server-tools`` reads it.

        ``{"results": [{"title": ..., "text": ..., "url": ...}]}``, ``{"output": "..."}`` or
        ``{"error": "..."}``.
        """
        if not isinstance(document, Mapping):
            raise TypeError(f"a server tool is described by a JSON object, got {type(document).__name__}")
        unknown = set(document) - {"results", "output", "error"}
        if unknown:
            raise ValueError(f"unknown keys {sorted(unknown)}; a server tool takes results, output and error")
        results = document.get("results")
        if results is not None:
            if not isinstance(results, list) or not all(isinstance(item, Mapping) for item in results):
                raise TypeError("results must be a list of JSON objects")
            results = [SearchResult(**item) for item in results]
        return cls(results=results, output=document.get("output"), error=document.get("error"))


@dataclass(frozen=True)
class ToolCallReply:
    """A call of a client-side function that a scripted reply makes.

    Args:
        name: the function's name.
        arguments: its arguments, as a dict (sent as JSON) or as a JSON string sent verbatim.
        id: the tool call's id; None gives a fresh ``call_<n>``.

    """

    name: str
    arguments: Mapping[str, Any] | str = "{}"
    id: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"a tool call needs a function name, got {self.name!r}")
        if isinstance(self.arguments, str):
            return
        if not isinstance(self.arguments, Mapping):
            raise TypeError(f"arguments must be a dict or a JSON string, got {type(self.arguments).__name__}")
        try:
            json.dumps(self.arguments)
        except (TypeError, ValueError) as error:
            raise ValueError(f"arguments of {self.name!r} cannot be sent as JSON: {error}") from None

    @property
    def arguments_json(self) -> str:
        """The arguments as the JSON text the tool call carries."""
        if isinstance(self.arguments, str):
            return self.arguments
        return json.dumps(self.arguments)


@dataclass(frozen=True)
class Reply:
    """What the model answers to one completion request.

    Every field left at its default keeps what the default answer would give, so ``Reply()``
    is the default answer itself and ``Reply("Hi")`` changes only the text.

    Args:
        content: the answer's text; None: the default answer's text (empty when `tool_calls`
            are given). The request's ``stop`` and ``max_tokens`` still cut it.
        reasoning_content: the reasoning, returned as text whatever the model; None: the
            default (the model's own reasoning, returned as text only by the models that return
            it, counted in ``reasoning_tokens`` by every reasoning model).
        tool_calls: client-side function calls to make; when empty and `content` is None, the
            default answer's synthesized call (if the request's tools call for one) is made.
        citations: the response's citation URLs.
        inline_citations: citations within the text (``chat_pb2.InlineCitation``).
        finish_reason: a ``sample_pb2.FinishReason`` name (``"REASON_MAX_LEN"``) or value;
            None derives it: tool calls, then ``max_tokens``, then ``REASON_STOP``.
        encrypted_content: the output message's encrypted content.
        usage: the usage to report instead of the counted one.
        chunk_size: when streamed, characters per reasoning or content chunk; None: one token
            per chunk.
        deferred: how a deferred request for this reply ends (``"done"``, ``"expired"`` or
            ``"failed"``); ignored by the other RPCs.
        outputs: one reply per output index, for answers whose outputs differ; the answer then
            has exactly these outputs (the request's ``n`` is not consulted). Only their
            message fields (`content`, `reasoning_content`, `tool_calls`, `inline_citations`,
            `finish_reason`, `encrypted_content`) are used. None: every output (``n`` of them)
            is given by this reply.

    """

    content: str | None = None
    reasoning_content: str | None = None
    tool_calls: Sequence[ToolCallReply] = ()
    citations: Sequence[str] = ()
    inline_citations: Sequence[chat_pb2.InlineCitation] = ()
    finish_reason: str | int | None = None
    encrypted_content: str = ""
    usage: usage_pb2.SamplingUsage | None = None
    chunk_size: int | None = None
    deferred: DeferredOutcome = "done"
    outputs: Sequence[Reply] | None = None

    def __post_init__(self) -> None:
        _check_optional_str("content", self.content)
        _check_optional_str("reasoning_content", self.reasoning_content)
        # Frozen, and shared by the server's threads: sequences become tuples.
        object.__setattr__(self, "tool_calls", _tuple_of("tool_calls", self.tool_calls, ToolCallReply))
        object.__setattr__(self, "citations", _tuple_of("citations", self.citations, str))
        object.__setattr__(
            self,
            "inline_citations",
            _tuple_of("inline_citations", self.inline_citations, chat_pb2.InlineCitation),
        )
        _finish_reason_value(self.finish_reason)
        if self.usage is not None and not isinstance(self.usage, usage_pb2.SamplingUsage):
            raise TypeError(f"usage must be a usage_pb2.SamplingUsage, got {type(self.usage).__name__}")
        if self.chunk_size is not None and (
            isinstance(self.chunk_size, bool) or not isinstance(self.chunk_size, int) or self.chunk_size < 1
        ):
            raise ValueError(f"chunk_size must be a positive int or None, got {self.chunk_size!r}")
        if self.deferred not in _DEFERRED_OUTCOMES:
            raise ValueError(f"deferred must be one of {_DEFERRED_OUTCOMES}, got {self.deferred!r}")
        if self.outputs is not None:
            outputs = _tuple_of("outputs", self.outputs, Reply)
            if not outputs:
                raise ValueError("outputs must hold at least one Reply (or be None)")
            if any(output.outputs is not None for output in outputs):
                raise ValueError("the replies in outputs must not have outputs of their own")
            object.__setattr__(self, "outputs", outputs)

    @property
    def finish_reason_value(self) -> int | None:
        """`finish_reason` as a ``sample_pb2.FinishReason`` value, or None."""
        return _finish_reason_value(self.finish_reason)


def _check_optional_str(name: str, value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} must be a str or None, got {type(value).__name__}")


def _tuple_of(name: str, values: object, kind: type) -> tuple[Any, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise TypeError(f"{name} must be a sequence of {kind.__name__}, got {type(values).__name__}")
    for value in values:
        if not isinstance(value, kind):
            raise TypeError(f"{name} must hold {kind.__name__} items, got {type(value).__name__}")
    return tuple(values)


def _finish_reason_value(reason: str | int | None) -> int | None:
    names = list(sample_pb2.FinishReason.keys())
    if reason is None:
        return None
    if isinstance(reason, str) and reason in names:
        return int(sample_pb2.FinishReason.Value(reason))
    if (
        isinstance(reason, int)
        and not isinstance(reason, bool)
        and reason in sample_pb2.FinishReason.values()
    ):
        return reason
    raise ValueError(
        f"finish_reason must be a sample_pb2.FinishReason name ({', '.join(names)}), got {reason!r}"
    )
