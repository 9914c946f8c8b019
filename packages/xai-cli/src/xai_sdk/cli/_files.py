"""``xai files upload | list | get | delete | download``."""

from __future__ import annotations

import argparse
import os
import sys

from xai_sdk.cli._common import CliError, connect
from xai_sdk.cli._output import ProgressBar, fields, human_size, print_json, table, timestamp
from xai_sdk.proto import files_pb2

__all__ = ["delete", "download", "get", "list_files", "upload"]


def _show_progress(args: argparse.Namespace) -> bool:
    return bool(sys.stderr.isatty() if args.progress is None else args.progress)


def _show(file: files_pb2.File, as_json: bool) -> None:
    if as_json:
        print_json(file)
        return
    fields(
        [
            ("id", file.id),
            ("filename", file.filename),
            ("size", f"{file.size:,} bytes ({human_size(file.size)})"),
            ("created", timestamp(file.created_at)),
            ("expires", timestamp(file.expires_at) if file.HasField("expires_at") else "never"),
            ("public url", file.public_url if file.HasField("public_url") else "-"),
        ]
    )


def upload(args: argparse.Namespace) -> int:
    """Upload a file, with a progress bar; print the stored file."""
    label = args.name or os.path.basename(args.path) or args.path
    with connect() as client, ProgressBar(label, None, enabled=_show_progress(args)) as bar:

        def report(uploaded: int, total: int) -> None:
            bar.total = total
            bar.update(uploaded)

        file = client.files.upload(
            args.path, filename=args.name, expires_after=args.expires_after, on_progress=report
        )
        bar.close()
    _show(file, args.json)
    return 0


def list_files(args: argparse.Namespace) -> int:
    """Print one page of files; the token of the next page goes to stderr."""
    with connect() as client:
        page = client.files.list(
            limit=args.limit,
            order=args.order,
            sort_by=args.sort_by,
            filter=args.filter,
            pagination_token=args.page,
        )
    if args.json:
        print_json(page)
        return 0
    if not page.data:
        print("no files")
    else:
        rows = [
            [
                file.id,
                file.filename,
                human_size(file.size),
                timestamp(file.created_at),
                timestamp(file.expires_at) if file.HasField("expires_at") else "-",
            ]
            for file in page.data
        ]
        table(["ID", "NAME", "SIZE", "CREATED", "EXPIRES"], rows, right={2})
    if page.pagination_token:
        print(f"more: xai files list --page {page.pagination_token}", file=sys.stderr)
    return 0


def get(args: argparse.Namespace) -> int:
    """Print a file's metadata."""
    with connect() as client:
        _show(client.files.get(args.file_id), args.json)
    return 0


def delete(args: argparse.Namespace) -> int:
    """Delete a file."""
    with connect() as client:
        client.files.delete(args.file_id)
    print(f"deleted {args.file_id}")
    return 0


def download(args: argparse.Namespace) -> int:
    """Stream a file's content to a path, with a progress bar.

    A path given with ``-o`` is replaced; the default, the file's own name in the current
    directory, is not unless ``--force`` says so: a name chosen by the server must not clobber
    a local file the user did not point at.
    """
    with connect() as client:
        file = client.files.get(args.file_id)
        name = os.path.basename(file.filename)
        target = args.output or (name if name not in ("", ".", "..") else file.id)
        if not args.output and not args.force and os.path.lexists(target):
            raise CliError(
                f"{target} already exists here; pass --force to replace it, or -o PATH to save it elsewhere"
            )
        with ProgressBar(os.path.basename(target), file.size, enabled=_show_progress(args)) as bar:
            written = client.files.download(
                args.file_id, target, on_progress=lambda done, _total: bar.update(done)
            )
    print(f"saved {target} ({human_size(written)})")
    return 0
