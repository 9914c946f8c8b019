"""The cassette file: versioned JSON, lossless protobuf bytes with readable JSON beside them."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import grpc
import pytest

from xai_sdk.chat import user
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.cassette import FORMAT_NAME, FORMAT_VERSION, Cassette, CassetteFormatError, Interaction
from xai_sdk.emulator.cassette._format import save
from xai_sdk.proto import models_pb2


def record_a_chat(emulator: Emulator, path: Path) -> None:
    with Cassette(path, record_mode="all", upstream=emulator) as cassette:
        client = cassette.client()
        client.chat.create("grok-4", messages=[user("Hello")]).sample()
        with pytest.raises(grpc.RpcError):
            client.models.get_language_model("grok-99")


def test_a_cassette_is_versioned_json_with_each_message_as_bytes_and_as_json(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "chat.json"
    record_a_chat(xai_emulator, path)
    document = json.loads(path.read_text())
    assert (
        (document["format"], document["version"]) == (FORMAT_NAME, FORMAT_VERSION) == ("xai-sdk-cassette", 1)
    )
    assert document["recorded_with"].startswith("xai-emulator ")
    answer, error = document["interactions"]
    assert answer["rpc"] == "/xai_api.Chat/GetCompletion"
    assert answer["streaming"] == "unary"
    assert answer["requests"][0]["json"]["messages"][0]["content"] == [{"text": "Hello"}]
    assert answer["responses"][0]["json"]["outputs"][0]["message"]["content"] == "Hello"
    assert answer["status"] == {"code": "OK", "details": ""}
    assert ["x-request-id", answer["initial_metadata"][0][1]] in answer["initial_metadata"]
    assert error["responses"] == []
    assert error["status"] == {"code": "NOT_FOUND", "details": "The language model 'grok-99' does not exist."}
    assert (
        models_pb2.GetModelRequest.FromString(base64.b64decode(error["requests"][0]["proto"])).name
        == "grok-99"
    )


def test_the_bytes_replay_and_the_json_is_only_for_reading(xai_emulator: Emulator, cassettes: Path) -> None:
    path = cassettes / "chat.json"
    record_a_chat(xai_emulator, path)
    document = json.loads(path.read_text())
    document["interactions"][0]["responses"][0]["json"]["outputs"][0]["message"]["content"] = "edited"
    path.write_text(json.dumps(document))
    with Cassette(path) as cassette:
        assert cassette.client().chat.create("grok-4", messages=[user("Hello")]).sample().content == "Hello"


def test_replayed_messages_are_byte_for_byte_those_recorded_unknown_fields_included(cassettes: Path) -> None:
    path = cassettes / "raw.json"
    unknown_field = b"\xf8\x06\x2a"  # field 111, varint 42: no such field in the message
    answer = models_pb2.LanguageModel(name="grok-4").SerializeToString() + unknown_field
    request = models_pb2.GetModelRequest(name="grok-4").SerializeToString()
    save(path, [Interaction("/xai_api.Models/GetLanguageModel", [request], [answer])])
    with Cassette(path) as cassette, grpc.insecure_channel(cassette.address) as channel:
        raw = channel.unary_unary("/xai_api.Models/GetLanguageModel")(request)
    assert raw == answer


def test_an_answer_that_does_not_parse_is_kept_and_replayed_as_received(cassettes: Path) -> None:
    path = cassettes / "garbled.json"
    request = models_pb2.GetModelRequest(name="grok-4").SerializeToString()
    save(path, [Interaction("/xai_api.Models/GetLanguageModel", [request], [b"\xff\xff\xff"])])
    assert json.loads(path.read_text())["interactions"][0]["responses"] == [{"json": None, "proto": "////"}]
    with Cassette(path) as cassette, grpc.insecure_channel(cassette.address) as channel:
        assert channel.unary_unary("/xai_api.Models/GetLanguageModel")(request) == b"\xff\xff\xff"


@pytest.mark.parametrize(
    ("version", "advice"),
    [
        (2, "upgrade xai-emulator to replay it"),
        (0, "record it again (record mode 'all')"),
        ("1", "record it"),
    ],
)
def test_another_format_version_is_refused_saying_what_to_do(
    cassettes: Path, version: Any, advice: str
) -> None:
    path = cassettes / "other.json"
    path.write_text(json.dumps({"format": FORMAT_NAME, "version": version, "interactions": []}))
    with pytest.raises(CassetteFormatError) as raised:
        Cassette(path).start()
    message = str(raised.value)
    assert f"is a cassette of format version {version!r}" in message
    assert "reads format version 1 only" in message
    assert advice in message


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("interactions: []", "it is not JSON"),
        ('{"interactions": []}', 'lacks "format": "xai-sdk-cassette"'),
        (
            '{"format": "xai-sdk-cassette", "version": 1, "interactions": [{"rpc": "/x/Y"}]}',
            "damaged cassette",
        ),
    ],
)
def test_a_file_that_is_not_a_readable_cassette_is_refused(
    cassettes: Path, content: str, reason: str
) -> None:
    path = cassettes / "bad.json"
    path.write_text(content)
    with pytest.raises(CassetteFormatError, match=reason):
        Cassette(path).start()


def test_large_messages_live_beside_the_cassette_and_a_changed_one_is_detected(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "upload.json"
    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
        cassette.client().files.upload(b"0123456789" * 10_000, filename="digits.txt")
    [blob] = (cassettes / "upload.blobs").iterdir()
    reference = json.loads(path.read_text())["interactions"][0]["requests"][1]
    assert reference["blob"] == f"sha256:{blob.name}"
    assert reference["size"] == blob.stat().st_size
    blob.write_bytes(blob.read_bytes().replace(b"0123", b"3210"))
    with pytest.raises(CassetteFormatError, match="does not have the digest its name says"):
        Cassette(path).start()
    blob.unlink()
    with pytest.raises(CassetteFormatError, match="which cannot be read"):
        Cassette(path).start()


def test_recording_again_removes_the_side_files_no_longer_used(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "upload.json"
    for data in (b"a" * 100_000, b"b" * 100_000):
        with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
            cassette.client().files.upload(data, filename="letters.txt")
    assert len(list((cassettes / "upload.blobs").iterdir())) == 1
    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
        cassette.client().models.list_language_models()
    assert not (cassettes / "upload.blobs").exists()
