"""`RetryPolicy`: which failed calls gRPC retries, how often and how long it waits between tries.

Retries happen inside gRPC (its service config), so they honour gRPC's retry throttling and the
server's pushback (``grpc-retry-pushback-ms``), and a call's timeout covers all its attempts::

    Client(retry=RetryPolicy(max_attempts=4, retryable_codes=["UNAVAILABLE", "RESOURCE_EXHAUSTED"]))
    Client(retry=None)   # no retries

A stream is retried only until its first chunk arrives; after that a failure is raised with
what was received (``error.partial``), never replayed silently. Server streams are retried by the
SDK rather than by gRPC, whose retry machinery costs CPU on every received message.

Rate limits (RESOURCE_EXHAUSTED) are retried by the SDK when the server says how long to wait
(``grpc-retry-pushback-ms`` or a ``RetryInfo``): up to `RetryPolicy.rate_limit_retries` times
(default 2), waiting as asked, when the wait is at most `RetryPolicy.max_retry_after` (default
60 s) and fits in the call's timeout. Without a hint, or with a longer one, the `RateLimitError`
is raised at once; its ``retry_after`` says what the server asked. A negative or malformed
pushback means "do not retry", as in gRPC. Uploads are never retried (their data was consumed).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import grpc

from xai_sdk.errors import MAX_RETRY_AFTER, RpcError

__all__ = ["MAX_ATTEMPTS_LIMIT", "RetryPolicy"]

MAX_ATTEMPTS_LIMIT = 5
"""gRPC caps the attempts of a call at 5."""

SERVER_STREAMS = (
    ("xai_api.Chat", "GetCompletionChunk"),
    ("xai_api.Files", "RetrieveFileContent"),
    ("xai_api.Sample", "SampleTextStreaming"),
)
"""The server-streaming RPCs of the API: the SDK retries them itself (see `RetryPolicy.delay`)."""


def _code_name(code: grpc.StatusCode | str) -> str:
    if isinstance(code, grpc.StatusCode):
        name = code.name
    elif isinstance(code, str) and code.upper() in grpc.StatusCode.__members__:
        name = code.upper()
    else:
        raise ValueError(f"retryable_codes must be grpc.StatusCode values or their names, got {code!r}")
    if name == "OK":
        raise ValueError("OK is not a failure and cannot be retried")
    return name


@dataclass(frozen=True)
class RetryPolicy:
    """How gRPC retries failed calls.

    Args:
        max_attempts: attempts in all, the first included (2 to 5; gRPC allows no more).
        initial_backoff: seconds before the first retry (gRPC randomizes each wait between
            0 and the current backoff).
        max_backoff: the longest wait, in seconds.
        backoff_multiplier: the factor applied to the backoff after each retry.
        retryable_codes: the status codes to retry, as `grpc.StatusCode` values or names.
        throttling: ``(max_tokens, token_ratio)`` of gRPC retry throttling, which stops
            retrying when many calls fail; None for none.
        rate_limit_retries: how many times a call that hit a rate limit is retried when the
            server said how long to wait (0 for never); see the module docstring.
        max_retry_after: the longest server-asked wait (seconds) the SDK waits before such a
            retry; a longer one raises the `RateLimitError` instead.

    """

    max_attempts: int = 5
    initial_backoff: float = 0.1
    max_backoff: float = 1.0
    backoff_multiplier: float = 2.0
    retryable_codes: Sequence[grpc.StatusCode | str] = ("UNAVAILABLE",)
    throttling: tuple[int, float] | None = None
    rate_limit_retries: int = 2
    max_retry_after: float = 60.0
    _codes: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.max_attempts, bool) or not isinstance(self.max_attempts, int):
            raise TypeError(f"max_attempts must be an int, got {self.max_attempts!r}")
        if not 2 <= self.max_attempts <= MAX_ATTEMPTS_LIMIT:
            raise ValueError(
                f"max_attempts must be between 2 and {MAX_ATTEMPTS_LIMIT} (gRPC's limit), got "
                f"{self.max_attempts}; use retry=None for no retries"
            )
        for name in ("initial_backoff", "max_backoff"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
                raise ValueError(f"{name} must be a positive number of seconds, got {value!r}")
        self._check_rate_limit_options()
        if self.max_backoff < self.initial_backoff:
            raise ValueError("max_backoff must not be smaller than initial_backoff")
        if isinstance(self.backoff_multiplier, bool) or not self.backoff_multiplier > 0:
            raise ValueError(f"backoff_multiplier must be positive, got {self.backoff_multiplier!r}")
        if isinstance(self.retryable_codes, (str, grpc.StatusCode)):
            raise TypeError("retryable_codes must be a list of codes, e.g. ['UNAVAILABLE']")
        codes = tuple(dict.fromkeys(_code_name(code) for code in self.retryable_codes))
        if not codes:
            raise ValueError("retryable_codes must name at least one code; use retry=None for no retries")
        if self.throttling is not None:
            tokens, ratio = self.throttling
            if not (
                isinstance(tokens, int)
                and 0 < tokens <= 1000
                and isinstance(ratio, (int, float))
                and ratio > 0
            ):
                raise ValueError(
                    f"throttling must be (max_tokens in 1..1000, token_ratio > 0), got {self.throttling!r}"
                )
        object.__setattr__(self, "_codes", codes)

    def _check_rate_limit_options(self) -> None:
        retries, longest = self.rate_limit_retries, self.max_retry_after
        if isinstance(retries, bool) or not isinstance(retries, int):
            raise TypeError(f"rate_limit_retries must be an int, got {retries!r}")
        if retries < 0:
            raise ValueError(f"rate_limit_retries must not be negative, got {retries}")
        if isinstance(longest, bool) or not isinstance(longest, (int, float)):
            raise TypeError(f"max_retry_after must be a number of seconds, got {longest!r}")
        if not 0 <= longest <= MAX_RETRY_AFTER:
            raise ValueError(f"max_retry_after must be between 0 and {MAX_RETRY_AFTER:.0f} seconds")

    def retries(self, code: grpc.StatusCode) -> bool:
        """Whether a failure with this status code is retried."""
        return code.name in self._codes

    def rate_limit_delay(self, error: RpcError, retries_made: int) -> float | None:
        """Seconds to wait before retrying a call that `error` ended, if it is a rate limit to retry.

        None unless the error is RESOURCE_EXHAUSTED with a usable server hint of at most
        `max_retry_after` seconds, and fewer than `rate_limit_retries` retries were made.
        """
        if error.code() != grpc.StatusCode.RESOURCE_EXHAUSTED or retries_made >= self.rate_limit_retries:
            return None
        hint = error.retry_after
        if hint is None or error.retry_refused or hint > self.max_retry_after:
            return None
        return hint

    def delay(self, retry: int, server_hint: float | None = None) -> float:
        """Seconds to wait before retry number `retry` (1, 2, ...), as gRPC computes it.

        The server's hint, when it gave one, wins; otherwise a random wait up to the backoff.
        """
        if server_hint is not None:
            return server_hint
        backoff = min(self.initial_backoff * self.backoff_multiplier ** (retry - 1), self.max_backoff)
        import random  # noqa: PLC0415 - only when a stream is retried

        return random.uniform(0, backoff)

    def service_config(self) -> str:
        """The gRPC service config (JSON): this policy for every method but the server streams."""
        config: dict[str, Any] = {
            "methodConfig": [
                {
                    "name": [{}],
                    "retryPolicy": {
                        "maxAttempts": self.max_attempts,
                        "initialBackoff": f"{self.initial_backoff}s",
                        "maxBackoff": f"{self.max_backoff}s",
                        "backoffMultiplier": self.backoff_multiplier,
                        "retryableStatusCodes": list(self._codes),
                    },
                },
                {"name": [{"service": service, "method": method} for service, method in SERVER_STREAMS]},
            ]
        }
        if self.throttling is not None:
            config["retryThrottling"] = {"maxTokens": self.throttling[0], "tokenRatio": self.throttling[1]}
        return json.dumps(config)

    def channel_options(self) -> tuple[tuple[str, Any], ...]:
        """The channel options that install this policy."""
        return (("grpc.enable_retries", 1), ("grpc.service_config", self.service_config()))


NO_RETRIES: tuple[tuple[str, Any], ...] = (("grpc.enable_retries", 0),)
"""The channel options of ``retry=None``."""
