"""Server-side tools with the asyncio client: follow the model's searches as they stream.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`, which accepts the tools
but runs none of them).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient
from xai_sdk.chat import user
from xai_sdk.tools import code_execution, get_tool_call_type, web_search, x_search


async def research(client: AsyncClient, question: str) -> str:
    """One agentic request: the model may search and compute before it answers."""
    chat = client.chat.create(
        "grok-4",
        messages=[user(question)],
        tools=[web_search(), x_search(), code_execution()],
        max_turns=5,
    )
    final = None
    async for response, chunk in chat.stream():
        final = response
        for call in chunk.tool_calls:
            print(f"  [{get_tool_call_type(call)}] {call.function.name}")
    if final is None:
        return f"{question} -> (no answer)"
    sources = len(final.citations)
    return f"{question} -> {final.content} ({sources} sources, tools: {final.server_side_tool_usage})"


async def main() -> None:
    """Two research questions at once."""
    questions = ["What is the latest Grok model?", "How many people follow @xai on X?"]
    async with AsyncClient() as client:
        for answer in await asyncio.gather(*(research(client, question) for question in questions)):
            print(answer)


if __name__ == "__main__":
    asyncio.run(main())
