"""`client.chat` and the `Chat` conversation it creates: one implementation for both clients."""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta
from typing import Any, TypeVar, cast

from xai_sdk._catalog import install_hint
from xai_sdk._config import to_seconds_or_default
from xai_sdk.arguments import proto_bool, proto_float, proto_int
from xai_sdk.arguments import text as _string
from xai_sdk.chat._content import (
    agent_count_to_proto,
    guideline_to_proto,
    include_to_proto,
    is_pydantic_model,
    json_schema_of,
    reasoning_effort_to_proto,
    response_format_to_proto,
    text,
    tool_choice_to_proto,
)
from xai_sdk.chat._response import Chunk, CompactContextResponse, Response
from xai_sdk.chat._types import Guideline, IncludeOption, ReasoningEffort, ToolMode
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
from xai_sdk.search import SearchParameters
from xai_sdk.service import Bound, ModeT, operation, stream_operation
from xai_sdk.service_tier import ServiceTier, service_tier_to_proto
from xai_sdk.types.model import ChatModel

__all__ = ["Chat", "ChatClient"]

GET_COMPLETION = rpc(chat_pb2, "Chat", "GetCompletion")
GET_COMPLETION_CHUNK = rpc(chat_pb2, "Chat", "GetCompletionChunk")
START_DEFERRED_COMPLETION = rpc(chat_pb2, "Chat", "StartDeferredCompletion")
GET_DEFERRED_COMPLETION = rpc(chat_pb2, "Chat", "GetDeferredCompletion")
GET_STORED_COMPLETION = rpc(chat_pb2, "Chat", "GetStoredCompletion")
DELETE_STORED_COMPLETION = rpc(chat_pb2, "Chat", "DeleteStoredCompletion")
COMPACT_CONTEXT = rpc(chat_pb2, "Chat", "CompactContext")

DEFAULT_DEFER_TIMEOUT = timedelta(minutes=10)
DEFAULT_DEFER_INTERVAL = timedelta(seconds=1)
MAX_TOOLS = 128

ModelT = TypeVar("ModelT")


# -- checking create() arguments ----------------------------------------------------------------


def _number(name: str, value: Any, low: float, high: float, *, integer: bool = False) -> Any:
    """A number for a request field, as protobuf takes it, within the API's documented range."""
    if integer:
        return proto_int(name, value, int(low), int(high))
    return proto_float(name, value, low, high)


def _items(name: str, values: Any, item_type: type | tuple[type, ...], what: str) -> list[Any]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a list of {what}, got {type(values).__name__}")
    items = list(values)
    for item in items:
        if not isinstance(item, item_type):
            raise TypeError(f"{name} must contain {what}, got {type(item).__name__}: {item!r}")
    return items


def _messages(name: str, messages: Any) -> list[chat_pb2.Message]:
    return _items(name, messages, chat_pb2.Message, "messages made by user(), system(), assistant() ...")


def completions_request(model: str, **arguments: Any) -> chat_pb2.GetCompletionsRequest:
    """Check the arguments of `ChatClient.create` and build the request; None means "not set"."""
    _model(model)
    given = {name: value for name, value in arguments.items() if value is not None}
    fields: dict[str, Any] = {"model": model}
    for name, value in given.items():
        fields[name] = _CONVERT[name](value)
    if given.get("top_logprobs") is not None and not given.get("logprobs"):
        raise ValueError("top_logprobs requires logprobs=True")
    return chat_pb2.GetCompletionsRequest(**fields)


def _model(model: Any) -> str:
    if not isinstance(model, str):
        raise TypeError(f"model must be a model name such as 'grok-4', got {model!r}")
    if not model.strip():
        raise ValueError(f"model must be a model name such as 'grok-4', got {model!r}")
    return model


