"""Function calling with the asyncio client: the tools are coroutines, run concurrently.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

import asyncio
import json

from xai_sdk import AsyncClient
from xai_sdk.chat import tool_from_function, tool_result, user


async def get_weather(city: str) -> str:
    """Get the current weather of a city.

    Args:
        city: The city, e.g. "Paris".
    """
    await asyncio.sleep(0.05)  # a call to a weather service
    return json.dumps({"city": city, "temperature_c": 21, "sky": "clear"})


async def get_time(city: str) -> str:
    """Get the local time of a city.

    Args:
        city: The city, e.g. "Tokyo".
    """
    await asyncio.sleep(0.05)
    return json.dumps({"city": city, "time": "14:05"})


TOOLS = {function.__name__: function for function in (get_weather, get_time)}


async def main() -> None:
    """Answer once the model has no more tool calls; each round's calls run together."""
    async with AsyncClient() as client:
        chat = client.chat.create(
            "grok-4",
            messages=[user("What's the weather and the time in Paris?")],
            tools=[tool_from_function(function) for function in TOOLS.values()],
            parallel_tool_calls=True,
        )
        response = await chat.sample()
        while response.tool_calls:
            chat.append(response)
            calls = response.tool_calls
            for call in calls:
                print(f"calling {call.function.name}({call.function.arguments})")
            results = await asyncio.gather(
                *(TOOLS[call.function.name](**json.loads(call.function.arguments)) for call in calls)
            )
            for call, result in zip(calls, results, strict=True):
                chat.append(tool_result(result, tool_call_id=call.id))
            response = await chat.sample()
        print(response.content)


if __name__ == "__main__":
    asyncio.run(main())
