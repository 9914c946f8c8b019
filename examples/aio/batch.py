"""Batches with the asyncio client: add requests, follow them, read results, cancel a batch.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`, which processes a batch
when it is read).

Install: pip install "xai-sdk[chat,batch]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient
from xai_sdk.chat import user

MODEL = "grok-4"


async def main() -> None:
    """Run a batch of questions to the end, then start another and cancel it."""
    async with AsyncClient() as client:
        batch = await client.batch.create("squares")
        chats = []
        for number in range(1, 26):
            chat = client.chat.create(MODEL, batch_request_id=f"square-{number}")
            chat.append(user(f"What is {number} squared?"))
            chats.append(chat)
        await client.batch.add(batch.batch_id, chats)

        interval = 0.2
        while (await client.batch.get(batch.batch_id)).state.num_pending:
            await asyncio.sleep(interval)
            interval = min(interval * 2, 60.0)

        succeeded = 0
        async for result in client.batch.iter_results(batch.batch_id, page_size=10):
            succeeded += result.is_success
        print(f"{batch.batch_id}: {succeeded} answers")
        print(f"the last one, {result.batch_request_id}: {result.response.content}")

        async for metadata in client.batch.iter_batch_requests(batch.batch_id, page_size=10):
            if metadata.batch_request_id == "square-1":
                print(f"square-1 went to {metadata.endpoint} ({metadata.model})")

        other = await client.batch.create("changed my mind")
        await client.batch.add(other.batch_id, chats[:3])
        cancelled = await client.batch.cancel(other.batch_id)
        state = cancelled.state
        print(f"{other.batch_id}: {state.num_cancelled} cancelled, {state.num_success} already done")

        page = await client.batch.list(limit=10)
        print("batches:", ", ".join(f"{b.name} ({b.state.num_requests})" for b in page.batches))


if __name__ == "__main__":
    asyncio.run(main())
