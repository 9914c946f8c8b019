"""What batch results read as: `BatchResult` and the page `ListBatchResultsResponse`.

A result wraps the chat, image or video answer of one request, or the error it ended with. The
chat, image and video wrappers come from their distributions, imported when first read, so
that ``import xai_sdk.batch`` stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import grpc

from xai_sdk.meta import ProtoDecorator
from xai_sdk.proto import batch_pb2

if TYPE_CHECKING:
    from xai_sdk.chat import Response
    from xai_sdk.image import BaseImageResponse
    from xai_sdk.video import VideoResponse

__all__ = ["BatchResult", "ListBatchResultsResponse"]


class BatchResult(ProtoDecorator[batch_pb2.BatchResult]):
    """The outcome of one request of a batch: its answer (chat, image or video) or its error.

    A request that failed, or that was cancelled with its batch before it was processed, has an
    error: `has_error` is True, `error_message` says why and `error_code` gives the status (e.g.
    ``grpc.StatusCode.CANCELLED``).
    """

    @property
    def batch_request_id(self) -> str:
        """The request's id in the batch: the one it was added with, or one the API chose."""
        return self._proto.batch_request_id

    @property
    def response(self) -> Response:
        """The chat completion, as a `xai_sdk.chat.Response` (``.content``, ``.usage``, ...).

        As in the official SDK, a result that holds no completion (an image or video, or an
        error) reads as an empty response.
        """
        from xai_sdk.chat import Response  # noqa: PLC0415 - imported when first used

        return Response(self._proto.response.completion_response, 0)

    @property
    def image_response(self) -> BaseImageResponse:
        """The generated image, as a `xai_sdk.image.BaseImageResponse` (``.url``, ``.base64``, ...).

        It has no ``image`` download attribute (as in the official SDK): download ``.url``
        yourself. A result without an image raises `IndexError` (as in the official SDK), saying
        what the result holds instead.
        """
        from xai_sdk.image import BaseImageResponse  # noqa: PLC0415 - imported when first used

        image = self._proto.response.image_response
        if not image.images:
            raise IndexError(f"this batch result holds no image: it {self._holds()}")
        return BaseImageResponse(image, 0)

    @property
    def video_response(self) -> VideoResponse:
        """The generated video, as a `xai_sdk.video.VideoResponse` (``.url``, ``.duration``, ...).

        As in the official SDK, a result that holds no video reads as an empty response (whose
        ``url`` raises `ValueError`).
        """
        from xai_sdk.video import VideoResponse  # noqa: PLC0415 - imported when first used

        return VideoResponse(self._proto.response.video_response)

    @property
    def has_error(self) -> bool:
        """Whether the request failed (or was cancelled)."""
        return bool(self._proto.error.code != 0)

    @property
    def is_success(self) -> bool:
        """Whether the request succeeded."""
        return bool(self._proto.error.code == 0)

    @property
    def error_message(self) -> str | None:
        """Why the request failed, or None if it succeeded."""
        return str(self._proto.error.message) if self._proto.error.code != 0 else None

    @property
    def error_code(self) -> grpc.StatusCode | None:
        """The status the request failed with (e.g. ``grpc.StatusCode.CANCELLED``), or None."""
        code = self._proto.error.code
        if code == 0:
            return None
        for status in grpc.StatusCode:
            if status.value[0] == code:
                return status
        return grpc.StatusCode.UNKNOWN

    def _holds(self) -> str:
        if self.has_error:
            return f"failed: {self.error_message}"
        kind = self._proto.response.WhichOneof("response")
        return {
            "completion_response": "holds a chat completion (read .response)",
            "video_response": "holds a video (read .video_response)",
            "image_response": "holds an image response without images",
        }.get(kind or "", "holds no response")


class ListBatchResultsResponse(ProtoDecorator[batch_pb2.ListBatchResultsResponse]):
    """A page of a batch's results, from `client.batch.list_batch_results`."""

    @property
    def results(self) -> Sequence[BatchResult]:
        """Every result of the page, successful or not."""
        return [BatchResult(result) for result in self._proto.results]

    @property
    def succeeded(self) -> Sequence[BatchResult]:
        """The page's successful results."""
        return [BatchResult(result) for result in self._proto.results if result.error.code == 0]

    @property
    def failed(self) -> Sequence[BatchResult]:
        """The page's failed (and cancelled) results."""
        return [BatchResult(result) for result in self._proto.results if result.error.code != 0]

    @property
    def pagination_token(self) -> str | None:
        """The token of the next page, or None when this is the last page."""
        return self._proto.pagination_token or None
