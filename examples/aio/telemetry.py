"""Trace the asyncio client's calls with OpenTelemetry, printed to the console.

Concurrent calls become sibling spans. Point `setup_otlp_exporter()` at a
collector instead to send the spans there.

Install: pip install "xai-sdk[chat,telemetry]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient
from xai_sdk.chat import user
from xai_sdk.telemetry import Telemetry


async def main() -> None:
    """Two chat calls at once, each printed as a span."""
    telemetry = Telemetry()
    telemetry.setup_console_exporter()
    async with AsyncClient() as client:
        chats = [
            client.chat.create("grok-4", conversation_id="telemetry-demo", messages=[user(question)])
            for question in ("Say hi.", "Say bye.")
        ]
        for response in await asyncio.gather(*(chat.sample() for chat in chats)):
            print(response.content)
    telemetry.provider.shutdown()


if __name__ == "__main__":
    asyncio.run(main())
