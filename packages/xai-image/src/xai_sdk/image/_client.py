"""`client.image`: image generation and editing, one implementation for both clients."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import grpc

from xai_sdk.arguments import non_empty_text, options
from xai_sdk.errors import error_from_status
from xai_sdk.image._request import ImageOptions, generate_image_request
from xai_sdk.image._response import ImageResponse
from xai_sdk.image._types import ImageAspectRatio, ImageFormat, ImageQuality, ImageResolution
from xai_sdk.operations import Operation, Timeout, rpc, unary
from xai_sdk.proto import batch_pb2, image_pb2
from xai_sdk.service import Binding, Bound, ModeT, operation
from xai_sdk.storage import StorageOptions
from xai_sdk.types.model import ImageGenerationModel

__all__ = ["ImageClient"]

GENERATE_IMAGE = rpc(image_pb2, "Image", "GenerateImage")


def _first_image(binding: Binding) -> Callable[[image_pb2.ImageResponse], ImageResponse[ModeT]]:
    """`sample`'s result: the response's one image; an answer without any is the server's failure."""

    def wrap(response: image_pb2.ImageResponse) -> ImageResponse[ModeT]:
        if not response.images:
            raise error_from_status(
                grpc.StatusCode.INTERNAL,
                "the server answered without an image (an OK response holding no image)",
                method=GENERATE_IMAGE.path,
            )
        return ImageResponse(response, 0, binding)

    return wrap


class ImageClient(Bound[ModeT]):
    """The ``image`` sub-client: generate images from a prompt, or edit given images.

    Every method takes the same request keywords:

    Keyword Args:
        prompt: what to draw, or how to change the input images.
        model: an image model, e.g. ``"grok-imagine-image"``.
        image_url: one input image to edit: an ``http(s)://`` URL or a base64 data URL
            (``"data:image/jpeg;base64,..."``). Not with `image_file_id`, `image_urls` or
            `image_file_ids`.
        image_file_id: one input image by the id of an uploaded file. Not with `image_url`,
            `image_urls` or `image_file_ids`.
        image_urls: several input images (URLs or data URLs) for multi-reference editing. May be
            combined with `image_file_ids`; not with `image_url` or `image_file_id`.
        image_file_ids: several input images by file id. When combined with `image_urls`, the
            file ids come first in the request, so ``<IMAGE_0>`` ... in the prompt count them
            first.
        user: an id of your end user, which helps xAI detect abuse.
        image_format: ``"url"`` (default: download it with `ImageResponse.image`) or
            ``"base64"`` (the bytes come in the response).
        aspect_ratio: one of ``"1:1"``, ``"3:4"``, ``"4:3"``, ``"9:16"``, ``"16:9"``,
            ``"2:3"``, ``"3:2"``, ``"9:19.5"``, ``"19.5:9"``, ``"9:20"``, ``"20:9"``, ``"1:2"``,
            ``"2:1"`` (or an `image_pb2.ImageAspectRatio` value, e.g. ``IMG_ASPECT_RATIO_AUTO``).
        resolution: ``"1k"`` (about one megapixel) or ``"2k"`` (about four).
        quality: ``"low"`` or ``"medium"`` (the API's default); ``grok-imagine-image-2.0`` only.
        storage_options: also keep the result as a file: ``{"filename": "out.png"}``, with
            optional ``"expires_after"`` (seconds or a timedelta) and ``"public_url"`` (True, or
            ``{"expires_after": ...}``); see `xai_sdk.storage`.
        timeout: this call's timeout (seconds or a timedelta); None: the client's.

    Bad arguments raise `ValueError` or `TypeError` before anything is sent.

    """

    def prepare(
        self,
        prompt: str,
        model: ImageGenerationModel | str,
        *,
        batch_request_id: str | None = None,
        image_url: str | None = None,
        image_file_id: str | None = None,
        image_urls: Sequence[str] | None = None,
        image_file_ids: Sequence[str] | None = None,
        user: str | None = None,
        image_format: ImageFormat | None = None,
        aspect_ratio: ImageAspectRatio | None = None,
        resolution: ImageResolution | None = None,
        quality: ImageQuality | None = None,
        storage_options: StorageOptions | image_pb2.StorageOptions | None = None,
    ) -> batch_pb2.BatchRequest:
        """The request of `sample` as a `BatchRequest`, to add to a batch; nothing is sent.

        `batch_request_id` names the request in the batch's results (unique within the batch).
        """
        request = generate_image_request(prompt, model, **options(ImageOptions, locals()))
        return batch_pb2.BatchRequest(
            image_request=request,
            batch_request_id=""
            if batch_request_id is None
            else non_empty_text("batch_request_id", batch_request_id),
        )

    @operation
    def sample(
        self,
        prompt: str,
        model: ImageGenerationModel | str,
        *,
        image_url: str | None = None,
        image_file_id: str | None = None,
        image_urls: Sequence[str] | None = None,
        image_file_ids: Sequence[str] | None = None,
        user: str | None = None,
        image_format: ImageFormat | None = None,
        aspect_ratio: ImageAspectRatio | None = None,
        resolution: ImageResolution | None = None,
        quality: ImageQuality | None = None,
        storage_options: StorageOptions | image_pb2.StorageOptions | None = None,
        timeout: Timeout = None,
    ) -> Operation[ImageResponse[ModeT]]:
        """Generate one image (or edit the input images into one).

        An answer that holds no image raises `xai_sdk.errors.InternalServerError` (the official SDK
        returns a response whose attributes then raise `IndexError`).
        """
        request = generate_image_request(prompt, model, **options(ImageOptions, locals()))
        return unary(GENERATE_IMAGE, request, _first_image(self._binding), timeout=timeout)

    @operation
    def sample_batch(
        self,
        prompt: str,
        model: ImageGenerationModel | str,
        n: int,
        *,
        image_url: str | None = None,
        image_file_id: str | None = None,
        image_urls: Sequence[str] | None = None,
        image_file_ids: Sequence[str] | None = None,
        user: str | None = None,
        image_format: ImageFormat | None = None,
        aspect_ratio: ImageAspectRatio | None = None,
        resolution: ImageResolution | None = None,
        quality: ImageQuality | None = None,
        storage_options: StorageOptions | image_pb2.StorageOptions | None = None,
        timeout: Timeout = None,
    ) -> Operation[Sequence[ImageResponse[ModeT]]]:
        """Generate `n` images in one request; one `ImageResponse` per image returned.

        The API limits `n` (to 10 at the time of writing); this method only requires ``n >= 1``.
        """
        request = generate_image_request(prompt, model, n=n, **options(ImageOptions, locals()))
        binding = self._binding
        return unary(
            GENERATE_IMAGE,
            request,
            lambda response: [ImageResponse(response, i, binding) for i in range(len(response.images))],
            timeout=timeout,
        )
