"""Storage options: keep a generated image or video as a file, optionally behind a public URL.

Shared by `client.image`, `client.video` and `client.files`::

    client.image.sample("a lighthouse", "grok-imagine-image",
                        storage_options={"filename": "lighthouse.png", "expires_after": 3600,
                                         "public_url": {"expires_after": 600}})
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, TypedDict

from typing_extensions import NotRequired

from xai_sdk.arguments import Check, boolean, duration, integer, string, typed_dict, union, validate
from xai_sdk.proto import image_pb2

__all__ = [
    "PublicUrlInput",
    "PublicUrlOptions",
    "STORAGE_OPTIONS_SHAPE",
    "StorageOptions",
    "StoredOutput",
    "expires_after_seconds",
    "storage_options_to_proto",
]


class PublicUrlOptions(TypedDict):
    """A public URL with its own lifetime (seconds or a timedelta), independent of the file's."""

    expires_after: int | timedelta


PublicUrlInput = bool | PublicUrlOptions
"""``True`` for a public URL with the default lifetime, or `PublicUrlOptions`."""


class StorageOptions(TypedDict):
    """Where and how long to keep the output as a file.

    `filename` is required; `expires_after` (seconds or a timedelta) deletes the file after that
    time; `public_url` makes it readable by anyone with the link.
    """

    filename: str
    expires_after: NotRequired[int | timedelta]
    public_url: NotRequired[PublicUrlInput]


def expires_after_seconds(value: int | timedelta | None, name: str = "expires_after") -> int | None:
    """A lifetime in whole seconds (from seconds or a timedelta); None stays None.

    `TypeError` for anything but a number or a timedelta; `ValueError` for a lifetime that is
    not positive (the API refuses it).
    """
    if value is None:
        return None
    if isinstance(value, timedelta):
        seconds: float = value.total_seconds()
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value
    else:
        raise TypeError(f"{name} must be a number of seconds or a timedelta, got {value!r}")
    if not seconds > 0:
        raise ValueError(f"{name} must be a positive number of seconds or a timedelta, got {value!r}")
    return int(seconds)


_LIFETIME = union(timedelta=duration(), int=integer())
STORAGE_OPTIONS_SHAPE: Check = typed_dict(
    {"filename": string()},
    {
        "expires_after": _LIFETIME,
        "public_url": union(bool=boolean(), PublicUrlOptions=typed_dict({}, {"expires_after": _LIFETIME})),
    },
)
"""The shape of a `StorageOptions` dict, as the official SDK's pydantic model has it: keys it
does not know are ignored, ``"60"`` is 60 seconds, ``"yes"`` is True."""


def storage_options_to_proto(options: StorageOptions | image_pb2.StorageOptions) -> image_pb2.StorageOptions:
    """Check a `StorageOptions` dict and convert it; a proto passes through.

    Raises `xai_sdk.arguments.ValidationError` (a `ValueError`) for a dict that does not fit,
    and `ValueError` for an empty filename or a lifetime that is not positive.
    """
    if isinstance(options, image_pb2.StorageOptions):
        return options
    checked = validate(STORAGE_OPTIONS_SHAPE, options, "StorageOptions")
    if not checked["filename"].strip():
        raise ValueError("storage_options needs a non-empty 'filename'")
    proto = image_pb2.StorageOptions(
        filename=checked["filename"], expires_after=expires_after_seconds(checked.get("expires_after"))
    )
    public_url = checked.get("public_url", False)
    if public_url is True:
        proto.public_url.SetInParent()
    elif isinstance(public_url, dict):
        proto.public_url.CopyFrom(
            image_pb2.PublicUrlOptions(
                expires_after=expires_after_seconds(
                    public_url.get("expires_after"), "public_url expires_after"
                )
            )
        )
    return proto


class StoredOutput:
    """The storage properties of a generated output (an image or a video) kept as a file.

    Response wrappers mix it in and name their generated message in `_stored_output`.
    """

    @property
    def _stored_output(self) -> Any:
        raise NotImplementedError

    @property
    def file_output(self) -> image_pb2.FileOutput | None:
        """The file the output was stored as (with ``storage_options``), or None."""
        output = self._stored_output
        return output.file_output if output.HasField("file_output") else None

    @property
    def storage_error(self) -> str | None:
        """Why storing the output failed, or None (not asked for, or stored)."""
        return self._stored_output.storage_error or None

    @property
    def public_url(self) -> str | None:
        """The public URL of the stored file, or None (not asked for, or not created)."""
        file_output = self.file_output
        return (file_output.public_url or None) if file_output is not None else None

    @property
    def public_url_error(self) -> str | None:
        """Why creating the public URL failed, or None."""
        file_output = self.file_output
        return (file_output.public_url_error or None) if file_output is not None else None
