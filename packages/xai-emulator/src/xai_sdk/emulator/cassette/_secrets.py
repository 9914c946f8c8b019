"""Keeping secrets out of cassettes: API keys, management keys, authorization headers.

Request metadata is never written to a cassette, so the ``authorization`` header a recorder
forwards never reaches the file. A key could still come back inside an answer (an error message
quoting it, an echo): every key the recorder has seen in an ``authorization`` header, the keys
of the environment, and any secret the user names are replaced wherever they appear, in
messages, status details and response metadata, by asterisks of the same length (in protobuf
bytes an equal length keeps the message valid).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable

from xai_sdk.emulator.cassette._format import Metadata

__all__ = ["SECRET_HEADERS", "Redactor"]

SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "x-api-key", "cookie", "set-cookie"})
"""Metadata keys whose values are secrets: never written, whatever their value."""
MIN_SECRET_LENGTH = 8
"""Shorter strings are not treated as secrets: masking them would garble ordinary text."""
ENVIRONMENT_KEYS = ("XAI_API_KEY", "XAI_MANAGEMENT_KEY")


class Redactor:
    """Replaces every secret it knows by asterisks of the same length."""

    def __init__(self, secrets: Iterable[str] = (), *, from_environment: bool = True) -> None:
        self._lock = threading.Lock()
        self._secrets: frozenset[str] = frozenset()
        names = [*secrets, *(os.environ.get(key, "") for key in ENVIRONMENT_KEYS if from_environment)]
        for secret in names:
            self.add(secret)

    def add(self, secret: str) -> None:
        """Treat `secret` as one from now on (ignored when shorter than `MIN_SECRET_LENGTH`)."""
        secret = secret.strip()
        if len(secret) >= MIN_SECRET_LENGTH and secret not in self._secrets:
            with self._lock:
                self._secrets |= {secret}

    def learn(self, metadata: Iterable[tuple[str, str | bytes]]) -> None:
        """Take the keys of a call's ``authorization`` header (``Bearer <key>``) as secrets."""
        for key, value in metadata:
            if key.lower() in SECRET_HEADERS:
                text = value.decode(errors="replace") if isinstance(value, bytes) else value
                scheme, _, credential = text.partition(" ")
                self.add(credential or scheme)

    def data(self, data: bytes) -> bytes:
        """`data` with every secret masked (byte for byte)."""
        for secret in self._secrets:
            encoded = secret.encode()
            if encoded in data:
                data = data.replace(encoded, b"*" * len(encoded))
        return data

    def text(self, text: str) -> str:
        """`text` with every secret masked."""
        for secret in self._secrets:
            text = text.replace(secret, "*" * len(secret))
        return text

    def metadata(self, metadata: Metadata) -> Metadata:
        """Metadata without secret headers, the other values masked."""
        return tuple(
            (key, self.data(value) if isinstance(value, bytes) else self.text(value))
            for key, value in metadata
            if key.lower() not in SECRET_HEADERS
        )
