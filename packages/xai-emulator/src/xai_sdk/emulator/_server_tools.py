"""Server-side tools, in miniature: what the real API's agentic tool calling produces around an answer.

When a request carries server-side tools (``web_search``, ``x_search``, ``code_execution``,
``collections_search``, ``mcp``, ``attachment_search``, ``image_generation``) or attaches files
(which turns on the attachment search, as the real API does), and the conversation ends with a
user's question, each tool is called once with that question before the model answers:

* the answer starts with an assistant output holding the server-side calls (their type, status
  and, for a failed one, its error), then one tool output per call whose output the request's
  ``include`` asks for (an image generation's result always comes), then the model's answer;
* web and X search results are pages the emulator serves offline on its HTTP side; they are the
  response's citations and, with ``include=["inline_citations"]``, ``[[n]](url)`` links in the text;
* the collections search really searches the emulator's collections, and the attachment search
  the attached files;
* the usage counts each successful call (``server_side_tools_used``), the sources found
  (``num_sources_used``) and their cost.

Everything is deterministic: the default results are derived from the question, and a test (or
``xai-emulator --server-tools``) replaces them per tool with `xai_sdk.emulator.chat.ServerTool`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from xai_sdk.emulator import _media
from xai_sdk.emulator._chat_answers import Output, ToolRuns
from xai_sdk.emulator._conversation import echo_text, is_compacted
from xai_sdk.emulator._search import rank
from xai_sdk.emulator.chat import SearchResult, ServerTool
from xai_sdk.emulator.services import documents
from xai_sdk.proto import chat_pb2, models_pb2, sample_pb2, usage_pb2

__all__ = ["run", "uses_server_tools"]

_KIND = {
    "web_search": (chat_pb2.TOOL_CALL_TYPE_WEB_SEARCH_TOOL, usage_pb2.SERVER_SIDE_TOOL_WEB_SEARCH),
    "x_search": (chat_pb2.TOOL_CALL_TYPE_X_SEARCH_TOOL, usage_pb2.SERVER_SIDE_TOOL_X_SEARCH),
    "code_execution": (
        chat_pb2.TOOL_CALL_TYPE_CODE_EXECUTION_TOOL,
        usage_pb2.SERVER_SIDE_TOOL_CODE_EXECUTION,
    ),
    "collections_search": (
        chat_pb2.TOOL_CALL_TYPE_COLLECTIONS_SEARCH_TOOL,
        usage_pb2.SERVER_SIDE_TOOL_COLLECTIONS_SEARCH,
    ),
    "mcp": (chat_pb2.TOOL_CALL_TYPE_MCP_TOOL, usage_pb2.SERVER_SIDE_TOOL_MCP),
    "attachment_search": (
        chat_pb2.TOOL_CALL_TYPE_ATTACHMENT_SEARCH_TOOL,
        usage_pb2.SERVER_SIDE_TOOL_ATTACHMENT_SEARCH,
    ),
    "image_generation": (
        chat_pb2.TOOL_CALL_TYPE_IMAGE_GENERATION_TOOL,
        usage_pb2.SERVER_SIDE_TOOL_IMAGE_GENERATION,
    ),
}
"""Per tool: its tool call type and its usage category."""

_INCLUDED_BY = {
    "web_search": chat_pb2.INCLUDE_OPTION_WEB_SEARCH_CALL_OUTPUT,
    "x_search": chat_pb2.INCLUDE_OPTION_X_SEARCH_CALL_OUTPUT,
    "code_execution": chat_pb2.INCLUDE_OPTION_CODE_EXECUTION_CALL_OUTPUT,
    "collections_search": chat_pb2.INCLUDE_OPTION_COLLECTIONS_SEARCH_CALL_OUTPUT,
    "attachment_search": chat_pb2.INCLUDE_OPTION_ATTACHMENT_SEARCH_CALL_OUTPUT,
    "mcp": chat_pb2.INCLUDE_OPTION_MCP_CALL_OUTPUT,
}
"""The ``include`` option that returns each tool's output (an image generation's always comes)."""

DEFAULT_RESULTS = 2
"""Search results a web or X search finds by default."""


@dataclass
class _Call:
    """One server-side call: what it was asked, and what came of it."""

    name: str
    function: str
    arguments: dict[str, Any]
    output: str = ""
    error: str | None = None
    citations: list[chat_pb2.InlineCitation] = field(default_factory=list)
    """One per source found, its ``id`` not set yet."""


def _server_side(request: chat_pb2.GetCompletionsRequest) -> list[chat_pb2.Tool]:
    return [tool for tool in request.tools if tool.WhichOneof("tool") not in (None, "function")]


def _attachments(conversation: Sequence[chat_pb2.Message]) -> list[chat_pb2.FileContent]:
    return [
        content.file
        for message in conversation
        for content in message.content
        if content.WhichOneof("content") == "file"
    ]


def uses_server_tools(
    request: chat_pb2.GetCompletionsRequest, conversation: Sequence[chat_pb2.Message]
) -> bool:
    """Whether the request has server-side tools, or files attached (which bring the attachment search)."""
    return bool(_server_side(request) or _attachments(conversation))


def _asks_a_question(
    request: chat_pb2.GetCompletionsRequest, conversation: Sequence[chat_pb2.Message]
) -> bool:
    """Tools run for a new question: the conversation ends with the user, and tools are not turned off."""
    choice = request.tool_choice
    if choice.WhichOneof("tool_choice") == "mode" and choice.mode == chat_pb2.TOOL_MODE_NONE:
        return False
    return bool(conversation) and (
        conversation[-1].role == chat_pb2.ROLE_USER or is_compacted(conversation[-1])
    )


def run(
    request: chat_pb2.GetCompletionsRequest,
    conversation: Sequence[chat_pb2.Message],
    model: models_pb2.LanguageModel,
    emulator: Any,
    scripted: Mapping[str, ServerTool],
    new_call_id: Callable[[], str],
) -> ToolRuns:
    """Call the request's server-side tools with its question; what they did (nothing if none ran)."""
    tools = _server_side(request)
    attachments = _attachments(conversation)
    if not (tools or attachments) or not _asks_a_question(request, conversation):
        return ToolRuns()
    question = echo_text(conversation)
    calls = [_run_tool(tool, question, emulator, scripted, attachments) for tool in tools]
    if attachments and not any(tool.WhichOneof("tool") == "attachment_search" for tool in tools):
        calls.append(
            _attachment_search(question, attachments, None, emulator, scripted.get("attachment_search"))
        )
    return _assembled(request, calls, model, new_call_id)


