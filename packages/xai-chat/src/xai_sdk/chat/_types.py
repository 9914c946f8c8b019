"""Type aliases of the chat API and the maps from their literals to proto enums."""

from __future__ import annotations

from typing import Literal, TypeAlias, TypedDict

from xai_sdk.proto import chat_pb2

__all__ = [
    "AgentCount",
    "AgentCountMap",
    "Content",
    "Guideline",
    "GuidelineBehavior",
    "GuidelineBehaviorMap",
    "GuidelineCategory",
    "GuidelineCategoryMap",
    "ImageDetail",
    "IncludeOption",
    "IncludeOptionMap",
    "ReasoningEffort",
    "ReasoningEffortMap",
    "ResponseFormat",
    "ResponseFormatMap",
    "ToolMode",
    "ToolModeMap",
]

Content: TypeAlias = str | chat_pb2.Content
"""A part of a message: text, or a `chat_pb2.Content` built by `text`, `image` or `file`."""

ReasoningEffort: TypeAlias = Literal["none", "low", "medium", "high", "xhigh"]
ReasoningEffortMap: dict[ReasoningEffort, chat_pb2.ReasoningEffort] = {
    "none": chat_pb2.EFFORT_NONE,
    "low": chat_pb2.EFFORT_LOW,
    "medium": chat_pb2.EFFORT_MEDIUM,
    "high": chat_pb2.EFFORT_HIGH,
    "xhigh": chat_pb2.EFFORT_XHIGH,
}

ImageDetail: TypeAlias = Literal["auto", "low", "high"]

ToolMode: TypeAlias = Literal["auto", "none", "required"]
ToolModeMap: dict[ToolMode, chat_pb2.ToolMode] = {
    "auto": chat_pb2.TOOL_MODE_AUTO,
    "none": chat_pb2.TOOL_MODE_NONE,
    "required": chat_pb2.TOOL_MODE_REQUIRED,
}

ResponseFormat: TypeAlias = Literal["text", "json_object"]
ResponseFormatMap: dict[str, chat_pb2.FormatType] = {
    "text": chat_pb2.FORMAT_TYPE_TEXT,
    "json_object": chat_pb2.FORMAT_TYPE_JSON_OBJECT,
    "json_schema": chat_pb2.FORMAT_TYPE_JSON_SCHEMA,
}

IncludeOption: TypeAlias = Literal[
    "web_search_call_output",
    "x_search_call_output",
    "code_execution_call_output",
    "collections_search_call_output",
    "attachment_search_call_output",
    "mcp_call_output",
    "inline_citations",
    "verbose_streaming",
]
IncludeOptionMap: dict[IncludeOption, chat_pb2.IncludeOption] = {
    "web_search_call_output": chat_pb2.INCLUDE_OPTION_WEB_SEARCH_CALL_OUTPUT,
    "x_search_call_output": chat_pb2.INCLUDE_OPTION_X_SEARCH_CALL_OUTPUT,
    "code_execution_call_output": chat_pb2.INCLUDE_OPTION_CODE_EXECUTION_CALL_OUTPUT,
    "collections_search_call_output": chat_pb2.INCLUDE_OPTION_COLLECTIONS_SEARCH_CALL_OUTPUT,
    "attachment_search_call_output": chat_pb2.INCLUDE_OPTION_ATTACHMENT_SEARCH_CALL_OUTPUT,
    "mcp_call_output": chat_pb2.INCLUDE_OPTION_MCP_CALL_OUTPUT,
    "inline_citations": chat_pb2.INCLUDE_OPTION_INLINE_CITATIONS,
    "verbose_streaming": chat_pb2.INCLUDE_OPTION_VERBOSE_STREAMING,
}

AgentCount: TypeAlias = Literal[4, 16]
AgentCountMap: dict[AgentCount, chat_pb2.AgentCount] = {
    4: chat_pb2.AGENT_COUNT_4,
    16: chat_pb2.AGENT_COUNT_16,
}

GuidelineCategory: TypeAlias = Literal["nsfw", "violence", "profanity"]
GuidelineBehavior: TypeAlias = Literal["decline"]
GuidelineCategoryMap: dict[GuidelineCategory, chat_pb2.GuidelineCategory] = {
    "nsfw": chat_pb2.GUIDELINE_CATEGORY_NSFW,
    "violence": chat_pb2.GUIDELINE_CATEGORY_VIOLENCE,
    "profanity": chat_pb2.GUIDELINE_CATEGORY_PROFANITY,
}
GuidelineBehaviorMap: dict[GuidelineBehavior, chat_pb2.GuidelineBehavior] = {
    "decline": chat_pb2.GUIDELINE_BEHAVIOR_DECLINE,
}


class Guideline(TypedDict):
    """A policy the model follows: ``{"type": "policy", "category": "nsfw", "behavior": "decline"}``."""

    type: Literal["policy"]
    category: GuidelineCategory
    behavior: GuidelineBehavior
