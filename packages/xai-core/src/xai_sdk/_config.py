"""What a client is configured with: keys, hosts, metadata, channel options, timeout.

Everything here is pure: arguments and environment variables go in, a validated `ClientConfig`
comes out, and bad input is refused with a `ValueError` or `TypeError` before any channel exists.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any, Final, NamedTuple

from xai_sdk._version import __version__
from xai_sdk.arguments import flag, seconds
from xai_sdk.retry import NO_RETRIES, RetryPolicy

logger = logging.getLogger("xai_sdk")

API_KEY_ENV: Final = "XAI_API_KEY"
MANAGEMENT_KEY_ENV: Final = "XAI_MANAGEMENT_KEY"
API_HOST_ENV: Final = "XAI_API_HOST"
MANAGEMENT_API_HOST_ENV: Final = "XAI_MANAGEMENT_API_HOST"

DEFAULT_API_HOST: Final = "api.x.ai"
DEFAULT_MANAGEMENT_API_HOST: Final = "management-api.x.ai"
DEFAULT_TIMEOUT: Final = 27 * 60.0
"""Seconds a call may take when neither the client nor the call sets a timeout (27 minutes)."""
MAX_MESSAGE_BYTES: Final = 20 * 1024 * 1024
USER_AGENT: Final = f"XaiSdk/{__version__}"

DEFAULT_RETRY: Final = RetryPolicy()
"""Up to 5 attempts on UNAVAILABLE, backoff from 0.1 s to 1 s (the official SDK's policy)."""
DEFAULT_SERVICE_CONFIG: Final = DEFAULT_RETRY.service_config()

DEFAULT_CHANNEL_OPTIONS: Final[tuple[tuple[str, Any], ...]] = (
    ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
    ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
    *DEFAULT_RETRY.channel_options(),
    ("grpc.keepalive_time_ms", 30_000),
    ("grpc.keepalive_timeout_ms", 10_000),
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.max_pings_without_data", 0),
    ("grpc.primary_user_agent", USER_AGENT),
)
"""Channel options of every channel (with the default retry policy); a user option with the same
name replaces the default."""

_METADATA_KEY = re.compile(r"^[0-9a-z_.\-]+$")
_RESERVED_METADATA_KEYS = frozenset({"authorization", "te", "content-type", "user-agent"})


Metadata = tuple[tuple[str, str | bytes], ...]


class ClientConfig(NamedTuple):
    """The validated settings of a client (see `resolve`). Keys are kept out of `repr`.

    A named tuple rather than a frozen dataclass: it is built by every program that makes a
    client, and defining a frozen dataclass costs half a millisecond of start-up.
    """

    api_key: str
    management_api_key: str | None
    api_host: str
    management_api_host: str
    metadata: Metadata
    channel_options: tuple[tuple[str, Any], ...]
    timeout: float
    use_insecure_channel: bool
    retry: RetryPolicy | None = None
    """The retries the SDK makes itself: server streams before their first chunk, and rate limits
    with a server hint. None with ``retry=None``, or when `channel_options` set gRPC's own."""

    def __repr__(self) -> str:
        fields = zip(self._fields, self, strict=True)
        shown = ", ".join(f"{name}={value!r}" for name, value in fields if "key" not in name)
        return f"ClientConfig({shown})"

    @classmethod
    def resolve(
        cls,
        api_key: str | None = None,
        management_api_key: str | None = None,
        *,
        api_host: str | None = None,
        management_api_host: str | None = None,
        metadata: Sequence[tuple[str, str | bytes]] | None = None,
        channel_options: Sequence[tuple[str, Any]] | None = None,
        timeout: float | timedelta | None = None,
        use_insecure_channel: bool = False,
        retry: RetryPolicy | None = DEFAULT_RETRY,
        environ: Mapping[str, str] = os.environ,
    ) -> ClientConfig:
        """Validate the constructor arguments, filling the gaps from the environment."""
        key = _resolve_key(api_key, environ.get(API_KEY_ENV), "api_key", API_KEY_ENV)
        if key is None:
            raise ValueError(
                f"Trying to read the xAI API key from the {API_KEY_ENV} environment variable but it "
                f"doesn't exist. Pass api_key=... or set {API_KEY_ENV}."
            )
        management_key = _resolve_key(
            management_api_key, environ.get(MANAGEMENT_KEY_ENV), "management_api_key", MANAGEMENT_KEY_ENV
        )
        config = cls(
            api_key=key,
            management_api_key=management_key,
            api_host=_resolve_host(api_host, environ.get(API_HOST_ENV), DEFAULT_API_HOST, "api_host"),
            management_api_host=_resolve_host(
                management_api_host,
                environ.get(MANAGEMENT_API_HOST_ENV),
                DEFAULT_MANAGEMENT_API_HOST,
                "management_api_host",
            ),
            metadata=validate_metadata(metadata),
            channel_options=merge_channel_options(channel_options, retry),
            retry=None if _names_retries(channel_options) else retry,
            # As in the official SDK, no timeout or a zero one means the default.
            timeout=to_seconds(timeout, "timeout") if timeout else DEFAULT_TIMEOUT,
            use_insecure_channel=flag("use_insecure_channel", use_insecure_channel),
        )
        return config


def sdk_metadata() -> Metadata:
    """The metadata the SDK adds to every call after the user's own."""
    return (
        ("xai-sdk-version", f"python/{__version__}"),
        ("xai-sdk-language", f"python/{sys.version_info.major}.{sys.version_info.minor}"),
    )


def _resolve_key(value: str | None, env_value: str | None, name: str, env: str) -> str | None:
    # As in the official SDK, an empty argument falls back to the environment variable.
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    source = name if value else env
    key = value or env_value
    if not key:
        return None
    if not key.isascii() or not key.isprintable() or any(char.isspace() for char in key):
        raise ValueError(
            f"The key given by {source} contains whitespace or non-printable characters "
            "(a trailing newline from a file, perhaps); pass the bare key."
        )
    return key


def _resolve_host(value: str | None, env_value: str | None, default: str, name: str) -> str:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} must be a string such as {default!r}, got {type(value).__name__}")
    host = value if value is not None else (env_value or default)
    source = name if value is not None else f"{name} (from the environment)"
    if not host or host != host.strip() or any(char.isspace() for char in host):
        raise ValueError(f"{source} must be a host name such as {default!r}, got {host!r}")
    if host.startswith(("http://", "https://", "grpc://", "grpcs://")):
        raise ValueError(
            f"{source} takes a host and optional port, not a URL: use {host.split('://', 1)[1]!r} "
            f"instead of {host!r}"
        )
    return host


