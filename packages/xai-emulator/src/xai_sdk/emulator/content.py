"""The emulator's HTTP side: generated images, videos and public file URLs are served from it.

The real API answers some requests with URLs (an image to download, a file's public URL); the
emulator publishes the bytes here so that following such a URL works offline.
"""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlsplit

__all__ = ["ContentServer"]


class ContentServer:
    """Serves published bytes over HTTP on localhost: ``GET /content/<id>/<name>`` and ``/pages/...``."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._host = host
        self._lock = threading.Lock()
        self._items: dict[str, tuple[bytes, str]] = {}
        self._counter = 0
        self._server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        """``http://host:port`` of the running server."""
        if self._server is None:
            raise RuntimeError("the content server is not running (start the emulator)")
        host, port = self._server.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        return f"http://{host}:{port}"

    def start(self) -> None:
        """Listen on a free port, serving from a daemon thread."""
        if self._server is not None:
            return
        items, lock = self._items, self._lock

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with lock:
                    item = items.get(urlsplit(self.path).path)
                if item is None:
                    self.send_error(404, "no such content")
                    return
                data, content_type = item
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer((self._host, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="xai-emulator-http", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def publish(self, data: bytes, content_type: str, name: str = "content") -> str:
        """Serve `data` and return its URL."""
        with self._lock:
            self._counter += 1
            path = f"/content/{self._counter}/{quote(name)}"
            self._items[path] = (bytes(data), content_type)
        return self.base_url + path

    def publish_page(self, data: bytes, content_type: str, name: str) -> str:
        """Serve `data` at a URL derived from its name and bytes (the same page: the same URL).

        For pages that stand for the web (search results): an answer that cites them cites the
        same URLs each time it is given, whatever else was published before.
        """
        digest = hashlib.sha256(content_type.encode() + b"\x00" + name.encode() + b"\x00" + data).hexdigest()
        path = f"/pages/{digest[:16]}/{quote(name)}"
        with self._lock:
            self._items[path] = (bytes(data), content_type)
        return self.base_url + path

    def unpublish(self, url: str) -> None:
        """Stop serving a URL returned by `publish` (later requests get 404)."""
        with self._lock:
            self._items.pop(urlsplit(url).path, None)

    def reset(self) -> None:
        """Forget everything published; URLs are numbered from 1 again (reproducible answers)."""
        with self._lock:
            self._items.clear()
            self._counter = 0
