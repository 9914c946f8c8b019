"""What the commands share: the error they raise for expected failures, and the client they use."""

from __future__ import annotations

import os
import sys

from xai_sdk import Client

__all__ = ["USAGE", "CliError", "connect", "read_stdin"]

USAGE = 2
"""Exit status of a command given bad arguments."""


class CliError(Exception):
    """An expected failure: `main` prints ``xai: error: <message>`` and exits with `status`."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def connect(*, management: bool = False) -> Client:
    """A `Client` configured from the environment, as the SDK reads it (``XAI_API_KEY``, ...).

    A missing key is reported here in the command line's terms, before anything is sent;
    `management` also requires ``XAI_MANAGEMENT_KEY`` (collections management).
    """
    if not os.environ.get("XAI_API_KEY"):
        raise CliError(
            "no API key: set the XAI_API_KEY environment variable "
            "(or run `xai emulator` and export what it prints)"
        )
    if management and not os.environ.get("XAI_MANAGEMENT_KEY"):
        raise CliError(
            "this command uses the management API: set the XAI_MANAGEMENT_KEY environment variable"
        )
    return Client()


def read_stdin(what: str, command: str) -> str:
    """The text piped to the command, for a `what` argument left out; refused from a terminal."""
    if sys.stdin is None or sys.stdin.isatty():
        raise CliError(f"{what} is required: {command} (or pipe it to stdin)", USAGE)
    text = sys.stdin.read().strip()
    if not text:
        raise CliError(f"{what} is required, and stdin was empty", USAGE)
    return text
