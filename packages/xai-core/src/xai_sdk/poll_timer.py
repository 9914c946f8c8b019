"""`PollTimer`: the official SDK's helper that paces a polling loop within a total time limit.

This SDK's own polling (deferred chats, video jobs, document indexing) is written as flows (see
`xai_sdk.operations.poll`); `PollTimer` is kept for code that polls by hand with it.
"""

from __future__ import annotations

import time
from datetime import timedelta

__all__ = ["DEFAULT_INTERVAL", "DEFAULT_TIMEOUT", "PollTimer"]

DEFAULT_TIMEOUT = timedelta(minutes=10)
DEFAULT_INTERVAL = timedelta(seconds=1)


class PollTimer:
    """Paces polling: how long to sleep before the next check, and when to give up.

    Args:
        timeout: the total time allowed, from the timer's creation (default 10 minutes).
        interval: the time between two checks (default 1 second).
        context: what is awaited, for the timeout message.

    ::

        timer = PollTimer(timedelta(minutes=2), timedelta(seconds=5), context="indexing")
        while not done():
            time.sleep(timer.sleep_interval_or_raise())

    """

    def __init__(
        self,
        timeout: timedelta | None = None,
        interval: timedelta | None = None,
        context: str | None = None,
    ) -> None:
        self._timeout = (timeout or DEFAULT_TIMEOUT).total_seconds()
        self._interval = (interval or DEFAULT_INTERVAL).total_seconds()
        self._context = context
        self._started = time.monotonic()

    def sleep_interval_or_raise(self) -> float:
        """Seconds to sleep before the next check: the interval, or less when time is nearly up.

        Raises `TimeoutError` ("Polling timed out after 12.0s[: context]") once the total time
        has passed.
        """
        elapsed = time.monotonic() - self._started
        remaining = self._timeout - elapsed
        if remaining <= 0:
            suffix = f": {self._context}" if self._context else ""
            raise TimeoutError(f"Polling timed out after {elapsed:.1f}s{suffix}")
        return min(self._interval, remaining)
