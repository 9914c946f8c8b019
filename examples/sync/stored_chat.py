"""Stored completions: the API keeps the conversation, so a follow-up sends only the new message.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

from xai_sdk import Client
from xai_sdk.chat import system, user


def main() -> None:
    """Store an answer, continue from it by id, read it back, delete it."""
    with Client() as client:
        chat = client.chat.create(
            "grok-4",
            messages=[system("You are a travel guide."), user("Suggest one city to visit in Portugal.")],
            store_messages=True,
        )
        first = chat.sample()
        print(f"{first.id}: {first.content}")

        # The follow-up names the stored response instead of resending the conversation.
        follow_up = client.chat.create(
            "grok-4",
            messages=[user("What should I eat there?")],
            previous_response_id=first.id,
            store_messages=True,
        )
        second = follow_up.sample()
        print(f"{second.id}: {second.content}")

        [stored] = client.chat.get_stored_completion(first.id)
        print(f"stored {stored.id} says: {stored.content}")
        for response_id in (first.id, second.id):
            print("deleted", client.chat.delete_stored_completion(response_id))


if __name__ == "__main__":
    main()