def _stop(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else _items("stop", value, str, "strings")


def _tools(value: Any) -> list[chat_pb2.Tool]:
    tools = _items(
        "tools", value, chat_pb2.Tool, "tools made by tool(), tool_from_function() or xai_sdk.tools"
    )
    if len(tools) > MAX_TOOLS:
        raise ValueError(f"at most {MAX_TOOLS} tools can be given, got {len(tools)}")
    return tools


def _search_parameters(value: Any) -> chat_pb2.SearchParameters:
    if isinstance(value, SearchParameters):
        return value._to_proto()
    if isinstance(value, chat_pb2.SearchParameters):
        return value
    raise TypeError(f"search_parameters must be a SearchParameters, got {type(value).__name__}")


def _service_tier(value: Any) -> Any:
    return service_tier_to_proto(cast("ServiceTier", value)) if isinstance(value, str) else value


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "messages": lambda value: _messages("messages", value),
    "user": lambda value: _string("user", value),
    "safety_identifier": lambda value: _string("safety_identifier", value),
    "max_tokens": lambda value: _number("max_tokens", value, 1, 2**31 - 1, integer=True),
    "seed": lambda value: _number("seed", value, -(2**31), 2**31 - 1, integer=True),
    "stop": _stop,
    "temperature": lambda value: _number("temperature", value, 0, 2),
    "top_p": lambda value: _number("top_p", value, 0, 1),
    "logprobs": lambda value: proto_bool("logprobs", value),
    "top_logprobs": lambda value: _number("top_logprobs", value, 0, 8, integer=True),
    "tools": _tools,
    "tool_choice": tool_choice_to_proto,
    "parallel_tool_calls": lambda value: proto_bool("parallel_tool_calls", value),
    "response_format": response_format_to_proto,
    "frequency_penalty": lambda value: _number("frequency_penalty", value, -2, 2),
    "presence_penalty": lambda value: _number("presence_penalty", value, -2, 2),
    "reasoning_effort": reasoning_effort_to_proto,
    "search_parameters": _search_parameters,
    "store_messages": lambda value: proto_bool("store_messages", value),
    "previous_response_id": lambda value: _string("previous_response_id", value),
    "use_encrypted_content": lambda value: proto_bool("use_encrypted_content", value),
    "max_turns": lambda value: _number("max_turns", value, 1, 2**31 - 1, integer=True),
    "include": lambda value: [
        include_to_proto(option) for option in _items("include", value, (str, int), "names")
    ],
    "agent_count": agent_count_to_proto,
    "service_tier": _service_tier,
    "guidelines": lambda value: [
        guideline_to_proto(item) for item in _items("guidelines", value, object, "")
    ],
}


def _batch_size(n: Any) -> int:
    return int(_number("n", n, 1, 2**31 - 1, integer=True))


# -- which output a response shows --------------------------------------------------------------


def _initial_index(request: chat_pb2.GetCompletionsRequest) -> int | None:
    # Server-side tools answer with several outputs (tool outputs, then the answer): show them all.
    return None if any(tool.WhichOneof("tool") != "function" for tool in request.tools) else 0


def _detect_index(index: int | None, outputs: Sequence[Any]) -> int | None:
    # The server may add tools on its own and answer with several outputs; follow it.
    if index == 0:
        for output in outputs:
            if output.index:
                return None
    return index


