"""Stream an answer as it is generated; the response accumulates the chunks.

Install: pip install "xai-sdk[chat]==1.22.0"
"""

from xai_sdk import Client
from xai_sdk.chat import user


def main() -> None:
    """Print each chunk as it arrives, then the usage of the whole answer."""
    with Client() as client:
        chat = client.chat.create("grok-4", messages=[user("Write a haiku about the sea.")])
        for response, chunk in chat.stream():
            print(chunk.content, end="", flush=True)
            if any(choice.finish_reason for choice in chunk.choices):  # the last chunk
                print(f"\nfinish reason: {response.finish_reason}, tokens: {response.usage.total_tokens}")


if __name__ == "__main__":
    main()
