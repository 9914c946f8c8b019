"""The models the emulator knows, and what each accepts and returns.

Names follow xAI's. Prices are illustrative; the capabilities (reasoning, efforts, image input,
context length) follow the real models, each entry naming its source.
"""

from __future__ import annotations

from dataclasses import dataclass

from xai_sdk.emulator._base import EMULATOR_EPOCH, timestamp
from xai_sdk.proto import chat_pb2, models_pb2

TEXT, IMAGE, EMBEDDING = models_pb2.TEXT, models_pb2.IMAGE, models_pb2.EMBEDDING
FINGERPRINT = "fp_emulator"


_NONE, _LOW, _MEDIUM, _HIGH, _XHIGH = (
    chat_pb2.EFFORT_NONE,
    chat_pb2.EFFORT_LOW,
    chat_pb2.EFFORT_MEDIUM,
    chat_pb2.EFFORT_HIGH,
    chat_pb2.EFFORT_XHIGH,
)


@dataclass(frozen=True)
class LanguageCapabilities:
    """What a language model of the emulator accepts and returns, where the real models differ.

    The chat service reads these to refuse what the real model refuses and to answer as it
    answers; the entries of `LANGUAGE_MODELS` cite where each fact comes from.
    """

    reasoning: bool
    """The model thinks before answering: every answer reports ``reasoning_tokens``."""
    reasoning_content: bool = False
    """The reasoning is returned as text (``reasoning_content``); otherwise only counted, and
    returned encrypted when the request sets ``use_encrypted_content``."""
    efforts: frozenset[int] = frozenset()
    """The ``reasoning_effort`` values accepted; empty: the parameter is refused."""
    default_effort: int | None = None
    """The effort used when the request sets none (None: the model's own fixed amount)."""
    images: bool = False
    """Image input is accepted."""
    context: int = 131_072
    """The longest prompt accepted, in tokens (the model's ``max_prompt_length``)."""
    verified: bool = True
    """False when the entry is inferred rather than read in a public source."""

    @property
    def takes_penalties_and_stop(self) -> bool:
        """Reasoning models refuse ``presence_penalty``, ``frequency_penalty`` and ``stop``."""
        return not self.reasoning


_CAPABILITIES: dict[str, LanguageCapabilities] = {}


def _language(
    name: str,
    aliases: list[str],
    capabilities: LanguageCapabilities,
    *,
    prompt_price: int,
    completion_price: int,
) -> models_pb2.LanguageModel:
    _CAPABILITIES[name] = capabilities
    return models_pb2.LanguageModel(
        name=name,
        aliases=aliases,
        version="1.0.0",
        input_modalities=[TEXT, IMAGE] if capabilities.images else [TEXT],
        output_modalities=[TEXT],
        prompt_text_token_price=prompt_price,
        prompt_image_token_price=prompt_price if capabilities.images else 0,
        cached_prompt_token_price=prompt_price // 4,
        completion_text_token_price=completion_price,
        search_price=250_000_000,
        created=timestamp(EMULATOR_EPOCH),
        max_prompt_length=capabilities.context,
        system_fingerprint=FINGERPRINT,
    )


# Sources of the capabilities below (read 2026; the real catalogue changes over time):
# [reasoning-guide] https://docs.x.ai/docs/guides/reasoning: "In Chat Completions, only grok-3-mini
#     returns message.reasoning_content"; grok-4 and grok-4-fast-reasoning do not, and return
#     encrypted reasoning with use_encrypted_content; reasoning_effort "is not supported by grok-3,
#     grok-4 and grok-4-fast-reasoning" (an error), grok-3-mini takes "low" or "high";
#     presencePenalty, frequencyPenalty and stop are refused by reasoning models.
# [reasoning-4.3] https://docs.x.ai/developers/model-capabilities/text/reasoning: grok-4.3 takes
#     "none" / "low" (default) / "medium" / "high"; grok-4.20-multi-agent "low" to "xhigh".
# [effort-matrix] github.com/NousResearch/hermes-agent pull 23435, checked against api.x.ai on
#     2026-05-10: reasoning_effort accepted by grok-3-mini(-fast), grok-4.3 and
#     grok-4.20-multi-agent, refused by grok-3, grok-4, grok-4-fast-*, grok-4-1-fast-*,
#     grok-4.20-0309-* and grok-code-fast-1.
# [code-fast-trace] a recorded grok-code-fast-1 stream (fantasy providertests,
#     xai-grok-code-fast/simple_streaming.yaml) carries reasoning_content deltas.
# [no-images] "The model does not support image input but some images are present in the
#     request." for grok-3 (github.com/lobehub/lobehub pull 7360).
# [context] "This model's maximum prompt length is 131072 but the request contains ... tokens."
#     for grok-3 (github.com/cline/cline issue 3120); other lengths from docs.x.ai/docs/models.
# [third-party] grok-4.5 and grok-4.6 efforts as proxies report them (github.com/Wei-Shaw/sub2api
#     issue 4409, github.com/egoist/waku issue 123): not checked against the API.
_REASONING_ONLY = LanguageCapabilities(reasoning=True, images=True, context=2_000_000)
_NON_REASONING = LanguageCapabilities(reasoning=False, images=True, context=2_000_000)
_MINI = LanguageCapabilities(
    reasoning=True, reasoning_content=True, efforts=frozenset({_LOW, _HIGH}), context=131_072
)

