"""`client.models`: the models available to your API key.

Each method returns the API's own messages (`xai_sdk.proto.models_pb2`): `LanguageModel`,
`EmbeddingModel` and `ImageGenerationModel`, with name, aliases, version, modalities, prices
(in USD cents per 100 million tokens, or per image) and limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from google.protobuf import empty_pb2

from xai_sdk._compat import lazy_names
from xai_sdk.arguments import non_empty_text
from xai_sdk.operations import Operation, Timeout, rpc, unary
from xai_sdk.proto import models_pb2
from xai_sdk.service import Async, Bound, ModeT, Sync, operation

if TYPE_CHECKING:  # imported on first access (the official module has them)
    from xai_sdk.proto import models_pb2_grpc

__all__ = ["AsyncModels", "BaseClient", "Models", "SyncModels", "models_pb2_grpc"]

LIST_LANGUAGE_MODELS = rpc(models_pb2, "Models", "ListLanguageModels")
LIST_EMBEDDING_MODELS = rpc(models_pb2, "Models", "ListEmbeddingModels")
LIST_IMAGE_GENERATION_MODELS = rpc(models_pb2, "Models", "ListImageGenerationModels")
GET_LANGUAGE_MODEL = rpc(models_pb2, "Models", "GetLanguageModel")
GET_EMBEDDING_MODEL = rpc(models_pb2, "Models", "GetEmbeddingModel")
GET_IMAGE_GENERATION_MODEL = rpc(models_pb2, "Models", "GetImageGenerationModel")


def _model_request(name: str) -> models_pb2.GetModelRequest:
    return models_pb2.GetModelRequest(name=non_empty_text("model name", name))


def _models(response: models_pb2.ListLanguageModelsResponse) -> Sequence[models_pb2.LanguageModel]:
    return response.models


def _embedding_models(
    response: models_pb2.ListEmbeddingModelsResponse,
) -> Sequence[models_pb2.EmbeddingModel]:
    return response.models


def _image_generation_models(
    response: models_pb2.ListImageGenerationModelsResponse,
) -> Sequence[models_pb2.ImageGenerationModel]:
    return response.models


class Models(Bound[ModeT]):
    """The ``models`` sub-client."""

    @operation
    def list_language_models(
        self, *, timeout: Timeout = None
    ) -> Operation[Sequence[models_pb2.LanguageModel]]:
        """List the language (chat) models available to the API key."""
        return unary(LIST_LANGUAGE_MODELS, empty_pb2.Empty(), _models, timeout=timeout)

    @operation
    def get_language_model(
        self, name: str, *, timeout: Timeout = None
    ) -> Operation[models_pb2.LanguageModel]:
        """Get one language model by name or alias; `NotFoundError` if there is none."""
        return unary(GET_LANGUAGE_MODEL, _model_request(name), timeout=timeout)

    @operation
    def list_embedding_models(
        self, *, timeout: Timeout = None
    ) -> Operation[Sequence[models_pb2.EmbeddingModel]]:
        """List the embedding models available to the API key."""
        return unary(LIST_EMBEDDING_MODELS, empty_pb2.Empty(), _embedding_models, timeout=timeout)

    @operation
    def get_embedding_model(
        self, name: str, *, timeout: Timeout = None
    ) -> Operation[models_pb2.EmbeddingModel]:
        """Get one embedding model by name or alias; `NotFoundError` if there is none."""
        return unary(GET_EMBEDDING_MODEL, _model_request(name), timeout=timeout)

    @operation
    def list_image_generation_models(
        self, *, timeout: Timeout = None
    ) -> Operation[Sequence[models_pb2.ImageGenerationModel]]:
        """List the image generation models available to the API key."""
        return unary(
            LIST_IMAGE_GENERATION_MODELS, empty_pb2.Empty(), _image_generation_models, timeout=timeout
        )

    @operation
    def get_image_generation_model(
        self, name: str, *, timeout: Timeout = None
    ) -> Operation[models_pb2.ImageGenerationModel]:
        """Get one image generation model by name or alias; `NotFoundError` if there is none."""
        return unary(GET_IMAGE_GENERATION_MODEL, _model_request(name), timeout=timeout)


class SyncModels(Models[Sync]):
    """``client.models`` of `xai_sdk.Client` (the official ``xai_sdk.sync.models.Client``)."""


class AsyncModels(Models[Async]):
    """``client.models`` of `xai_sdk.AsyncClient` (the official ``xai_sdk.aio.models.Client``)."""


BaseClient = Models
"""The official SDK's name of the models sub-client class."""

__getattr__ = lazy_names(__name__, {"models_pb2_grpc": "xai_sdk.proto"})
