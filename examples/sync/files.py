"""Upload a file with a progress report, list, download and delete it, with the blocking client.

Reads XAI_API_KEY (and XAI_API_HOST, e.g. to point at `xai-emulator`).

Install: pip install "xai-sdk[files]==1.22.0"
"""

import hashlib
import os
import tempfile
from pathlib import Path

from xai_sdk import Client


def main() -> None:
    """Round-trip a 7 MiB file through the Files API and check it came back intact."""
    with tempfile.TemporaryDirectory() as directory, Client() as client:
        source = Path(directory) / "measurements.bin"
        source.write_bytes(os.urandom(7 * 1024 * 1024))

        def progress(uploaded: int, total: int) -> None:
            print(f"  uploaded {uploaded / total:.0%}")

        uploaded = client.files.upload(source, on_progress=progress, expires_after=3600)
        print(f"uploaded {uploaded.filename} as {uploaded.id} ({uploaded.size:,} bytes)")

        page = client.files.list(limit=10, order="desc", sort_by="created_at")
        print("newest files:", ", ".join(f.filename for f in page.data))

        copy = Path(directory) / "copy.bin"
        written = client.files.download(uploaded.id, copy)  # streamed to disk
        same = hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(source.read_bytes()).digest()
        print(f"downloaded {written:,} bytes, identical: {same}")

        results = client.files.batch_upload([str(source), str(copy)], batch_size=2)
        done = [r for r in results.values() if not isinstance(r, BaseException)]
        print(f"batch: {len(done)} of {len(results)} uploaded")

        for file_id in [uploaded.id, *(r.id for r in done)]:
            client.files.delete(file_id)
        print("deleted the uploads")


if __name__ == "__main__":
    main()
