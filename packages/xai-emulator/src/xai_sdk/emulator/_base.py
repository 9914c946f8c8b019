"""What the emulator's service implementations share: the per-call context and RPC errors."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import grpc
from google.protobuf import timestamp_pb2

from xai_sdk.emulator.faults import Fault

__all__ = [
    "EMULATOR_EPOCH",
    "DeferredPacing",
    "EmulatorCall",
    "RecordedCall",
    "RpcAbort",
    "seconds_setting",
    "timestamp",
]

EMULATOR_EPOCH = datetime(2025, 1, 1, tzinfo=timezone.utc)
"""The creation time of everything the emulator ships with, so that answers are reproducible."""


def timestamp(moment: datetime | float) -> timestamp_pb2.Timestamp:
    """A protobuf Timestamp from a datetime or a Unix time."""
    stamp = timestamp_pb2.Timestamp()
    if isinstance(moment, datetime):
        stamp.FromDatetime(moment)
    else:
        stamp.FromNanoseconds(int(moment * 1e9))
    return stamp


def seconds_setting(name: str, seconds: object) -> float:
    """A setting in seconds (an int or a float, at least 0) as a float; ValueError naming it otherwise."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not seconds >= 0:
        raise ValueError(f"{name} must be a number of at least 0, got {seconds!r}")
    return float(seconds)


class RpcAbort(Exception):
    """Raised by a service implementation to end the RPC with a status, as the real API would."""

    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details


@dataclass(eq=False)
class RecordedCall:
    """An RPC the emulator received: method path, request, metadata and the id it was given."""

    method: str
    request: Any
    metadata: tuple[tuple[str, str | bytes], ...]
    request_id: str
    time_remaining: float | None = None
    """Seconds left before the call's deadline when it arrived (None: no deadline)."""
    time: float = field(default_factory=time.time)
    cancelled: bool = False
    """Set when a server stream ended early because the client cancelled (or its deadline passed)."""

    @property
    def headers(self) -> dict[str, str | bytes]:
        """The metadata as a dict (the last value of a repeated key wins)."""
        return dict(self.metadata)

    def __repr__(self) -> str:
        keys = sorted({key for key, _ in self.metadata})
        return f"RecordedCall({self.method!r}, request_id={self.request_id!r}, metadata_keys={keys})"


@dataclass(eq=False)
class EmulatorCall:
    """What a service implementation gets besides the request."""

    record: RecordedCall
    context: grpc.ServicerContext
    stream_fault: Fault | None = None
    """A fault to inject part-way through a server stream, if one was asked for."""

    @property
    def is_active(self) -> bool:
        """False once the client has cancelled or the deadline passed."""
        return bool(self.context.is_active())


class DeferredPacing:
    """How long a service's deferred jobs stay PENDING: `deferred_polls` and `deferred_seconds`.

    A job is done once both are reached; each job keeps the values set when it started.
    """

    _deferred_polls: int = 1
    _deferred_seconds: float = 0.0

    @property
    def deferred_polls(self) -> int:
        """The poll at which a job is done: earlier polls answer PENDING (default 1, the first)."""
        return self._deferred_polls

    @deferred_polls.setter
    def deferred_polls(self, polls: int) -> None:
        if isinstance(polls, bool) or not isinstance(polls, int) or polls < 1:
            raise ValueError(f"deferred_polls must be an int of at least 1, got {polls!r}")
        self._deferred_polls = polls

    @property
    def deferred_seconds(self) -> float:
        """Seconds a job stays PENDING after it started, whatever the polls (default 0)."""
        return self._deferred_seconds

    @deferred_seconds.setter
    def deferred_seconds(self, seconds: float) -> None:
        self._deferred_seconds = seconds_setting("deferred_seconds", seconds)

    def reset_pacing(self) -> None:
        """Back to the defaults: done at the first poll, at once."""
        self._deferred_polls = 1
        self._deferred_seconds = 0.0
