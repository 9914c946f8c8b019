"""Streams, uploads, errors, retries and request ids replay as they were received."""

from __future__ import annotations

import json
from pathlib import Path

import grpc
import pytest

from xai_sdk.chat import user
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.cassette import Cassette
from xai_sdk.emulator.chat import Reply
from xai_sdk.errors import RpcError


def test_a_stream_replays_chunk_by_chunk_with_its_error_mid_stream(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "stream.json"

    def stream(cassette: Cassette) -> tuple[list[str], RpcError]:
        chunks: list[str] = []
        chat = cassette.client().chat.create("grok-4", messages=[user("one two three four")])
        with pytest.raises(RpcError) as raised:
            chunks.extend(chunk.content for _, chunk in chat.stream())
        return chunks, raised.value

    xai_emulator.faults.fail("Chat/GetCompletionChunk", grpc.StatusCode.INTERNAL, after_chunks=3)
    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
        recorded_chunks, recorded_error = stream(cassette)
    with Cassette(path) as cassette:
        replayed_chunks, replayed_error = stream(cassette)
        [interaction] = cassette.interactions
    assert len(recorded_chunks) == 3
    assert replayed_chunks == recorded_chunks
    assert len(interaction.responses) == 3  # one message per chunk, as received
    assert (replayed_error.code(), replayed_error.details()) == (
        recorded_error.code(),
        recorded_error.details(),
    )
    assert replayed_error.request_id == recorded_error.request_id is not None


def test_a_stream_the_client_closed_early_replays_up_to_where_it_stopped(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "closed.json"
    # Longer than gRPC's flow-control window: the stream cannot be over when the client closes it.
    xai_emulator.chat.script(Reply("x" * 20_000, chunk_size=1))

    def first_two(cassette: Cassette) -> list[str]:
        chat = cassette.client().chat.create("grok-4", messages=[user("Hello")])
        contents = []
        with chat.stream() as stream:
            for _, chunk in stream:
                contents.append(chunk.content)
                if len(contents) == 2:
                    break
        return contents

    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
        recorded = first_two(cassette)
    with Cassette(path) as cassette:
        assert first_two(cassette) == recorded
        [interaction] = cassette.interactions
    assert interaction.code is None  # no status: the client went away first
    assert json.loads(path.read_text())["interactions"][0]["status"] is None
    assert 2 <= len(interaction.responses) < 20_000


def test_an_upload_is_recorded_as_its_messages_with_large_ones_beside_the_cassette(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "upload.json"
    data = bytes(range(256)) * 20_000  # 5 MB: two chunks of the SDK's upload
    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
        uploaded = cassette.client().files.upload(data, filename="big.bin")
    document = json.loads(path.read_text())
    [interaction] = document["interactions"]
    assert interaction["streaming"] == "client_stream"
    assert interaction["requests"][0]["json"] == {"init": {"name": "big.bin"}}
    assert [entry["json"]["data"].split(",")[0] for entry in interaction["requests"][1:]] == [
        "<3145728 bytes",
        f"<{len(data) - 3145728} bytes",
    ]
    assert all("proto" not in entry for entry in interaction["requests"][1:])
    assert path.stat().st_size < 20_000
    assert sum(blob.stat().st_size for blob in (cassettes / "upload.blobs").iterdir()) > len(data)
    cassette = Cassette(path).start()
    try:
        assert cassette.client().files.upload(data, filename="big.bin") == uploaded
        with pytest.raises(RpcError):  # other bytes: another request
            cassette.client().files.upload(data[:-1], filename="big.bin")
    finally:
        cassette.stop()
    assert [mismatch.rpc for mismatch in cassette.mismatches] == ["/xai_api.Files/UploadFile"]


def test_the_request_id_of_an_answer_replays(xai_emulator: Emulator, cassettes: Path) -> None:
    path = cassettes / "ids.json"
    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
        recorded = cassette.client().chat.create("grok-4", messages=[user("Hi")]).sample().request_id
    with Cassette(path) as cassette:
        assert cassette.client().chat.create("grok-4", messages=[user("Hi")]).sample().request_id == recorded
    assert recorded is not None and recorded.startswith("emu-")


def test_retried_failures_replay_one_by_one_and_the_retry_succeeds(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "retries.json"
    xai_emulator.faults.fail("Models/ListLanguageModels", grpc.StatusCode.UNAVAILABLE, times=2)
    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
        names = [model.name for model in cassette.client().models.list_language_models()]
    with Cassette(path) as cassette:
        assert [model.name for model in cassette.client().models.list_language_models()] == names
        assert [item.code for item in cassette.interactions] == ["UNAVAILABLE", "UNAVAILABLE", "OK"]
        assert cassette.unplayed == []


def test_a_server_retry_hint_replays_and_is_honoured(xai_emulator: Emulator, cassettes: Path) -> None:
    path = cassettes / "rate-limit.json"
    xai_emulator.faults.fail(
        "Models/ListLanguageModels", grpc.StatusCode.RESOURCE_EXHAUSTED, retry_after=0.01, details="slow down"
    )
    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
        assert cassette.client().models.list_language_models()
    with Cassette(path) as cassette:
        assert cassette.client().models.list_language_models()
        first = cassette.interactions[0]
        assert cassette.unplayed == []
    assert first.code == "RESOURCE_EXHAUSTED"
    assert {key for key, _ in first.trailing_metadata} >= {
        "grpc-retry-pushback-ms",
        "grpc-status-details-bin",
    }


def test_deferred_video_generation_replays_its_polls(xai_emulator: Emulator, cassettes: Path) -> None:
    path = cassettes / "video.json"
    xai_emulator.video.deferred_polls = 3

    def generate(cassette: Cassette) -> str:
        return str(cassette.client().video.generate("Waves", "grok-imagine-video", interval=0.001).url)

    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
        url = generate(cassette)
    with Cassette(path) as cassette:
        assert generate(cassette) == url
        assert [item.rpc.rsplit("/", 1)[1] for item in cassette.interactions].count("GetDeferredVideo") == 3
        assert cassette.unplayed == []


def test_a_job_polled_until_the_client_gives_up_replays_the_same_timeout(
    xai_emulator: Emulator, cassettes: Path
) -> None:
    path = cassettes / "pending.json"
    xai_emulator.video.deferred_polls = 1_000_000  # never done

    def generate(cassette: Cassette) -> str:
        with pytest.raises(TimeoutError) as raised:
            cassette.client().video.generate("Waves", "grok-imagine-video", timeout=1, interval=0.05)
        return str(raised.value)

    with Cassette(path, record_mode="all", upstream=xai_emulator) as cassette:
        recorded = generate(cassette)
    with Cassette(path) as cassette:
        replayed = generate(cassette)
        polls = [item for item in cassette.interactions if item.rpc.endswith("GetDeferredVideo")]
    assert replayed.split(" after ")[0] == recorded.split(" after ")[0]
    # Polls answered PENDING; one may have been under way when the time ran out (no status).
    assert polls
    assert all(poll.code in ("OK", None) for poll in polls)
