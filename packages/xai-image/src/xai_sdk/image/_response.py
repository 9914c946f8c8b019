"""What an image call returns: `ImageResponse` (and `BaseImageResponse`, without the download).

``response.image`` gives the image's bytes: decoded from a base64 answer, or downloaded from
the image's URL with the standard library. It is written once for both clients: the download
is an `Offload` step run by the client's runner, so on `Client` the attribute is the bytes and
on `AsyncClient` an awaitable of them (``await response.image``), the download running in a
worker thread.
"""

from __future__ import annotations

import base64
import binascii
import urllib.error
import urllib.request
import warnings
from collections.abc import Coroutine
from typing import Any, Final, Generic, overload
from urllib.parse import urlsplit

from xai_sdk._config import USER_AGENT
from xai_sdk.cost import cost_usd_from_usage
from xai_sdk.meta import ProtoDecorator
from xai_sdk.operations import Flow, Offload, Operation
from xai_sdk.proto import image_pb2, usage_pb2
from xai_sdk.service import Async, Binding, ModeT, Sync
from xai_sdk.storage import StoredOutput

__all__ = ["DOWNLOAD_TIMEOUT", "BaseImageResponse", "ImageResponse"]

DOWNLOAD_TIMEOUT: Final = 30.0
"""Seconds `ImageResponse.image` waits for the image server (to connect, and between reads)."""


class BaseImageResponse(StoredOutput, ProtoDecorator[image_pb2.ImageResponse]):
    """One generated image of an `image_pb2.ImageResponse`, and what the response says about it.

    Args:
        proto: the response of ``Image/GenerateImage``.
        index: which of its images this object shows.

    """

    def __init__(self, proto: image_pb2.ImageResponse, index: int) -> None:
        super().__init__(proto)
        if not 0 <= index < len(proto.images):
            raise IndexError(f"the response holds {len(proto.images)} image(s), there is no image {index}")
        self._index = index
        self._image = proto.images[index]

    @property
    def model(self) -> str:
        """The model that generated the image (its name, not the alias that was asked for)."""
        return self._proto.model

    @property
    def usage(self) -> usage_pb2.SamplingUsage:
        """What the request used (shared by every image of the request)."""
        return self._proto.usage

    @property
    def cost_usd(self) -> float | None:
        """What the whole request cost in US dollars, or None if the server did not say."""
        return cost_usd_from_usage(self._proto.usage)

    @property
    def prompt(self) -> str:
        """Deprecated: always ``""``, with a `DeprecationWarning` (as in the official SDK).

        It used to be the prompt as rewritten by the server; the server no longer sends it.
        """
        warnings.warn(
            "BaseImageResponse.prompt is deprecated and will be removed in a future release: the server "
            "no longer returns the rewritten prompt, so it is always empty.",
            DeprecationWarning,
            stacklevel=2,
        )
        return ""

    @property
    def respect_moderation(self) -> bool:
        """Whether the image passed moderation; when it did not, neither URL nor bytes are given."""
        return self._image.respect_moderation

    @property
    def url(self) -> str:
        """The URL of the image (with ``image_format="url"``, the default).

        Raises `ValueError` when the image was returned as base64 or withheld by moderation.
        """
        if not self._image.url:
            self._missing("URL")
        return self._image.url

    @property
    def base64(self) -> str:
        """The image as a ``data:image/...;base64,...`` URL (with ``image_format="base64"``).

        Raises `ValueError` when the image was returned by URL or withheld by moderation.
        """
        if not self._image.base64:
            self._missing("base64")
        return self._image.base64

    @property
    def _stored_output(self) -> Any:
        return self._image

    def _missing(self, what: str) -> None:
        if not self._image.respect_moderation:
            raise ValueError(f"Image did not respect moderation rules; {what} is not available.")
        if what == "URL":
            raise ValueError(
                "Image was not returned via URL and cannot be fetched. It was returned via base64 "
                '(image_format="base64"): read .base64, or .image for the bytes.'
            )
        raise ValueError(
            "Image was not returned via base64. It was returned via URL (the default "
            'image_format="url"): read .url, or .image for the bytes.'
        )


class _ImageBytes:
    """The `ImageResponse.image` attribute: the bytes, or an awaitable of them on `AsyncClient`."""

    @overload
    def __get__(self, response: None, owner: type[Any]) -> _ImageBytes: ...
    @overload
    def __get__(self, response: ImageResponse[Sync], owner: type[Any]) -> bytes: ...
    @overload
    def __get__(self, response: ImageResponse[Async], owner: type[Any]) -> Coroutine[Any, Any, bytes]: ...
    def __get__(self, response: ImageResponse[Any] | None, owner: type[Any]) -> Any:
        if response is None:
            return self
        binding = response._binding
        if binding is None:  # made by hand, not by a client: fetch right away
            return image_bytes(response._image)
        runner: Any = binding.runner  # a SyncRunner or an AsyncRunner: `run` returns bytes or a coroutine
        return runner.run(Operation(_fetch(response._image, binding.is_async)), binding, "image")


class ImageResponse(BaseImageResponse, Generic[ModeT]):
    """A generated image; `image` gives its bytes.

    On `Client`, ``response.image`` is the bytes; on `AsyncClient` it is awaited:
    ``data = await response.image``. Each access decodes or downloads again.

    Args:
        proto: the response of ``Image/GenerateImage``.
        index: which of its images this object shows.
        binding: the client binding that downloads the image; None (a response made by hand)
            downloads in the calling thread.

    """

    image = _ImageBytes()
    """The image's bytes: the base64 answer decoded, or the URL downloaded (a `ValueError` if the
    image was withheld by moderation)."""

    def __init__(self, proto: image_pb2.ImageResponse, index: int, binding: Binding | None = None) -> None:
        super().__init__(proto, index)
        self._binding = binding


def _fetch(image: image_pb2.GeneratedImage, is_async: bool) -> Flow[bytes]:
    data: bytes = yield Offload(image_bytes, (image, is_async))
    return data


def image_bytes(image: image_pb2.GeneratedImage, is_async: bool = False) -> bytes:
    """The bytes of a generated image: its base64 payload decoded, or its URL downloaded.

    Raises `ValueError` when it has neither (withheld by moderation), worded as the official
    SDK's sync or async client words it.
    """
    if image.base64:
        return decode_data_url(image.base64)
    if image.url:
        return download(image.url)
    missing = "base64 or URL" if is_async else "URL or base64"
    reason = " It did not respect moderation rules." if not image.respect_moderation else ""
    raise ValueError(f"Image was not returned via {missing}.{reason}")


def decode_data_url(value: str) -> bytes:
    """The bytes of a ``data:...;base64,<payload>`` URL (or of a bare base64 payload)."""
    _, separator, payload = value.partition("base64,")
    try:
        return base64.b64decode(payload if separator else value, validate=True)
    except binascii.Error as error:
        raise ValueError(f"the image's base64 payload is malformed: {error}") from None


def download(url: str) -> bytes:
    """GET an http(s) URL with the SDK's user agent; an HTTP error status raises `HTTPError`."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"refusing to download the image from a non-HTTP URL: {url!r}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response:
            data: bytes = response.read()
    except urllib.error.HTTPError as error:
        error.close()  # it holds the connection: release it now rather than when collected
        raise
    return data
