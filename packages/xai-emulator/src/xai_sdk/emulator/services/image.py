"""xai_api.Image: deterministic little JPEG pictures, as data URLs or served over HTTP."""

from __future__ import annotations

import base64
import threading
from typing import Any

import grpc

from xai_sdk.emulator import _media, _storage, catalog
from xai_sdk.emulator._base import EmulatorCall, RpcAbort
from xai_sdk.emulator._media import invalid
from xai_sdk.proto import image_pb2, models_pb2, usage_pb2

__all__ = ["Image"]

MAX_IMAGES = 10
"""The most images one request may ask for (``n``), as the real API documents."""

_RATIOS: dict[int, tuple[float, float]] = {
    image_pb2.IMG_ASPECT_RATIO_1_1: (1, 1),
    image_pb2.IMG_ASPECT_RATIO_3_4: (3, 4),
    image_pb2.IMG_ASPECT_RATIO_4_3: (4, 3),
    image_pb2.IMG_ASPECT_RATIO_9_16: (9, 16),
    image_pb2.IMG_ASPECT_RATIO_16_9: (16, 9),
    image_pb2.IMG_ASPECT_RATIO_2_3: (2, 3),
    image_pb2.IMG_ASPECT_RATIO_3_2: (3, 2),
    image_pb2.IMG_ASPECT_RATIO_AUTO: (1, 1),
    image_pb2.IMG_ASPECT_RATIO_9_19_5: (9, 19.5),
    image_pb2.IMG_ASPECT_RATIO_19_5_9: (19.5, 9),
    image_pb2.IMG_ASPECT_RATIO_9_20: (9, 20),
    image_pb2.IMG_ASPECT_RATIO_20_9: (20, 9),
    image_pb2.IMG_ASPECT_RATIO_1_2: (1, 2),
    image_pb2.IMG_ASPECT_RATIO_2_1: (2, 1),
}
_SHORT_SIDE = {image_pb2.IMG_RESOLUTION_1K: 16, image_pb2.IMG_RESOLUTION_2K: 32}
"""Pixels of the shorter side of a picture: tiny stand-ins for 1k and 2k images."""


def image_size(request: image_pb2.GenerateImageRequest) -> tuple[int, int]:
    """Width and height of the pictures a request gets: its aspect ratio at a tiny scale."""
    width, height = _RATIOS[request.aspect_ratio] if request.HasField("aspect_ratio") else (1, 1)
    resolution = request.resolution if request.HasField("resolution") else image_pb2.IMG_RESOLUTION_1K
    short = _SHORT_SIDE[resolution]
    scale = short / min(width, height)
    return round(width * scale), round(height * scale)


def image_model(name: str) -> models_pb2.ImageGenerationModel:
    """The catalog's image model called `name` (or having it as an alias); NOT_FOUND otherwise."""
    model: models_pb2.ImageGenerationModel | None = catalog.find(catalog.IMAGE_GENERATION_MODELS, name)
    if model is None:
        raise RpcAbort(grpc.StatusCode.NOT_FOUND, catalog.no_such_model(name))
    return model


def _check(request: image_pb2.GenerateImageRequest) -> models_pb2.ImageGenerationModel:
    """The model of a valid request; RpcAbort otherwise."""
    model = image_model(request.model)
    if not request.prompt.strip():
        raise invalid("prompt must not be empty")
    if request.HasField("n") and not 1 <= request.n <= MAX_IMAGES:
        raise invalid(f"n must be between 1 and {MAX_IMAGES}, got {request.n}")
    if request.format not in (
        image_pb2.IMG_FORMAT_INVALID,
        image_pb2.IMG_FORMAT_URL,
        image_pb2.IMG_FORMAT_BASE64,
    ):
        raise invalid(f"unknown image format {request.format}")
    for field, enum in (
        ("aspect_ratio", image_pb2.ImageAspectRatio),
        ("resolution", image_pb2.ImageResolution),
        ("quality", image_pb2.ImageQuality),
    ):
        value = getattr(request, field)
        if request.HasField(field) and (value == 0 or value not in enum.values()):
            raise invalid(f"invalid {field} {value}")
    if request.HasField("image") and request.images:
        raise invalid("set either image or images, not both")
    if request.HasField("image"):
        _media.check_image(request.image, "image")
    for index, image in enumerate(request.images):
        _media.check_image(image, f"images[{index}]")
    _media.check_storage(request)
    return model


class Image:
    """The emulator's image model: a checkerboard JPEG per image, its colours and size from the request.

    Reach it as ``emulator.image``. Each image is derived from the prompt, the input images and
    its index, at the requested aspect ratio (16 pixels on the short side, 32 for ``2k``).
    ``image_format="url"`` images are served by the emulator's HTTP side, ``"base64"`` ones come
    as ``data:image/jpeg;base64,...``. `moderate_next` withholds images as moderation would.
    """

    full_name = "xai_api.Image"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._emulator: Any = None
        self._to_moderate = 0

    def attach(self, emulator: Any) -> None:
        """Keep the emulator, to publish images and to store them as files."""
        self._emulator = emulator

    def moderate_next(self, images: int = 1) -> None:
        """Withhold the next `images` generated images (``respect_moderation`` False, no image)."""
        if isinstance(images, bool) or not isinstance(images, int) or images < 1:
            raise ValueError(f"images must be an int of at least 1, got {images!r}")
        with self._lock:
            self._to_moderate += images

    def reset(self) -> None:
        """Forget pending moderation."""
        with self._lock:
            self._to_moderate = 0

    def GenerateImage(
        self, request: image_pb2.GenerateImageRequest, call: EmulatorCall
    ) -> image_pb2.ImageResponse:
        """`n` pictures (default 1), by URL (default) or base64, stored as files if asked."""
        model = _check(request)
        count = request.n if request.HasField("n") else 1
        width, height = image_size(request)
        sources = [image.image_url or image.file_id for image in [request.image, *request.images]]
        response = image_pb2.ImageResponse(
            model=model.name,
            usage=usage_pb2.SamplingUsage(
                prompt_tokens=len(request.prompt.split()),
                prompt_text_tokens=len(request.prompt.split()),
                total_tokens=len(request.prompt.split()),
                cost_in_usd_ticks=model.image_price * count,
            ),
        )
        for index in range(count):
            seed = _media.seed_of(request.prompt, index, *sources)
            response.images.append(self._image(request, _media.picture(seed, width, height), index))
        return response

    def _image(
        self, request: image_pb2.GenerateImageRequest, data: bytes, index: int
    ) -> image_pb2.GeneratedImage:
        with self._lock:
            moderated = self._to_moderate > 0
            self._to_moderate -= moderated
        if moderated:
            return image_pb2.GeneratedImage(respect_moderation=False)
        image = image_pb2.GeneratedImage(respect_moderation=True)
        if request.format == image_pb2.IMG_FORMAT_BASE64:
            image.base64 = "data:image/jpeg;base64," + base64.b64encode(data).decode()
        else:
            image.url = self._emulator.content.publish(data, "image/jpeg", f"image-{index}.jpg")
        if request.HasField("storage_options"):
            output, error = _storage.store(self._emulator, request.storage_options, data, "image/jpeg")
            if output is not None:
                image.file_output.CopyFrom(output)
            if error is not None:
                image.storage_error = error
        return image
