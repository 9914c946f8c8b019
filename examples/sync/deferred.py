"""A deferred completion: the request runs in the background and the SDK polls for it.

Install: pip install "xai-sdk[chat]==1.22.0"
"""

from datetime import timedelta

from xai_sdk import Client
from xai_sdk.chat import user


def main() -> None:
    """Start a completion, poll every 100 ms for up to 5 minutes."""
    with Client() as client:
        chat = client.chat.create("grok-4", messages=[user("Summarize the plot of Hamlet in one line.")])
        response = chat.defer(timeout=timedelta(minutes=5), interval=timedelta(milliseconds=100))
        print(response.content)


if __name__ == "__main__":
    main()