def _run_tool(
    tool: chat_pb2.Tool,
    question: str,
    emulator: Any,
    scripted: Mapping[str, ServerTool],
    attachments: Sequence[chat_pb2.FileContent],
) -> _Call:
    kind = str(tool.WhichOneof("tool"))
    script = scripted.get(kind)
    runners: dict[str, Callable[[], _Call]] = {
        "web_search": lambda: _web_search(tool.web_search, question, emulator, script),
        "x_search": lambda: _x_search(tool.x_search, question, emulator, script),
        "code_execution": lambda: _code_execution(question, script),
        "collections_search": lambda: _collections_search(
            tool.collections_search, question, emulator, script
        ),
        "mcp": lambda: _mcp(tool.mcp, question, script),
        "attachment_search": lambda: _attachment_search(
            question, attachments, tool.attachment_search, emulator, script
        ),
        "image_generation": lambda: _image_generation(tool.image_generation, question, script),
    }
    return runners[kind]()


def _failed(call: _Call, script: ServerTool | None) -> bool:
    if script is not None and script.error is not None:
        call.error = script.error
        return True
    return False


# -- the tools ----------------------------------------------------------------------------------


def _page(emulator: Any, result: SearchResult, name: str) -> str:
    if result.url is not None:
        return result.url
    document = (
        f"<!doctype html><html><head><title>{html.escape(result.title)}</title></head>"
        f"<body><h1>{html.escape(result.title)}</h1><p>{html.escape(result.text)}</p></body></html>"
    )
    return str(emulator.content.publish_page(document.encode(), "text/html; charset=utf-8", name))


def _web_search(
    settings: chat_pb2.WebSearch, question: str, emulator: Any, script: ServerTool | None
) -> _Call:
    arguments: dict[str, Any] = {"query": question}
    if settings.allowed_domains:
        arguments["allowed_domains"] = list(settings.allowed_domains)
    if settings.excluded_domains:
        arguments["excluded_domains"] = list(settings.excluded_domains)
    call = _Call("web_search", "web_search", arguments)
    if _failed(call, script):
        return call
    results = (
        list(script.results)
        if script is not None and script.results is not None
        else [
            SearchResult(f"{question} ({number})", f"What the web says about {question}: page {number}.")
            for number in range(1, DEFAULT_RESULTS + 1)
        ]
    )
    found = []
    for number, result in enumerate(results, start=1):
        url = _page(emulator, result, f"web-{_slug(question)}-{number}.html")
        found.append({"title": result.title, "url": url, "snippet": result.text})
        call.citations.append(chat_pb2.InlineCitation(web_citation=chat_pb2.WebCitation(url=url)))
    call.output = json.dumps({"results": found})
    return call


