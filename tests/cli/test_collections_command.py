"""`xai collections create | list | delete | upload | documents | search`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Cli, lines, one_error_line, table_column
from xai_sdk.emulator import Emulator


def created(xai: Cli, name: str = "handbook") -> str:
    result = xai("collections", "create", name, "--json")
    assert result.returncode == 0, result.stderr
    return str(json.loads(result.stdout)["collection_id"])


def document(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_create_prints_the_collection(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("collections", "create", "handbook", "--description", "HR policies")
    assert result.returncode == 0, result.stderr
    shown = dict(line.split(None, 1) for line in lines(result.stdout))
    assert shown["name"] == "handbook" and shown["id"].startswith("collection-")
    request = xai_emulator.calls("Collections/CreateCollection")[0].request
    assert request.collection_description == "HR policies"


def test_list_and_delete(xai: Cli) -> None:
    first, second = created(xai, "alpha"), created(xai, "beta")
    listed = xai("collections", "list")
    assert sorted(table_column(listed.stdout, "ID")) == sorted([first, second])
    assert xai("collections", "delete", first).stdout == f"deleted {first}\n"
    assert table_column(xai("collections", "list").stdout, "NAME") == ["beta"]


def test_list_without_collections(xai: Cli) -> None:
    assert xai("collections", "list").stdout == "no collections\n"


def test_upload_indexes_a_document_then_search_finds_it(
    xai: Cli, xai_emulator: Emulator, tmp_path: Path
) -> None:
    collection = created(xai)
    leave = document(tmp_path, "leave.md", "Employees get 25 days of paid leave per year.")
    travel = document(tmp_path, "travel.md", "Book travel through the portal.")
    uploaded = xai("collections", "upload", collection, leave, "--field", "team=people")
    assert uploaded.returncode == 0, uploaded.stderr
    shown = dict(line.split(None, 1) for line in lines(uploaded.stdout))
    assert shown["name"] == "leave.md" and shown["status"] == "processed"
    assert xai_emulator.calls("Collections/AddDocumentToCollection")[0].request.fields == {"team": "people"}
    assert xai("collections", "upload", collection, travel).returncode == 0

    documents = xai("collections", "documents", collection)
    assert sorted(table_column(documents.stdout, "NAME")) == ["leave.md", "travel.md"]

    found = xai("collections", "search", "days of leave", "--collection", collection, "--limit", "1")
    assert found.returncode == 0, found.stderr
    assert table_column(found.stdout, "FILE ID") == [shown["file"].split()[-1]]
    assert "25 days of paid leave" in table_column(found.stdout, "CHUNK")[0]
    assert xai_emulator.calls("Documents/Search")[0].request.limit == 1


def test_search_json_and_no_matches(xai: Cli, tmp_path: Path) -> None:
    collection = created(xai)
    xai("collections", "upload", collection, document(tmp_path, "a.md", "apples and pears"))
    matches = json.loads(xai("collections", "search", "pears", "-c", collection, "--json").stdout)["matches"]
    assert matches[0]["chunk_content"] == "apples and pears"
    assert xai("collections", "search", "zebra", "-c", collection).stdout == "no matches\n"


def test_upload_without_waiting(xai: Cli, xai_emulator: Emulator, tmp_path: Path) -> None:
    collection = created(xai)
    xai_emulator.collections.indexing_polls = 3
    result = xai(
        "collections", "upload", collection, document(tmp_path, "a.md", "text"), "--no-wait", "--json"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "DOCUMENT_STATUS_PROCESSING"


def test_a_failed_indexing_is_an_api_error(xai: Cli, xai_emulator: Emulator, tmp_path: Path) -> None:
    collection = created(xai)
    xai_emulator.collections.fail_indexing(error_message="unreadable document")
    result = xai("collections", "upload", collection, document(tmp_path, "a.md", "text"))
    assert result.returncode == 1
    assert one_error_line(result) == "xai: error: Document indexing failed: unreadable document"


def test_management_commands_need_the_management_key(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("collections", "list", env={"XAI_MANAGEMENT_KEY": None})
    assert result.returncode == 1
    assert "set the XAI_MANAGEMENT_KEY environment variable" in one_error_line(result)
    assert xai_emulator.requests == []


def test_search_needs_only_the_api_key(xai: Cli) -> None:
    collection = created(xai)
    result = xai("collections", "search", "anything", "-c", collection, env={"XAI_MANAGEMENT_KEY": None})
    assert result.returncode == 0, result.stderr


def test_search_without_a_collection_is_a_usage_error(xai: Cli, xai_emulator: Emulator) -> None:
    result = xai("collections", "search", "anything")
    assert result.returncode == 2
    assert "the following arguments are required: -c/--collection" in one_error_line(result)
    assert xai_emulator.requests == []


def test_a_malformed_field_is_refused_before_any_call(
    xai: Cli, xai_emulator: Emulator, tmp_path: Path
) -> None:
    result = xai("collections", "upload", "collection-1", document(tmp_path, "a.md", "x"), "--field", "team")
    assert result.returncode == 2
    assert one_error_line(result) == "xai: error: --field takes KEY=VALUE, got 'team'"
    assert xai_emulator.requests == []


def test_uploading_into_an_unknown_collection_fails_and_leaves_no_file(
    xai: Cli, xai_emulator: Emulator, tmp_path: Path
) -> None:
    result = xai("collections", "upload", "collection-missing", document(tmp_path, "a.md", "x"))
    assert result.returncode == 1
    assert one_error_line(result).startswith(
        "xai: error: NOT_FOUND: No collection with id 'collection-missing'"
    )
    assert xai("files", "list").stdout == "no files\n"
