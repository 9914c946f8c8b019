"""No key reaches a cassette, and hooks scrub what else the user wants kept out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import grpc
import pytest

from tests.cassettes.recording import API_KEY, MANAGEMENT_KEY, secret_emulator, secrets_in
from xai_sdk.chat import user
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.cassette import Cassette
from xai_sdk.proto import files_pb2


@pytest.fixture(scope="module")
def emulator() -> Any:
    with secret_emulator() as emulator:
        yield emulator


def test_no_key_is_written_whatever_the_calls(emulator: Emulator, cassettes: Path) -> None:
    path = cassettes / "everything.json"
    with Cassette(path, record_mode="all", upstream=emulator) as cassette:
        client = cassette.client()
        assert cassette.api_key == API_KEY  # the emulator's: forwarded with every call
        client.auth.get_api_key_info()
        client.chat.create("grok-4", messages=[user("Hello")]).sample()
        collection = client.collections.create("papers")  # the management key
        client.collections.upload_document(collection.collection_id, "a.txt", b"some text")
        with pytest.raises(grpc.RpcError):
            cassette.client(api_key="xai-a-wrong-key-0000").models.list_language_models()
    rpcs = {interaction["rpc"] for interaction in json.loads(path.read_text())["interactions"]}
    assert {"/collections.Collections/CreateCollection", "/xai_api.Files/UploadFile"} <= rpcs
    assert secrets_in(cassettes, (API_KEY, MANAGEMENT_KEY, "xai-a-wrong-key-0000", "Bearer")) == []


def test_a_key_inside_an_answer_is_masked_and_the_call_still_replays(
    emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "echo.json"
    question = f"Is {API_KEY} my key?"  # the emulator echoes it back
    with Cassette(path, record_mode="all", upstream=emulator) as cassette:
        assert cassette.client().chat.create("grok-4", messages=[user(question)]).sample().content == question
    assert API_KEY not in path.read_text()
    # Replaying, the request is masked with the key the client carries before it is matched.
    with Cassette(path, api_key=API_KEY) as cassette:
        answer = cassette.client().chat.create("grok-4", messages=[user(question)]).sample().content
    assert answer == question.replace(API_KEY, "*" * len(API_KEY))


def test_named_secrets_are_masked_too(emulator: Emulator, cassettes: Path) -> None:
    path = cassettes / "named.json"
    with Cassette(
        path, record_mode="all", upstream=emulator, secrets=["hunter2-database-password"]
    ) as cassette:
        cassette.client().chat.create("grok-4", messages=[user("hunter2-database-password")]).sample()
    assert "hunter2-database-password" not in path.read_text()
    assert "*" * len("hunter2-database-password") in path.read_text()


def test_a_request_hook_scrubs_what_is_recorded_and_what_is_matched(
    emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "scrubbed.json"

    def no_email(rpc: str, request: Any) -> Any:
        if rpc == "/xai_api.Chat/GetCompletion":
            for message in request.messages:
                for part in message.content:
                    part.text = part.text.replace("ada@example.com", "<email>")
        return request

    def ask(cassette: Cassette) -> str:
        chat = cassette.client().chat.create("grok-4", messages=[user("Write to ada@example.com")])
        return str(chat.sample().content)

    with Cassette(path, record_mode="all", upstream=emulator, before_record_request=no_email) as cassette:
        live = ask(cassette)
    assert live == "Write to ada@example.com"  # the code under test saw the real answer
    text = path.read_text()
    assert "Write to <email>" in text
    assert text.count("ada@example.com") == 1  # in the answer only: responses have their own hook
    with Cassette(path, before_record_request=no_email) as cassette:
        assert ask(cassette) == live


def test_a_response_hook_scrubs_answers_such_as_file_bytes(emulator: Emulator, cassettes: Path) -> None:
    path = cassettes / "files.json"

    def no_content(rpc: str, response: Any) -> None:
        if isinstance(response, files_pb2.FileContentChunk):
            response.data = b"<removed>"

    with Cassette(path, record_mode="all", upstream=emulator, before_record_response=no_content) as cassette:
        client = cassette.client()
        uploaded = client.files.upload(b"private medical record", filename="record.txt")
        assert client.files.content(uploaded.id) == b"private medical record"
    with Cassette(path) as cassette:
        assert cassette.client().files.content(uploaded.id) == b"<removed>"
    assert "private medical record" not in json.dumps(json.loads(path.read_text())["interactions"][1])
