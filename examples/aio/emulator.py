"""The emulator with the asyncio client: offline answers, scripted replies, injected faults.

`xai-emulator` serves a fake of xAI's API on localhost, in this process. No key or network is
needed; see examples/sync/emulator_in_tests.py for its use in a test suite.

Install: pip install "xai-sdk[chat,emulator]==1.22.0"
"""

import asyncio

import grpc

from xai_sdk.chat import user
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.chat import Reply
from xai_sdk.errors import RateLimitError


async def main() -> None:
    """Scripted and echoed answers, concurrent calls, a rate limit, and what the emulator saw."""
    with Emulator() as emulator:
        async with emulator.async_client() as client:
            emulator.chat.script(Reply("Scripted: the first answer", reasoning_content="Because I was told."))
            chats = [client.chat.create("grok-4", messages=[user(f"question {n}")]) for n in range(3)]
            for response in await asyncio.gather(*(chat.sample() for chat in chats)):
                print(response.content)  # one scripted answer, two echoes

            emulator.faults.fail("Chat/GetCompletion", grpc.StatusCode.RESOURCE_EXHAUSTED, retry_after=0.5)
            try:
                await chats[0].sample()
            except RateLimitError as error:
                print(f"rate limited; the server asks to retry after {error.retry_after}s")

            print(f"the emulator received {len(emulator.calls('Chat/GetCompletion'))} completion requests")


if __name__ == "__main__":
    asyncio.run(main())
