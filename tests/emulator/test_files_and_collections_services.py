"""The emulator's Files, Collections and Documents services on their own: knobs, raw requests, state."""

from __future__ import annotations

import time

import grpc
import pytest

from xai_sdk import Client
from xai_sdk.emulator import Emulator
from xai_sdk.emulator._filters import FilterError, Moment, parse_filter
from xai_sdk.proto import files_pb2


def upload_raw(
    emulator: Emulator, messages: list[files_pb2.UploadFileChunk]
) -> files_pb2.File | grpc.RpcError:
    with grpc.insecure_channel(emulator.address) as channel:
        upload = channel.stream_unary(
            "/xai_api.Files/UploadFile",
            request_serializer=files_pb2.UploadFileChunk.SerializeToString,
            response_deserializer=files_pb2.File.FromString,
        )
        try:
            return upload(
                iter(messages), metadata=(("authorization", f"Bearer {emulator.api_key}"),), timeout=5
            )  # type: ignore[no-any-return]
        except grpc.RpcError as error:
            return error


def test_add_file_stores_a_file_the_files_api_serves(xai_client: Client, xai_emulator: Emulator) -> None:
    stored = xai_emulator.files.add_file("frame.png", b"\x89PNG", content_type="image/png", expires_after=60)
    assert stored.id.startswith("file-") and stored.expires_at.seconds - stored.created_at.seconds == 60
    assert xai_client.files.content(stored.id) == b"\x89PNG"
    assert xai_emulator.files.data(stored.id) == b"\x89PNG"
    assert xai_emulator.files.file(stored.id) == stored
    assert [f.id for f in xai_client.files.list(filter='content_type = "image/png"').data] == [stored.id]


def test_add_file_refuses_an_empty_name(xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="name"):
        xai_emulator.files.add_file(" ", b"x")


def test_an_upload_must_start_with_its_init_message(xai_emulator: Emulator) -> None:
    error = upload_raw(xai_emulator, [files_pb2.UploadFileChunk(data=b"x")])
    assert isinstance(error, grpc.RpcError) and error.code() is grpc.StatusCode.INVALID_ARGUMENT


def test_an_upload_has_only_one_init_message(xai_emulator: Emulator) -> None:
    init = files_pb2.UploadFileChunk(init=files_pb2.UploadFileInit(name="a.txt"))
    error = upload_raw(xai_emulator, [init, init])
    assert isinstance(error, grpc.RpcError) and error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert xai_emulator.files.library.files == {}


def test_an_expired_file_is_gone(xai_client: Client, xai_emulator: Emulator) -> None:
    stored = xai_emulator.files.add_file("old.txt", b"x", expires_after=3600)
    xai_emulator.files.library.files[stored.id].expires_at = time.time() - 1
    assert xai_client.files.list().data == []


def test_reset_forgets_files_and_collections(xai_client: Client, xai_emulator: Emulator) -> None:
    xai_client.files.upload(b"x", filename="x.txt")
    xai_client.collections.create("c")
    xai_emulator.files.content_chunk_size = 10
    xai_emulator.collections.indexing_polls = 3
    xai_emulator.reset()
    assert xai_client.files.list().data == [] and xai_client.collections.list().collections == []
    assert (xai_emulator.files.content_chunk_size, xai_emulator.collections.indexing_polls) == (
        1024 * 1024,
        0,
    )


@pytest.mark.parametrize(
    ("knob", "value"), [("content_chunk_size", 0), ("content_chunk_size", "big"), ("indexing_polls", -1)]
)
def test_bad_knob_values_are_refused(xai_emulator: Emulator, knob: str, value: object) -> None:
    service = xai_emulator.files if knob == "content_chunk_size" else xai_emulator.collections
    with pytest.raises(ValueError, match=knob):
        setattr(service, knob, value)


def test_fail_indexing_takes_a_positive_count(xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="times"):
        xai_emulator.collections.fail_indexing(times=0)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('name = "a.txt" OR name = "b.txt"', True),
        ('NOT (name = "a.txt")', False),
        ("size_bytes >= 3 AND size_bytes < 4", True),
        ("public_url = null", True),
        ('created_at > "2000-01-01T00:00:00Z"', True),
        ('name:"a."', True),
        ("size_bytes:!3", False),
    ],
)
def test_filters(expression: str, expected: bool) -> None:
    fields = {"name": "a.txt", "size_bytes": 3, "public_url": None, "created_at": Moment(time.time())}
    assert parse_filter(expression)(fields.__getitem__) is expected


@pytest.mark.parametrize("expression", ['name = "a', "name =", "(name = 1", "= 3", "name ~ 3"])
def test_malformed_filters_are_refused(expression: str) -> None:
    with pytest.raises(FilterError):
        parse_filter(expression)({"name": "a"}.__getitem__)
