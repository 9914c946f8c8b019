"""The emulator's models differ as the real ones do, and account for usage as the real API does.

Reasoning models always report reasoning tokens (grok-3-mini and grok-code-fast-1 also return the
reasoning as text, the others only encrypted on request); reasoning_effort, penalties and stop
are refused where the real models refuse them, with the real wording; text-only models refuse
images; context lengths hold; unknown models are refused with the real status per service;
usage counts images, the prompt cache and streams as they go; answers vary with the sampling
settings, deterministically. Sync and async clients, where what the client does matters.
"""

from __future__ import annotations

import base64
from typing import Any

import grpc
import pytest

from tests.conftest import outcome
from xai_sdk import AsyncClient, errors
from xai_sdk.chat import image, user
from xai_sdk.emulator import Emulator, catalog
from xai_sdk.emulator._chat_usage import IMAGE_TOKENS
from xai_sdk.proto import chat_pb2, image_pb2, tokenize_pb2, video_pb2

URL = "https://example.com/cat.jpg"


async def sample(client: Any, model: str, *messages: Any, **settings: Any) -> Any:
    return await outcome(
        client.chat.create(model, messages=list(messages) or [user("Hello")], **settings).sample()
    )


async def stream(client: Any, model: str, **settings: Any) -> list[tuple[Any, Any]]:
    items = client.chat.create(model, messages=[user("Hello there")], **settings).stream()
    if isinstance(client, AsyncClient):
        return [item async for item in items]
    return list(items)


def test_every_language_model_has_capabilities() -> None:
    for model in catalog.LANGUAGE_MODELS:
        capabilities = catalog.capabilities(model.name)
        assert model.max_prompt_length == capabilities.context
        assert (catalog.IMAGE in model.input_modalities) == capabilities.images


# -- reasoning --------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["grok-4", "grok-4-fast-reasoning", "grok-4.20-0309-reasoning"])
async def test_a_reasoning_model_reports_reasoning_tokens_without_returning_its_reasoning(
    client: Any, model: str
) -> None:
    response = await sample(client, model)
    assert response.usage.reasoning_tokens > 0
    assert response.reasoning_content == "" and response.encrypted_content == ""
    usage = response.usage
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens + usage.reasoning_tokens


@pytest.mark.parametrize("model", ["grok-3-mini", "grok-3-mini-fast", "grok-code-fast-1"])
async def test_some_reasoning_models_return_their_reasoning_as_text(client: Any, model: str) -> None:
    response = await sample(client, model)
    assert response.reasoning_content.startswith("Reasoning")
    assert response.usage.reasoning_tokens > 0


@pytest.mark.parametrize("model", ["grok-3", "grok-4-fast-non-reasoning", "grok-4.20-0309-non-reasoning"])
async def test_a_non_reasoning_model_reports_no_reasoning(client: Any, model: str) -> None:
    response = await sample(client, model)
    assert (response.reasoning_content, response.usage.reasoning_tokens) == ("", 0)


async def test_use_encrypted_content_returns_the_reasoning_encrypted(client: Any) -> None:
    response = await sample(client, "grok-4", use_encrypted_content=True)
    encrypted = response.encrypted_content
    assert encrypted and response.reasoning_content == ""
    assert b"Reasoning" not in base64.b64decode(encrypted)  # opaque, not the reasoning in clear


async def test_more_effort_reasons_longer(client: Any) -> None:
    low = await sample(client, "grok-3-mini", reasoning_effort="low")
    high = await sample(client, "grok-3-mini", reasoning_effort="high")
    assert 0 < low.usage.reasoning_tokens < high.usage.reasoning_tokens


async def test_effort_none_turns_reasoning_off_where_the_model_takes_it(client: Any) -> None:
    assert (await sample(client, "grok-4.3")).usage.reasoning_tokens > 0  # low by default
    assert (await sample(client, "grok-4.3", reasoning_effort="none")).usage.reasoning_tokens == 0


@pytest.mark.parametrize("model", ["grok-4", "grok-3", "grok-4-1-fast-reasoning", "grok-code-fast-1"])
async def test_reasoning_effort_is_refused_by_models_that_do_not_take_it(client: Any, model: str) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="does not support parameter reasoningEffort"):
        await sample(client, model, reasoning_effort="high")