def _x_search(settings: chat_pb2.XSearch, question: str, emulator: Any, script: ServerTool | None) -> _Call:
    arguments: dict[str, Any] = {"query": question}
    for name in ("allowed_x_handles", "excluded_x_handles"):
        if getattr(settings, name):
            arguments[name] = list(getattr(settings, name))
    for name in ("from_date", "to_date"):
        if settings.HasField(name):
            arguments[name] = getattr(settings, name).ToDatetime().date().isoformat()
    call = _Call("x_search", "x_keyword_search", arguments)
    if _failed(call, script):
        return call
    handle = settings.allowed_x_handles[0] if settings.allowed_x_handles else "emulator"
    if handle in settings.excluded_x_handles:
        handle = "emulator_posts"
    results = (
        list(script.results)
        if script is not None and script.results is not None
        else [
            SearchResult(text=f"Post {number} about {question}.") for number in range(1, DEFAULT_RESULTS + 1)
        ]
    )
    posts = []
    for number, result in enumerate(results, start=1):
        author = result.author or handle
        post = SearchResult(result.title or f"@{author}", result.text, result.url, author)
        url = _page(emulator, post, f"x-{author}-status-{_digits(question, number)}.html")
        posts.append({"author": author, "url": url, "text": result.text})
        call.citations.append(chat_pb2.InlineCitation(x_citation=chat_pb2.XCitation(url=url)))
    call.output = json.dumps({"posts": posts})
    return call


def _code_execution(question: str, script: ServerTool | None) -> _Call:
    call = _Call("code_execution", "code_execution", {"code": f"print({question!r})"})
    if _failed(call, script):
        return call
    stdout = script.output if script is not None and script.output is not None else question + "\n"
    call.output = json.dumps({"stdout": stdout, "stderr": "", "exit_code": 0})
    return call


def _collections_search(
    settings: chat_pb2.CollectionsSearch, question: str, emulator: Any, script: ServerTool | None
) -> _Call:
    call = _Call(
        "collections_search",
        "collections_search",
        {"query": question, "collection_ids": list(settings.collection_ids)},
    )
    if _failed(call, script):
        return call
    if script is not None and script.output is not None:
        call.output = script.output
        return call
    mode, text_weight, embedding_weight = documents.retrieval(settings)
    limit = (
        settings.limit
        if settings.HasField("limit") and settings.limit > 0
        else documents.DEFAULT_SEARCH_LIMIT
    )
    library = emulator.service("xai_api.Files").library
    try:
        matches = documents.search(
            library, question, settings.collection_ids, limit, mode, (text_weight, embedding_weight)
        )
    except Exception as error:  # an unknown collection: the call fails, the answer goes on
        call.error = getattr(error, "details", str(error))
        return call
    for match in matches:
        call.citations.append(
            chat_pb2.InlineCitation(
                collections_citation=chat_pb2.CollectionsCitation(
                    file_id=match.file_id,
                    chunk_id=match.chunk_id,
                    chunk_content=match.chunk_content,
                    score=match.score,
                    collection_ids=match.collection_ids,
                )
            )
        )
    call.output = json.dumps(
        {
            "matches": [
                {"file_id": m.file_id, "chunk_id": m.chunk_id, "content": m.chunk_content, "score": m.score}
                for m in matches
            ]
        }
    )
    return call


def _mcp(settings: chat_pb2.MCP, question: str, script: ServerTool | None) -> _Call:
    label = settings.server_label or "mcp"
    tool = settings.allowed_tool_names[0] if settings.allowed_tool_names else "search"
    call = _Call("mcp", f"{label}.{tool}", {"query": question})
    if _failed(call, script):
        return call
    default = (
        f"{label} ({settings.server_url or 'no URL'}) answered {tool}({question!r}); not contacted offline."
    )
    call.output = script.output if script is not None and script.output is not None else default
    return call


def _attachment_search(
    question: str,
    attachments: Sequence[chat_pb2.FileContent],
    settings: chat_pb2.AttachmentSearch | None,
    emulator: Any,
    script: ServerTool | None,
) -> _Call:
    call = _Call("attachment_search", "attachment_search", {"query": question})
    if _failed(call, script):
        return call
    if script is not None and script.output is not None:
        call.output = script.output
        return call
    readable, problems = _read_attachments(attachments, emulator)
    if attachments and not readable:
        call.error = "; ".join(problems)
        return call
    limit = settings.limit if settings is not None and settings.limit > 0 else 3
    passages = [(name, part) for name, text in readable for part in _passages(text)]
    ranked = rank(question, (part for _, part in passages), "hybrid")[:limit]
    call.output = json.dumps(
        {
            "results": [
                {
                    "file": passages[item.position][0],
                    "content": passages[item.position][1],
                    "score": item.score,
                }
                for item in ranked
            ],
            "unreadable": problems,
        }
    )
    return call


