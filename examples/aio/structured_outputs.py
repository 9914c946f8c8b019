"""Structured output with the asyncio client: several answers parsed into pydantic models at once.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat,pydantic]==1.22.0"
"""

import asyncio

from pydantic import BaseModel, Field

from xai_sdk import AsyncClient
from xai_sdk.chat import system, user


class City(BaseModel):
    """Facts about a city."""

    name: str
    country: str
    population_millions: float = Field(ge=0)
    landmarks: list[str]


async def describe(client: AsyncClient, city: str) -> City:
    chat = client.chat.create("grok-4", messages=[system("You are a geographer."), user(f"Describe {city}.")])
    _, parsed = await chat.parse(City)
    return parsed


async def main() -> None:
    """Three cities, parsed concurrently."""
    async with AsyncClient() as client:
        cities = await asyncio.gather(*(describe(client, city) for city in ("Lisbon", "Osaka", "Quito")))
    for city in cities:
        print(f"{city.name} ({city.country}): {city.population_millions}M, {len(city.landmarks)} landmarks")


if __name__ == "__main__":
    asyncio.run(main())
