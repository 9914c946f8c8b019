"""Ask about an image given by URL (a data: URL works too).

Install: pip install "xai-sdk[chat]==1.22.0"
"""

from xai_sdk import Client
from xai_sdk.chat import image, user

IMAGE_URL = "https://upload.wikimedia.org/wikipedia/commons/3/3f/JPEG_example_flower.jpg"


def main() -> None:
    """Describe the picture."""
    with Client() as client:
        chat = client.chat.create("grok-4")
        chat.append(user("What is in this picture?", image(IMAGE_URL, detail="high")))
        print(chat.sample().content)


if __name__ == "__main__":
    main()
