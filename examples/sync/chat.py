"""A multi-turn conversation: each answer is appended so the model keeps the context.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

from xai_sdk import Client
from xai_sdk.chat import system, user

QUESTIONS = ["Name a planet with rings.", "How many moons does it have?", "Which one is the largest?"]


def main() -> None:
    """Ask three questions in one conversation."""
    with Client() as client:
        chat = client.chat.create("grok-4", messages=[system("You are a concise astronomer.")])
        for question in QUESTIONS:
            chat.append(user(question))
            response = chat.sample()
            chat.append(response)
            print(f"> {question}\n{response.content}\n")
        print(f"{len(chat.messages)} messages; last answer cost ${response.cost_usd or 0:.6f}")


if __name__ == "__main__":
    main()
