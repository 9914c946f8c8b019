"""`xai chat`: streamed answers, JSON, conversations, settings and their errors."""

from __future__ import annotations

import json

import grpc

from tests.cli.conftest import Cli, one_error_line
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.chat import Reply
from xai_sdk.proto import chat_pb2

STREAM = "Chat/GetCompletionChunk"


def roles_and_texts(request: chat_pb2.GetCompletionsRequest) -> list[tuple[str, str]]:
    return [
        (chat_pb2.MessageRole.Name(message.role), "".join(part.text for part in message.content))
        for message in request.messages
    ]


def test_chat_streams_the_answer_to_stdout(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("chat", "Hello there, model")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Hello there, model\n"
    assert result.stderr == ""
    [call] = xai_emulator.calls(STREAM)
    assert call.request.model == "grok-4"


def test_chat_prints_each_chunk_before_the_stream_ends(xai: Cli, xai_emulator: Emulator) -> None:
    # The stream breaks after three chunks: what they carried is already on stdout.
    xai_emulator.chat.script(Reply("abcdefghij", chunk_size=2))
    xai_emulator.faults.fail(STREAM, grpc.StatusCode.INTERNAL, after_chunks=3)
    result = xai("chat", "-m", "grok-3", "spell")  # grok-3 answers at once (grok-4 thinks first)
    assert result.returncode == 1
    assert result.stdout == "abcdef\n"
    assert one_error_line(result).startswith("xai: error: INTERNAL: injected INTERNAL by the emulator (")


def test_chat_json_prints_the_whole_response(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("chat", "--json", "Hi")
    assert result.returncode == 0, result.stderr
    response = json.loads(result.stdout)
    assert response["outputs"][0]["message"]["content"] == "Hi"
    assert response["outputs"][0]["finish_reason"] == "REASON_STOP"
    assert response["usage"]["total_tokens"] > 0
    assert len(xai_emulator.calls("Chat/GetCompletion")) == 1 and xai_emulator.calls(STREAM) == []


def test_chat_sends_the_model_system_prompt_and_settings(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai(
        "chat",
        "-m",
        "grok-3-mini",
        "-s",
        "Be brief.",
        "--reasoning-effort",
        "high",
        "--temperature",
        "0.5",
        "--max-tokens",
        "50",
        "Is 7 prime?",
    )
    assert result.returncode == 0, result.stderr
    [call] = xai_emulator.calls(STREAM)
    request = call.request
    assert request.model == "grok-3-mini"
    assert roles_and_texts(request) == [("ROLE_SYSTEM", "Be brief."), ("ROLE_USER", "Is 7 prime?")]
    assert request.reasoning_effort == chat_pb2.EFFORT_HIGH
    assert request.temperature == 0.5 and request.max_tokens == 50


def test_the_model_defaults_to_xai_model(xai: Cli, xai_emulator: Emulator) -> None:
    assert xai("chat", "hi", env={"XAI_MODEL": "grok-3"}).returncode == 0
    assert xai_emulator.calls(STREAM)[0].request.model == "grok-3"


def test_chat_reads_a_piped_prompt(xai: Cli) -> None:
    result = xai("chat", stdin="What is in this pipe?\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "What is in this pipe?\n"


def test_chat_without_a_prompt_and_empty_stdin_is_a_usage_error(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("chat", stdin="")
    assert result.returncode == 2
    assert one_error_line(result) == "xai: error: a prompt is required, and stdin was empty"
    assert xai_emulator.requests == []


def test_interactive_chat_keeps_the_conversation(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("chat", "-i", "-s", "Be brief.", "First question", stdin="Second question\n\nThird\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "First question\nSecond question\nThird\n"
    last = xai_emulator.calls(STREAM)[-1].request
    assert roles_and_texts(last) == [
        ("ROLE_SYSTEM", "Be brief."),
        ("ROLE_USER", "First question"),
        ("ROLE_ASSISTANT", "First question"),
        ("ROLE_USER", "Second question"),
        ("ROLE_ASSISTANT", "Second question"),
        ("ROLE_USER", "Third"),
    ]


def test_interactive_chat_goes_on_after_a_failed_turn(xai: Cli, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(STREAM, grpc.StatusCode.INTERNAL)
    result = xai("chat", "-i", stdin="lost\nkept\n")
    assert result.returncode == 1  # a turn failed
    assert result.stdout == "kept\n"
    assert one_error_line(result).startswith("xai: error: INTERNAL")
    assert roles_and_texts(xai_emulator.calls(STREAM)[-1].request) == [("ROLE_USER", "kept")]


def test_interactive_json_prints_one_response_per_turn(xai: Cli) -> None:
    result = xai("chat", "-i", "--json", stdin="one\ntwo\n")
    assert result.returncode == 0, result.stderr
    decoder = json.JSONDecoder()
    first, end = decoder.raw_decode(result.stdout)
    second, _ = decoder.raw_decode(result.stdout[end:].lstrip())
    assert [first["outputs"][0]["message"]["content"], second["outputs"][0]["message"]["content"]] == [
        "one",
        "two",
    ]


def test_an_unknown_model_is_one_line_with_the_request_id(xai: Cli) -> None:
    result = xai("chat", "-m", "grok-0", "hi")
    assert result.returncode == 1
    assert result.stdout == ""
    line = one_error_line(result)
    assert (
        line.startswith("xai: error: INVALID_ARGUMENT: Model not found: grok-0") and "request id emu-" in line
    )


def test_a_bad_setting_is_refused_before_any_call(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("chat", "--temperature", "5", "hi")
    assert result.returncode == 2
    assert one_error_line(result) == "xai: error: temperature must be between 0 and 2, got 5.0"
    assert xai_emulator.requests == []


def test_a_bad_setting_in_a_conversation_is_refused_before_reading_stdin(
    xai: Cli, xai_emulator: Emulator
) -> None:
    result = xai("chat", "-i", "--reasoning-effort", "extreme", stdin="never sent\n")
    assert result.returncode == 2
    assert "Invalid reasoning effort: extreme. Must be one of: ('none'" in one_error_line(result)
    assert xai_emulator.requests == []


def test_a_non_numeric_temperature_is_an_argument_error(xai: Cli) -> None:
    result = xai("chat", "--temperature", "warm", "hi")
    assert result.returncode == 2
    assert "argument --temperature: invalid float value: 'warm'" in one_error_line(result)
