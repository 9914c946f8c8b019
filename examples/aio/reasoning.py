"""A reasoning model with the asyncio client: stream its thinking, then its answer.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient
from xai_sdk.chat import user


async def main() -> None:
    """Show the reasoning as it streams, then the answer and the reasoning tokens it took."""
    async with AsyncClient() as client:
        chat = client.chat.create(
            "grok-3-mini", reasoning_effort="high", messages=[user("Is 1001 a prime number?")]
        )
        thinking, answering = False, False
        final = None
        async for response, chunk in chat.stream():
            final = response
            if chunk.reasoning_content:
                if not thinking:
                    print("thinking: ", end="")
                    thinking = True
                print(chunk.reasoning_content, end="", flush=True)
            if chunk.content:
                if not answering:
                    print("\nanswer: ", end="")
                    answering = True
                print(chunk.content, end="", flush=True)
        print()
        if final is not None:
            print(f"reasoning tokens: {final.usage.reasoning_tokens}")


if __name__ == "__main__":
    asyncio.run(main())
