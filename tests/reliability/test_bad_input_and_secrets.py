"""Malformed arguments fail cleanly before any RPC; malformed answers never crash; the key never leaks."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import grpc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xai_sdk import Client, errors
from xai_sdk._config import ClientConfig
from xai_sdk.chat import Chunk, CompletionOutputChunk, Response, file, image, tool, tool_result, user
from xai_sdk.emulator import Emulator
from xai_sdk.proto import chat_pb2, usage_pb2

KEY = "xai-secret-key-0123456789abcdef"

# Values of every shape, including the ones each parameter accepts.
anything = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.binary(max_size=10)
    | st.timedeltas(min_value=timedelta(seconds=-10), max_value=timedelta(days=1)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def fails_cleanly_or_succeeds(action: Callable[[], Any]) -> None:
    """The action works, or raises ValueError/TypeError with a message saying what is wrong."""
    try:
        action()
    except (ValueError, TypeError) as error:
        assert str(error).strip(), f"{type(error).__name__} without a message"


CREATE_PARAMETERS = [
    "conversation_id", "messages", "user", "safety_identifier", "max_tokens", "seed", "stop", "temperature",
    "top_p", "logprobs", "top_logprobs", "tools", "tool_choice", "parallel_tool_calls", "response_format",
    "frequency_penalty", "presence_penalty", "reasoning_effort", "search_parameters", "store_messages",
    "previous_response_id", "use_encrypted_content", "max_turns", "include", "agent_count",
    "batch_request_id", "service_tier", "guidelines",
]  # fmt: skip


@pytest.mark.parametrize("parameter", CREATE_PARAMETERS)
def test_chat_create_refuses_malformed_values_cleanly(
    xai_client: Client, xai_emulator: Emulator, parameter
) -> None:
    @FAST
    @given(value=anything)
    def check(value: Any) -> None:
        fails_cleanly_or_succeeds(lambda: xai_client.chat.create("grok-4", **{parameter: value}))

    check()
    assert xai_emulator.requests == []


CLIENT_PARAMETERS = ["api_host", "metadata", "channel_options", "timeout", "use_insecure_channel", "retry"]


@pytest.mark.parametrize("parameter", CLIENT_PARAMETERS)
def test_client_construction_refuses_malformed_values_cleanly(parameter: str) -> None:
    @FAST
    @given(value=anything)
    def check(value: Any) -> None:
        fails_cleanly_or_succeeds(lambda: ClientConfig.resolve(KEY, **{parameter: value}))

    check()


HELPERS: list[tuple[str, Callable[[Any], Any]]] = [
    ("user", user),
    ("image", image),
    ("image detail", lambda value: image("https://example.com/a.png", detail=value)),
    ("file", file),
    ("file data", lambda value: file(data=value)),
    ("tool parameters", lambda value: tool("f", "d", value)),
    ("tool name", lambda value: tool(value, "d", {})),
    ("tool_result", tool_result),
]


@pytest.mark.parametrize(("name", "helper"), HELPERS, ids=[name for name, _ in HELPERS])
def test_message_helpers_refuse_malformed_values_cleanly(name: str, helper: Callable[[Any], Any]) -> None:
    @FAST
    @given(value=anything)
    def check(value: Any) -> None:
        fails_cleanly_or_succeeds(lambda: helper(value))

    check()


CALLS: list[tuple[str, Callable[[Client, Any], Any]]] = [
    ("get_language_model", lambda client, value: client.models.get_language_model(value)),
    ("tokenize_text text", lambda client, value: client.tokenize.tokenize_text(value, "grok-4")),
    ("tokenize_text model", lambda client, value: client.tokenize.tokenize_text("hi", value)),
    ("call timeout", lambda client, value: client.models.list_language_models(timeout=value)),
    (
        "sample_batch n",
        lambda client, value: client.chat.create("grok-4", messages=[user("x")]).sample_batch(value),
    ),
    (
        "defer interval",
        lambda client, value: client.chat.create("grok-4", messages=[user("x")]).defer(interval=value),
    ),
    ("parse shape", lambda client, value: client.chat.create("grok-4", messages=[user("x")]).parse(value)),
    ("get_stored_completion", lambda client, value: client.chat.get_stored_completion(value)),
]


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[name for name, _ in CALLS])
@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_calls_refuse_malformed_values_before_any_rpc(xai_emulator: Emulator, name: str, call) -> None:
    xai_emulator.chat.deferred_polls = 1
    with xai_emulator.client() as client:

        @FAST
        @given(value=anything)
        def check(value: Any) -> None:
            before = len(xai_emulator.requests)
            try:
                call(client, value)
            except (ValueError, TypeError) as error:
                assert str(error).strip()
                assert len(xai_emulator.requests) == before, "an RPC was made before refusing the input"
            except errors.RpcError:
                pass  # a well-formed value the server turned down (e.g. an unknown model)

        check()


# -- malformed answers ---------------------------------------------------------------------------------


def read_everything(wrapper: Any) -> None:
    for name in dir(type(wrapper)):
        if isinstance(getattr(type(wrapper), name, None), property):
            getattr(wrapper, name)
    repr(wrapper)


MALFORMED_RESPONSES = [
    chat_pb2.GetChatCompletionResponse(),
    chat_pb2.GetChatCompletionResponse(outputs=[chat_pb2.CompletionOutput(index=3)]),
    chat_pb2.GetChatCompletionResponse(
        outputs=[chat_pb2.CompletionOutput(finish_reason=42, message=chat_pb2.CompletionMessage(role=99))]
    ),
    chat_pb2.GetChatCompletionResponse(
        outputs=[
            chat_pb2.CompletionOutput(
                message=chat_pb2.CompletionMessage(
                    role=chat_pb2.ROLE_TOOL,
                    content="not json",
                    tool_calls=[
                        chat_pb2.ToolCall(
                            type=chat_pb2.TOOL_CALL_TYPE_IMAGE_GENERATION_TOOL,
                            status=chat_pb2.TOOL_CALL_STATUS_IN_PROGRESS,
                            function=chat_pb2.FunctionCall(arguments="{broken"),
                        )
                    ],
                )
            )
        ],
        usage=usage_pb2.SamplingUsage(server_side_tools_used=[77]),
        service_tier=9,
    ),
]


@pytest.mark.parametrize("proto", MALFORMED_RESPONSES)
@pytest.mark.parametrize("index", [0, None, 5])
def test_malformed_responses_never_crash_the_wrappers(proto, index) -> None:
    read_everything(Response(proto, index))


def test_malformed_chunks_never_crash_the_wrappers() -> None:
    response = Response(chat_pb2.GetChatCompletionResponse(), 0)
    chunks = [
        chat_pb2.GetChatCompletionChunk(),
        chat_pb2.GetChatCompletionChunk(
            outputs=[chat_pb2.CompletionOutputChunk(index=4, delta=chat_pb2.Delta(role=77))]
        ),
        chat_pb2.GetChatCompletionChunk(
            outputs=[
                chat_pb2.CompletionOutputChunk(index=0, finish_reason=55, delta=chat_pb2.Delta(content="x"))
            ]
        ),
    ]
    for chunk in chunks:
        response.process_chunk(chunk)
        wrapped = Chunk(chunk, None)
        read_everything(wrapped)
        for output in chunk.outputs:
            read_everything(CompletionOutputChunk(output))
    read_everything(response)
    assert response.role.startswith("UNKNOWN_") or response.role == "INVALID_ROLE"


# -- the key --------------------------------------------------------------------------------------------


def test_the_key_appears_in_no_repr_log_error_or_span(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from xai_sdk._plugins.telemetry import TelemetryPlugin
    from xai_sdk.telemetry import Telemetry

    monkeypatch.delenv("XAI_SDK_DISABLE_TRACING", raising=False)
    spans = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    Telemetry(provider)
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    try:
        with Emulator(api_key=KEY) as emulator:
            emulator.faults.fail("Models/GetLanguageModel", grpc.StatusCode.PERMISSION_DENIED)
            with emulator.client(plugins=[TelemetryPlugin()], metadata=(("x-team", "ml"),)) as client:
                chat = client.chat.create("grok-4", messages=[user("hi")])
                response = chat.sample()
                texts += [repr(client), str(client), repr(client._config), repr(client._transport)]
                texts += [repr(client.chat), repr(chat), repr(response), repr(client.with_options(timeout=5))]
                for call in (
                    lambda: client.models.get_language_model("grok-4"),
                    client.auth.get_api_key_info,
                ):
                    try:
                        call()
                    except errors.RpcError as error:
                        texts += [str(error), repr(error), error.debug_error_string() or ""]
            with Client(api_key="wrong-" + KEY, api_host=emulator.address) as wrong:
                with pytest.raises(errors.AuthenticationError) as raised:
                    wrong.models.list_language_models()
                texts += [str(raised.value), repr(raised.value)]
            with pytest.raises(ValueError, match="whitespace") as bad_key:
                Client(api_key=KEY + "\n")
            texts.append(str(bad_key.value))
    finally:
        Telemetry.active = None
    texts.append(caplog.text)
    texts += [span.to_json() for span in spans.get_finished_spans()]
    assert spans.get_finished_spans() and "chat.sample OK" in caplog.text
    leaks = [text for text in texts if KEY in text]
    assert leaks == []
