"""client.files against the emulator, with both clients: every method, its options and bad input."""

from __future__ import annotations

import hashlib
import io
import os
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import Any

import grpc
import pytest

from tests.chat.test_chat_calls import collect
from tests.conftest import is_upload_refusal, outcome
from xai_sdk import errors
from xai_sdk.emulator import Emulator
from xai_sdk.files import UPLOAD_CHUNK_SIZE, StorageOptionsValidator
from xai_sdk.hookspecs import CallInfo, hookimpl
from xai_sdk.proto import files_pb2

UPLOAD = "Files/UploadFile"
MiB = 1024 * 1024


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def names(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


def opened(path: Path) -> Any:
    return open(path, "rb")


async def listed_ids(client: Any, **options: Any) -> list[str]:
    return [f.id for f in (await outcome(client.files.list(**options))).data]


async def upload_named(client: Any, *names: str) -> list[files_pb2.File]:
    return [await outcome(client.files.upload(name.encode() * 3, filename=name)) for name in names]


# -- upload ---------------------------------------------------------------------------------------


async def test_upload_from_a_path_keeps_the_bytes_and_the_base_name(client, tmp_path: Path) -> None:
    data = os.urandom(5 * MiB + 7)
    uploaded = await outcome(client.files.upload(str(write(tmp_path / "report.bin", data))))
    assert (uploaded.filename, uploaded.size) == ("report.bin", len(data))
    assert uploaded.id.startswith("file-") and uploaded.created_at.seconds > 0
    assert await outcome(client.files.content(uploaded.id)) == data


async def test_upload_accepts_a_pathlib_path(client, tmp_path: Path) -> None:
    uploaded = await outcome(client.files.upload(write(tmp_path / "notes.txt", b"notes")))
    assert uploaded.filename == "notes.txt"


async def test_upload_from_bytes_needs_and_uses_the_filename(client) -> None:
    uploaded = await outcome(client.files.upload(bytearray(b"abc"), filename="abc.txt"))
    assert (uploaded.filename, uploaded.size) == ("abc.txt", 3)
    assert await outcome(client.files.content(uploaded.id)) == b"abc"


async def test_upload_from_a_file_object_reads_from_its_position(client, tmp_path: Path) -> None:
    with opened(write(tmp_path / "data.csv", b"header\nrow")) as stream:
        stream.read(7)
        uploaded = await outcome(client.files.upload(stream))
    assert (uploaded.filename, uploaded.size) == ("data.csv", 3)


async def test_the_filename_replaces_the_name_of_a_path(client, tmp_path: Path) -> None:
    uploaded = await outcome(client.files.upload(write(tmp_path / "x.txt", b"x"), filename="renamed.txt"))
    assert uploaded.filename == "renamed.txt"


async def test_an_empty_file_is_uploaded_and_read_back_empty(client) -> None:
    uploaded = await outcome(client.files.upload(b"", filename="empty.txt"))
    assert uploaded.size == 0
    assert await outcome(client.files.content(uploaded.id)) == b""


async def test_the_content_is_sent_in_chunks_of_three_mib(client) -> None:
    sizes: list[int] = []
    await outcome(client.files.upload(b"x" * (7 * MiB), filename="big.bin", on_progress=sizes.append))
    assert 3 * MiB == UPLOAD_CHUNK_SIZE
    assert sizes == [3 * MiB, 3 * MiB, MiB]


async def test_progress_as_a_function_of_uploaded_and_total(client) -> None:
    seen: list[tuple[int, int]] = []
    await outcome(
        client.files.upload(
            b"y" * (4 * MiB), filename="y.bin", on_progress=lambda done, total: seen.append((done, total))
        )
    )
    assert seen == [(3 * MiB, 4 * MiB), (4 * MiB, 4 * MiB)]


async def test_progress_on_a_tqdm_like_bar(client) -> None:
    class Bar:
        def __init__(self) -> None:
            self.n = 0

        def update(self, n: int) -> None:
            self.n += n

    bar = Bar()
    await outcome(client.files.upload(b"z" * (MiB + 1), filename="z.bin", on_progress=bar))
    assert bar.n == MiB + 1


async def test_an_error_of_the_progress_callback_cancels_the_upload_and_is_raised(
    client, xai_emulator: Emulator
) -> None:
    def fail(done: int, total: int) -> None:
        raise RuntimeError("stop the upload")

    with pytest.raises(RuntimeError, match="stop the upload"):
        await outcome(client.files.upload(b"w" * (7 * MiB), filename="w.bin", on_progress=fail))
    assert await listed_ids(client) == []


async def test_an_upload_interrupted_by_the_server_raises_and_leaves_no_file(
    client, xai_emulator: Emulator
) -> None:
    xai_emulator.faults.fail(UPLOAD, grpc.StatusCode.INTERNAL, after_chunks=2)
    with pytest.raises(errors.InternalServerError):
        await outcome(client.files.upload(b"v" * (10 * MiB), filename="v.bin"))
    assert await listed_ids(client) == []


async def test_expires_after_sets_the_expiry(client) -> None:
    uploaded = await outcome(client.files.upload(b"t", filename="t.txt", expires_after=timedelta(hours=1)))
    assert uploaded.expires_at.seconds - uploaded.created_at.seconds == 3600


class Calls:
    """An observation plugin keeping the method and request of each call."""

    def __init__(self) -> None:
        self.started: list[tuple[str, Any]] = []

    @hookimpl
    def xai_sdk_call_started(self, call: CallInfo) -> None:
        self.started.append((call.method, call.request))


async def test_observers_see_the_upload_with_its_init_message(xai_emulator: Emulator) -> None:
    calls = Calls()
    with xai_emulator.client(plugins=[calls]) as client:
        client.files.upload(b"seen", filename="seen.txt")
    [(method, request)] = calls.started
    assert (method, request.init.name) == ("upload", "seen.txt")


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"file": "/no/such/file.txt"}, FileNotFoundError, "File not found"),
        ({"file": ""}, FileNotFoundError, "File not found: $"),
        ({"file": b"data"}, ValueError, "filename is required when uploading bytes"),
        ({"file": b"data", "filename": ""}, ValueError, "filename is required when uploading bytes"),
        (
            {"file": io.BytesIO(b"data")},
            ValueError,
            "filename is required when uploading a file-like object without a .name attribute",
        ),
        ({"file": io.StringIO("text"), "filename": "a.txt"}, TypeError, "binary mode"),
        ({"file": 42}, ValueError, r"Unsupported file type: <class 'int'>\. Upload a path, bytes"),
        ({"file": b"data", "filename": "a", "expires_after": -1}, ValueError, "expires_after"),
        ({"file": b"data", "filename": "a", "on_progress": "bar"}, TypeError, "on_progress"),
        ({"file": b"data", "filename": "a", "on_progress": lambda a, b, c: None}, TypeError, "on_progress"),
    ],
)
async def test_bad_upload_arguments_are_refused_before_any_rpc(
    client, xai_emulator: Emulator, arguments: dict[str, Any], error: type[Exception], message: str
) -> None:
    options = dict(arguments)
    file = options.pop("file")
    with pytest.raises(error, match=message):
        await outcome(client.files.upload(file, **options))
    assert xai_emulator.requests == []


