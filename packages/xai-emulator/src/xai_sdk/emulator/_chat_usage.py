"""How the emulator's chat model accounts for a request: prompt tokens, images, the prompt cache, cost.

The real API counts the text and the images of the prompt separately, serves the leading
messages a previous request already sent from its prompt cache (reported as
``cached_prompt_text_tokens``, billed at the cheaper cached price), and bills reasoning tokens as
completion tokens. The numbers here are the emulator's own (its tokenizer is not xAI's, and an
image counts a fixed number of tokens by its detail level), but they add up the way the real
ones do.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from xai_sdk.emulator.services.tokenize import tokenize
from xai_sdk.proto import chat_pb2, image_pb2, models_pb2, usage_pb2

__all__ = [
    "IMAGE_TOKENS",
    "Prompt",
    "PromptCache",
    "count_prompt",
    "has_images",
    "sampling_usage",
]

IMAGE_TOKENS = {image_pb2.DETAIL_LOW: 256, image_pb2.DETAIL_HIGH: 1_792}
"""Tokens an input image counts, by its detail level (any other level: `DEFAULT_IMAGE_TOKENS`).

Illustrative: the real count depends on the image's size, which the emulator does not download.
"""
DEFAULT_IMAGE_TOKENS = 1_024


@dataclass(frozen=True)
class Prompt:
    """The prompt of a request as the usage reports it."""

    text_tokens: int
    image_tokens: int = 0
    cached_text_tokens: int = 0

    @property
    def tokens(self) -> int:
        """All prompt tokens: text and images."""
        return self.text_tokens + self.image_tokens


def _message_text_tokens(message: chat_pb2.Message) -> int:
    text = " ".join(content.text for content in message.content if content.WhichOneof("content") == "text")
    return len(tokenize(text))


def _image_tokens(message: chat_pb2.Message) -> int:
    return sum(
        IMAGE_TOKENS.get(content.image_url.detail, DEFAULT_IMAGE_TOKENS)
        for content in message.content
        if content.WhichOneof("content") == "image_url"
    )


def has_images(messages: Sequence[chat_pb2.Message]) -> bool:
    """Whether any message holds an image part."""
    return any(content.WhichOneof("content") == "image_url" for m in messages for content in m.content)


def count_prompt(messages: Sequence[chat_pb2.Message], cached_messages: int = 0) -> Prompt:
    """The tokens of a conversation; its first `cached_messages` messages come from the cache.

    At least one token is always computed afresh: a prompt sent twice reports all its text
    tokens but one as cached, as the real API does.
    """
    text = sum(_message_text_tokens(message) for message in messages)
    cached = sum(_message_text_tokens(message) for message in messages[:cached_messages])
    images = sum(_image_tokens(message) for message in messages)
    return Prompt(text, images, max(0, min(cached, text - 1)))


class PromptCache:
    """The leading messages of the requests seen so far, per model: what a new request can reuse.

    Like the real API's prompt cache it matches whole messages from the start of the
    conversation: the longest run of leading messages that an earlier request of the same model
    also started with is served from the cache.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._prefixes: set[tuple[str, bytes]] = set()

    @staticmethod
    def _chain(messages: Sequence[chat_pb2.Message]) -> list[bytes]:
        """Digests of each leading run of messages: ``chain[i]`` stands for ``messages[: i + 1]``."""
        digests, running = [], hashlib.sha256()
        for message in messages:
            running.update(hashlib.sha256(message.SerializeToString(deterministic=True)).digest())
            digests.append(running.copy().digest())
        return digests

    def use(self, model: str, messages: Sequence[chat_pb2.Message]) -> int:
        """How many leading messages are cached; then remember this conversation's prefixes."""
        chain = self._chain(messages)
        with self._lock:
            cached = 0
            for length, digest in enumerate(chain, start=1):
                if (model, digest) not in self._prefixes:
                    break
                cached = length
            self._prefixes.update((model, digest) for digest in chain)
        return cached

    def clear(self) -> None:
        """Forget every prefix (``emulator.reset()``)."""
        with self._lock:
            self._prefixes.clear()


def sampling_usage(
    model: models_pb2.LanguageModel,
    prompt: Prompt,
    completion_tokens: int,
    reasoning_tokens: int,
    *,
    tool_costs: int = 0,
    sources: int = 0,
    server_side_tools: Sequence[int] = (),
) -> usage_pb2.SamplingUsage:
    """The usage of an answer, its cost included (reasoning is billed as completion tokens)."""
    fresh_text = prompt.text_tokens - prompt.cached_text_tokens
    cost = (
        fresh_text * model.prompt_text_token_price
        + prompt.cached_text_tokens * model.cached_prompt_token_price
        + prompt.image_tokens * model.prompt_image_token_price
        + (completion_tokens + reasoning_tokens) * model.completion_text_token_price
        + tool_costs
    )
    return usage_pb2.SamplingUsage(
        prompt_tokens=prompt.tokens,
        completion_tokens=completion_tokens,
        reasoning_tokens=reasoning_tokens,
        total_tokens=prompt.tokens + completion_tokens + reasoning_tokens,
        prompt_text_tokens=prompt.text_tokens,
        cached_prompt_text_tokens=prompt.cached_text_tokens,
        prompt_image_tokens=prompt.image_tokens,
        num_sources_used=sources,
        server_side_tools_used=server_side_tools,  # type: ignore[arg-type]
        cost_in_usd_ticks=cost,
    )
