"""The models the emulator knows. Names follow xAI's; prices and limits are illustrative only."""

from __future__ import annotations

from dataclasses import dataclass

from xai_sdk.emulator._base import EMULATOR_EPOCH, timestamp
from xai_sdk.proto import models_pb2

TEXT, IMAGE, EMBEDDING = models_pb2.TEXT, models_pb2.IMAGE, models_pb2.EMBEDDING
FINGERPRINT = "fp_emulator"


def _language(
    name: str,
    aliases: list[str],
    *,
    prompt_price: int,
    completion_price: int,
    context: int,
    images: bool = False,
) -> models_pb2.LanguageModel:
    return models_pb2.LanguageModel(
        name=name,
        aliases=aliases,
        version="1.0.0",
        input_modalities=[TEXT, IMAGE] if images else [TEXT],
        output_modalities=[TEXT],
        prompt_text_token_price=prompt_price,
        prompt_image_token_price=prompt_price if images else 0,
        cached_prompt_token_price=prompt_price // 4,
        completion_text_token_price=completion_price,
        search_price=250_000_000,
        created=timestamp(EMULATOR_EPOCH),
        max_prompt_length=context,
        system_fingerprint=FINGERPRINT,
    )


LANGUAGE_MODELS = [
    _language(
        "grok-4",
        ["grok-4-latest", "grok-4-0709"],
        prompt_price=30_000,
        completion_price=150_000,
        context=256_000,
        images=True,
    ),
    _language(
        "grok-4-fast-reasoning",
        ["grok-4-fast", "grok-4-fast-reasoning-latest"],
        prompt_price=2_000,
        completion_price=5_000,
        context=2_000_000,
        images=True,
    ),
    _language(
        "grok-4-fast-non-reasoning",
        ["grok-4-fast-non-reasoning-latest"],
        prompt_price=2_000,
        completion_price=5_000,
        context=2_000_000,
        images=True,
    ),
    _language(
        "grok-4-1-fast-reasoning",
        ["grok-4-1-fast", "grok-4-1-fast-reasoning-latest"],
        prompt_price=2_000,
        completion_price=5_000,
        context=2_000_000,
        images=True,
    ),
    _language(
        "grok-4-1-fast-non-reasoning",
        ["grok-4-1-fast-non-reasoning-latest"],
        prompt_price=2_000,
        completion_price=5_000,
        context=2_000_000,
        images=True,
    ),
    _language(
        "grok-4.20-0309-reasoning",
        ["grok-4.20", "grok-4.20-0309", "grok-4.20-reasoning-latest"],
        prompt_price=20_000,
        completion_price=60_000,
        context=2_000_000,
        images=True,
    ),
    _language(
        "grok-4.20-0309-non-reasoning",
        ["grok-4.20-non-reasoning", "grok-4.20-non-reasoning-latest"],
        prompt_price=20_000,
        completion_price=60_000,
        context=2_000_000,
        images=True,
    ),
    _language(
        "grok-4.20-multi-agent-0309",
        ["grok-4.20-multi-agent", "grok-4.20-multi-agent-latest"],
        prompt_price=20_000,
        completion_price=60_000,
        context=2_000_000,
        images=True,
    ),
    _language(
        "grok-4.3",
        ["grok-4.3-latest"],
        prompt_price=30_000,
        completion_price=150_000,
        context=1_000_000,
        images=True,
    ),
    _language(
        "grok-4.5",
        ["grok-4.5-latest"],
        prompt_price=30_000,
        completion_price=150_000,
        context=1_000_000,
        images=True,
    ),
    _language("grok-4.6", [], prompt_price=30_000, completion_price=150_000, context=1_000_000, images=True),
    _language("grok-3", ["grok-3-latest"], prompt_price=30_000, completion_price=150_000, context=131_072),
    _language(
        "grok-3-mini", ["grok-3-mini-latest"], prompt_price=3_000, completion_price=5_000, context=131_072
    ),
    _language(
        "grok-3-fast", ["grok-3-fast-latest"], prompt_price=50_000, completion_price=250_000, context=131_072
    ),
    _language(
        "grok-3-mini-fast",
        ["grok-3-mini-fast-latest"],
        prompt_price=6_000,
        completion_price=40_000,
        context=131_072,
    ),
    _language("grok-code-fast-1", [], prompt_price=2_000, completion_price=15_000, context=256_000),
    _language("grok-build-0.1", [], prompt_price=2_000, completion_price=15_000, context=256_000),
]
"""Every chat model name of the official SDK's ``ChatModel`` is one of these or an alias of one."""

EMBEDDING_MODELS = [
    models_pb2.EmbeddingModel(
        name="grok-embedding-small",
        aliases=["embedding-latest"],
        version="1.0.0",
        input_modalities=[TEXT],
        output_modalities=[EMBEDDING],
        prompt_text_token_price=200,
        created=timestamp(EMULATOR_EPOCH),
        system_fingerprint=FINGERPRINT,
    )
]

IMAGE_GENERATION_MODELS = [
    models_pb2.ImageGenerationModel(
        name=name,
        aliases=aliases,
        version="1.0.0",
        input_modalities=[TEXT, IMAGE],
        output_modalities=[IMAGE],
        image_price=price,
        created=timestamp(EMULATOR_EPOCH),
        max_prompt_length=8_192,
        system_fingerprint=FINGERPRINT,
    )
    for name, aliases, price in [
        ("grok-imagine-image", ["grok-imagine-image-latest"], 700_000_000),
        ("grok-imagine-image-2.0", [], 800_000_000),
        ("grok-imagine-image-quality", [], 1_000_000_000),
    ]
]
"""Every name of the official SDK's ``ImageGenerationModel``; `image_price` is in USD ticks (1e-10 $)."""


@dataclass(frozen=True)
class VideoGenerationModel:
    """A video model of the emulator (the API has no RPC that lists them)."""

    name: str
    aliases: tuple[str, ...] = ()
    price_per_second: int = 0
    """USD ticks (1e-10 $) per second of generated video."""


VIDEO_GENERATION_MODELS = [
    VideoGenerationModel("grok-imagine-video", ("grok-imagine-video-latest",), price_per_second=500_000_000),
    VideoGenerationModel("grok-imagine-video-1.5", (), price_per_second=700_000_000),
]
"""Every name of the official SDK's ``VideoGenerationModel``."""


def find(models: list, name: str):  # type: ignore[type-arg, no-untyped-def]
    """The model called `name` or having it as an alias, or None."""
    for model in models:
        if model.name == name or name in model.aliases:
            return model
    return None
