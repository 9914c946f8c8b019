"""The cassette file: a versioned JSON document of recorded interactions, and its side files.

A cassette is read and written here and nowhere else. The protobuf bytes of each message are
what replays (lossless, unknown fields included); the JSON beside them is for people reading or
reviewing the file, and is not read back. A message larger than the inline limit is stored in a
side directory (``<cassette stem>.blobs/``) under its SHA-256 digest. The layout is documented
in the guide "Testing with real answers" (docs/recording.md); any change to it raises
`FORMAT_VERSION`.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import DecodeError

from xai_sdk._version import __version__
from xai_sdk.emulator.cassette._rpcs import rpcs

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "CassetteFormatError",
    "Interaction",
    "Metadata",
    "blob_directory",
    "load",
    "readable",
    "save",
]

FORMAT_NAME = "xai-sdk-cassette"
"""The ``format`` field of every cassette."""
FORMAT_VERSION = 1
"""The version of the layout this code reads and writes."""
INLINE_LIMIT = 64 * 1024
"""Serialized messages larger than this (bytes) go to the side directory, not into the JSON."""
SHOWN_BYTES = 256
"""Bytes fields longer than this read as ``<N bytes, sha256:...>`` in the readable JSON."""

Metadata = tuple[tuple[str, "str | bytes"], ...]
_STATUS_CODES = {code.name: code for code in grpc.StatusCode}
_ELIDED = b"\x00xai-cassette-elided\x00"


class CassetteFormatError(ValueError):
    """A file that is not a cassette this version can read: not JSON, not a cassette, another version."""


@dataclass
class Interaction:
    """One recorded RPC: its path, the request messages, the response messages, and how it ended.

    A unary call has one request and (when it succeeded) one response; a server stream has its
    chunks as responses, in order; a client stream (an upload) has its messages as requests.
    An error, mid-stream or not, is the status `code` and `details` after the responses sent.
    A call the client abandoned (it cancelled, or its deadline passed) before it ended has no
    status: `code` is None.
    """

    rpc: str
    requests: list[bytes]
    responses: list[bytes] = field(default_factory=list)
    code: str | None = "OK"
    """The gRPC status name: ``OK``, ``NOT_FOUND``, ...; None when the client went away first."""
    details: str = ""
    initial_metadata: Metadata = ()
    trailing_metadata: Metadata = ()

    @property
    def status(self) -> grpc.StatusCode | None:
        """The status the call ended with (None: the client abandoned it before)."""
        return None if self.code is None else _STATUS_CODES[self.code]


def blob_directory(path: Path) -> Path:
    """Where the large messages of the cassette at `path` are stored: ``<stem>.blobs`` beside it."""
    return path.with_name(path.stem + ".blobs")


# -- writing ------------------------------------------------------------------------------------


def save(path: Path, interactions: Sequence[Interaction], *, inline_limit: int = INLINE_LIMIT) -> None:
    """Write the cassette (atomically) and its side files; side files no longer used are removed."""
    blobs: dict[str, bytes] = {}
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "recorded_with": f"xai-emulator {__version__}",
        "interactions": [_interaction_document(item, blobs, inline_limit) for item in interactions],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_blobs(blob_directory(path), blobs)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def _interaction_document(item: Interaction, blobs: dict[str, bytes], limit: int) -> dict[str, Any]:
    info = rpcs().get(item.rpc)
    request_type = info.request_type if info else None
    response_type = info.response_type if info else None
    return {
        "rpc": item.rpc,
        "streaming": info.streaming if info else "unknown",
        "requests": [_message_document(data, request_type, blobs, limit) for data in item.requests],
        "responses": [_message_document(data, response_type, blobs, limit) for data in item.responses],
        "status": None if item.code is None else {"code": item.code, "details": item.details},
        "initial_metadata": _metadata_document(item.initial_metadata),
        "trailing_metadata": _metadata_document(item.trailing_metadata),
    }


def _message_document(data: bytes, message_type: Any, blobs: dict[str, bytes], limit: int) -> dict[str, Any]:
    document: dict[str, Any] = {}
    if message_type is not None:
        try:
            document["json"] = readable(message_type.FromString(data))
        except DecodeError:  # kept as received all the same: the bytes are what replays
            document["json"] = None
    if len(data) > limit:
        digest = hashlib.sha256(data).hexdigest()
        blobs[digest] = data
        document["blob"] = f"sha256:{digest}"
        document["size"] = len(data)
    else:
        document["proto"] = base64.b64encode(data).decode("ascii")
    return document


def _metadata_document(metadata: Metadata) -> list[list[str]]:
    return [
        [key, base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value]
        for key, value in metadata
    ]


def _write_blobs(directory: Path, blobs: dict[str, bytes]) -> None:
    if blobs:
        directory.mkdir(parents=True, exist_ok=True)
        for digest, data in blobs.items():
            target = directory / digest
            if not target.exists():
                target.write_bytes(data)
    if directory.is_dir():
        for stale in directory.iterdir():
            if re.fullmatch(r"[0-9a-f]{64}", stale.name) and stale.name not in blobs:
                stale.unlink()
        with contextlib.suppress(OSError):  # not empty: files of someone else's
            directory.rmdir()


# -- the readable JSON --------------------------------------------------------------------------


def readable(message: Any) -> Any:
    """A message as JSON for people: protobuf's JSON mapping, long bytes shown by size and digest."""
    copy = type(message)()
    copy.CopyFrom(message)
    _elide_bytes(copy)
    return _shown(json_format.MessageToDict(copy, preserving_proto_field_name=True))


