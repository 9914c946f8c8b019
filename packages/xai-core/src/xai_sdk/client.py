"""The official SDK's module of what both clients share (``xai_sdk.client``).

`BaseClient` is the base class of `xai_sdk.Client` and `xai_sdk.AsyncClient`; `USER_AGENT` the
user agent their channels send; `create_channel_credentials` the TLS-plus-key credentials the
official SDK builds its channels with, for code that opens its own channel to the API.
"""

from __future__ import annotations

from collections.abc import Sequence

import grpc

from xai_sdk._client import BaseClient
from xai_sdk._config import USER_AGENT, is_loopback
from xai_sdk._version import __version__

__all__ = ["USER_AGENT", "BaseClient", "__version__", "create_channel_credentials"]


class _KeyInMetadata(grpc.AuthMetadataPlugin):
    """Adds the user's metadata and ``authorization: Bearer <key>`` to each call."""

    def __init__(self, api_key: str, metadata: Sequence[tuple[str, str]]) -> None:
        self._metadata = (*metadata, ("authorization", f"Bearer {api_key}"))

    def __call__(self, context: grpc.AuthMetadataContext, callback: grpc.AuthMetadataPluginCallback) -> None:
        callback(self._metadata, None)

    def __repr__(self) -> str:
        return "<_KeyInMetadata authorization=***>"


def create_channel_credentials(
    api_key: str, api_host: str, metadata: Sequence[tuple[str, str]] | None = None
) -> grpc.ChannelCredentials:
    """Channel credentials that send `api_key` (and `metadata`) with every call to `api_host`.

    TLS for a remote host; a local (plaintext) connection for ``localhost``, ``127.0.0.0/8`` and
    ``[::1]``. An empty key raises `ValueError` ("Empty xAI API key provided.").
    """
    if not api_key:
        raise ValueError("Empty xAI API key provided.")
    transport = (
        grpc.local_channel_credentials(grpc.LocalConnectionType.LOCAL_TCP)
        if is_loopback(api_host)
        else grpc.ssl_channel_credentials()
    )
    key = grpc.metadata_call_credentials(_KeyInMetadata(api_key, tuple(metadata or ())))
    return grpc.composite_channel_credentials(transport, key)
