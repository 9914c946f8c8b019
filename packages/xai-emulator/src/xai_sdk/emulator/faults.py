"""Faults the emulator injects on request: failures with a status code, and slow answers."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import grpc

__all__ = ["Fault", "Faults", "normalize_method"]


def normalize_method(method: str) -> str:
    """The full RPC path of a method named in any of the accepted forms, or ``"*"``.

    Accepted: ``"Models/ListLanguageModels"``, ``"xai_api.Models/ListLanguageModels"``, the
    full path ``"/xai_api.Models/ListLanguageModels"``, and ``"*"`` for every method.
    """
    if method == "*":
        return method
    path = method.lstrip("/")
    service, _, name = path.partition("/")
    if not service or not name:
        raise ValueError(
            f"method must look like 'Service/Method' (e.g. 'Models/ListLanguageModels'), got {method!r}"
        )
    if "." not in service:
        service = ("collections." if service == "Collections" else "xai_api.") + service
    return f"/{service}/{name}"


@dataclass
class Fault:
    """One injected fault: fail with `code` and/or wait `delay` seconds, `times` times (None: always)."""

    method: str
    code: grpc.StatusCode | None = None
    details: str = ""
    delay: float = 0.0
    times: int | None = 1
    after_chunks: int | None = None
    """For streams: fail after this many chunks (abort mid-stream).

    A server stream sends them first; a client stream (e.g. an upload) receives them first.
    """
    retry_after: float | None = None
    """Seconds the server asks the client to wait before retrying (pushback and RetryInfo)."""

    def matches(self, path: str) -> bool:
        """Whether this fault applies to the RPC at `path`."""
        return self.method in ("*", path)


class Faults:
    """The faults waiting to be injected, consumed in the order they were added."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[Fault] = []

    def fail(
        self,
        method: str,
        code: grpc.StatusCode = grpc.StatusCode.UNAVAILABLE,
        *,
        times: int | None = 1,
        details: str | None = None,
        after_chunks: int | None = None,
        retry_after: float | None = None,
    ) -> Fault:
        """Make the next `times` calls of `method` fail with `code` (None: every call).

        `retry_after` (seconds) adds the server's retry hint to the failure: the
        ``grpc-retry-pushback-ms`` metadata, which gRPC's retries obey, and a
        ``google.rpc.RetryInfo`` status detail.
        """
        if not isinstance(code, grpc.StatusCode) or code is grpc.StatusCode.OK:
            raise ValueError(f"code must be a non-OK grpc.StatusCode, got {code!r}")
        return self._add(
            Fault(
                normalize_method(method),
                code=code,
                details=details or f"injected {code.name} by the emulator",
                times=times,
                after_chunks=after_chunks,
                retry_after=retry_after,
            )
        )

    def delay(self, method: str, seconds: float, *, times: int | None = None) -> Fault:
        """Make calls of `method` wait `seconds` before answering (`times` calls; None: all)."""
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        return self._add(Fault(normalize_method(method), delay=seconds, times=times))

    def _add(self, fault: Fault) -> Fault:
        if fault.times is not None and fault.times < 1:
            raise ValueError(f"times must be at least 1 or None, got {fault.times}")
        with self._lock:
            self._pending.append(fault)
        return fault

    def take(self, path: str) -> list[Fault]:
        """The faults that apply to this call of `path`, using up one of each one's `times`."""
        taken = []
        with self._lock:
            for fault in list(self._pending):
                if fault.matches(path):
                    taken.append(fault)
                    if fault.times is not None:
                        fault.times -= 1
                        if fault.times == 0:
                            self._pending.remove(fault)
        return taken

    def clear(self) -> None:
        """Drop every pending fault."""
        with self._lock:
            self._pending.clear()

    @property
    def pending(self) -> list[Fault]:
        """A copy of the faults not used up yet."""
        with self._lock:
            return list(self._pending)