async def test_a_directory_is_refused_before_any_rpc(client, xai_emulator: Emulator, tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="is a directory"):
        await outcome(client.files.upload(tmp_path))
    assert xai_emulator.requests == []


# -- batch upload ---------------------------------------------------------------------------------


async def test_batch_upload_gives_each_file_its_result_or_its_error(client, tmp_path: Path) -> None:
    first, second = write(tmp_path / "1.txt", b"one"), write(tmp_path / "2.txt", b"two")
    named = io.BytesIO(b"three")
    named.name = "3.txt"
    completed: list[int] = []
    results = await outcome(
        client.files.batch_upload(
            [str(first), str(tmp_path / "missing.txt"), named, second],
            batch_size=2,
            on_file_complete=lambda index, file, result: completed.append(index),
        )
    )
    assert sorted(results) == [0, 1, 2, 3] and sorted(completed) == [0, 1, 2, 3]
    assert isinstance(results[1], FileNotFoundError)
    assert [results[i].filename for i in (0, 2, 3)] == ["1.txt", "3.txt", "2.txt"]
    assert await outcome(client.files.content(results[2].id)) == b"three"


async def test_batch_upload_reports_a_server_failure_for_its_file_only(
    client, xai_emulator: Emulator
) -> None:
    xai_emulator.faults.fail(UPLOAD, grpc.StatusCode.RESOURCE_EXHAUSTED)
    files = []
    for name in ("a.txt", "b.txt", "c.txt"):
        stream = io.BytesIO(name.encode())
        stream.name = name
        files.append(stream)
    results = await outcome(client.files.batch_upload(files, batch_size=1))
    failed = [index for index, result in results.items() if not isinstance(result, files_pb2.File)]
    assert len(failed) == 1
    assert is_upload_refusal(results[failed[0]], grpc.StatusCode.RESOURCE_EXHAUSTED, client)
    assert len(await listed_ids(client)) == 2


