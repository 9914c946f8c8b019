"""A reasoning model: read its reasoning and how many tokens it took.

Install: pip install "xai-sdk[chat]==1.22.0"
"""

from xai_sdk import Client
from xai_sdk.chat import user


def main() -> None:
    """Solve a small puzzle with high reasoning effort."""
    with Client() as client:
        chat = client.chat.create(
            "grok-3-mini",
            reasoning_effort="high",
            messages=[user("What is 101 * 3, and is it prime?")],
        )
        response = chat.sample()
        print(f"reasoning: {response.reasoning_content}")
        print(f"answer: {response.content}")
        print(f"reasoning tokens: {response.usage.reasoning_tokens}")


if __name__ == "__main__":
    main()
