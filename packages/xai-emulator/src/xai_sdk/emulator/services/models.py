"""xai_api.Models: the emulator's fixed model catalog."""

from __future__ import annotations

import grpc
from google.protobuf import empty_pb2

from xai_sdk.emulator import catalog
from xai_sdk.emulator._base import EmulatorCall, RpcAbort
from xai_sdk.proto import models_pb2


def _lookup(models: list, request: models_pb2.GetModelRequest, kind: str):  # type: ignore[type-arg, no-untyped-def]
    model = catalog.find(models, request.name)
    if model is None:
        raise RpcAbort(grpc.StatusCode.NOT_FOUND, f"The {kind} model {request.name!r} does not exist.")
    return model


class Models:
    """Lists and looks up the models of `xai_sdk.emulator.catalog`, by name or alias."""

    full_name = "xai_api.Models"

    def ListLanguageModels(
        self, request: empty_pb2.Empty, call: EmulatorCall
    ) -> models_pb2.ListLanguageModelsResponse:
        """All language models."""
        return models_pb2.ListLanguageModelsResponse(models=catalog.LANGUAGE_MODELS)

    def ListEmbeddingModels(
        self, request: empty_pb2.Empty, call: EmulatorCall
    ) -> models_pb2.ListEmbeddingModelsResponse:
        """All embedding models."""
        return models_pb2.ListEmbeddingModelsResponse(models=catalog.EMBEDDING_MODELS)

    def ListImageGenerationModels(
        self, request: empty_pb2.Empty, call: EmulatorCall
    ) -> models_pb2.ListImageGenerationModelsResponse:
        """All image generation models."""
        return models_pb2.ListImageGenerationModelsResponse(models=catalog.IMAGE_GENERATION_MODELS)

    def GetLanguageModel(
        self, request: models_pb2.GetModelRequest, call: EmulatorCall
    ) -> models_pb2.LanguageModel:
        """One language model, or NOT_FOUND."""
        return _lookup(catalog.LANGUAGE_MODELS, request, "language")  # type: ignore[no-any-return]

    def GetEmbeddingModel(
        self, request: models_pb2.GetModelRequest, call: EmulatorCall
    ) -> models_pb2.EmbeddingModel:
        """One embedding model, or NOT_FOUND."""
        return _lookup(catalog.EMBEDDING_MODELS, request, "embedding")  # type: ignore[no-any-return]

    def GetImageGenerationModel(
        self, request: models_pb2.GetModelRequest, call: EmulatorCall
    ) -> models_pb2.ImageGenerationModel:
        """One image generation model, or NOT_FOUND."""
        return _lookup(catalog.IMAGE_GENERATION_MODELS, request, "image generation")  # type: ignore[no-any-return]