def _read_attachments(
    attachments: Sequence[chat_pb2.FileContent], emulator: Any
) -> tuple[list[tuple[str, str]], list[str]]:
    """The text of each attachment the emulator can read: uploaded files and inline data (not URLs)."""
    readable, problems = [], []
    files = emulator.service("xai_api.Files")
    for attachment in attachments:
        if attachment.file_id:
            try:
                stored = files.file(attachment.file_id)
            except KeyError:
                problems.append(f"No file with id {attachment.file_id!r}.")
                continue
            readable.append((stored.filename, files.data(attachment.file_id).decode("utf-8", "replace")))
        elif attachment.data:
            readable.append((attachment.filename or "attachment", attachment.data.decode("utf-8", "replace")))
        else:
            problems.append(f"{attachment.url or 'an attachment'} is not fetched by the emulator (offline).")
    return readable, problems


def _passages(text: str, size: int = 400) -> list[str]:
    return [text[start : start + size] for start in range(0, len(text), size)] or [""]


def _image_generation(settings: chat_pb2.ImageGeneration, question: str, script: ServerTool | None) -> _Call:
    editing = settings.action == "edit"
    function = "imagine_image_to_image" if editing else "imagine_text_to_image"
    call = _Call("image_generation", function, {"prompt": question})
    if _failed(call, script):
        return call
    seed = _media.seed_of("image_generation_tool", question, settings.action)
    data = _media.picture(seed, 32, 32)
    call.output = json.dumps(
        {
            "__type": "image_generation_result",
            "result": "data:image/jpeg;base64," + base64.b64encode(data).decode(),
            "image_uuid": "img-" + seed.hex()[:12],
        }
    )
    return call


# -- the outputs --------------------------------------------------------------------------------


def _assembled(
    request: chat_pb2.GetCompletionsRequest,
    calls: list[_Call],
    model: models_pb2.LanguageModel,
    new_call_id: Callable[[], str],
) -> ToolRuns:
    tool_calls = []
    for call in calls:
        call_type, _ = _KIND[call.name]
        tool_calls.append(
            chat_pb2.ToolCall(
                id=new_call_id(),
                type=call_type,
                status=chat_pb2.TOOL_CALL_STATUS_FAILED
                if call.error
                else chat_pb2.TOOL_CALL_STATUS_COMPLETED,
                error_message=call.error or "",
                function=chat_pb2.FunctionCall(name=call.function, arguments=json.dumps(call.arguments)),
            )
        )
    outputs = [
        Output(
            index=0,
            content="",
            reasoning_content="",
            tool_calls=tuple(tool_calls),
            finish_reason=sample_pb2.REASON_TOOL_CALLS,
        )
    ]
    for call, tool_call in zip(calls, tool_calls, strict=True):
        included = call.name == "image_generation" or _INCLUDED_BY.get(call.name) in request.include
        if included and not call.error:
            outputs.append(
                Output(
                    index=len(outputs),
                    content=call.output,
                    reasoning_content="",
                    tool_calls=(tool_call,),
                    finish_reason=sample_pb2.REASON_STOP,
                    role=chat_pb2.ROLE_TOOL,
                )
            )
    citations, urls = _numbered([citation for call in calls for citation in call.citations])
    succeeded = [call for call in calls if not call.error]
    return ToolRuns(
        outputs=tuple(outputs),
        citations=tuple(urls),
        inline_citations=tuple(citations),
        server_side_tools=tuple(_KIND[call.name][1] for call in succeeded),
        sources=len(citations),
        cost=len(succeeded) * model.search_price,
        announce=chat_pb2.INCLUDE_OPTION_VERBOSE_STREAMING in request.include,
    )


def _numbered(
    found: Sequence[chat_pb2.InlineCitation],
) -> tuple[list[chat_pb2.InlineCitation], list[str]]:
    """One citation per distinct source, numbered from 1, and the sources' URLs."""
    citations: list[chat_pb2.InlineCitation] = []
    urls: list[str] = []
    for citation in found:
        kind = citation.WhichOneof("citation")
        if kind == "collections_citation":
            source = citation.collections_citation
            url = f"collections://{','.join(source.collection_ids)}/files/{source.file_id}#{source.chunk_id}"
        else:
            url = getattr(citation, str(kind)).url
        if url in urls:
            continue
        urls.append(url)
        numbered = chat_pb2.InlineCitation()
        numbered.CopyFrom(citation)
        numbered.id = str(len(urls))
        citations.append(numbered)
    return citations, urls


def _slug(text: str) -> str:
    slug = "".join(character if character.isalnum() else "-" for character in text.lower()).strip("-")
    return "-".join(part for part in slug.split("-") if part)[:40] or "query"


def _digits(text: str, number: int) -> str:
    return str(int(hashlib.sha256(f"{text}\x1f{number}".encode()).hexdigest()[:12], 16))
