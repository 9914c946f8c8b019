"""Chat: conversations with Grok models, sync and async (``client.chat``).

::

    from xai_sdk import Client
    from xai_sdk.chat import system, user

    chat = Client().chat.create("grok-4", messages=[system("Be brief.")])
    chat.append(user("What is the capital of France?"))
    print(chat.sample().content)

Message helpers (`user`, `system`, `assistant`, `developer`, `tool_result`), content parts
(`text`, `image`, `file`), tools (`tool`, `tool_from_function`, `required_tool`, and the
server-side tools of `xai_sdk.tools`), and what calls return (`Response`, `Chunk`, ...).
"""

from typing import TYPE_CHECKING, TypeAlias

from xai_sdk._compat import lazy_names, should_disable_sensitive_attributes
from xai_sdk.chat._chat import Chat
from xai_sdk.chat._client import ChatClient
from xai_sdk.chat._content import (
    assistant,
    developer,
    file,
    image,
    required_tool,
    system,
    text,
    tool,
    tool_result,
    user,
)
from xai_sdk.chat._request import completions_request
from xai_sdk.chat._response import (
    Chunk,
    CompactContextResponse,
    CompletionOutputChunk,
    ImageGenerationOutput,
    Response,
)
from xai_sdk.chat._types import (
    AgentCount,
    AgentCountMap,
    Content,
    Guideline,
    GuidelineBehavior,
    GuidelineBehaviorMap,
    GuidelineCategory,
    GuidelineCategoryMap,
    ImageDetail,
    IncludeOption,
    IncludeOptionMap,
    ReasoningEffort,
    ResponseFormat,
    ToolMode,
)
from xai_sdk.cost import cost_usd_from_usage
from xai_sdk.meta import ProtoDecorator, T
from xai_sdk.proto import chat_pb2, image_pb2, sample_pb2, usage_pb2
from xai_sdk.service import Async, Sync
from xai_sdk.service_tier import ServiceTier, service_tier_from_proto, service_tier_to_proto
from xai_sdk.types.model import ChatModel

if TYPE_CHECKING:  # imported on first access (the official module has the first two)
    from xai_sdk.chat._functions import tool_from_function
    from xai_sdk.proto import chat_pb2_grpc
    from xai_sdk.search import SearchParameters


class SyncChatClient(ChatClient[Sync]):
    """``client.chat`` of `xai_sdk.Client` (the official ``xai_sdk.sync.chat.Client``)."""


class AsyncChatClient(ChatClient[Async]):
    """``client.chat`` of `xai_sdk.AsyncClient` (the official ``xai_sdk.aio.chat.Client``)."""


class SyncChat(Chat[Sync]):
    """A conversation of `xai_sdk.Client` (the official ``xai_sdk.sync.chat.Chat``)."""


class AsyncChat(Chat[Async]):
    """A conversation of `xai_sdk.AsyncClient` (the official ``xai_sdk.aio.chat.Chat``)."""


if TYPE_CHECKING:  # the official modules' `Chat`, typed as what `client.chat.create()` returns
    SyncChatType: TypeAlias = Chat[Sync]
    AsyncChatType: TypeAlias = Chat[Async]
else:  # the classes `SyncChat` and `AsyncChat` at run time
    SyncChatType, AsyncChatType = SyncChat, AsyncChat

BaseChat = Chat
"""The official SDK's name of the conversation class."""
BaseClient = ChatClient
"""The official SDK's name of the chat sub-client class."""

__all__ = [
    "AsyncChat",
    "AsyncChatClient",
    "SyncChat",
    "SyncChatClient",
    "T",
    "chat_pb2",
    "chat_pb2_grpc",
    "image_pb2",
    "sample_pb2",
    "should_disable_sensitive_attributes",
    "usage_pb2",
    "AgentCount",
    "AgentCountMap",
    "BaseChat",
    "BaseClient",
    "ChatClient",
    "ChatModel",
    "Chunk",
    "CompactContextResponse",
    "CompletionOutputChunk",
    "Content",
    "Guideline",
    "GuidelineBehavior",
    "GuidelineBehaviorMap",
    "GuidelineCategory",
    "GuidelineCategoryMap",
    "ImageDetail",
    "ImageGenerationOutput",
    "IncludeOption",
    "IncludeOptionMap",
    "ProtoDecorator",
    "ReasoningEffort",
    "Response",
    "ResponseFormat",
    "SearchParameters",
    "ServiceTier",
    "ToolMode",
    "assistant",
    "completions_request",
    "cost_usd_from_usage",
    "developer",
    "file",
    "image",
    "required_tool",
    "service_tier_from_proto",
    "service_tier_to_proto",
    "system",
    "text",
    "tool",
    "tool_from_function",
    "tool_result",
    "user",
]

__getattr__ = lazy_names(
    __name__,
    {
        "chat_pb2_grpc": "xai_sdk.proto",
        "SearchParameters": "xai_sdk.search",
        "tool_from_function": "xai_sdk.chat._functions",  # signature introspection: for its users only
    },
)
