"""Generate images from a prompt and save them, with the blocking client.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[image]==1.22.0"
"""

import tempfile
from pathlib import Path

from xai_sdk import Client


def main() -> None:
    """One image by URL, then three at once as base64, saved in a (temporary) folder."""
    with Client() as client, tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        response = client.image.sample(
            "A lighthouse on a cliff at dawn, watercolor", "grok-imagine-image", aspect_ratio="16:9"
        )
        print(f"image at {response.url} (cost: ${response.cost_usd})")
        (folder / "lighthouse.jpg").write_bytes(response.image)  # downloaded from the URL

        variants = client.image.sample_batch(
            "A paper boat on a pond", "grok-imagine-image", 3, image_format="base64", resolution="1k"
        )
        for index, variant in enumerate(variants):
            (folder / f"boat-{index}.jpg").write_bytes(variant.image)  # decoded, no download
        saved = sorted(f"{path.name} ({path.stat().st_size} bytes)" for path in folder.iterdir())
        print("saved:", ", ".join(saved))


if __name__ == "__main__":
    main()
