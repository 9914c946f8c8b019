"""``xai-emulator --cassette FILE``: serve a cassette from the command line.

Replaying (``--record-mode none``, the default) needs nothing but the file: any client pointed
at the printed address, the official SDK or another language's, gets the recorded answers.
Recording, calls go to ``--upstream``, or by default to an emulator started in the same process
and configured by the emulator's own options.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import get_args

from xai_sdk.emulator.cassette._cassette import Cassette, RecordMode
from xai_sdk.emulator.cassette._format import CassetteFormatError
from xai_sdk.emulator.server import Emulator

__all__ = ["add_arguments", "serve"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the cassette options: ``--cassette``, ``--record-mode``, ``--upstream``, matching."""
    group = parser.add_argument_group("record and replay")
    group.add_argument(
        "--cassette",
        type=Path,
        default=None,
        metavar="FILE",
        help="serve this cassette instead of the emulator: replay its calls, or record them (--record-mode)",
    )
    group.add_argument(
        "--record-mode",
        choices=get_args(RecordMode),
        default="none",
        help=(
            "none: replay only; once: record if FILE does not exist; new_episodes: record the calls FILE "
            "lacks; all: record every call again (default: %(default)s)"
        ),
    )
    group.add_argument(
        "--upstream",
        default=None,
        metavar="HOST:PORT",
        help="where recorded calls go: HOST:PORT, or 'api' for xAI's API (default: an emulator in this "
        "process, configured by the options above)",
    )
    group.add_argument(
        "--ignore-field",
        action="append",
        default=[],
        metavar="FIELD",
        help="a request field left out when matching calls (a name, or a dotted path); repeatable",
    )
    group.add_argument("--ordered", action="store_true", help="calls must come in the order of the cassette")


def serve(args: argparse.Namespace, *, prog: str) -> int:
    """Serve the cassette of `args` until stopped; the same exit statuses as the emulator's.

    Also 2 when the cassette cannot be read or, with ``--record-mode none``, does not exist.
    """
    from xai_sdk.emulator.cli import configure, print_exports, wait_until_stopped  # noqa: PLC0415

    emulator: Emulator | None = None
    if args.upstream is None and args.record_mode != "none":
        emulator = Emulator(api_key=args.api_key, management_api_key=args.management_key)
        configure(emulator, args)
        emulator.start()  # its address is the cassette's upstream
    real_api = args.upstream == "api"
    cassette = Cassette(
        args.cassette,
        record_mode=args.record_mode,
        upstream=emulator if emulator is not None else None if real_api else args.upstream,
        ignore_fields=args.ignore_field,
        ordered=args.ordered,
        api_key=args.api_key,
        management_api_key=args.management_key,
        host=args.host,
        port=args.port,
    )
    failure = _start(cassette, prog)
    if failure:
        if emulator is not None:
            emulator.stop()
        return failure
    variables = cassette.env()
    if real_api and cassette.recording:  # the clients' own keys go to xAI: none is printed
        variables = {name: value for name, value in variables.items() if name.endswith("_HOST")}
    print_exports(variables)
    doing = "recording" if cassette.recording else "replaying"
    print(
        f"# {prog} {doing} {args.cassette} on {cassette.address}; Ctrl-C to stop", file=sys.stderr, flush=True
    )
    try:
        wait_until_stopped()
    finally:
        cassette.stop()
        if emulator is not None:
            emulator.stop()
    for mismatch in cassette.mismatches:
        print(f"{prog}: {mismatch}", file=sys.stderr)
    return 0


def _start(cassette: Cassette, prog: str) -> int:
    """Start the cassette; 0, or the exit status of the failure (said on stderr)."""
    try:
        cassette.start()
    except (FileNotFoundError, CassetteFormatError) as error:
        print(f"{prog}: error: --cassette: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 1
    return 0
