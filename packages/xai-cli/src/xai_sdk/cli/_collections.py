"""``xai collections create | list | delete | upload | documents | search``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from xai_sdk.cli._common import USAGE, CliError, connect
from xai_sdk.cli._output import fields, human_size, print_json, table, timestamp
from xai_sdk.collections import DocumentIndexingError
from xai_sdk.proto import collections_pb2

__all__ = ["create", "delete", "documents", "list_collections", "search", "upload"]

CHUNK_PREVIEW = 80
"""Characters of each matching chunk shown by `search` (``--json`` shows them whole)."""
INDEXING_POLL_INTERVAL = 1.0
"""Seconds between the checks of a document's indexing (the SDK's default is 10 s)."""


def _status(document: collections_pb2.DocumentMetadata) -> str:
    return collections_pb2.DocumentStatus.Name(document.status).removeprefix("DOCUMENT_STATUS_").lower()


def _next_page(command: str, token: str) -> None:
    if token:
        print(f"more: xai collections {command} --page {token}", file=sys.stderr)


def create(args: argparse.Namespace) -> int:
    """Create a collection; print it."""
    with connect(management=True) as client:
        collection = client.collections.create(args.name, model_name=args.model, description=args.description)
    if args.json:
        print_json(collection)
    else:
        fields(
            [
                ("id", collection.collection_id),
                ("name", collection.collection_name),
                ("model", collection.index_configuration.model_name or "-"),
                ("created", timestamp(collection.created_at)),
            ]
        )
    return 0


def list_collections(args: argparse.Namespace) -> int:
    """Print one page of collections."""
    with connect(management=True) as client:
        page = client.collections.list(limit=args.limit, pagination_token=args.page)
    if args.json:
        print_json(page)
        return 0
    if not page.collections:
        print("no collections")
    else:
        rows = [
            [
                collection.collection_id,
                collection.collection_name,
                collection.documents_count,
                human_size(collection.total_file_size),
                timestamp(collection.created_at),
            ]
            for collection in page.collections
        ]
        table(["ID", "NAME", "DOCUMENTS", "SIZE", "CREATED"], rows, right={2, 3})
    _next_page("list", page.pagination_token)
    return 0


def delete(args: argparse.Namespace) -> int:
    """Delete a collection (its files stay in the Files API)."""
    with connect(management=True) as client:
        client.collections.delete(args.collection_id)
    print(f"deleted {args.collection_id}")
    return 0


def _fields(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    pairs = {}
    for value in values:
        key, separator, field = value.partition("=")
        if not separator or not key:
            raise CliError(f"--field takes KEY=VALUE, got {value!r}", USAGE)
        pairs[key] = field
    return pairs


def upload(args: argparse.Namespace) -> int:
    """Upload a file as a document of the collection; wait for its indexing unless told not to."""
    document_fields = _fields(args.field)
    data = Path(args.path).read_bytes()
    name = args.name or os.path.basename(args.path)
    with connect(management=True) as client:
        try:
            document = client.collections.upload_document(
                args.collection_id,
                name,
                data,
                document_fields,
                wait_for_indexing=not args.no_wait,
                poll_interval=INDEXING_POLL_INTERVAL,
            )
        except DocumentIndexingError as error:  # a ValueError, but the API's verdict, not bad input
            raise CliError(str(error)) from error
    if args.json:
        print_json(document)
    else:
        chunks = document.chunk_count if document.HasField("chunk_count") else "-"
        fields(
            [
                ("file id", document.file_metadata.file_id),
                ("name", document.file_metadata.name),
                ("size", human_size(document.file_metadata.size_bytes)),
                ("status", _status(document)),
                ("chunks", chunks),
            ]
        )
    return 0


def documents(args: argparse.Namespace) -> int:
    """Print one page of a collection's documents."""
    with connect(management=True) as client:
        page = client.collections.list_documents(
            args.collection_id, limit=args.limit, pagination_token=args.page
        )
    if args.json:
        print_json(page)
        return 0
    if not page.documents:
        print("no documents")
    else:
        rows = [
            [
                document.file_metadata.file_id,
                document.file_metadata.name,
                human_size(document.file_metadata.size_bytes),
                _status(document),
                document.chunk_count if document.HasField("chunk_count") else "-",
            ]
            for document in page.documents
        ]
        table(["FILE ID", "NAME", "SIZE", "STATUS", "CHUNKS"], rows, right={2, 4})
    _next_page(f"documents {args.collection_id}", page.pagination_token)
    return 0


def search(args: argparse.Namespace) -> int:
    """Print the best matching chunks, best first."""
    with connect() as client:
        results = client.collections.search(args.query, args.collection, args.limit, retrieval_mode=args.mode)
    if args.json:
        print_json(results)
        return 0
    if not results.matches:
        print("no matches")
        return 0
    rows = []
    for match in results.matches:
        chunk = " ".join(match.chunk_content.split())
        if len(chunk) > CHUNK_PREVIEW:
            chunk = chunk[: CHUNK_PREVIEW - 1] + "…"
        rows.append([f"{match.score:.3f}", match.file_id, chunk])
    table(["SCORE", "FILE ID", "CHUNK"], rows, right={0})
    return 0
