"""`xai files upload | list | get | delete | download`, with their progress bars and failures."""

from __future__ import annotations

import json
import os
from pathlib import Path

import grpc

from tests.cli.conftest import Cli, lines, one_error_line, table_column
from xai_sdk.emulator import Emulator


def stored_id(xai_emulator: Emulator, name: str, data: bytes) -> str:
    return xai_emulator.files.add_file(name, data).id


def test_upload_stores_the_file_and_prints_it(xai: Cli, xai_emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_bytes(b"remember the milk\n")
    result = xai("files", "upload", source, "--json")
    assert result.returncode == 0, result.stderr
    file = json.loads(result.stdout)
    assert file["filename"] == "notes.txt" and file["size"] == "18"
    assert xai_emulator.files.data(file["id"]) == b"remember the milk\n"
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_upload_shows_a_progress_bar_when_asked(xai: Cli, tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(5 * 1024 * 1024))  # two upload chunks
    result = xai("files", "upload", source, "--name", "renamed.bin", "--progress")
    assert result.returncode == 0, result.stderr
    # Each redraw starts with a carriage return (read as a line break here); a newline ends the bar.
    drawn = [line for line in lines(result.stderr) if line]
    assert all(line.startswith("renamed.bin  [") for line in drawn)
    assert drawn[-1].endswith("100%  5.0 MiB / 5.0 MiB")
    shown = dict(line.split(None, 1) for line in lines(result.stdout) if " " in line)
    assert shown["filename"] == "renamed.bin"


def test_upload_with_an_expiry(xai: Cli, xai_emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("a")
    result = xai("files", "upload", source, "--expires-after", "3600", "--json")
    file = json.loads(result.stdout)
    assert "expires_at" in file


def test_uploading_a_missing_file_fails_before_any_call(
    xai: Cli, xai_emulator: Emulator, tmp_path: Path
) -> None:
    result = xai("files", "upload", tmp_path / "nothing.txt")
    assert result.returncode == 1
    assert "nothing.txt" in one_error_line(result)
    assert xai_emulator.requests == []


def test_a_non_positive_expiry_is_refused_before_any_call(
    xai: Cli, xai_emulator: Emulator, tmp_path: Path
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("a")
    result = xai("files", "upload", source, "--expires-after", "0")
    assert result.returncode == 2
    assert "expires_after" in one_error_line(result)
    assert xai_emulator.requests == []


def test_list_prints_a_table_of_files(xai: Cli, xai_emulator: Emulator) -> None:
    stored_id(xai_emulator, "b.txt", b"bb")
    stored_id(xai_emulator, "a.txt", b"a")
    result = xai("files", "list", "--sort-by", "filename")
    assert result.returncode == 0, result.stderr
    assert table_column(result.stdout, "NAME") == ["a.txt", "b.txt"]
    assert table_column(result.stdout, "SIZE") == ["1 B", "2 B"]
    assert result.stderr == ""


def test_list_pages_through_the_files(xai: Cli, xai_emulator: Emulator) -> None:
    first, second = stored_id(xai_emulator, "a.txt", b"a"), stored_id(xai_emulator, "b.txt", b"b")
    page = xai("files", "list", "--limit", "1")
    assert table_column(page.stdout, "ID") == [first]
    hint = one_error_line(page)
    assert hint.startswith("more: xai files list --page ")
    token = hint.rsplit(" ", 1)[1]
    rest = xai("files", "list", "--limit", "1", "--page", token)
    assert table_column(rest.stdout, "ID") == [second]


def test_list_without_files(xai: Cli) -> None:
    assert xai("files", "list").stdout == "no files\n"


def test_a_bad_sort_order_is_refused_before_any_call(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("files", "list", "--order", "sideways")
    assert result.returncode == 2
    assert one_error_line(result) == "xai: error: order must be one of 'asc', 'desc', got 'sideways'"
    assert xai_emulator.requests == []


def test_get_and_delete(xai: Cli, xai_emulator: Emulator) -> None:
    file_id = stored_id(xai_emulator, "report.pdf", b"%PDF-1.4")
    shown = xai("files", "get", file_id)
    assert shown.returncode == 0, shown.stderr
    assert lines(shown.stdout)[:3] == [
        f"id          {file_id}",
        "filename    report.pdf",
        "size        8 bytes (8 B)",
    ]
    deleted = xai("files", "delete", file_id)
    assert deleted.stdout == f"deleted {file_id}\n"
    gone = xai("files", "get", file_id)
    assert gone.returncode == 1
    assert one_error_line(gone).startswith(f"xai: error: NOT_FOUND: No file with id '{file_id}'")


def test_download_writes_the_content_to_the_path(xai: Cli, xai_emulator: Emulator, tmp_path: Path) -> None:
    data = os.urandom(300_000)
    xai_emulator.files.content_chunk_size = 64 * 1024
    file_id = stored_id(xai_emulator, "data.bin", data)
    target = tmp_path / "copy.bin"
    result = xai("files", "download", file_id, "-o", target, "--progress")
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == data
    assert result.stdout == f"saved {target} (293.0 KiB)\n"
    drawn = [line for line in lines(result.stderr) if line]
    assert len(drawn) >= 2 and drawn[-1].endswith("100%  293.0 KiB / 293.0 KiB")


def test_download_defaults_to_the_file_name_here(xai: Cli, xai_emulator: Emulator, tmp_path: Path) -> None:
    file_id = stored_id(xai_emulator, "report.txt", b"quarterly numbers")
    result = xai("files", "download", file_id, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "report.txt").read_bytes() == b"quarterly numbers"
    assert result.stderr == ""


def test_download_without_output_refuses_to_replace_a_local_file(
    xai: Cli, xai_emulator: Emulator, tmp_path: Path
) -> None:
    file_id = stored_id(xai_emulator, "report.txt", b"the server's copy")
    (tmp_path / "report.txt").write_bytes(b"my own notes")
    result = xai("files", "download", file_id, cwd=tmp_path)
    assert result.returncode == 1
    assert one_error_line(result) == (
        "xai: error: report.txt already exists here; pass --force to replace it, or -o PATH to save it "
        "elsewhere"
    )
    assert (tmp_path / "report.txt").read_bytes() == b"my own notes"
    assert [path.name for path in tmp_path.iterdir()] == ["report.txt"]
    assert xai_emulator.calls("Files/RetrieveFileContent") == []  # refused before the download


def test_download_with_force_replaces_a_local_file_of_the_same_name(
    xai: Cli, xai_emulator: Emulator, tmp_path: Path
) -> None:
    file_id = stored_id(xai_emulator, "report.txt", b"the server's copy")
    (tmp_path / "report.txt").write_bytes(b"my own notes")
    result = xai("files", "download", file_id, "--force", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "report.txt").read_bytes() == b"the server's copy"


def test_download_to_an_explicit_path_replaces_it(xai: Cli, xai_emulator: Emulator, tmp_path: Path) -> None:
    file_id = stored_id(xai_emulator, "report.txt", b"the server's copy")
    target = tmp_path / "mine.txt"
    target.write_bytes(b"my own notes")
    result = xai("files", "download", file_id, "-o", target)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == b"the server's copy"


def test_a_failed_download_leaves_the_target_as_it_was(
    xai: Cli, xai_emulator: Emulator, tmp_path: Path
) -> None:
    xai_emulator.files.content_chunk_size = 1024
    file_id = stored_id(xai_emulator, "data.bin", os.urandom(10_000))
    xai_emulator.faults.fail("Files/RetrieveFileContent", grpc.StatusCode.INTERNAL, after_chunks=3)
    target = tmp_path / "data.bin"
    target.write_bytes(b"previous content")
    result = xai("files", "download", file_id, "-o", target)
    assert result.returncode == 1
    assert one_error_line(result).startswith("xai: error: INTERNAL: ")
    assert [path.name for path in tmp_path.iterdir()] == ["data.bin"]
    assert target.read_bytes() == b"previous content"


def test_downloading_an_unknown_file_fails(xai: Cli, tmp_path: Path) -> None:
    result = xai("files", "download", "file-missing", "-o", tmp_path / "x")
    assert result.returncode == 1
    assert one_error_line(result).startswith("xai: error: NOT_FOUND: ")
    assert list(tmp_path.iterdir()) == []


def test_downloading_into_a_missing_directory_fails(xai: Cli, xai_emulator: Emulator, tmp_path: Path) -> None:
    file_id = stored_id(xai_emulator, "a.txt", b"a")
    result = xai("files", "download", file_id, "-o", tmp_path / "missing" / "a.txt")
    assert result.returncode == 1
    assert "does not exist" in one_error_line(result)