def to_seconds(value: object, name: str) -> float:
    """A timeout or interval in seconds (an int, a float or a `timedelta`): `xai_sdk.arguments.seconds`."""
    return seconds(name, value)


def to_seconds_or_default(value: object, default: float | timedelta, name: str) -> float:
    """`to_seconds` of a timeout or interval, where None or zero means `default` (as in the official SDK)."""
    return seconds(name, value, default)


def validate_metadata(metadata: Sequence[tuple[str, str | bytes]] | None) -> Metadata:
    """Check user metadata: lowercase keys, text values (bytes for `-bin` keys), no reserved keys."""
    if metadata is None:
        return ()
    if isinstance(metadata, (str, bytes, Mapping)) or not isinstance(metadata, Sequence):
        raise TypeError("metadata must be a sequence of (key, value) pairs, e.g. (('x-team', 'ml'),)")
    pairs: list[tuple[str, str | bytes]] = []
    for pair in metadata:
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"metadata entries must be (key, value) pairs, got {pair!r}")
        key, value = pair
        if not isinstance(key, str) or not _METADATA_KEY.match(key):
            raise ValueError(
                f"metadata key {key!r} is invalid: use lowercase letters, digits, '-', '_' and '.'"
            )
        if key in _RESERVED_METADATA_KEYS or key.startswith("grpc-"):
            raise ValueError(f"metadata key {key!r} is set by the SDK or gRPC and cannot be given")
        if key.endswith("-bin"):
            if not isinstance(value, bytes):
                raise TypeError(f"metadata key {key!r} ends in '-bin' and takes bytes, got {value!r}")
        elif not isinstance(value, str) or not value.isascii() or not value.isprintable():
            raise ValueError(f"metadata value of {key!r} must be printable ASCII text, got {value!r}")
        pairs.append((key, value))
    return tuple(pairs)


def _names_retries(options: Sequence[tuple[str, Any]] | None) -> bool:
    return any(
        isinstance(option, (tuple, list))
        and option
        and option[0] in ("grpc.service_config", "grpc.enable_retries")
        for option in options or ()
    )


def merge_channel_options(
    options: Sequence[tuple[str, Any]] | None, retry: RetryPolicy | None = DEFAULT_RETRY
) -> tuple[tuple[str, Any], ...]:
    """The default channel options with `retry`'s, minus those the user names, then the user's."""
    if retry is not None and not isinstance(retry, RetryPolicy):
        raise TypeError(f"retry must be a RetryPolicy or None, got {retry!r}")
    retry_options = retry.channel_options() if retry is not None else NO_RETRIES
    defaults = (
        tuple(option for option in DEFAULT_CHANNEL_OPTIONS if option[0] not in dict(retry_options))
        + retry_options
    )
    if options is None:
        return defaults
    if isinstance(options, (str, bytes, Mapping)) or not isinstance(options, Sequence):
        raise TypeError("channel_options must be a list of (name, value) pairs")
    user: list[tuple[str, Any]] = []
    for option in options:
        if not isinstance(option, (tuple, list)) or len(option) != 2 or not isinstance(option[0], str):
            raise TypeError(f"channel_options entries must be (name, value) pairs, got {option!r}")
        user.append((option[0], option[1]))
    names = {name for name, _ in user}
    return tuple(option for option in defaults if option[0] not in names) + tuple(user)


def is_loopback(host: str) -> bool:
    """Whether `host` (with or without a port) names this machine: localhost, 127.0.0.0/8 or ::1."""
    name = host
    if name.startswith("["):
        name = name[1 : name.find("]")]
    elif name.count(":") == 1:
        name = name.rsplit(":", 1)[0]
    if name == "localhost":
        return True
    import ipaddress  # noqa: PLC0415 - 1 ms at import, needed only for a host given as an address

    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