def _elide_bytes(message: Any) -> None:
    for descriptor, value in message.ListFields():
        repeated = _is_repeated(descriptor)
        if descriptor.type == FieldDescriptor.TYPE_BYTES:
            if repeated:
                value[:] = [_elided(item) for item in value]
            else:
                setattr(message, descriptor.name, _elided(value))
        elif descriptor.type == FieldDescriptor.TYPE_MESSAGE:
            if descriptor.message_type.GetOptions().map_entry:
                items: Iterable[Any] = value.values() if _has_message_values(descriptor) else ()
            else:
                items = value if repeated else (value,)
            for item in items:
                _elide_bytes(item)


def _has_message_values(descriptor: Any) -> bool:
    return bool(descriptor.message_type.fields_by_name["value"].type == FieldDescriptor.TYPE_MESSAGE)


def _is_repeated(descriptor: Any) -> bool:
    repeated = getattr(descriptor, "is_repeated", None)  # protobuf 6+; `label` is deprecated there
    if repeated is not None:
        return bool(repeated)
    return bool(descriptor.label == FieldDescriptor.LABEL_REPEATED)


def _elided(data: bytes) -> bytes:
    if len(data) <= SHOWN_BYTES:
        return data
    return _ELIDED + f"<{len(data)} bytes, sha256:{hashlib.sha256(data).hexdigest()}>".encode()


def _shown(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _shown(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shown(item) for item in value]
    if isinstance(value, str) and 40 < len(value) < 200:
        try:
            data = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return value
        if data.startswith(_ELIDED):
            return data[len(_ELIDED) :].decode()
    return value


# -- reading ------------------------------------------------------------------------------------


def load(path: Path) -> list[Interaction]:
    """The interactions of the cassette at `path`; `CassetteFormatError` if it cannot be read."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise CassetteFormatError(f"{path} is not a cassette: it is not UTF-8 text ({error})") from None
    except json.JSONDecodeError as error:
        raise CassetteFormatError(f"{path} is not a cassette: it is not JSON ({error})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise CassetteFormatError(
            f'{path} is not an xai-sdk cassette: its top-level object lacks "format": "{FORMAT_NAME}"'
        )
    version = document.get("version")
    if version != FORMAT_VERSION:
        raise CassetteFormatError(_version_message(path, version))
    try:
        return [_interaction(item, path) for item in document["interactions"]]
    except CassetteFormatError:
        raise
    except (KeyError, TypeError, ValueError) as error:  # binascii.Error is a ValueError
        raise CassetteFormatError(f"{path} is a damaged cassette: {type(error).__name__}: {error}") from None


def _version_message(path: Path, version: object) -> str:
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        advice = "upgrade xai-emulator to replay it"
    else:
        advice = "record it again (record mode 'all') to write the current format"
    return (
        f"{path} is a cassette of format version {version!r}, and xai-emulator {__version__} reads "
        f"format version {FORMAT_VERSION} only: {advice}"
    )


def _interaction(item: dict[str, Any], path: Path) -> Interaction:
    status = item["status"]
    code = None if status is None else status["code"]
    if code is not None and code not in _STATUS_CODES:
        raise CassetteFormatError(f"{path}: unknown status code {code!r} in an interaction of {item['rpc']}")
    return Interaction(
        rpc=str(item["rpc"]),
        requests=[_message(entry, path) for entry in item["requests"]],
        responses=[_message(entry, path) for entry in item["responses"]],
        code=code,
        details="" if status is None else str(status["details"]),
        initial_metadata=_metadata(item["initial_metadata"]),
        trailing_metadata=_metadata(item["trailing_metadata"]),
    )


def _message(entry: dict[str, Any], path: Path) -> bytes:
    if "proto" in entry:
        return base64.b64decode(entry["proto"], validate=True)
    reference = str(entry["blob"])
    digest = reference.removeprefix("sha256:")
    blob = blob_directory(path) / digest
    try:
        data = blob.read_bytes()
    except OSError:
        raise CassetteFormatError(f"{path} refers to {blob}, which cannot be read") from None
    if hashlib.sha256(data).hexdigest() != digest:
        raise CassetteFormatError(f"{blob} does not have the digest its name says: it was changed")
    return data


def _metadata(pairs: list[list[str]]) -> Metadata:
    return tuple(
        (key, base64.b64decode(value, validate=True) if key.endswith("-bin") else value)
        for key, value in pairs
    )