def _single_response(
    request: chat_pb2.GetCompletionsRequest,
) -> Callable[[chat_pb2.GetChatCompletionResponse], Response]:
    index = _initial_index(request)
    return lambda response: Response(response, _detect_index(index, response.outputs))


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

    @property
    def _details(self) -> dict[str, Any]:
        return {"conversation_id": self._conversation_id} if self._conversation_id else {}

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
            messages.extend(_replay(message))
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
        request = self._request(_batch_size(n))
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
        response = Response(chat_pb2.GetChatCompletionResponse(), index)

        def on_chunk(chunk: chat_pb2.GetChatCompletionChunk) -> tuple[Response, Chunk]:
            response._index = _detect_index(response._index, chunk.outputs)
            response.process_chunk(chunk)
            return response, Chunk(chunk, response._index)

        return StreamOperation(
            GET_COMPLETION_CHUNK,
            request,
            on_chunk,
            result=lambda: response,
            timeout=call_timeout(timeout),
            details=self._details,
        )

    @stream_operation
    def stream_batch(
        self, n: int, *, timeout: Timeout = None
    ) -> StreamOperation[tuple[Sequence[Response], Sequence[Chunk]]]:
        """Stream `n` answers at once: yields ``(responses, chunks)``, one of each per answer."""
        _pending_deprecation("stream_batch", "stream")
        request = self._request(_batch_size(n))
        first = Response(chat_pb2.GetChatCompletionResponse(), 0)
        responses = [first, *(Response._sharing(first, i) for i in range(1, n))]

        def on_chunk(chunk: chat_pb2.GetChatCompletionChunk) -> tuple[Sequence[Response], Sequence[Chunk]]:
            first.process_chunk(chunk)
            return responses, [Chunk(chunk, i) for i in range(n)]

        return StreamOperation(
            GET_COMPLETION_CHUNK,
            request,
            on_chunk,
            result=lambda: responses,
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
        n = _batch_size(n)
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
        timeout_s = to_seconds_or_default(timeout, DEFAULT_DEFER_TIMEOUT, "timeout")
        interval_s = to_seconds_or_default(interval, DEFAULT_DEFER_INTERVAL, "interval")

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


def _replay(response: Response) -> list[chat_pb2.Message]:
    """The messages that replay a response in the conversation.

    With one selected output, its assistant answer; in multi-output mode (server-side tools),
    every output in order, tool outputs paired with the call they answer.
    """
    proto = response.proto
    if response._index is None:
        return [_replay_output(output.message, output.message.content) for output in proto.outputs]
    output = response._output()
    message = _replay_output(output.message, response.content)
    del message.tool_calls[:]
    message.tool_calls.extend(response.tool_calls)
    return [message]


def _replay_output(message: chat_pb2.CompletionMessage, content: str) -> chat_pb2.Message:
    tool_call_id = (
        message.tool_calls[0].id if message.role == chat_pb2.ROLE_TOOL and message.tool_calls else None
    )
    return chat_pb2.Message(
        role=message.role,
        content=[text(content)],
        reasoning_content=message.reasoning_content,
        encrypted_content=message.encrypted_content,
        tool_calls=message.tool_calls,
        tool_call_id=tool_call_id,
    )


class ChatClient(Bound[ModeT]):
    """The ``chat`` sub-client: creates conversations, and reads stored completions."""

    def create(
        self,
        model: ChatModel | str,
        *,
        conversation_id: str | None = None,
        messages: Sequence[chat_pb2.Message] | None = None,
        user: str | None = None,
        safety_identifier: str | None = None,
        max_tokens: int | None = None,
        seed: int | None = None,
        stop: str | Sequence[str] | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        logprobs: bool | None = None,
        top_logprobs: int | None = None,
        tools: Sequence[chat_pb2.Tool] | None = None,
        tool_choice: ToolMode | chat_pb2.ToolChoice | None = None,
        parallel_tool_calls: bool | None = None,
        response_format: Any = None,
        frequency_penalty: float | None = None,
        presence_penalty: float | None = None,
        reasoning_effort: ReasoningEffort | chat_pb2.ReasoningEffort | None = None,
        search_parameters: SearchParameters | chat_pb2.SearchParameters | None = None,
        store_messages: bool | None = None,
        previous_response_id: str | None = None,
        use_encrypted_content: bool | None = None,
        max_turns: int | None = None,
        include: Sequence[IncludeOption | chat_pb2.IncludeOption] | None = None,
        agent_count: int | None = None,
        batch_request_id: str | None = None,
        service_tier: ServiceTier | int | None = None,
        guidelines: Sequence[Guideline | chat_pb2.Guideline] | None = None,
    ) -> Chat[ModeT]:
        """Start a conversation with `model`; nothing is sent until you sample.

        Every setting maps onto the request (`GetCompletionsRequest`); None leaves it unset.
        Strings are accepted for the enums (``reasoning_effort="high"``,
        ``tool_choice="required"``, ``response_format="json_object"`` or a pydantic model,
        ``include=["inline_citations"]``, ``service_tier="priority"``); `guidelines` take
        ``{"type": "policy", "category": "nsfw", "behavior": "decline"}`` entries. Invalid
        values raise `ValueError` or `TypeError` here.

        `conversation_id` groups calls for telemetry; `batch_request_id` names the request when
        the chat is added to a batch.
        """
        request = completions_request(
            model,
            messages=messages,
            user=user,
            safety_identifier=safety_identifier,
            max_tokens=max_tokens,
            seed=seed,
            stop=stop,
            temperature=temperature,
            top_p=top_p,
            logprobs=logprobs,
            top_logprobs=top_logprobs,
            tools=tools,
            tool_choice=tool_choice,
            parallel_tool_calls=parallel_tool_calls,
            response_format=response_format,
            frequency_penalty=frequency_penalty,
            presence_penalty=presence_penalty,
            reasoning_effort=reasoning_effort,
            search_parameters=search_parameters,
            store_messages=store_messages,
            previous_response_id=previous_response_id,
            use_encrypted_content=use_encrypted_content,
            max_turns=max_turns,
            include=include,
            agent_count=agent_count,
            service_tier=service_tier,
            guidelines=guidelines,
        )
        for name, value in (("conversation_id", conversation_id), ("batch_request_id", batch_request_id)):
            if value is not None:
                _string(name, value)
        return Chat(
            self._binding, request, conversation_id=conversation_id, batch_request_id=batch_request_id
        )

    @operation
    def get_stored_completion(
        self, response_id: str, *, timeout: Timeout = None
    ) -> Operation[Sequence[Response]]:
        """A completion stored with ``store_messages=True``: one `Response` per output."""
        request = chat_pb2.GetStoredCompletionRequest(response_id=_string("response_id", response_id))
        return unary(
            GET_STORED_COMPLETION,
            request,
            lambda response: [Response(response, i) for i in range(len(response.outputs))],
            timeout=timeout,
        )

    @operation
    def delete_stored_completion(self, response_id: str, *, timeout: Timeout = None) -> Operation[str]:
        """Delete a stored completion; returns its id."""
        request = chat_pb2.DeleteStoredCompletionRequest(response_id=_string("response_id", response_id))
        return unary(
            DELETE_STORED_COMPLETION, request, lambda response: response.response_id, timeout=timeout
        )

    @operation
    def compact_context(
        self, model: ChatModel | str, messages: Sequence[chat_pb2.Message], *, timeout: Timeout = None
    ) -> Operation[CompactContextResponse]:
        """Condense `messages` server-side; append the result to a chat to continue from it."""
        request = chat_pb2.CompactContextRequest(model=_model(model), input=_messages("messages", messages))
        return unary(COMPACT_CONTEXT, request, CompactContextResponse, timeout=timeout)
