"""List the models your key can use and look one up, with the asyncio client.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[models,tokenizer]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient


async def main() -> None:
    """Fetch the three model lists concurrently, then one model's details."""
    async with AsyncClient() as client:
        language, embedding, image = await asyncio.gather(
            client.models.list_language_models(),
            client.models.list_embedding_models(),
            client.models.list_image_generation_models(),
        )
        print(f"{len(language)} language, {len(embedding)} embedding, {len(image)} image models")
        grok = await client.models.get_language_model("grok-4")
        print(f"{grok.name}: up to {grok.max_prompt_length:,} prompt tokens")
        tokens = await client.tokenize.tokenize_text("How many tokens is this?", model=grok.name)
        print(f"{len(tokens)} tokens")


if __name__ == "__main__":
    asyncio.run(main())
