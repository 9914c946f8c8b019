"""The `Chat` conversation that `client.chat.create()` returns: one implementation for both clients."""

from __future__ import annotations

import functools
import importlib.util
import warnings
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any, TypeVar

from xai_sdk._catalog import install_hint
from xai_sdk.arguments import seconds
from xai_sdk.chat._content import is_pydantic_model, json_schema_of
from xai_sdk.chat._request import batch_size, replay
from xai_sdk.chat._response import Chunk, CompactContextResponse, Response
from xai_sdk.operations import (
    PENDING,
    Call,
    Flow,
    Operation,
    StreamOperation,
    Timeout,
    call_timeout,
    poll,
    rpc,
    unary,
)
from xai_sdk.proto import chat_pb2, deferred_pb2
from xai_sdk.service import Bound, ModeT, operation, stream_operation

__all__ = ["Chat"]

GET_COMPLETION = rpc(chat_pb2, "Chat", "GetCompletion")
GET_COMPLETION_CHUNK = rpc(chat_pb2, "Chat", "GetCompletionChunk")
START_DEFERRED_COMPLETION = rpc(chat_pb2, "Chat", "StartDeferredCompletion")
GET_DEFERRED_COMPLETION = rpc(chat_pb2, "Chat", "GetDeferredCompletion")
COMPACT_CONTEXT = rpc(chat_pb2, "Chat", "CompactContext")

DEFAULT_DEFER_TIMEOUT = timedelta(minutes=10)
DEFAULT_DEFER_INTERVAL = timedelta(seconds=1)

ModelT = TypeVar("ModelT")
T = TypeVar("T")


# -- which output a response shows --------------------------------------------------------------


def _initial_index(request: chat_pb2.GetCompletionsRequest) -> int | None:
    # Server-side tools answer with several outputs (tool outputs, then the answer): show them all.
    tools = request.tools
    if not tools:  # the usual case: no iterator (1.4 µs of a unary call, cold)
        return 0
    for tool in tools:
        if tool.WhichOneof("tool") != "function":
            return None
    return 0


def _single_response(
    request: chat_pb2.GetCompletionsRequest,
) -> Callable[[chat_pb2.GetChatCompletionResponse], Response]:
    index = _initial_index(request)
    if index == 0:
        return _FIRST_OUTPUT
    return functools.partial(Response._following, index)


_FIRST_OUTPUT = functools.partial(Response._following, 0)


def _pending_deprecation(method: str, replacement: str) -> None:
    # stacklevel 4: this function, the method's builder, the SDK's method wrapper, the caller.
    warnings.warn(
        f"chat.{method} will be deprecated in a future version release. Use chat.{replacement}() instead.",
        PendingDeprecationWarning,
        stacklevel=4,
    )


