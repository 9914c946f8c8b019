"""Server-side tools: the model runs them itself during a request (``tools=[web_search()]``).

Each function returns a `chat_pb2.Tool` to pass in `client.chat.create(..., tools=[...])`,
alongside function tools made with `xai_sdk.chat.tool` or `tool_from_function`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Literal

from xai_sdk.chat._response import enum_name
from xai_sdk.proto import chat_pb2, documents_pb2
from xai_sdk.retrieval import DocumentRetrievalMode, RetrievalModeInput, retrieval_mode_fields
from xai_sdk.search import timestamp

__all__ = [
    "DocumentRetrievalMode",
    "chat_pb2",
    "documents_pb2",
    "code_execution",
    "collections_search",
    "get_tool_call_type",
    "image_generation",
    "mcp",
    "web_search",
    "x_search",
]


def web_search(
    excluded_domains: Sequence[str] | None = None,
    allowed_domains: Sequence[str] | None = None,
    *,
    enable_image_understanding: bool = False,
    enable_image_search: bool = False,
    user_location_country: str | None = None,
    user_location_city: str | None = None,
    user_location_region: str | None = None,
    user_location_timezone: str | None = None,
) -> chat_pb2.Tool:
    """Search the web and browse pages. The user location, if any field of it is given, localizes results."""
    location_fields = {
        "country": user_location_country,
        "city": user_location_city,
        "region": user_location_region,
        "timezone": user_location_timezone,
    }
    location = (
        chat_pb2.WebSearchUserLocation(**location_fields)
        if any(value is not None for value in location_fields.values())
        else None
    )
    return chat_pb2.Tool(
        web_search=chat_pb2.WebSearch(
            excluded_domains=excluded_domains,
            allowed_domains=allowed_domains,
            enable_image_understanding=enable_image_understanding,
            enable_image_search=enable_image_search,
            user_location=location,
        )
    )


def x_search(
    from_date: datetime.datetime | None = None,
    to_date: datetime.datetime | None = None,
    allowed_x_handles: Sequence[str] | None = None,
    excluded_x_handles: Sequence[str] | None = None,
    *,
    enable_image_understanding: bool = False,
    enable_video_understanding: bool = False,
) -> chat_pb2.Tool:
    """Search X posts, optionally within dates and from or excluding some handles."""
    return chat_pb2.Tool(
        x_search=chat_pb2.XSearch(
            from_date=timestamp(from_date),
            to_date=timestamp(to_date),
            allowed_x_handles=allowed_x_handles,
            excluded_x_handles=excluded_x_handles,
            enable_image_understanding=enable_image_understanding,
            enable_video_understanding=enable_video_understanding,
        )
    )


def code_execution() -> chat_pb2.Tool:
    """Run Python code in a sandbox."""
    return chat_pb2.Tool(code_execution=chat_pb2.CodeExecution())


def image_generation(action: Literal["auto", "generate", "edit"] | None = None) -> chat_pb2.Tool:
    """Generate or edit images; `action` forces one or the other (the model decides when None)."""
    if action is not None and action not in ("auto", "generate", "edit"):
        raise ValueError(f"Invalid image generation action {action!r}: must be 'auto', 'generate' or 'edit'")
    return chat_pb2.Tool(image_generation=chat_pb2.ImageGeneration(action=action))


def collections_search(
    collection_ids: Sequence[str],
    limit: int | None = None,
    *,
    instructions: str | None = None,
    retrieval_mode: RetrievalModeInput | None = None,
) -> chat_pb2.Tool:
    """Search your collections; `retrieval_mode` is ``"hybrid"``, ``"semantic"`` or ``"keyword"``."""
    if isinstance(collection_ids, str):
        raise TypeError("collection_ids must be a list of collection ids, not a single string")
    search = chat_pb2.CollectionsSearch(collection_ids=collection_ids, limit=limit, instructions=instructions)
    for field, message in (
        retrieval_mode_fields(retrieval_mode) if retrieval_mode is not None else {}
    ).items():
        getattr(search, field).CopyFrom(message)
    return chat_pb2.Tool(collections_search=search)


def mcp(
    server_url: str,
    server_label: str | None = None,
    server_description: str | None = None,
    allowed_tool_names: Sequence[str] | None = None,
    authorization: str | None = None,
    extra_headers: Mapping[str, str] | None = None,
) -> chat_pb2.Tool:
    """Use the tools of a remote MCP server."""
    return chat_pb2.Tool(
        mcp=chat_pb2.MCP(
            server_url=server_url,
            server_label=server_label,
            server_description=server_description,
            allowed_tool_names=allowed_tool_names,
            authorization=authorization,
            extra_headers=extra_headers,
        )
    )


def get_tool_call_type(tool_call: chat_pb2.ToolCall) -> str:
    """The kind of a tool call, e.g. ``"client_side_tool"``, ``"web_search_tool"``."""
    return enum_name(chat_pb2.ToolCallType, tool_call.type).removeprefix("TOOL_CALL_TYPE_").lower()
