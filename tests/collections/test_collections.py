"""client.collections against the emulator, with both clients: every method, the two hosts and keys,
indexing waits, search ordering, and bad input."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import grpc
import pytest

from tests.conftest import outcome
from xai_sdk import AsyncClient, Client, errors
from xai_sdk.collections import (
    ChunkConfigurationValidator,
    DocumentIndexingError,
    FieldDefinitionAddValidator,
    FieldDefinitionDeleteValidator,
    FieldDefinitionValidator,
)
from xai_sdk.emulator import Emulator
from xai_sdk.proto import collections_pb2, documents_pb2, shared_pb2, types_pb2

CHARS = {"chars_configuration": {"max_chunk_size_chars": 60, "chunk_overlap_chars": 0}}
GET_DOCUMENT = "Collections/GetDocumentMetadata"
FAST = {"poll_interval": 0.01, "timeout": 5}


async def create(client: Any, name: str = "docs", **options: Any) -> str:
    collection = await outcome(client.collections.create(name, **options))
    return collection.collection_id  # type: ignore[no-any-return]


async def add(
    client: Any,
    collection_id: str,
    name: str,
    text: str,
    fields: dict[str, str] | None = None,
    **options: Any,
) -> str:
    document = await outcome(
        client.collections.upload_document(collection_id, name, text.encode(), fields, **options)
    )
    return document.file_metadata.file_id  # type: ignore[no-any-return]


def request_of(emulator: Emulator, method: str) -> Any:
    return emulator.calls(method)[-1].request


@pytest.fixture(params=["sync", "async"])
async def keyless(
    request: pytest.FixtureRequest, xai_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Client | AsyncClient]:
    """A client of each kind without a management key."""
    monkeypatch.delenv("XAI_MANAGEMENT_KEY", raising=False)
    if request.param == "sync":
        with xai_emulator.client(management_api_key=None) as sync_client:
            yield sync_client
    else:
        async with xai_emulator.async_client(management_api_key=None) as async_client:
            yield async_client


# -- collections ----------------------------------------------------------------------------------


async def test_create_sends_every_parameter(client, xai_emulator: Emulator) -> None:
    created = await outcome(
        client.collections.create(
            "handbook",
            model_name="grok-embedding-small",
            chunk_configuration={
                "tokens_configuration": {
                    "max_chunk_size_tokens": 100,
                    "chunk_overlap_tokens": 10,
                    "encoding_name": "cl100k",
                },
                "strip_whitespace": True,
                "inject_name_into_chunks": True,
            },
            metric_space="euclidean",
            field_definitions=[
                {"key": "author", "required": True, "inject_into_chunk": False, "unique": False},
                collections_pb2.FieldDefinition(key="isbn", unique=True),
            ],
            description="The staff handbook",
        )
    )
    sent = request_of(xai_emulator, "Collections/CreateCollection")
    assert (
        sent.collection_name == "handbook" and sent.index_configuration.model_name == "grok-embedding-small"
    )
    assert sent.chunk_configuration.tokens_configuration.max_chunk_size_tokens == 100
    assert sent.chunk_configuration.inject_name_into_chunks
    assert sent.metric_space == types_pb2.HNSW_METRIC_EUCLIDEAN
    assert [d.key for d in sent.field_definitions] == ["author", "isbn"]
    assert created.collection_id.startswith("collection-")
    assert (created.collection_name, created.collection_description) == ("handbook", "The staff handbook")


async def test_get_returns_the_collection_with_its_counts(client) -> None:
    collection_id = await create(client)
    await add(client, collection_id, "a.txt", "alpha")
    collection = await outcome(client.collections.get(collection_id))
    assert (collection.documents_count, collection.total_file_size) == (1, 5)


async def test_update_changes_the_collection(client, xai_emulator: Emulator) -> None:
    collection_id = await create(
        client,
        field_definitions=[{"key": "isbn", "required": False, "inject_into_chunk": False, "unique": True}],
    )
    updated = await outcome(
        client.collections.update(
            collection_id,
            name="renamed",
            chunk_configuration={
                "bytes_configuration": {"max_chunk_size_bytes": 64, "chunk_overlap_bytes": 8}
            },
            field_definitions=[
                {"key": "isbn", "operation": "delete"},
                {
                    "field_definition": {
                        "key": "year",
                        "required": False,
                        "inject_into_chunk": True,
                        "unique": False,
                    },
                    "operation": "add",
                },
            ],
            description="new",
        )
    )
    assert (updated.collection_name, updated.collection_description) == ("renamed", "new")
    assert updated.chunk_configuration.bytes_configuration.max_chunk_size_bytes == 64
    assert [d.key for d in updated.field_definitions] == ["year"]
    operations = [
        u.operation for u in request_of(xai_emulator, "Collections/UpdateCollection").field_definition_updates
    ]
    assert operations == [collections_pb2.FIELD_DEFINITION_DELETE, collections_pb2.FIELD_DEFINITION_ADD]


async def test_delete_removes_the_collection(client) -> None:
    collection_id = await create(client)
    assert await outcome(client.collections.delete(collection_id)) is None
    with pytest.raises(errors.NotFoundError):
        await outcome(client.collections.get(collection_id))


@pytest.mark.parametrize("method", ["get", "delete", "generate_description", "list_documents"])
async def test_an_unknown_collection_is_not_found(client, method: str) -> None:
    with pytest.raises(errors.NotFoundError, match="collection-nope"):
        await outcome(getattr(client.collections, method)("collection-nope"))


async def test_list_pages_through_the_collections_by_name(client) -> None:
    names = [f"c{i}" for i in range(7)]
    for name in reversed(names):
        await create(client, name)
    seen, token, pages = [], None, 0
    while True:
        page = await outcome(
            client.collections.list(limit=3, order="asc", sort_by="name", pagination_token=token)
        )
        seen += [c.collection_name for c in page.collections]
        pages += 1
        if not page.pagination_token:
            break
        token = page.pagination_token
    assert (seen, pages) == (names, 3)


async def test_list_sorts_by_age_and_filters(client) -> None:
    for name in ("b", "a", "c"):
        await create(client, name)
    by_age = await outcome(client.collections.list(order="asc", sort_by="age"))
    assert [c.collection_name for c in by_age.collections] == ["b", "a", "c"]
    newest = await outcome(
        client.collections.list(order=shared_pb2.ORDERING_DESCENDING, sort_by="age", limit=1)
    )
    assert [c.collection_name for c in newest.collections] == ["c"]
    filtered = await outcome(client.collections.list(filter='collection_name:"a"'))
    assert [c.collection_name for c in filtered.collections] == ["a"]


async def test_generate_description_summarizes_the_documents(client) -> None:
    collection_id = await create(client)
    assert await outcome(client.collections.generate_description(collection_id)) == ""
    await add(client, collection_id, "moons.txt", "Jupiter moons: Europa, Io. Jupiter is large.")
    description = await outcome(client.collections.generate_description(collection_id))
    assert "moons.txt" in description and "jupiter" in description


# -- bad collection arguments ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"name": " "}, ValueError, "name must not be empty"),
        ({"metric_space": "manhattan"}, ValueError, "metric_space must be one of"),
        ({"chunk_configuration": {}}, ValueError, "Must specify exactly one chunking strategy"),
        (
            {"chunk_configuration": {**CHARS, "bytes_configuration": {"max_chunk_size_bytes": 5}}},
            ValueError,
            r"bytes_configuration\.chunk_overlap_bytes\n  Field required",
        ),
        (
            {
                "chunk_configuration": {
                    **CHARS,
                    "bytes_configuration": {"max_chunk_size_bytes": 5, "chunk_overlap_bytes": 1},
                }
            },
            ValueError,
            r"Cannot specify multiple chunking strategies \('chars_configuration', 'bytes_configuration'\)",
        ),
        (
            {
                "chunk_configuration": {
                    "chars_configuration": {"max_chunk_size_chars": 0, "chunk_overlap_chars": 0}
                }
            },
            ValueError,
            "must be positive",
        ),
        (
            {
                "chunk_configuration": {
                    "chars_configuration": {"max_chunk_size_chars": 10, "chunk_overlap_chars": 10}
                }
            },
            ValueError,
            "smaller than",
        ),
        (
            {
                "chunk_configuration": {
                    "chars_configuration": {"max_chunk_size_chars": 10, "chunk_overlap_chars": -1}
                }
            },
            ValueError,
            "zero or more",
        ),
        (
            {"chunk_configuration": {"chars_configuration": {"max_chunk_size_chars": 10}}},
            ValueError,
            r"1 validation error for ChunkConfiguration\n"
            r"chars_configuration\.chunk_overlap_chars\n  Field required",
        ),
        (
            {
                "chunk_configuration": {
                    "tokens_configuration": {"max_chunk_size_tokens": 10, "chunk_overlap_tokens": 1}
                }
            },
            ValueError,
            r"tokens_configuration\.encoding_name\n  Field required",
        ),
        (
            {"chunk_configuration": {**CHARS, "strip_whitespace": "maybe"}},
            ValueError,
            "strip_whitespace\n  Input should be a valid boolean, unable to interpret input",
        ),
        (
            {
                "chunk_configuration": {
                    "chars_configuration": {"max_chunk_size_chars": "big", "chunk_overlap_chars": 0}
                }
            },
            ValueError,
            "Input should be a valid integer, unable to parse string as an integer",
        ),
        ({"chunk_configuration": "chars"}, TypeError, "a dict or a ChunkConfiguration message"),
        (
            {"field_definitions": [{"key": "k", "required": True}]},
            ValueError,
            r"2 validation errors for FieldDefinition\ninject_into_chunk\n  Field required",
        ),
        ({"field_definitions": {"key": "k"}}, TypeError, "must be a list"),
    ],
)
async def test_bad_create_arguments_are_refused_before_any_rpc(
    client, xai_emulator: Emulator, options: dict[str, Any], error: type[Exception], message: str
) -> None:
    options = {"name": "docs", **options}
    with pytest.raises(error, match=message):
        await outcome(client.collections.create(**options))
    assert xai_emulator.requests == []


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({}, ValueError, "At least one of"),
        (
            {"field_definitions": [{"key": "k", "operation": "rename"}]},
            ValueError,
            "Unknown field definition operation: 'rename'",
        ),
        (
            {"field_definitions": [{"operation": "delete"}]},
            ValueError,
            r"FieldDefinitionDelete\nkey\n  Field required",
        ),
        (
            {"field_definitions": [{"field_definition": {"key": "k"}, "operation": "add"}]},
            ValueError,
            r"FieldDefinitionAdd\nfield_definition\.required\n  Field required",
        ),
    ],
)
async def test_bad_update_arguments_are_refused_before_any_rpc(
    client, xai_emulator: Emulator, options: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        await outcome(client.collections.update("collection-1", **options))
    assert xai_emulator.requests == []


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"limit": -5}, ValueError, "limit must be a positive integer"),
        ({"order": "random"}, ValueError, "order must be one of 'asc', 'desc'"),
        ({"sort_by": "size"}, ValueError, "sort_by must be one of 'name', 'age'"),
        ({"pagination_token": 5}, TypeError, "pagination_token must be a string"),
    ],
)
async def test_bad_list_arguments_are_refused_before_any_rpc(
    client, xai_emulator: Emulator, options: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        await outcome(client.collections.list(**options))
    assert xai_emulator.requests == []


def test_the_validators_check_dicts_by_hand() -> None:
    definition = {"key": "k", "required": False, "inject_into_chunk": True, "unique": False}
    assert FieldDefinitionValidator.validate_python(definition) == definition
    assert FieldDefinitionAddValidator.validate_python({"field_definition": definition, "operation": "add"})
    assert FieldDefinitionDeleteValidator.validate_python({"key": "k", "operation": "delete"})
    assert ChunkConfigurationValidator.validate_python(CHARS) == CHARS
    # The shape only, as pydantic's TypeAdapter checks it: the sizing count is create()'s check.
    assert ChunkConfigurationValidator.validate_python({"strip_whitespace": "on"}) == {
        "strip_whitespace": True
    }
    with pytest.raises(ValueError, match="Input should be a valid dictionary"):
        ChunkConfigurationValidator.validate_python("chars")


async def test_dict_arguments_are_converted_and_trimmed_as_the_official_sdk_does(
    client, xai_emulator: Emulator
) -> None:
    await outcome(
        client.collections.create(
            "docs",
            model_name="",  # the default model
            chunk_configuration={
                "chars_configuration": {"max_chunk_size_chars": "800", "chunk_overlap_chars": 10.0},
                "strip_whitespace": "yes",
                "colour": "red",  # not a field: left out
            },
            field_definitions=[
                {"key": "isbn", "required": 1, "inject_into_chunk": "no", "unique": True, "x": 1}
            ],
        )
    )
    request = xai_emulator.calls("Collections/CreateCollection")[0].request
    assert not request.HasField("index_configuration")
    assert request.chunk_configuration == types_pb2.ChunkConfiguration(
        chars_configuration=types_pb2.CharsConfiguration(max_chunk_size_chars=800, chunk_overlap_chars=10),
        strip_whitespace=True,
    )
    assert list(request.field_definitions) == [
        collections_pb2.FieldDefinition(key="isbn", required=True, inject_into_chunk=False, unique=True)
    ]


# -- the management key and the two hosts ----------------------------------------------------------


async def test_management_calls_carry_the_management_key_and_search_the_api_key(
    client, xai_emulator: Emulator
) -> None:
    collection_id = await create(client)
    await add(client, collection_id, "a.txt", "alpha beta")
    await outcome(client.collections.search("alpha", [collection_id]))
    keys = {record.method: record.headers["authorization"] for record in xai_emulator.requests}
    assert keys["/collections.Collections/CreateCollection"] == f"Bearer {xai_emulator.management_api_key}"
    assert (
        keys["/collections.Collections/AddDocumentToCollection"]
        == f"Bearer {xai_emulator.management_api_key}"
    )
    assert keys["/xai_api.Files/UploadFile"] == f"Bearer {xai_emulator.api_key}"
    assert keys["/xai_api.Documents/Search"] == f"Bearer {xai_emulator.api_key}"


@pytest.mark.parametrize(
    ("method", "arguments"),
    [
        ("create", ("docs",)),
        ("list", ()),
        ("get", ("collection-1",)),
        ("delete", ("collection-1",)),
        ("get_document", ("file-1", "collection-1")),
        ("add_existing_document", ("collection-1", "file-1")),
        ("update", ("collection-1", "renamed")),
        ("list_documents", ("collection-1",)),
        ("batch_get_documents", ("collection-1", ["file-1"])),
        ("remove_document", ("collection-1", "file-1")),
        ("update_document", ("collection-1", "file-1", "renamed.txt")),
        ("reindex_document", ("collection-1", "file-1")),
        ("generate_description", ("collection-1",)),
    ],
)
async def test_without_a_management_key_management_calls_name_the_variable(
    keyless, xai_emulator: Emulator, method: str, arguments: tuple[Any, ...]
) -> None:
    with pytest.raises(ValueError, match=r"^Please provide a management API key\. .*XAI_MANAGEMENT_KEY"):
        await outcome(getattr(keyless.collections, method)(*arguments))
    assert xai_emulator.requests == []


async def test_without_a_management_key_upload_document_fails_before_uploading(
    keyless, xai_emulator: Emulator
) -> None:
    with pytest.raises(ValueError, match="Please provide a management API key"):
        await outcome(keyless.collections.upload_document("collection-1", "a.txt", b"alpha"))
    assert xai_emulator.requests == []


async def test_search_needs_no_management_key(client, keyless) -> None:
    collection_id = await create(client)
    await add(client, collection_id, "a.txt", "alpha beta")
    response = await outcome(keyless.collections.search("alpha", [collection_id]))
    assert len(response.matches) == 1


# -- documents ------------------------------------------------------------------------------------


async def test_upload_document_uploads_then_adds_with_fields(client, xai_emulator: Emulator) -> None:
    collection_id = await create(
        client,
        field_definitions=[{"key": "author", "required": True, "inject_into_chunk": True, "unique": False}],
    )
    document = await outcome(
        client.collections.upload_document(collection_id, "ada.txt", b"notes on engines", {"author": "Ada"})
    )
    assert document.file_metadata.name == "ada.txt" and document.fields["author"] == "Ada"
    assert document.status == collections_pb2.DOCUMENT_STATUS_PROCESSED
    assert [record.method.rsplit("/", 1)[1] for record in xai_emulator.requests[1:]] == [
        "UploadFile",
        "AddDocumentToCollection",
        "GetDocumentMetadata",
    ]
    assert await outcome(client.files.content(document.file_metadata.file_id)) == b"notes on engines"


async def test_upload_document_waits_for_the_indexing(client, xai_emulator: Emulator) -> None:
    xai_emulator.collections.indexing_polls = 3
    collection_id = await create(client)
    file_id = await add(client, collection_id, "a.txt", "alpha", wait_for_indexing=True, **FAST)
    document = await outcome(client.collections.get_document(file_id, collection_id))
    assert document.status == collections_pb2.DOCUMENT_STATUS_PROCESSED
    statuses = len(xai_emulator.calls(GET_DOCUMENT))
    assert statuses == 5  # three in-progress answers, PROCESSED, then the get_document above


async def test_without_waiting_upload_document_returns_the_status_in_progress(
    client, xai_emulator: Emulator
) -> None:
    xai_emulator.collections.indexing_polls = 2
    collection_id = await create(client)
    document = await outcome(client.collections.upload_document(collection_id, "a.txt", b"alpha"))
    assert document.status == collections_pb2.DOCUMENT_STATUS_PROCESSING


async def test_a_failed_indexing_raises_with_the_servers_message(client, xai_emulator: Emulator) -> None:
    xai_emulator.collections.fail_indexing(error_message="unreadable PDF")
    collection_id = await create(client)
    with pytest.raises(DocumentIndexingError, match="unreadable PDF") as raised:
        await add(client, collection_id, "a.pdf", "x", wait_for_indexing=True, **FAST)
    assert isinstance(raised.value, ValueError)
    assert raised.value.document.status == collections_pb2.DOCUMENT_STATUS_FAILED


async def test_waiting_for_the_indexing_times_out(client, xai_emulator: Emulator) -> None:
    xai_emulator.collections.indexing_polls = 1000
    collection_id = await create(client)
    with pytest.raises(TimeoutError, match="document to be indexed"):
        await add(
            client, collection_id, "a.txt", "x", wait_for_indexing=True, poll_interval=0.02, timeout=0.1
        )


async def test_an_upload_to_a_missing_collection_leaves_no_file(client) -> None:
    with pytest.raises(errors.NotFoundError):
        await outcome(client.collections.upload_document("collection-nope", "a.txt", b"x"))
    assert list((await outcome(client.files.list())).data) == []


@pytest.mark.parametrize(
    ("arguments", "options", "error", "message"),
    [
        (("collection-1", "a.txt", "text"), {}, TypeError, "data must be bytes"),
        (("collection-1", "", b"x"), {}, ValueError, "name must not be empty"),
        (("", "a.txt", b"x"), {}, ValueError, "collection_id must not be empty"),
        (("collection-1", "a.txt", b"x", {"k": 1}), {}, TypeError, "must be a string"),
        (("collection-1", "a.txt", b"x"), {"poll_interval": -1}, ValueError, "poll_interval"),
        (("collection-1", "a.txt", b"x"), {"timeout": timedelta(seconds=-1)}, ValueError, "timeout"),
        (("collection-1", "a.txt", b"x"), {"wait_for_indexing": "yes"}, TypeError, "wait_for_indexing"),
    ],
)
async def test_bad_upload_document_arguments_are_refused_before_any_rpc(
    client,
    xai_emulator: Emulator,
    arguments: tuple[Any, ...],
    options: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        await outcome(client.collections.upload_document(*arguments, **options))
    assert xai_emulator.requests == []


async def test_add_existing_document_attaches_an_uploaded_file(client) -> None:
    collection_id = await create(client)
    uploaded = await outcome(client.files.upload(b"shared text", filename="shared.txt"))
    assert (
        await outcome(client.collections.add_existing_document(collection_id, uploaded.id, {"a": "b"}))
        is None
    )
    document = await outcome(client.collections.get_document(uploaded.id, collection_id))
    assert (document.file_metadata.name, dict(document.fields)) == ("shared.txt", {"a": "b"})
    with pytest.raises(errors.AlreadyExistsError):
        await outcome(client.collections.add_existing_document(collection_id, uploaded.id))
    with pytest.raises(errors.NotFoundError):
        await outcome(client.collections.add_existing_document(collection_id, "file-nope"))


async def test_a_required_field_is_enforced_by_the_server(client) -> None:
    collection_id = await create(
        client,
        field_definitions=[{"key": "author", "required": True, "inject_into_chunk": False, "unique": False}],
    )
    uploaded = await outcome(client.files.upload(b"x", filename="x.txt"))
    with pytest.raises(errors.InvalidArgumentError, match="author"):
        await outcome(client.collections.add_existing_document(collection_id, uploaded.id))


async def test_list_documents_pages_and_sorts_by_size(client) -> None:
    collection_id = await create(client)
    for size in (5, 1, 7, 3, 6, 2, 4):
        await add(client, collection_id, f"{size}.txt", "x" * size)
    sizes, token, pages = [], None, 0
    while True:
        page = await outcome(
            client.collections.list_documents(
                collection_id, limit=3, order="asc", sort_by="size", pagination_token=token
            )
        )
        sizes += [d.file_metadata.size_bytes for d in page.documents]
        pages += 1
        if not page.pagination_token:
            break
        token = page.pagination_token
    assert (sizes, pages) == ([1, 2, 3, 4, 5, 6, 7], 3)


async def test_list_documents_filters_on_fields_and_status(client, xai_emulator: Emulator) -> None:
    collection_id = await create(client)
    await add(client, collection_id, "a.txt", "a", {"lang": "en"})
    await add(client, collection_id, "b.txt", "b", {"lang": "fr"})
    xai_emulator.collections.fail_indexing()
    await add(client, collection_id, "c.txt", "c", {"lang": "en"})
    english = await outcome(
        client.collections.list_documents(collection_id, filter='fields.lang:"en"', order="asc")
    )
    assert [d.file_metadata.name for d in english.documents] == ["a.txt", "c.txt"]
    healthy = await outcome(
        client.collections.list_documents(collection_id, filter="status:!DOCUMENT_STATUS_FAILED", order="asc")
    )
    assert [d.file_metadata.name for d in healthy.documents] == ["a.txt", "b.txt"]


async def test_get_document_takes_the_file_id_first(client, xai_emulator: Emulator) -> None:
    collection_id = await create(client)
    file_id = await add(client, collection_id, "a.txt", "a")
    document = await outcome(client.collections.get_document(file_id, collection_id))
    sent = request_of(xai_emulator, GET_DOCUMENT)
    assert (sent.file_id, sent.collection_id) == (file_id, collection_id)
    assert document.file_metadata.file_id == file_id


async def test_batch_get_documents_returns_each_one(client) -> None:
    collection_id = await create(client)
    ids = [await add(client, collection_id, f"{i}.txt", str(i)) for i in range(3)]
    response = await outcome(client.collections.batch_get_documents(collection_id, ids[::-1]))
    assert [d.file_metadata.file_id for d in response.documents] == ids[::-1]


async def test_remove_document_keeps_the_file(client) -> None:
    collection_id = await create(client)
    file_id = await add(client, collection_id, "a.txt", "a")
    assert await outcome(client.collections.remove_document(collection_id, file_id)) is None
    with pytest.raises(errors.NotFoundError):
        await outcome(client.collections.get_document(file_id, collection_id))
    assert (await outcome(client.files.get(file_id))).filename == "a.txt"


async def test_deleting_a_file_removes_its_documents(client) -> None:
    collection_id = await create(client)
    file_id = await add(client, collection_id, "a.txt", "a")
    await outcome(client.files.delete(file_id))
    assert (await outcome(client.collections.get(collection_id))).documents_count == 0


async def test_update_document_changes_name_content_and_fields(client) -> None:
    collection_id = await create(client)
    file_id = await add(client, collection_id, "a.txt", "old words", {"v": "1"})
    updated = await outcome(
        client.collections.update_document(
            collection_id,
            file_id,
            name="b.txt",
            data=b"fresh words",
            content_type="text/plain",
            fields={"v": "2"},
        )
    )
    assert (updated.file_metadata.name, updated.file_metadata.content_type) == ("b.txt", "text/plain")
    assert updated.fields["v"] == "2"
    found = await outcome(client.collections.search("fresh", [collection_id]))
    assert [m.chunk_content for m in found.matches] == ["fresh words"]


async def test_reindex_document_applies_the_new_chunking(client) -> None:
    collection_id = await create(client, chunk_configuration=CHARS)
    file_id = await add(client, collection_id, "a.txt", "word " * 40)
    assert (await outcome(client.collections.get_document(file_id, collection_id))).chunk_count == 4
    await outcome(
        client.collections.update(
            collection_id,
            chunk_configuration={
                "chars_configuration": {"max_chunk_size_chars": 20, "chunk_overlap_chars": 0}
            },
        )
    )
    assert await outcome(client.collections.reindex_document(collection_id, file_id)) is None
    assert (await outcome(client.collections.get_document(file_id, collection_id))).chunk_count == 10


# -- search ---------------------------------------------------------------------------------------


async def test_search_ranks_the_chunks_that_share_more_of_the_query_first(client) -> None:
    collection_id = await create(client, chunk_configuration=CHARS)
    await add(client, collection_id, "planets.txt", "Jupiter has many moons.")
    await add(client, collection_id, "cooking.txt", "Bake the bread for forty minutes.")
    await add(client, collection_id, "moons.txt", "Moons of Jupiter: Io, Europa, Ganymede, Callisto.")
    response = await outcome(client.collections.search("Jupiter moons Europa", [collection_id]))
    assert isinstance(response, documents_pb2.SearchResponse)
    assert [m.chunk_content.split()[0] for m in response.matches] == ["Moons", "Jupiter"]
    scores = [m.score for m in response.matches]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0
    assert all(m.collection_ids == [collection_id] for m in response.matches)


async def test_search_honours_the_limit_and_spans_collections(client) -> None:
    first, second = await create(client, "one"), await create(client, "two")
    for index in range(3):
        await add(client, first, f"a{index}.txt", f"apple number {index}")
    await add(client, second, "b.txt", "apple pie")
    both = await outcome(client.collections.search("apple", [first, second]))
    assert len(both.matches) == 4
    limited = await outcome(client.collections.search("apple", [first, second], 2, retrieval_mode="keyword"))
    assert len(limited.matches) == 2


async def test_search_skips_documents_not_yet_indexed(client, xai_emulator: Emulator) -> None:
    collection_id = await create(client)
    xai_emulator.collections.indexing_polls = 2
    await add(client, collection_id, "pending.txt", "apple")
    assert (await outcome(client.collections.search("apple", [collection_id]))).matches == []


async def test_search_sends_instructions_and_the_retrieval_mode(client, xai_emulator: Emulator) -> None:
    collection_id = await create(client)
    await outcome(
        client.collections.search(
            "q",
            [collection_id],
            instructions="prefer recent",
            retrieval_mode=documents_pb2.SemanticRetrieval(),
        )
    )
    sent = request_of(xai_emulator, "Documents/Search")
    assert sent.instructions == "prefer recent" and sent.WhichOneof("retrieval_mode") == "semantic_retrieval"


async def test_searching_an_unknown_collection_is_not_found(client) -> None:
    with pytest.raises(errors.NotFoundError):
        await outcome(client.collections.search("q", ["collection-nope"]))


@pytest.mark.parametrize(
    ("arguments", "options", "error", "message"),
    [
        (("", ["c"]), {}, ValueError, "query must not be empty"),
        (("q", []), {}, ValueError, "at least one"),
        (("q", "c"), {}, TypeError, "must be a list"),
        (("q", ["c"], 0), {}, ValueError, "limit"),
        (("q", ["c"]), {"retrieval_mode": "fuzzy"}, ValueError, "retrieval_mode"),
    ],
)
async def test_bad_search_arguments_are_refused_before_any_rpc(
    client,
    xai_emulator: Emulator,
    arguments: tuple[Any, ...],
    options: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        await outcome(client.collections.search(*arguments, **options))
    assert xai_emulator.requests == []


async def test_the_emulator_refuses_an_invalid_search(xai_emulator: Emulator) -> None:
    from tests.emulator.test_emulator import raw_call

    error = raw_call(
        xai_emulator,
        (("authorization", f"Bearer {xai_emulator.api_key}"),),
        "/xai_api.Documents/Search",
        documents_pb2.SearchRequest(query="q"),
        documents_pb2.SearchResponse,
    )
    assert isinstance(error, grpc.RpcError) and error.code() is grpc.StatusCode.INVALID_ARGUMENT
