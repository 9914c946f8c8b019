"""Server-side tools: the model searches the web and X, and runs code, within one request.

The tools run on xAI's servers; the stream shows each tool call as the model makes it, and the
response lists the sources it cited. Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at
`xai-emulator`, which accepts the tools but runs none of them).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

from datetime import datetime, timedelta, timezone

from xai_sdk import Client
from xai_sdk.chat import user
from xai_sdk.tools import code_execution, get_tool_call_type, image_generation, web_search, x_search


def main() -> None:
    """A research question with three tools, then an image made by the image tool."""
    week_ago = datetime.now(timezone.utc) - timedelta(days=7)
    with Client() as client:
        chat = client.chat.create(
            "grok-4",
            messages=[user("What did people say about xAI this week? Plot the mentions per day.")],
            tools=[
                web_search(allowed_domains=["x.ai", "github.com"]),
                x_search(from_date=week_ago, allowed_x_handles=["xai"]),
                code_execution(),
            ],
            include=["inline_citations"],
        )
        final = None
        for response, chunk in chat.stream():
            final = response
            for call in chunk.tool_calls:
                print(f"\n[{get_tool_call_type(call)}] {call.function.name}({call.function.arguments})")
            print(chunk.content, end="", flush=True)
        print()
        if final is not None:
            print("citations:", ", ".join(final.citations) or "none")
            print("tool usage:", final.server_side_tool_usage or "none")

        painter = client.chat.create(
            "grok-4", messages=[user("Draw a corgi surfing a wave.")], tools=[image_generation()]
        )
        drawn = painter.sample()
        print(drawn.content)
        for output in drawn.image_outputs:
            print(f"generated {output.mime_type} image of {len(output.image)} bytes")
        if not drawn.image_outputs:
            print("no image in this answer")


if __name__ == "__main__":
    main()
