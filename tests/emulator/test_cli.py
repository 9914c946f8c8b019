"""``xai-emulator``: its options (shown with their defaults), how it refuses a bad host or a port in
use, and the behaviour options that let clients of a standalone emulator see pending, expired and
failed work and scripted server-side tools."""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest

from xai_sdk import Client
from xai_sdk.chat import user
from xai_sdk.emulator import Emulator, cli
from xai_sdk.proto import chat_pb2, deferred_pb2
from xai_sdk.tools import web_search

EMULATOR = [sys.executable, "-m", "xai_sdk.emulator"]


def parse(*arguments: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    return parser.parse_args(arguments)


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    wide = {**os.environ, "COLUMNS": "200"}  # help lines unwrapped
    return subprocess.run(
        [*EMULATOR, *arguments], capture_output=True, text=True, timeout=60, check=False, env=wide
    )


def test_help_shows_every_default() -> None:
    shown = run("--help").stdout
    for default in (
        "(default: 127.0.0.1)",
        "(default: 50051)",
        "(default: xai-emulator-api-key)",
        "(default: xai-emulator-management-key)",
        "(default: done)",
        "(default: all)",
    ):
        assert default in shown, default
    for option in ("--deferred-polls", "--video-polls", "--batch-per-poll", "--server-tools"):
        assert option in shown


@pytest.mark.parametrize("host", ["localhost:50051/v1", "http://localhost", "127.0.0.1:50051", "api.x.ai/v1"])
def test_a_host_with_a_port_scheme_or_path_is_refused_up_front(host: str) -> None:
    result = run("--host", host)
    assert result.returncode == 2
    assert f"argument --host: {host!r} is not a host name or IP address" in result.stderr
    assert "the port goes to --port" in result.stderr


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0"])
def test_hosts_and_addresses_are_taken(host: str) -> None:
    assert parse("--host", host).host == host.strip("[]")


def test_a_port_in_use_is_reported_in_one_clean_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("--port", str(port))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"xai-emulator: the emulator could not listen on 127.0.0.1:{port} (is the port in use?)"
    ]


def test_the_behaviour_options_configure_the_services(tmp_path: Path) -> None:
    tools = tmp_path / "tools.json"
    tools.write_text(json.dumps({"code_execution": {"output": "42\n"}, "x_search": {"error": "down"}}))
    arguments = parse(
        "--deferred-polls=3",
        "--deferred-seconds=1.5",
        "--deferred-outcome=failed",
        "--chunk-interval=0.02",
        "--video-polls=2",
        "--video-seconds=2",
        "--video-outcome=expired",
        "--batch-per-poll=0",
        "--indexing-polls=4",
        f"--server-tools={tools}",
    )
    emulator = Emulator()
    cli.configure(emulator, arguments)
    assert (emulator.chat.deferred_polls, emulator.chat.deferred_seconds, emulator.chat.deferred_outcome) == (
        3,
        1.5,
        "failed",
    )
    assert (emulator.video.deferred_polls, emulator.video.deferred_seconds, emulator.video.outcome) == (
        2,
        2.0,
        "expired",
    )
    assert (emulator.batch.process_per_poll, emulator.collections.indexing_polls) == (0, 4)
    assert emulator.chat.chunk_interval == 0.02
    defaults = Emulator()
    cli.configure(defaults, parse())
    assert (defaults.batch.process_per_poll, defaults.chat.deferred_polls) == (None, 1)
    assert defaults.chat.chunk_interval == 0.0


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (["--deferred-polls", "0"], "must be at least 1, got 0"),
        (["--video-seconds", "-1"], "must be at least 0"),
        (["--batch-per-poll", "some"], "invalid int value: 'some'"),
        (["--deferred-outcome", "later"], "invalid choice: 'later'"),
        (["--server-tools", "/no/such/file.json"], "cannot read /no/such/file.json"),
    ],
)
def test_a_bad_option_is_refused_saying_why(arguments: list[str], error: str) -> None:
    result = run(*arguments)
    assert result.returncode == 2 and error in result.stderr


def test_a_server_tools_file_naming_an_unknown_tool_is_refused(tmp_path: Path) -> None:
    tools = tmp_path / "tools.json"
    tools.write_text(json.dumps({"teleport": {"output": "x"}}))
    result = run("--port", "0", "--server-tools", str(tools))
    assert result.returncode == 2
    assert result.stderr.startswith(
        "xai-emulator: error: --server-tools: unknown server-side tool 'teleport'"
    )


@pytest.fixture
def standalone(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A standalone emulator with behaviour options, and the environment it printed."""
    tools = tmp_path / "tools.json"
    tools.write_text(
        json.dumps({"web_search": {"results": [{"title": "Scripted", "text": "From the file."}]}})
    )
    process = subprocess.Popen(
        [
            *EMULATOR,
            "--port",
            "0",
            "--deferred-polls",
            "3",
            "--video-outcome",
            "failed",
            "--server-tools",
            str(tools),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        env = {}
        while len(env) < 4:
            line = process.stdout.readline()
            assert line.startswith("export "), line + (process.stderr.read() if process.stderr else "")
            name, _, value = line.removeprefix("export ").strip().partition("=")
            env[name] = value
        yield env
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)


def test_a_standalone_emulator_behaves_as_its_options_say(standalone: dict[str, str]) -> None:
    with Client(api_key=standalone["XAI_API_KEY"], api_host=standalone["XAI_API_HOST"]) as client:
        stub: Any = grpc.insecure_channel(standalone["XAI_API_HOST"])
        metadata = (("authorization", f"Bearer {standalone['XAI_API_KEY']}"),)
        start = stub.unary_unary(
            "/xai_api.Chat/StartDeferredCompletion",
            request_serializer=chat_pb2.GetCompletionsRequest.SerializeToString,
            response_deserializer=deferred_pb2.StartDeferredResponse.FromString,
        )
        poll = stub.unary_unary(
            "/xai_api.Chat/GetDeferredCompletion",
            request_serializer=deferred_pb2.GetDeferredRequest.SerializeToString,
            response_deserializer=chat_pb2.GetDeferredCompletionResponse.FromString,
        )
        question = chat_pb2.Message(role=chat_pb2.ROLE_USER, content=[chat_pb2.Content(text="Hi")])
        request_id = start(
            chat_pb2.GetCompletionsRequest(model="grok-3", messages=[question]), metadata=metadata, timeout=10
        ).request_id
        statuses = [
            poll(deferred_pb2.GetDeferredRequest(request_id=request_id), metadata=metadata, timeout=10).status
            for _ in range(3)
        ]
        assert statuses == [deferred_pb2.PENDING, deferred_pb2.PENDING, deferred_pb2.DONE]
        stub.close()
        with pytest.raises(Exception, match="internal_error"):
            client.video.generate("Clouds", "grok-imagine-video")
        response = client.chat.create("grok-3", messages=[user("news?")], tools=[web_search()]).sample()
        assert len(response.citations) == 1
        assert response.server_side_tool_usage == {"SERVER_SIDE_TOOL_WEB_SEARCH": 1}
