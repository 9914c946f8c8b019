"""Function calling: the model asks for a tool, we run it and send the result back.

Install: pip install "xai-sdk[chat]==1.22.0"
"""

import json
from typing import Literal

from xai_sdk import Client
from xai_sdk.chat import tool_from_function, tool_result, user


def get_weather(city: str, units: Literal["C", "F"] = "C") -> str:
    """Get the current weather of a city.

    Args:
        city: The city, e.g. "Paris".
        units: Celsius or Fahrenheit.
    """
    temperature = 21 if units == "C" else 70
    return json.dumps({"city": city, "temperature": temperature, "units": units})


TOOLS = {"get_weather": get_weather}


def main() -> None:
    """Loop until the model answers without calling a tool."""
    with Client() as client:
        chat = client.chat.create(
            "grok-4", messages=[user("What's the weather in Paris?")], tools=[tool_from_function(get_weather)]
        )
        response = chat.sample()
        while response.tool_calls:
            chat.append(response)
            for call in response.tool_calls:
                arguments = json.loads(call.function.arguments)
                print(f"calling {call.function.name}({arguments})")
                chat.append(tool_result(TOOLS[call.function.name](**arguments), tool_call_id=call.id))
            response = chat.sample()
        print(response.content)


if __name__ == "__main__":
    main()
