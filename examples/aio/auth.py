"""Check the API key with the asyncio client before starting work.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[models]==1.22.0"
"""

import asyncio

from xai_sdk import AsyncClient


async def main() -> None:
    """Describe the key; refuse to go on if it is blocked."""
    async with AsyncClient() as client:
        key = await client.auth.get_api_key_info()
        if key.api_key_blocked or key.team_blocked or key.disabled:
            print(f"key {key.redacted_api_key} cannot be used")
            return
        print(f"key {key.redacted_api_key} of team {key.team_id}: {len(key.acls)} permission(s)")
        models = await client.models.list_language_models()
        print(f"it can use {len(models)} language models")


if __name__ == "__main__":
    asyncio.run(main())
