"""``xai-emulator --cassette FILE``: a cassette served to any client, the official SDK included."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest

from tests.cassettes.recording import secrets_in
from tests.reference import OfficialSdk
from xai_sdk import Client
from xai_sdk.chat import user
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.cassette import Cassette

EMULATOR = [sys.executable, "-m", "xai_sdk.emulator"]


@dataclass
class Served:
    """A standalone process serving a cassette: the variables it printed, and how it ended."""

    env: dict[str, str]
    process: subprocess.Popen[str]
    announced: str = ""
    stdout: str = ""
    """What it printed on stdout after the export lines it was expected to print."""
    stderr: str = ""

    def client(self) -> Client:
        return Client(
            api_key=self.env.get("XAI_API_KEY", "any"),
            management_api_key=self.env.get("XAI_MANAGEMENT_KEY", "any"),
            api_host=self.env["XAI_API_HOST"],
            management_api_host=self.env["XAI_MANAGEMENT_API_HOST"],
        )


@contextmanager
def serving(*arguments: str, variables: int = 4) -> Iterator[Served]:
    """Run ``xai-emulator`` with `arguments` until the block ends (SIGTERM), then wait for it.

    It prints `variables` export lines (the hosts, and the keys unless it records xAI's API).
    """
    process = subprocess.Popen(
        [*EMULATOR, "--port", "0", *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    served = Served({}, process)
    try:
        # The export lines are flushed before this line of stderr is written.
        served.announced = process.stderr.readline()
        assert served.announced.startswith("# xai-emulator "), served.announced + process.stderr.read()
        while len(served.env) < variables:
            name, _, value = process.stdout.readline().removeprefix("export ").strip().partition("=")
            served.env[name] = value
        yield served
    finally:
        process.send_signal(signal.SIGTERM)
        served.stdout, served.stderr = process.communicate(timeout=30)


def test_a_standalone_cassette_replays_for_any_client(xai_emulator: Emulator, cassettes: Path) -> None:
    path = cassettes / "chat.json"
    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
        answer = cassette.client().chat.create("grok-4", messages=[user("Hello")]).sample().content
    with serving("--cassette", str(path)) as served, served.client() as client:
        assert client.chat.create("grok-4", messages=[user("Hello")]).sample().content == answer
        with pytest.raises(grpc.RpcError) as raised:
            client.chat.create("grok-4", messages=[user("Goodbye")]).sample()
    assert raised.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert served.process.returncode == 0
    assert "no recorded interaction matches this call of /xai_api.Chat/GetCompletion" in served.stderr


def test_a_standalone_cassette_records_from_an_emulator_of_its_own(cassettes: Path) -> None:
    path = cassettes / "deferred.json"
    arguments = ("--cassette", str(path), "--record-mode", "once", "--deferred-polls", "2")
    with serving(*arguments) as served, served.client() as client:
        answer = client.chat.create("grok-4", messages=[user("Later")]).defer(interval=0.001).content
    assert served.process.returncode == 0
    interactions = json.loads(path.read_text())["interactions"]
    assert [item["rpc"].rsplit("/", 1)[1] for item in interactions] == [
        "StartDeferredCompletion",
        "GetDeferredCompletion",
        "GetDeferredCompletion",
    ]
    with serving("--cassette", str(path)) as served, served.client() as client:
        assert client.chat.create("grok-4", messages=[user("Later")]).defer(interval=0.001).content == answer
    assert secrets_in(cassettes) == []


def test_recording_from_the_real_api_prints_no_key(cassettes: Path) -> None:
    path = cassettes / "real.json"
    arguments = ("--cassette", str(path), "--record-mode", "once", "--upstream", "api")
    with serving(*arguments, variables=2) as served:
        pass  # no call is made: nothing leaves this machine
    assert sorted(served.env) == ["XAI_API_HOST", "XAI_MANAGEMENT_API_HOST"]
    assert served.stdout == ""
    assert served.announced.startswith(f"# xai-emulator recording {path} on 127.0.0.1:")


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "does not exist, and record mode 'none' only replays"), ("{}", "is not an xai-sdk cassette")],
)
def test_a_missing_or_unreadable_cassette_is_one_line_and_exit_2(
    cassettes: Path, content: str | None, message: str
) -> None:
    path = cassettes / "bad.json"
    if content is not None:
        path.write_text(content)
    result = subprocess.run(
        [*EMULATOR, "--port", "0", "--cassette", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("xai-emulator: error: --cassette: ")
    assert message in line


OFFICIAL_REPLAY = """
import json, os
import xai_sdk
from xai_sdk.chat import user

client = xai_sdk.Client(api_key="any", management_api_key="any", api_host=os.environ["ADDRESS"],
                        management_api_host=os.environ["ADDRESS"])
chat = client.chat.create("grok-4", messages=[user("Hello there")])
answer = chat.sample()
streamed = [chunk.content for _, chunk in client.chat.create("grok-4", messages=[user("one two")]).stream()]
try:
    client.models.get_language_model("grok-99")
    error = None
except Exception as exc:
    error = [exc.code().name, exc.details()]
print(json.dumps({"content": answer.content, "id": answer.id, "streamed": streamed, "error": error,
                  "models": [model.name for model in client.models.list_language_models()]}))
"""


def test_the_official_sdk_replays_a_cassette_this_sdk_recorded(
    official_sdk: OfficialSdk, xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "official.json"
    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette, cassette.client() as client:
        answer = client.chat.create("grok-4", messages=[user("Hello there")]).sample()
        streamed = [
            chunk.content for _, chunk in client.chat.create("grok-4", messages=[user("one two")]).stream()
        ]
        with pytest.raises(grpc.RpcError) as raised:
            client.models.get_language_model("grok-99")
        models = [model.name for model in client.models.list_language_models()]
    with Cassette(path, host="localhost") as cassette:  # the official client wants localhost:PORT
        replayed = official_sdk.run(OFFICIAL_REPLAY, env={"ADDRESS": cassette.address})
    assert replayed == {
        "content": answer.content,
        "id": answer.id,
        "streamed": streamed,
        "error": [raised.value.code().name, raised.value.details()],
        "models": models,
    }
