"""``xai-emulator``: run the emulator as a standalone server.

`add_arguments` and `serve` are the pieces of the command; ``xai emulator`` (xai-cli) reuses
them under its own name. Besides where to listen and the keys, the options set what Python tests
set on an in-process emulator, so that clients run against ``xai-emulator --port N`` see their
pending, expired and failed branches too: how many polls (or seconds) deferred completions,
video jobs and batches take, how they end, and what server-side tools return.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import json
import shlex
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xai_sdk.emulator.server import DEFAULT_API_KEY, DEFAULT_MANAGEMENT_KEY, Emulator

DESCRIPTION = "A local fake of xAI's gRPC API. Point a client at it with the printed variables."
OUTCOMES = ("done", "expired", "failed")


def _host(value: str) -> str:
    """A host name or IP address to listen on: not a URL, and without a port."""
    candidate = value.strip()
    if candidate.startswith("[") and candidate.endswith("]"):
        candidate = candidate[1:-1]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        pass
    else:
        return candidate
    if not candidate or any(character in candidate for character in ":/?#@ ") or "://" in value:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a host name or IP address; give only the host (e.g. 127.0.0.1 or "
            "localhost), without a scheme, port or path; the port goes to --port"
        )
    return candidate


def _count(minimum: int) -> Any:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {number}")
        return number

    return parse


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not seconds >= 0:
        raise argparse.ArgumentTypeError(f"must be at least 0, got {value}")
    return seconds


def _per_poll(value: str) -> int | None:
    if value == "all":
        return None
    return int(_count(0)(value))


def _json_file(value: str) -> Any:
    try:
        return json.loads(Path(value).read_text(encoding="utf-8"))
    except OSError as error:
        raise argparse.ArgumentTypeError(f"cannot read {value}: {error.strerror or error}") from None
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value} is not JSON: {error}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the server's options: where to listen, the keys, and how the services behave."""
    parser.add_argument(
        "--host", type=_host, default="127.0.0.1", help="interface to listen on (default: %(default)s)"
    )
    parser.add_argument(
        "--port",
        type=_count(0),
        default=50051,
        help="port to listen on; 0 picks a free one (default: %(default)s)",
    )
    parser.add_argument(
        "--api-key", default=DEFAULT_API_KEY, help="the key API calls must carry (default: %(default)s)"
    )
    parser.add_argument(
        "--management-key",
        default=DEFAULT_MANAGEMENT_KEY,
        help="the key management API (collections) calls must carry (default: %(default)s)",
    )
    behaviour = parser.add_argument_group("how the services behave")
    for flag, jobs in (("deferred", "deferred chat completion"), ("video", "video job")):
        behaviour.add_argument(
            f"--{flag}-polls",
            type=_count(1),
            default=1,
            metavar="N",
            help=f"a {jobs} is PENDING until its N-th poll (default: %(default)s)",
        )
        behaviour.add_argument(
            f"--{flag}-seconds",
            type=_seconds,
            default=0.0,
            metavar="S",
            help="... and for at least S seconds after it started (default: %(default)s)",
        )
        behaviour.add_argument(
            f"--{flag}-outcome",
            choices=OUTCOMES,
            default="done",
            help=f"how {jobs}s end (default: %(default)s)",
        )
    behaviour.add_argument(
        "--chunk-interval",
        type=_seconds,
        default=0.0,
        metavar="S",
        help="seconds between two chunks of a streamed answer, as a model writes (default: %(default)s)",
    )
    behaviour.add_argument(
        "--batch-per-poll",
        type=_per_poll,
        default=None,
        metavar="N",
        help="pending requests each read of a batch processes: a number, or 'all' (default: all)",
    )
    behaviour.add_argument(
        "--indexing-polls",
        type=_count(0),
        default=0,
        metavar="N",
        help="in-progress statuses a new document reports before it is processed (default: %(default)s)",
    )
    behaviour.add_argument(
        "--server-tools",
        type=_json_file,
        default=None,
        metavar="FILE",
        help=(
            'what server-side tools return, a JSON file: {"web_search": {"results": [{"title": ..., '
            '"text": ...}]}, "code_execution": {"output": "42\\n"}, "x_search": {"error": "..."}}'
        ),
    )
    from xai_sdk.emulator.cassette import _cli  # noqa: PLC0415

    _cli.add_arguments(parser)


def configure(emulator: Emulator, args: argparse.Namespace) -> None:
    """Apply the behaviour options of `args` to an emulator (ValueError for a bad tools file)."""
    emulator.chat.deferred_polls = args.deferred_polls
    emulator.chat.deferred_seconds = args.deferred_seconds
    emulator.chat.deferred_outcome = args.deferred_outcome
    emulator.chat.chunk_interval = args.chunk_interval
    emulator.video.deferred_polls = args.video_polls
    emulator.video.deferred_seconds = args.video_seconds
    emulator.video.outcome = args.video_outcome
    emulator.batch.process_per_poll = args.batch_per_poll
    emulator.collections.indexing_polls = args.indexing_polls
    if args.server_tools is not None:
        emulator.chat.server_tools_from(args.server_tools)


def serve(args: argparse.Namespace, *, prog: str = "xai-emulator") -> int:
    """Start the emulator that `args` describe, print the environment to export, serve until stopped.

    The ``export`` lines go to stdout, where a script can read them; the rest goes to stderr.
    Returns the exit status: 0 once stopped by Ctrl-C or SIGTERM, 1 when the port cannot be
    bound, 2 when the server-side tools file is not valid. With ``--cassette``, a cassette is
    served instead (`xai_sdk.emulator.cassette`), in front of an emulator when it records.
    """
    if args.cassette is not None:
        from xai_sdk.emulator.cassette import _cli  # noqa: PLC0415

        return _cli.serve(args, prog=prog)
    emulator = Emulator(
        host=args.host, port=args.port, api_key=args.api_key, management_api_key=args.management_key
    )
    try:
        configure(emulator, args)
    except (TypeError, ValueError) as error:
        print(f"{prog}: error: --server-tools: {error}", file=sys.stderr)
        return 2
    try:
        emulator.start()
    except OSError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 1
    print_exports(emulator.env())
    print(f"# {prog} serving on {emulator.address}; Ctrl-C to stop", file=sys.stderr, flush=True)
    try:
        wait_until_stopped()
    finally:
        emulator.stop()
    return 0


def print_exports(variables: dict[str, str]) -> None:
    """Print the ``export`` lines of `variables` on stdout, for a shell or a script to read."""
    for name, value in variables.items():
        print(f"export {name}={shlex.quote(value)}")
    sys.stdout.flush()


def wait_until_stopped() -> None:
    """Block until Ctrl-C or SIGTERM."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until interrupted; print the environment to export first."""
    parser = argparse.ArgumentParser(prog="xai-emulator", description=DESCRIPTION)
    add_arguments(parser)
    return serve(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
