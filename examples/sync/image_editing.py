"""Edit images: one input image by URL, then several inputs combined, with the blocking client.

Input images are http(s) URLs, base64 data URLs (``data:image/jpeg;base64,...``) or the ids of
uploaded files. Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[image]==1.22.0"
"""

import base64

from xai_sdk import Client

MODEL = "grok-imagine-image"


def main() -> None:
    """Draw a room, repaint it, then combine both pictures into a third."""
    with Client() as client:
        room = client.image.sample("An empty room with a large window", MODEL)
        print(f"original: {room.url}")

        night = client.image.sample("The same room at night, lit by candles", MODEL, image_url=room.url)
        print(f"edited:   {night.url}")

        # A local picture goes in as a data URL; several inputs go in as `image_urls`.
        as_data_url = "data:image/jpeg;base64," + base64.b64encode(night.image).decode()
        combined = client.image.sample(
            "Put the window of <IMAGE_0> into the room of <IMAGE_1>",
            MODEL,
            image_urls=[room.url, as_data_url],
            image_format="base64",
        )
        print(f"combined: {len(combined.image)} bytes")


if __name__ == "__main__":
    main()
