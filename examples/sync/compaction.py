"""Context compaction: condense a long conversation server-side and carry on from the result.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

from xai_sdk import Client
from xai_sdk.chat import assistant, system, user

HISTORY = [
    system("You are a patient science tutor."),
    user("What is the Higgs boson?"),
    assistant("An elementary particle: the excitation of the Higgs field, found at CERN in 2012."),
    user("And the Higgs field?"),
    assistant("A field filling space; particles that interact with it acquire mass."),
    user("Tell me about the Roman Empire."),
    assistant("It lasted from 27 BC to 476 AD in the west, and until 1453 in the east."),
]


def main() -> None:
    """Compact a chat in place, then compact a message list on its own."""
    with Client() as client:
        chat = client.chat.create("grok-4", messages=HISTORY, use_encrypted_content=True)
        compaction = chat.compact()  # the chat's messages are now the compacted context
        print(f"{compaction.id}: dropped {compaction.dropped_message_count} messages")
        print(f"compaction used {compaction.usage.prompt_tokens} prompt tokens")

        chat.append(user("What gives particles their mass?"))
        response = chat.sample()
        print(f"answer from the compacted context: {response.content}")
        print(f"prompt tokens now: {response.usage.prompt_tokens}")

        # Without a chat: compact a list of messages, then start a new chat from the result.
        compacted = client.chat.compact_context("grok-4", HISTORY)
        fresh = client.chat.create("grok-4").append(compacted).append(user("Summarize our talk."))
        print(fresh.sample().content)


if __name__ == "__main__":
    main()
