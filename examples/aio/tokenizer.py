"""Count tokens of several texts concurrently with the asyncio client, e.g. to budget a prompt.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[tokenizer]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient

TEXTS = {
    "greeting": "Hello, world!",
    "pangram": "The quick brown fox jumps over the lazy dog.",
    "code": "def add(a, b):\n    return a + b\n",
}


async def main() -> None:
    """Tokenize every text at once; show the counts and the pieces of one."""
    async with AsyncClient() as client:
        tokenized = await asyncio.gather(
            *(client.tokenize.tokenize_text(text, model="grok-4") for text in TEXTS.values())
        )
    for name, tokens in zip(TEXTS, tokenized, strict=True):
        print(f"{name}: {len(tokens)} tokens")
    print("pieces of the greeting:", [token.string_token for token in tokenized[0]])


if __name__ == "__main__":
    asyncio.run(main())
