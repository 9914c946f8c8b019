"""Chat about documents: one uploaded with the Files API, one attached inline.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[chat,files]==1.22.0"
"""

from xai_sdk import Client
from xai_sdk.chat import file, user

REPORT = b"""Quarterly sales report, Q4
Revenue: $5.2M (+18% year over year)
Best product: A, $2.1M (+25%)
Largest region: North America, 54% of revenue
"""


def main() -> None:
    """Ask about the same report by file id, then inline."""
    with Client() as client:
        uploaded = client.files.upload(REPORT, filename="q4-report.txt")
        chat = client.chat.create("grok-4")
        chat.append(user("What are the three key takeaways of this report?", file(uploaded.id)))
        for _, chunk in chat.stream():
            print(chunk.content, end="", flush=True)
        print()

        # Small documents can travel inside the request instead, with no upload.
        inline = client.chat.create("grok-4")
        inline.append(
            user(
                "Which region sold the most?",
                file(data=REPORT, filename="report.txt", mime_type="text/plain"),
            )
        )
        print(inline.sample().content)

        client.files.delete(uploaded.id)


if __name__ == "__main__":
    main()
