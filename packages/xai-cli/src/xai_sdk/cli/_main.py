"""`main`: parse the command line, run the command, report expected failures in one line."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from xai_sdk._catalog import extra_of_module, install_hint
from xai_sdk.cli._common import USAGE, CliError
from xai_sdk.cli._parser import build_parser
from xai_sdk.errors import XaiError

__all__ = ["INTERRUPTED", "describe", "main"]

INTERRUPTED = 130
"""Exit status after Ctrl-C (128 + SIGINT), as shells report it."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``xai`` with `argv` (default: ``sys.argv[1:]``); returns the exit status.

    Expected failures (a missing key, an unknown model or file, an error of the API, bad
    arguments) print ``xai: error: <one line>`` on stderr and return 1, or 2 for bad arguments;
    Ctrl-C returns 130 without a traceback. With ``--debug`` errors show their traceback.
    """
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and not args.forward_arguments:
        args.usage_parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.arguments = extra
    if args.handler is None:  # `xai` or `xai files` alone
        args.usage_parser.print_help(sys.stderr)
        return USAGE
    if args.debug:
        os.environ["XAI_SDK_LOG"] = "debug"
    module, _, function = args.handler.partition(":")
    try:
        handler = getattr(importlib.import_module(f"xai_sdk.cli._{module}"), function)
        status = int(handler(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here rather than at exit
        return status
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:  # e.g. `xai models | head -1`: stop writing, quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as error:
        described = describe(error)
        if described is None or args.debug:
            raise
        status, message = described
        sys.stdout.flush()
        print(f"xai: error: {message}", file=sys.stderr)
        return status


def describe(error: BaseException) -> tuple[int, str] | None:
    """The exit status and the one-line message of an expected failure; None for a bug."""
    status: int
    if isinstance(error, CliError):
        status, message = error.status, str(error)
    elif isinstance(error, ModuleNotFoundError):
        extra = extra_of_module(error.name or "")
        if extra is None:
            return None
        status = 1
        message = f"this command needs the xai-{extra} distribution: {install_hint(extra)}"
    elif isinstance(error, XaiError):  # RPC failures (typed by status code), missing services
        status, message = 1, str(error)
    elif isinstance(error, TimeoutError):  # polling gave up (an OSError, hence first)
        status, message = 1, str(error) or "timed out"
    elif isinstance(error, OSError):  # local files
        status = 1
        message = f"{error.filename}: {error.strerror}" if error.filename and error.strerror else str(error)
    elif isinstance(error, (ValueError, TypeError)):  # arguments the SDK refused before any call
        status, message = USAGE, str(error)
    else:
        return None
    return status, message.replace("\n", " ")
