"""Server-side tools run in miniature: calls with their status, tool outputs when ``include`` asks,
citations served offline, inline citations, tool usage and sources; file attachments bring the
attachment search; everything deterministic and scriptable. Sync and async clients."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.conftest import outcome
from xai_sdk import AsyncClient
from xai_sdk.chat import file, user
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.chat import SearchResult, ServerTool
from xai_sdk.proto import chat_pb2
from xai_sdk.tools import code_execution, collections_search, image_generation, mcp, web_search, x_search

MODEL = "grok-4-fast-reasoning"


async def sample(client: Any, question: str = "Who won?", **settings: Any) -> Any:
    return await outcome(client.chat.create(MODEL, messages=[user(question)], **settings).sample())


async def stream(client: Any, question: str = "Who won?", **settings: Any) -> list[tuple[Any, Any]]:
    items = client.chat.create(MODEL, messages=[user(question)], **settings).stream()
    if isinstance(client, AsyncClient):
        return [item async for item in items]
    return list(items)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as reply:
        return str(reply.read().decode())


async def test_a_web_search_is_called_cited_and_counted(client: Any) -> None:
    response = await sample(client, tools=[web_search()])
    (call,) = response.tool_calls
    assert call.type == chat_pb2.TOOL_CALL_TYPE_WEB_SEARCH_TOOL
    assert call.status == chat_pb2.TOOL_CALL_STATUS_COMPLETED
    assert (call.function.name, json.loads(call.function.arguments)) == ("web_search", {"query": "Who won?"})
    assert response.content == "Who won?"  # the answer after the tool ran
    assert len(response.citations) == 2 and "Who won?" in fetch(response.citations[0])
    assert response.server_side_tool_usage == {"SERVER_SIDE_TOOL_WEB_SEARCH": 1}
    assert response.usage.num_sources_used == 2
    assert response.tool_outputs == [] and response.inline_citations == []


async def test_tool_outputs_come_when_include_asks(client: Any) -> None:
    response = await sample(
        client, tools=[web_search(), code_execution()], include=["code_execution_call_output"]
    )
    (output,) = response.tool_outputs
    assert output.message.role == chat_pb2.ROLE_TOOL
    assert output.message.tool_calls[0].function.name == "code_execution"
    assert json.loads(output.message.content) == {"stdout": "Who won?\n", "stderr": "", "exit_code": 0}


async def test_inline_citations_link_the_sources_in_the_text(client: Any) -> None:
    response = await sample(client, tools=[web_search(), x_search()], include=["inline_citations"])
    citations = response.inline_citations
    assert [citation.id for citation in citations] == ["1", "2", "3", "4"]
    for citation in citations:
        link = response.content[citation.start_index : citation.end_index]
        url = citation.web_citation.url or citation.x_citation.url
        assert link == f"[[{citation.id}]]({url})"
    assert response.content.startswith("Who won? [[1]](")
    assert [c.WhichOneof("citation") for c in citations] == ["web_citation"] * 2 + ["x_citation"] * 2


async def test_a_collections_search_searches_the_emulators_collections(
    client: Any, xai_emulator: Emulator
) -> None:
    collection = await outcome(client.collections.create("notes"))
    await outcome(
        client.collections.upload_document(
            collection.collection_id, "a.txt", b"The translators worked at night."
        )
    )
    response = await sample(
        client,
        "who translated it?",
        tools=[collections_search([collection.collection_id], retrieval_mode="semantic")],
        include=["inline_citations", "collections_search_call_output"],
    )
    (citation,) = response.inline_citations
    assert citation.collections_citation.chunk_content == "The translators worked at night."
    assert citation.collections_citation.collection_ids == [collection.collection_id]
    assert response.server_side_tool_usage == {"SERVER_SIDE_TOOL_COLLECTIONS_SEARCH": 1}
    (output,) = response.tool_outputs
    assert json.loads(output.message.content)["matches"][0]["content"] == "The translators worked at night."


async def test_a_search_of_an_unknown_collection_fails_its_call_not_the_answer(client: Any) -> None:
    response = await sample(client, tools=[collections_search(["collection-404"])])
    (call,) = response.tool_calls
    assert call.status == chat_pb2.TOOL_CALL_STATUS_FAILED and "collection-404" in call.error_message
    assert response.server_side_tool_usage == {} and response.content == "Who won?"


async def test_an_mcp_tool_is_called_by_its_label_offline(client: Any) -> None:
    response = await sample(
        client,
        tools=[mcp("https://mcp.example.com", server_label="docs", allowed_tool_names=["lookup"])],
        include=["mcp_call_output"],
    )
    assert response.tool_calls[0].function.name == "docs.lookup"
    assert "not contacted" in response.tool_outputs[0].message.content
    assert response.server_side_tool_usage == {"SERVER_SIDE_TOOL_MCP": 1}


async def test_an_image_generation_result_always_comes_as_a_jpeg(client: Any) -> None:
    response = await sample(client, "a red kite", tools=[image_generation()])
    (generated,) = response.image_outputs
    assert generated.mime_type == "image/jpeg" and generated.image.startswith(b"\xff\xd8")
    assert generated.tool_call.function.name == "imagine_text_to_image"


async def test_attached_files_bring_the_attachment_search(client: Any) -> None:
    uploaded = await outcome(client.files.upload(b"Revenue was 5.2 million.", filename="report.txt"))
    chat = client.chat.create(
        MODEL,
        messages=[user("What was the revenue?", file(uploaded.id))],
        include=["attachment_search_call_output"],
    )
    response = await outcome(chat.sample())
    assert response.content == "What was the revenue? <file>"
    assert response.server_side_tool_usage == {"SERVER_SIDE_TOOL_ATTACHMENT_SEARCH": 1}
    results = json.loads(response.tool_outputs[0].message.content)["results"]
    assert results[0]["file"] == "report.txt" and "5.2 million" in results[0]["content"]


async def test_scripted_results_replace_the_defaults(client: Any, xai_emulator: Emulator) -> None:
    xai_emulator.chat.server_tool(
        "web_search", results=[SearchResult("Final", "3-1", url="https://e.com/final")]
    )
    xai_emulator.chat.server_tool("x_search", error="X search is down")
    response = await sample(client, tools=[web_search(), x_search()])
    assert response.citations == ["https://e.com/final"]
    web, x = response.tool_calls
    assert (web.status, x.status, x.error_message) == (
        chat_pb2.TOOL_CALL_STATUS_COMPLETED,
        chat_pb2.TOOL_CALL_STATUS_FAILED,
        "X search is down",
    )
    assert response.server_side_tool_usage == {"SERVER_SIDE_TOOL_WEB_SEARCH": 1}


async def test_the_same_request_gets_the_same_tool_results(client: Any) -> None:
    first = await sample(client, tools=[web_search(), x_search()], include=["inline_citations"])
    second = await sample(client, tools=[web_search(), x_search()], include=["inline_citations"])
    assert first.citations == second.citations and first.content == second.content


async def test_tools_run_for_a_question_not_after_tool_results(client: Any) -> None:
    chat = client.chat.create(MODEL, messages=[user("Who won?")], tools=[web_search()], tool_choice="none")
    response = await outcome(chat.sample())
    assert response.tool_calls == [] and response.citations == []


async def test_a_stream_shows_the_calls_then_the_answer(client: Any) -> None:
    items = await stream(client, tools=[web_search()], include=["verbose_streaming"])
    statuses = [call.status for _, chunk in items for call in chunk.tool_calls]
    assert statuses == [chat_pb2.TOOL_CALL_STATUS_IN_PROGRESS, chat_pb2.TOOL_CALL_STATUS_COMPLETED]
    first_content = next(position for position, (_, chunk) in enumerate(items) if chunk.content)
    first_call = next(position for position, (_, chunk) in enumerate(items) if chunk.tool_calls)
    assert first_call < first_content
    response = items[-1][0]
    assert response.content == "Who won?" and len(response.citations) == 2
    assert items[0][1].proto.usage.server_side_tools_used  # counted as soon as the tools ran


async def test_without_verbose_streaming_a_call_is_streamed_once_completed(client: Any) -> None:
    items = await stream(client, tools=[code_execution()])
    statuses = [call.status for _, chunk in items for call in chunk.tool_calls]
    assert statuses == [chat_pb2.TOOL_CALL_STATUS_COMPLETED]


def test_server_tools_are_checked_by_name_and_content(xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="unknown server-side tool 'teleport'"):
        xai_emulator.chat.server_tool("teleport", output="x")
    with pytest.raises(ValueError, match="unknown keys"):
        ServerTool.from_json({"output": "x", "extra": 1})
    with pytest.raises(TypeError, match="results must hold SearchResult"):
        ServerTool(results=["a page"])  # type: ignore[list-item]
    xai_emulator.chat.server_tools_from({"mcp": {"output": "scripted"}})
    xai_emulator.reset()
    xai_emulator.chat.server_tools_from({})  # reset forgot them; an empty file sets nothing


async def test_live_search_is_refused_as_the_api_retired_it(client: Any) -> None:
    from xai_sdk import errors
    from xai_sdk.search import SearchParameters

    with pytest.raises(errors.UnimplementedError, match="Live search is deprecated"):
        await sample(client, search_parameters=SearchParameters(mode="on"))
    response = await sample(client, search_parameters=SearchParameters(mode="off"))
    assert response.content == "Who won?"