async def test_batch_upload_is_seen_as_one_call_per_file(xai_emulator: Emulator, tmp_path: Path) -> None:
    calls = Calls()
    paths = [str(write(tmp_path / f"{i}.txt", b"x")) for i in range(3)]
    with xai_emulator.client(plugins=[calls]) as client:
        client.files.batch_upload(paths)
    assert [method for method, _ in calls.started] == ["batch_upload", "upload", "upload", "upload"]


@pytest.mark.parametrize(
    ("files", "options", "error"),
    [
        ([], {}, ValueError),
        ("a.txt", {}, TypeError),
        (["a.txt"], {"batch_size": 0}, ValueError),
        (["a.txt"], {"on_file_complete": "print"}, TypeError),
    ],
)
async def test_bad_batch_arguments_are_refused_before_any_rpc(
    client, xai_emulator: Emulator, files: Any, options: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        await outcome(client.files.batch_upload(files, **options))
    assert xai_emulator.requests == []


# -- get, delete, content -------------------------------------------------------------------------


async def test_get_returns_the_metadata(client) -> None:
    uploaded = await outcome(client.files.upload(b"meta", filename="meta.txt"))
    assert await outcome(client.files.get(uploaded.id)) == uploaded


async def test_delete_removes_the_file(client) -> None:
    uploaded = await outcome(client.files.upload(b"gone", filename="gone.txt"))
    deleted = await outcome(client.files.delete(uploaded.id))
    assert (deleted.id, deleted.deleted) == (uploaded.id, True)
    with pytest.raises(errors.NotFoundError):
        await outcome(client.files.get(uploaded.id))


@pytest.mark.parametrize("method", ["get", "delete", "content", "create_public_url", "revoke_public_url"])
async def test_an_unknown_file_is_not_found(client, method: str) -> None:
    with pytest.raises(errors.NotFoundError, match="file-nope"):
        await outcome(getattr(client.files, method)("file-nope"))


@pytest.mark.parametrize("method", ["get", "delete", "content", "iter_content", "create_public_url"])
async def test_an_empty_file_id_is_refused_before_any_rpc(
    client, xai_emulator: Emulator, method: str
) -> None:
    with pytest.raises(ValueError, match="file_id must not be empty"):
        await outcome(getattr(client.files, method)(""))
    assert xai_emulator.requests == []


async def test_content_is_streamed_in_chunks_and_joined(client, xai_emulator: Emulator) -> None:
    xai_emulator.files.content_chunk_size = 1000
    data = os.urandom(4500)
    uploaded = await outcome(client.files.upload(data, filename="chunks.bin"))
    assert await outcome(client.files.content(uploaded.id)) == data
    assert [len(chunk) for chunk in await collect(client.files.iter_content(uploaded.id))] == [1000] * 4 + [
        500
    ]


async def test_download_writes_the_content_to_a_path(client, tmp_path: Path) -> None:
    data = os.urandom(3 * MiB + 11)
    uploaded = await outcome(client.files.upload(data, filename="d.bin"))
    target = tmp_path / "copy.bin"
    assert await outcome(client.files.download(uploaded.id, target)) == len(data)
    assert hashlib.sha256(target.read_bytes()).digest() == hashlib.sha256(data).digest()
    assert names(tmp_path) == ["copy.bin"]


class _Bar:
    """A tqdm-like bar: `update(n)` with each chunk's size."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def update(self, n: int) -> None:
        self.sizes.append(n)


async def test_download_reports_progress_after_each_chunk(
    client, xai_emulator: Emulator, tmp_path: Path
) -> None:
    xai_emulator.files.content_chunk_size = 1000
    uploaded = await outcome(client.files.upload(os.urandom(2500), filename="p.bin"))
    calls: list[tuple[int, int | None]] = []
    bar = _Bar()
    await outcome(
        client.files.download(
            uploaded.id, tmp_path / "a", on_progress=lambda done, total: calls.append((done, total))
        )
    )
    await outcome(client.files.download(uploaded.id, tmp_path / "b", on_progress=bar))
    assert calls == [(1000, None), (2000, None), (2500, None)]
    assert bar.sizes == [1000, 1000, 500]


async def test_a_bad_download_progress_callback_is_refused_before_any_rpc(
    client, xai_emulator: Emulator, tmp_path: Path
) -> None:
    with pytest.raises(TypeError, match="on_progress must be a function"):
        await outcome(client.files.download("file-1", tmp_path / "x", on_progress=42))  # type: ignore[arg-type]
    assert xai_emulator.requests == []


async def test_a_failed_download_leaves_the_target_untouched(client, tmp_path: Path) -> None:
    target = write(tmp_path / "keep.txt", b"previous")
    with pytest.raises(errors.NotFoundError):
        await outcome(client.files.download("file-nope", target))
    assert target.read_bytes() == b"previous"
    assert names(tmp_path) == ["keep.txt"]


async def test_a_download_interrupted_midway_leaves_no_partial_file(
    client, xai_emulator: Emulator, tmp_path: Path
) -> None:
    xai_emulator.files.content_chunk_size = 10
    uploaded = await outcome(client.files.upload(b"0123456789" * 5, filename="p.txt"))
    xai_emulator.faults.fail("Files/RetrieveFileContent", grpc.StatusCode.UNAVAILABLE, after_chunks=2)
    with pytest.raises(errors.UnavailableError):
        await outcome(client.files.download(uploaded.id, tmp_path / "p.txt"))
    assert names(tmp_path) == []


@pytest.mark.parametrize(
    ("where", "error"),
    [(".", IsADirectoryError), ("missing-dir/out.bin", FileNotFoundError), ("", ValueError)],
)
async def test_a_bad_download_path_is_refused_before_any_rpc(
    client, xai_emulator: Emulator, tmp_path: Path, where: str, error: type[Exception]
) -> None:
    path = str(tmp_path / where) if where else ""
    with pytest.raises(error):
        await outcome(client.files.download("file-1", path))
    assert xai_emulator.requests == []


# -- list -----------------------------------------------------------------------------------------


async def test_list_pages_through_every_file_with_its_tokens(client) -> None:
    uploaded = await upload_named(client, *(f"{i}.txt" for i in range(7)))
    seen, token, pages = [], None, 0
    while True:
        page = await outcome(client.files.list(limit=3, pagination_token=token))
        seen += [f.id for f in page.data]
        pages += 1
        if not page.HasField("pagination_token"):
            break
        token = page.pagination_token
    assert pages == 3
    assert seen == [f.id for f in uploaded]


async def test_a_page_token_stays_valid_when_files_are_added(client) -> None:
    uploaded = await upload_named(client, "a", "b", "c", "d")
    first = await outcome(client.files.list(limit=2))
    await upload_named(client, "e")
    second = await outcome(client.files.list(limit=2, pagination_token=first.pagination_token))
    assert [f.id for f in second.data] == [uploaded[2].id, uploaded[3].id]


async def test_list_orders_and_sorts(client) -> None:
    uploaded = await upload_named(client, "b.txt", "c.txt", "a.txt")
    by_id = {f.filename: f.id for f in uploaded}
    assert await listed_ids(client, order="desc") == [f.id for f in reversed(uploaded)]
    assert await listed_ids(client, sort_by="filename") == [by_id["a.txt"], by_id["b.txt"], by_id["c.txt"]]
    for size in (300, 100, 200):
        await outcome(client.files.upload(b"s" * size, filename=f"{size}.bin"))
    largest = await outcome(client.files.list(sort_by="size", order="desc", limit=3))
    assert [f.size for f in largest.data] == [300, 200, 100]


async def test_list_filters(client) -> None:
    await upload_named(client, "report.pdf", "notes.txt")
    big = await outcome(client.files.upload(b"x" * 2000, filename="big.bin"))
    assert await listed_ids(client, filter="size_bytes > 1000") == [big.id]
    names = [
        f.filename for f in (await outcome(client.files.list(filter='content_type = "application/pdf"'))).data
    ]
    assert names == ["report.pdf"]


async def test_a_token_of_another_listing_is_refused(client) -> None:
    await upload_named(client, "a", "b", "c")
    page = await outcome(client.files.list(limit=1))
    with pytest.raises(errors.InvalidArgumentError, match="another listing"):
        await outcome(client.files.list(limit=1, order="desc", pagination_token=page.pagination_token))
    with pytest.raises(errors.InvalidArgumentError, match="invalid pagination_token"):
        await outcome(client.files.list(pagination_token="garbage"))


async def test_a_malformed_filter_is_invalid(client) -> None:
    await upload_named(client, "a")
    with pytest.raises(errors.InvalidArgumentError, match="unknown field"):
        await outcome(client.files.list(filter="colour = 1"))


async def test_an_empty_filter_is_not_sent(client, xai_emulator: Emulator) -> None:
    await outcome(client.files.list(filter=""))
    assert not xai_emulator.calls("Files/ListFiles")[0].request.HasField("filter")


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"limit": -1}, ValueError, "limit must be a positive integer"),
        ({"limit": 0}, ValueError, "limit must be a positive integer"),
        ({"limit": "10"}, TypeError, "limit must be an integer"),
        ({"order": "up"}, ValueError, "order must be one of 'asc', 'desc'"),
        ({"sort_by": "name"}, ValueError, "sort_by must be one of 'created_at', 'filename', 'size'"),
        ({"filter": 3}, TypeError, "filter must be a string"),
    ],
)
async def test_bad_list_arguments_are_refused_before_any_rpc(
    client, xai_emulator: Emulator, options: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        await outcome(client.files.list(**options))
    assert xai_emulator.requests == []


# -- public URLs ----------------------------------------------------------------------------------


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()  # type: ignore[no-any-return]


async def test_a_public_url_serves_the_file_until_revoked(client) -> None:
    image = await outcome(client.files.upload(b"\x89PNG fake", filename="logo.png"))
    created = await outcome(client.files.create_public_url(image.id, expires_after=600))
    assert created.expires_at.seconds > 0
    assert fetch(created.public_url) == b"\x89PNG fake"
    assert (await outcome(client.files.get(image.id))).public_url == created.public_url
    again = await outcome(client.files.create_public_url(image.id))
    assert again.public_url == created.public_url
    revoked = await outcome(client.files.revoke_public_url(image.id))
    assert (revoked.revoked, revoked.public_url) == (True, created.public_url)
    with pytest.raises(urllib.error.HTTPError):
        fetch(created.public_url)
    assert not (await outcome(client.files.revoke_public_url(image.id))).revoked


async def test_only_images_videos_and_pdfs_get_a_public_url(client) -> None:
    text = await outcome(client.files.upload(b"plain", filename="plain.txt"))
    with pytest.raises(errors.InvalidArgumentError, match="images, videos and PDFs"):
        await outcome(client.files.create_public_url(text.id))


async def test_a_bad_public_url_expiry_is_refused_before_any_rpc(client, xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="expires_after"):
        await outcome(client.files.create_public_url("file-1", expires_after=0))
    assert xai_emulator.requests == []


# -- public names ---------------------------------------------------------------------------------


def test_the_storage_options_validator_checks_by_hand() -> None:
    assert StorageOptionsValidator.validate_python({"filename": "a.png", "public_url": True}) == {
        "filename": "a.png",
        "public_url": True,
    }
    with pytest.raises(ValueError, match="filename"):
        StorageOptionsValidator.validate_python({"expires_after": 5})


def test_the_official_names_are_importable() -> None:
    import xai_sdk.files as files

    for name in (
        "Order",
        "SortBy",
        "PublicUrlOptions",
        "PublicUrlInput",
        "StorageOptions",
        "StorageOptionsValidator",
        "ProgressBarLike",
        "ProgressCallback",
        "BatchUploadCallback",
        "BaseClient",
    ):
        assert hasattr(files, name), name
    from xai_sdk.storage import StorageOptions

    assert files.StorageOptions is StorageOptions