class Chat(Bound[ModeT]):
    """A conversation: the request being built (model, settings, messages) and the calls on it.

    Created by `client.chat.create(...)`. `append` adds messages; `sample`, `stream`, `parse`,
    `defer` and `compact` call the API (on `AsyncClient`: ``await chat.sample()``,
    ``async for response, chunk in chat.stream()``). Each call takes ``timeout=``.
    """

    def __init__(
        self,
        binding: Any,
        request: chat_pb2.GetCompletionsRequest,
        *,
        conversation_id: str | None = None,
        batch_request_id: str | None = None,
    ) -> None:
        super().__init__(binding)
        self._proto = request
        self._conversation_id = conversation_id
        self._batch_request_id = batch_request_id
        self._details = {"conversation_id": conversation_id} if conversation_id else None

    @property
    def proto(self) -> chat_pb2.GetCompletionsRequest:
        """The request built so far."""
        return self._proto

    @property
    def messages(self) -> Sequence[chat_pb2.Message]:
        """The conversation's messages."""
        return self._proto.messages

    @property
    def conversation_id(self) -> str | None:
        """The id given to `create` to group calls of one conversation (telemetry)."""
        return self._conversation_id

    @property
    def batch_request_id(self) -> str | None:
        """The id given to `create` for this request in a batch."""
        return self._batch_request_id

    def __repr__(self) -> str:
        mode = "async" if self._binding.is_async else "sync"
        return f"<Chat ({mode}) model={self._proto.model!r} messages={len(self._proto.messages)}>"

    def append(self, message: chat_pb2.Message | Response | CompactContextResponse) -> Chat[ModeT]:
        """Add a message, a `Response` (the answer, to continue the conversation) or a compaction.

        A `CompactContextResponse` replaces every message so far with the condensed context.
        Returns the chat, so calls can be chained.
        """
        messages = self._proto.messages
        if isinstance(message, chat_pb2.Message):
            messages.append(message)
        elif isinstance(message, Response):
            messages.extend(replay(message))
        elif isinstance(message, CompactContextResponse):
            del messages[:]
            messages.add(role=chat_pb2.ROLE_USER, encrypted_content=message.encrypted_content)
        else:
            raise ValueError(
                "Unrecognized message type. append takes a chat_pb2.Message (user(), system(), ...), a "
                f"Response or a CompactContextResponse, got {type(message).__name__}"
            )
        return self

    def _request(self, n: int) -> chat_pb2.GetCompletionsRequest:
        if not self._proto.messages:
            raise ValueError(
                "Cannot create a completion request: No messages provided. Please include at least one "
                "message (e.g., using user(), system(), or assistant()) in the request."
            )
        request = chat_pb2.GetCompletionsRequest()
        request.CopyFrom(self._proto)
        request.n = n
        return request

    @operation
    def sample(self, *, timeout: Timeout = None) -> Operation[Response]:
        """Get the model's answer to the conversation."""
        request = self._request(1)
        return unary(
            GET_COMPLETION, request, _single_response(request), timeout=timeout, details=self._details
        )

    @operation
    def sample_batch(self, n: int, *, timeout: Timeout = None) -> Operation[Sequence[Response]]:
        """Get `n` answers at once (one request; pending deprecation, as in the official SDK)."""
        _pending_deprecation("sample_batch", "sample")
        request = self._request(batch_size(n))
        return unary(
            GET_COMPLETION,
            request,
            lambda response: [Response(response, i) for i in range(n)],
            timeout=timeout,
            details=self._details,
        )

    @stream_operation
    def stream(self, *, timeout: Timeout = None) -> StreamOperation[tuple[Response, Chunk]]:
        """Stream the answer: yields ``(response, chunk)``, the response accumulating the chunks.

        The response stays readable if the stream stops early or fails (a failure's error has it
        as ``error.partial``). Closing the stream cancels the request.
        """
        request = self._request(1)
        index = _initial_index(request)
        response, on_chunk = Response._streamed(index)
        return self._stream(request, on_chunk, lambda: response, timeout)

    @stream_operation
    def stream_batch(
        self, n: int, *, timeout: Timeout = None
    ) -> StreamOperation[tuple[Sequence[Response], Sequence[Chunk]]]:
        """Stream `n` answers at once: yields ``(responses, chunks)``, one of each per answer."""
        _pending_deprecation("stream_batch", "stream")
        request = self._request(batch_size(n))
        first = Response(chat_pb2.GetChatCompletionResponse(), 0)
        responses = [first, *(Response._sharing(first, i) for i in range(1, n))]

        def on_chunk(chunk: chat_pb2.GetChatCompletionChunk) -> tuple[Sequence[Response], Sequence[Chunk]]:
            first.process_chunk(chunk)
            return responses, [Chunk(chunk, i) for i in range(n)]

        return self._stream(request, on_chunk, lambda: responses, timeout)

    def _stream(
        self,
        request: chat_pb2.GetCompletionsRequest,
        on_chunk: Callable[[chat_pb2.GetChatCompletionChunk], T],
        result: Callable[[], Any],
        timeout: Timeout,
    ) -> StreamOperation[T]:
        """The stream of `request`'s chunks, each turned into what the caller iterates by `on_chunk`."""
        return StreamOperation(
            GET_COMPLETION_CHUNK,
            request,
            on_chunk,
            result=result,
            timeout=call_timeout(timeout),
            details=self._details,
        )

    @operation
    def parse(self, shape: type[ModelT], *, timeout: Timeout = None) -> Operation[tuple[Response, ModelT]]:
        """Get an answer as an instance of the pydantic model `shape` (structured output).

        Returns ``(response, parsed)``. The chat's own `response_format` is left as it was.
        pydantic is not a dependency of the SDK; the ``pydantic`` extra of xai-sdk installs it.
        """
        if not is_pydantic_model(shape):
            message = f"parse() takes a pydantic model class (a BaseModel subclass), got {shape!r}"
            if importlib.util.find_spec("pydantic") is None:
                message += f"; pydantic is not installed: {install_hint('pydantic')}"
            raise TypeError(message)
        request = self._request(1)
        request.response_format.CopyFrom(
            chat_pb2.ResponseFormat(
                format_type=chat_pb2.FORMAT_TYPE_JSON_SCHEMA, schema=json_schema_of(shape)
            )
        )
        wrap = _single_response(request)

        def parsed(response_pb: chat_pb2.GetChatCompletionResponse) -> tuple[Response, ModelT]:
            response = wrap(response_pb)
            return response, shape.model_validate_json(response.content)  # type: ignore[attr-defined]

        return unary(GET_COMPLETION, request, parsed, timeout=timeout, details=self._details)

    @operation
    def defer(
        self, *, timeout: timedelta | float | None = None, interval: timedelta | float | None = None
    ) -> Operation[Response]:
        """Run the completion in the background and poll until it is done.

        `timeout` (default 10 minutes) bounds the whole wait, then `TimeoutError`; `interval`
        (default 1 second) is the time between polls.
        """
        return self._deferred(1, timeout, interval, lambda response: Response(response, 0))

    @operation
    def defer_batch(
        self, n: int, *, timeout: timedelta | float | None = None, interval: timedelta | float | None = None
    ) -> Operation[Sequence[Response]]:
        """`defer` for `n` answers (pending deprecation, as in the official SDK)."""
        _pending_deprecation("defer_batch", "defer")
        n = batch_size(n)
        return self._deferred(
            n, timeout, interval, lambda response: [Response(response, i) for i in range(n)]
        )

    def _deferred(
        self,
        n: int,
        timeout: timedelta | float | None,
        interval: timedelta | float | None,
        wrap: Callable[[chat_pb2.GetChatCompletionResponse], Any],
    ) -> Operation[Any]:
        request = self._request(n)
        timeout_s = seconds("timeout", timeout, DEFAULT_DEFER_TIMEOUT)
        interval_s = seconds("interval", interval, DEFAULT_DEFER_INTERVAL)

        def flow() -> Flow[Any]:
            started = yield Call(START_DEFERRED_COMPLETION, request)
            check = Call(
                GET_DEFERRED_COMPLETION, deferred_pb2.GetDeferredRequest(request_id=started.request_id)
            )
            done = yield from poll(
                check,
                _deferred_result,
                interval=interval_s,
                timeout=timeout_s,
                waiting_for="deferred chat completion",
            )
            return wrap(done)

        return Operation(flow(), request, timeout_s + interval_s, self._details)

    @operation
    def compact(self, *, timeout: Timeout = None) -> Operation[CompactContextResponse]:
        """Condense the conversation server-side and replace its messages with the result."""
        request = chat_pb2.CompactContextRequest(model=self._proto.model, input=self._proto.messages)

        def flow() -> Flow[CompactContextResponse]:
            compacted = CompactContextResponse((yield Call(COMPACT_CONTEXT, request)))
            self.append(compacted)
            return compacted

        return Operation(flow(), request, call_timeout(timeout))


def _deferred_result(response: chat_pb2.GetDeferredCompletionResponse) -> Any:
    status = response.status
    if status == deferred_pb2.DONE:
        return response.response
    if status == deferred_pb2.PENDING:
        return PENDING
    if status == deferred_pb2.EXPIRED:
        raise RuntimeError("Deferred request expired.")
    if status == deferred_pb2.FAILED:
        # A ValueError worded as the official SDK's, which does not know this status.
        raise ValueError(f"Unknown deferred status: {status} (FAILED: the deferred request failed)")
    raise ValueError(f"Unknown deferred status: {status}")