async def test_an_effort_outside_the_models_levels_is_refused(client: Any) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="'medium'; it takes low, high"):
        await sample(client, "grok-3-mini", reasoning_effort="medium")


@pytest.mark.parametrize(
    ("setting", "wire_name"),
    [
        ({"presence_penalty": 0.5}, "presencePenalty"),
        ({"frequency_penalty": 0.5}, "frequencyPenalty"),
        ({"stop": ["END"]}, "stop"),
    ],
)
async def test_reasoning_models_refuse_penalties_and_stop(
    client: Any, setting: dict[str, Any], wire_name: str
) -> None:
    with pytest.raises(
        errors.InvalidArgumentError, match=f"Argument not supported on this model: {wire_name}"
    ):
        await sample(client, "grok-4", **setting)
    assert (await sample(client, "grok-3", **setting)).content  # a model that does not reason takes them


# -- images and context -----------------------------------------------------------------------


async def test_a_text_only_model_refuses_images(client: Any) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="does not support image input"):
        await sample(client, "grok-3", user("What is this?", image(URL)))


async def test_image_input_counts_image_tokens_by_detail(client: Any) -> None:
    response = await sample(
        client, "grok-4", user("Compare", image(URL, detail="low"), image(URL, detail="high"))
    )
    usage = response.usage
    assert (
        usage.prompt_image_tokens == IMAGE_TOKENS[image_pb2.DETAIL_LOW] + IMAGE_TOKENS[image_pb2.DETAIL_HIGH]
    )
    assert usage.prompt_tokens == usage.prompt_text_tokens + usage.prompt_image_tokens
    assert usage.prompt_text_tokens == 1  # "Compare"


async def test_a_prompt_longer_than_the_context_is_refused(client: Any) -> None:
    words = " word" * 131_073  # one token each
    with pytest.raises(errors.InvalidArgumentError) as raised:
        await sample(client, "grok-3", user(words))
    assert "This model's maximum prompt length is 131072 but the request contains 131073 tokens." in str(
        raised.value
    )


# -- unknown models, per service --------------------------------------------------------------


async def test_an_unknown_chat_model_is_invalid_argument_model_not_found(client: Any) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="Model not found: grok-99"):
        await sample(client, "grok-99")


async def test_an_image_model_on_chat_names_the_endpoint_to_use(client: Any) -> None:
    with pytest.raises(errors.InvalidArgumentError, match="is an image model and is therefore not available"):
        await sample(client, "grok-imagine-image")


def _raw(emulator: Emulator, path: str, request: Any, response_type: Any) -> grpc.RpcError:
    with grpc.insecure_channel(emulator.address) as channel:
        rpc = channel.unary_unary(
            path,
            request_serializer=type(request).SerializeToString,
            response_deserializer=response_type.FromString,
        )
        with pytest.raises(grpc.RpcError) as raised:
            rpc(request, metadata=(("authorization", f"Bearer {emulator.api_key}"),), timeout=10)
    return raised.value


@pytest.mark.parametrize(
    ("path", "request_message", "response_type", "code", "details"),
    [
        (
            "/xai_api.Image/GenerateImage",
            image_pb2.GenerateImageRequest(model="nope", prompt="a cat"),
            image_pb2.ImageResponse,
            grpc.StatusCode.NOT_FOUND,
            "The model nope does not exist or your team emulator-team does not have access to it.",
        ),
        (
            "/xai_api.Video/GenerateVideo",
            video_pb2.GenerateVideoRequest(model="nope", prompt="a cat"),
            video_pb2.GetDeferredVideoResponse,
            grpc.StatusCode.NOT_FOUND,
            "The model nope does not exist or your team emulator-team does not have access to it.",
        ),
        (
            "/xai_api.Tokenize/TokenizeText",
            tokenize_pb2.TokenizeTextRequest(model="nope", text="hi"),
            tokenize_pb2.TokenizeTextResponse,
            grpc.StatusCode.NOT_FOUND,
            "The model 'nope' does not exist.",
        ),
        (
            "/xai_api.Chat/CompactContext",
            chat_pb2.CompactContextRequest(model="nope", input=[chat_pb2.Message(role=chat_pb2.ROLE_USER)]),
            chat_pb2.CompactContextResponse,
            grpc.StatusCode.INVALID_ARGUMENT,
            "Model not found: nope",
        ),
    ],
)
def test_each_service_refuses_an_unknown_model_with_its_status(
    xai_emulator: Emulator, path: str, request_message: Any, response_type: Any, code: Any, details: str
) -> None:
    error = _raw(xai_emulator, path, request_message, response_type)
    assert error.code() is code
    assert details in error.details()


