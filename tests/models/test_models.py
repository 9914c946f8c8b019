from __future__ import annotations

import pytest

from tests.conftest import outcome
from xai_sdk import errors
from xai_sdk.emulator import Emulator, catalog
from xai_sdk.proto import models_pb2


async def test_list_language_models(client) -> None:
    models = await outcome(client.models.list_language_models())
    assert [model.name for model in models] == [model.name for model in catalog.LANGUAGE_MODELS]
    assert all(isinstance(model, models_pb2.LanguageModel) for model in models)


async def test_list_embedding_models(client) -> None:
    models = await outcome(client.models.list_embedding_models())
    assert [model.name for model in models] == ["grok-embedding-small"]


async def test_list_image_generation_models(client) -> None:
    models = await outcome(client.models.list_image_generation_models())
    assert "grok-imagine-image" in [model.name for model in models]


@pytest.mark.parametrize("name", ["grok-4", "grok-4-latest"])
async def test_get_language_model_by_name_or_alias(client, name: str) -> None:
    model = await outcome(client.models.get_language_model(name))
    assert model.name == "grok-4"
    assert models_pb2.IMAGE in model.input_modalities
    assert model.max_prompt_length > 0


async def test_get_embedding_model(client) -> None:
    assert (
        await outcome(client.models.get_embedding_model("embedding-latest"))
    ).name == "grok-embedding-small"


async def test_get_image_generation_model(client) -> None:
    model = await outcome(client.models.get_image_generation_model("grok-imagine-image"))
    assert model.image_price > 0


@pytest.mark.parametrize(
    "method", ["get_language_model", "get_embedding_model", "get_image_generation_model"]
)
async def test_an_unknown_model_is_not_found(client, method: str) -> None:
    with pytest.raises(errors.NotFoundError, match="no-such-model"):
        await outcome(getattr(client.models, method)("no-such-model"))


async def test_a_blank_model_name_is_refused_before_any_rpc(client, xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        await outcome(client.models.get_language_model("  "))
    with pytest.raises(TypeError, match="must be a string"):
        await outcome(client.models.get_language_model(None))
    assert xai_emulator.requests == []
