"""`client.chat`: creates conversations (`Chat`) and reads stored completions, for both clients."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from xai_sdk.arguments import optional_text, options, text
from xai_sdk.chat._chat import COMPACT_CONTEXT, Chat
from xai_sdk.chat._request import CompletionOptions, completions_request, model_name
from xai_sdk.chat._request import messages as messages_of
from xai_sdk.chat._response import CompactContextResponse, Response
from xai_sdk.chat._types import Guideline, IncludeOption, ReasoningEffort, ToolMode
from xai_sdk.operations import Operation, Timeout, rpc, unary
from xai_sdk.proto import chat_pb2
from xai_sdk.service import Bound, ModeT, operation
from xai_sdk.service_tier import ServiceTier
from xai_sdk.types.model import ChatModel

if TYPE_CHECKING:
    from xai_sdk.search import SearchParameters

__all__ = ["ChatClient"]

GET_STORED_COMPLETION = rpc(chat_pb2, "Chat", "GetStoredCompletion")
DELETE_STORED_COMPLETION = rpc(chat_pb2, "Chat", "DeleteStoredCompletion")


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
        request = completions_request(model, **options(CompletionOptions, locals()))
        optional_text("conversation_id", conversation_id)
        optional_text("batch_request_id", batch_request_id)
        return Chat(
            self._binding, request, conversation_id=conversation_id, batch_request_id=batch_request_id
        )

    @operation
    def get_stored_completion(
        self, response_id: str, *, timeout: Timeout = None
    ) -> Operation[Sequence[Response]]:
        """A completion stored with ``store_messages=True``: one `Response` per output."""
        request = chat_pb2.GetStoredCompletionRequest(response_id=text("response_id", response_id))
        return unary(
            GET_STORED_COMPLETION,
            request,
            lambda response: [Response(response, i) for i in range(len(response.outputs))],
            timeout=timeout,
        )

    @operation
    def delete_stored_completion(self, response_id: str, *, timeout: Timeout = None) -> Operation[str]:
        """Delete a stored completion; returns its id."""
        request = chat_pb2.DeleteStoredCompletionRequest(response_id=text("response_id", response_id))
        return unary(
            DELETE_STORED_COMPLETION, request, lambda response: response.response_id, timeout=timeout
        )

    @operation
    def compact_context(
        self, model: ChatModel | str, messages: Sequence[chat_pb2.Message], *, timeout: Timeout = None
    ) -> Operation[CompactContextResponse]:
        """Condense `messages` server-side; append the result to a chat to continue from it."""
        request = chat_pb2.CompactContextRequest(
            model=model_name(model), input=messages_of("messages", messages)
        )
        return unary(COMPACT_CONTEXT, request, CompactContextResponse, timeout=timeout)