# -- usage ------------------------------------------------------------------------------------


async def test_resending_a_prompt_serves_it_from_the_cache(client: Any) -> None:
    long_prompt = "Summarize the following. " + "The quick brown fox jumps over the lazy dog. " * 50
    first = await sample(client, "grok-3", user(long_prompt))
    second = await sample(client, "grok-3", user(long_prompt))
    assert first.usage.cached_prompt_text_tokens == 0
    assert second.usage.cached_prompt_text_tokens == second.usage.prompt_text_tokens - 1
    assert second.usage.prompt_tokens == first.usage.prompt_tokens
    assert second.usage.cost_in_usd_ticks < first.usage.cost_in_usd_ticks


async def test_the_cache_serves_the_leading_messages_a_conversation_shares(client: Any) -> None:
    system_prompt = chat_pb2.Message(
        role=chat_pb2.ROLE_SYSTEM, content=[chat_pb2.Content(text="Be brief here.")]
    )
    await sample(client, "grok-3", system_prompt, user("first question"))
    later = await sample(client, "grok-3", system_prompt, user("another question"))
    assert later.usage.cached_prompt_text_tokens == 4  # "Be", " brief", " here", "."
    other_model = await sample(client, "grok-3-fast", system_prompt, user("another question"))
    assert other_model.usage.cached_prompt_text_tokens == 0  # each model has its own cache


async def test_reset_empties_the_prompt_cache(client: Any, xai_emulator: Emulator) -> None:
    await sample(client, "grok-3", user("same words"))
    xai_emulator.reset()
    assert (await sample(client, "grok-3", user("same words"))).usage.cached_prompt_text_tokens == 0


async def test_every_chunk_carries_the_usage_so_far(client: Any) -> None:
    items = await stream(client, "grok-4")
    chunks = [chunk.proto for _, chunk in items]
    reasoning = [chunk.usage.reasoning_tokens for chunk in chunks]
    completion = [chunk.usage.completion_tokens for chunk in chunks]
    assert reasoning == sorted(reasoning) and completion == sorted(completion)
    assert reasoning[0] == 1 and completion[0] == 0  # the model thinks first ...
    thinking = [chunk for chunk in chunks if chunk.usage.completion_tokens == 0]
    assert all(not chunk.outputs[0].delta.content for chunk in thinking)  # ... without showing it
    response = items[-1][0]
    assert response.usage.reasoning_tokens == reasoning[-1] > 0
    assert response.usage.completion_tokens == completion[-1] == 2  # "Hello", " there"
    assert all(chunk.usage.prompt_tokens == 2 for chunk in chunks)


# -- sampling ---------------------------------------------------------------------------------


async def test_the_same_seed_gives_the_same_answer_and_another_seed_another(client: Any) -> None:
    first = await sample(client, "grok-3", seed=7)
    again = await sample(client, "grok-3", seed=7)
    other = await sample(client, "grok-3", seed=8)
    assert first.content == again.content != other.content
    assert first.content.startswith("Hello [sample ")


async def test_the_temperature_changes_the_answer_and_zero_is_greedy(client: Any) -> None:
    assert (await sample(client, "grok-3")).content == "Hello"
    warm = await sample(client, "grok-3", temperature=0.9)
    hot = await sample(client, "grok-3", temperature=1.5)
    assert warm.content != hot.content and "Hello" in warm.content
    assert (await sample(client, "grok-3", temperature=0, seed=3)).content == "Hello"


async def test_n_answers_differ_from_one_another(client: Any) -> None:
    chat = client.chat.create("grok-3", messages=[user("Hello")], seed=1)
    with pytest.warns(PendingDeprecationWarning):
        responses = await outcome(chat.sample_batch(4))
    contents = [response.content for response in responses]
    assert len(set(contents)) == 4
    with pytest.warns(PendingDeprecationWarning):
        again = await outcome(client.chat.create("grok-3", messages=[user("Hello")], seed=1).sample_batch(4))
    assert [response.content for response in again] == contents