LANGUAGE_MODELS = [
    # [reasoning-guide], [effort-matrix]
    _language(
        "grok-4",
        ["grok-4-latest", "grok-4-0709"],
        LanguageCapabilities(reasoning=True, images=True, context=256_000),
        prompt_price=30_000,
        completion_price=150_000,
    ),
    # [reasoning-guide], [effort-matrix]
    _language(
        "grok-4-fast-reasoning",
        ["grok-4-fast", "grok-4-fast-reasoning-latest"],
        _REASONING_ONLY,
        prompt_price=2_000,
        completion_price=5_000,
    ),
    # [effort-matrix]
    _language(
        "grok-4-fast-non-reasoning",
        ["grok-4-fast-non-reasoning-latest"],
        _NON_REASONING,
        prompt_price=2_000,
        completion_price=5_000,
    ),
    # [effort-matrix]
    _language(
        "grok-4-1-fast-reasoning",
        ["grok-4-1-fast", "grok-4-1-fast-reasoning-latest"],
        _REASONING_ONLY,
        prompt_price=2_000,
        completion_price=5_000,
    ),
    _language(
        "grok-4-1-fast-non-reasoning",
        ["grok-4-1-fast-non-reasoning-latest"],
        _NON_REASONING,
        prompt_price=2_000,
        completion_price=5_000,
    ),
    # [effort-matrix]; github.com/chenyme/grok2api issue 814 quotes the refusal
    _language(
        "grok-4.20-0309-reasoning",
        ["grok-4.20", "grok-4.20-0309", "grok-4.20-reasoning-latest"],
        _REASONING_ONLY,
        prompt_price=20_000,
        completion_price=60_000,
    ),
    _language(
        "grok-4.20-0309-non-reasoning",
        ["grok-4.20-non-reasoning", "grok-4.20-non-reasoning-latest"],
        _NON_REASONING,
        prompt_price=20_000,
        completion_price=60_000,
    ),
    # [reasoning-4.3]: the effort picks how many agents work (4 or 16)
    _language(
        "grok-4.20-multi-agent-0309",
        ["grok-4.20-multi-agent", "grok-4.20-multi-agent-latest"],
        LanguageCapabilities(
            reasoning=True,
            efforts=frozenset({_LOW, _MEDIUM, _HIGH, _XHIGH}),
            images=True,
            context=2_000_000,
        ),
        prompt_price=20_000,
        completion_price=60_000,
    ),
    # [reasoning-4.3]
    _language(
        "grok-4.3",
        ["grok-4.3-latest"],
        LanguageCapabilities(
            reasoning=True,
            efforts=frozenset({_NONE, _LOW, _MEDIUM, _HIGH}),
            default_effort=_LOW,
            images=True,
            context=1_000_000,
        ),
        prompt_price=30_000,
        completion_price=150_000,
    ),
    # [third-party]
    _language(
        "grok-4.5",
        ["grok-4.5-latest"],
        LanguageCapabilities(
            reasoning=True,
            efforts=frozenset({_LOW, _MEDIUM, _HIGH}),
            default_effort=_HIGH,
            images=True,
            context=1_000_000,
            verified=False,
        ),
        prompt_price=30_000,
        completion_price=150_000,
    ),
    # [third-party]
    _language(
        "grok-4.6",
        [],
        LanguageCapabilities(
            reasoning=True,
            efforts=frozenset({_LOW, _MEDIUM, _HIGH, _XHIGH}),
            default_effort=_HIGH,
            images=True,
            context=1_000_000,
            verified=False,
        ),
        prompt_price=30_000,
        completion_price=150_000,
    ),
    # [reasoning-guide] (not a reasoning model), [no-images], [context], [effort-matrix]
    _language(
        "grok-3",
        ["grok-3-latest"],
        LanguageCapabilities(reasoning=False),
        prompt_price=30_000,
        completion_price=150_000,
    ),
    # [reasoning-guide], [effort-matrix]
    _language("grok-3-mini", ["grok-3-mini-latest"], _MINI, prompt_price=3_000, completion_price=5_000),
    _language(
        "grok-3-fast",
        ["grok-3-fast-latest"],
        LanguageCapabilities(reasoning=False),
        prompt_price=50_000,
        completion_price=250_000,
    ),
    _language(
        "grok-3-mini-fast", ["grok-3-mini-fast-latest"], _MINI, prompt_price=6_000, completion_price=40_000
    ),
    # [code-fast-trace], [effort-matrix]
    _language(
        "grok-code-fast-1",
        [],
        LanguageCapabilities(reasoning=True, reasoning_content=True, context=256_000),
        prompt_price=2_000,
        completion_price=15_000,
    ),
    # Takes images (github.com/router-for-me/CLIProxyAPI issue 3746); the rest is inferred.
    _language(
        "grok-build-0.1",
        [],
        LanguageCapabilities(reasoning=True, images=True, context=256_000, verified=False),
        prompt_price=2_000,
        completion_price=15_000,
    ),
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


TEAM_ID = "emulator-team"
"""The team every key of the emulator belongs to (as ``auth.get_api_key_info`` reports)."""


def no_such_model(name: str) -> str:
    """The wording of the real API for a model a team cannot use (HTTP 404, gRPC NOT_FOUND).

    Seen on ``api.x.ai`` for unknown models (github.com/ChatGPTNextWeb/NextChat issue 6397,
    github.com/yihong0618/bilingual_book_maker issue 464); the chat service now answers
    ``Model not found: <name>`` instead, the image and video services are not documented.
    """
    return (
        f"The model {name} does not exist or your team {TEAM_ID} does not have access to it. "
        "Please ensure you're using the correct API key. If you believe this is a mistake, "
        "please contact support and quote your team ID and the model name."
    )


def capabilities(name: str) -> LanguageCapabilities:
    """The capabilities of the language model called `name` (its canonical name, not an alias)."""
    return _CAPABILITIES[name]


def find(models: list, name: str):  # type: ignore[type-arg, no-untyped-def]
    """The model called `name` or having it as an alias, or None."""
    for model in models:
        if model.name == name or name in model.aliases:
            return model
    return None
