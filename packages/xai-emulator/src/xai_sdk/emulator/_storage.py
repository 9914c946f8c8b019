"""Keeping a generated image or video as a file (``storage_options``), for the media services.

The file is created in the emulator's Files service, and its public URL (if asked for) through
that service's ``CreatePublicUrl``, so that the Files API then lists the file, serves its content
and can revoke the URL. An emulator without a Files service answers with a ``storage_error``, as
the real API does when storing fails.
"""

from __future__ import annotations

from typing import Any

from xai_sdk.emulator._base import RpcAbort
from xai_sdk.proto import files_pb2, image_pb2

__all__ = ["NO_FILE_STORAGE", "store"]

FILES_SERVICE = "xai_api.Files"
NO_FILE_STORAGE = "file storage is not available in this emulator"


def store(
    emulator: Any, options: image_pb2.StorageOptions, data: bytes, content_type: str
) -> tuple[image_pb2.FileOutput | None, str | None]:
    """Store `data` as asked by `options`: ``(file_output, None)``, or ``(None, storage_error)``."""
    try:
        files = emulator.service(FILES_SERVICE)
    except KeyError:
        return None, NO_FILE_STORAGE
    expires_after = options.expires_after if options.HasField("expires_after") else None
    stored: files_pb2.File = files.add_file(
        options.filename, data, content_type=content_type, expires_after=expires_after
    )
    output = image_pb2.FileOutput(file_id=stored.id, filename=stored.filename)
    if stored.HasField("expires_at"):
        output.expires_at.CopyFrom(stored.expires_at)
    if options.HasField("public_url"):
        request = files_pb2.CreatePublicUrlRequest(file_id=stored.id)
        if options.public_url.HasField("expires_after"):
            request.expires_after = options.public_url.expires_after
        try:
            created = files.CreatePublicUrl(request, None)
        except RpcAbort as error:
            output.public_url_error = error.details
        else:
            output.public_url = created.public_url
            if created.HasField("expires_at"):
                output.public_url_expires_at.CopyFrom(created.expires_at)
    return output, None
