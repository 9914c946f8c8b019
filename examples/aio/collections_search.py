"""Collections with the asyncio client: index documents concurrently, search, let the model search.

Reads XAI_API_KEY and XAI_MANAGEMENT_KEY (collections are managed on the management API), and
XAI_API_HOST / XAI_MANAGEMENT_API_HOST, e.g. to point at `xai-emulator`.

Install: pip install "xai-sdk[chat,collections]==1.22.0"
"""

import asyncio
from datetime import timedelta

from xai_sdk import AsyncClient
from xai_sdk.chat import user
from xai_sdk.tools import collections_search

RECIPES = {
    "pancakes.md": b"Pancakes: flour, milk, eggs. Rest the batter for ten minutes.",
    "risotto.md": b"Risotto: arborio rice, stock, parmesan. Stir for eighteen minutes.",
    "salad.md": b"Salad: tomatoes, cucumber, olive oil, salt.",
}


async def main() -> None:
    """Create a collection, upload three recipes at once, search them two ways, clean up."""
    async with AsyncClient() as client:
        collection = await client.collections.create("recipes")
        documents = await asyncio.gather(
            *(
                client.collections.upload_document(
                    collection.collection_id,
                    name,
                    data,
                    wait_for_indexing=True,
                    poll_interval=timedelta(milliseconds=200),
                )
                for name, data in RECIPES.items()
            )
        )
        print(f"indexed {len(documents)} recipes into {collection.collection_id}")

        results = await client.collections.search(
            "how long to stir the rice", [collection.collection_id], limit=1
        )
        for match in results.matches:
            print(f"{match.score:.2f}  {match.chunk_content}")

        chat = client.chat.create(
            "grok-4",
            messages=[user("Which recipe needs eggs?")],
            tools=[collections_search([collection.collection_id])],
        )
        print("model:", (await chat.sample()).content)

        await client.collections.delete(collection.collection_id)
        await asyncio.gather(*(client.files.delete(d.file_metadata.file_id) for d in documents))
        print("deleted the collection and its files")


if __name__ == "__main__":
    asyncio.run(main())
