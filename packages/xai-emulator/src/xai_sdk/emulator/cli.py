"""``xai-emulator``: run the emulator as a standalone server.

`add_arguments` and `serve` are the pieces of the command; ``xai emulator`` (xai-cli) reuses
them under its own name.
"""

from __future__ import annotations

import argparse
import shlex
import signal
import sys
import threading
from collections.abc import Sequence

from xai_sdk.emulator.server import DEFAULT_API_KEY, DEFAULT_MANAGEMENT_KEY, Emulator

DESCRIPTION = "A local fake of xAI's gRPC API. Point a client at it with the printed variables."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the server's options (``--host``, ``--port``, ``--api-key``, ``--management-key``)."""
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=50051, help="port to listen on; 0 picks a free one")
    parser.add_argument("--api-key", default=DEFAULT_API_KEY, help="the key API calls must carry")
    parser.add_argument(
        "--management-key", default=DEFAULT_MANAGEMENT_KEY, help="the key management API calls must carry"
    )


def serve(args: argparse.Namespace, *, prog: str = "xai-emulator") -> int:
    """Start the emulator that `args` describe, print the environment to export, serve until stopped.

    The ``export`` lines go to stdout, where a script can read them; the rest goes to stderr.
    Returns the exit status: 0 once stopped by Ctrl-C or SIGTERM, 1 when the port cannot be
    bound.
    """
    emulator = Emulator(
        host=args.host, port=args.port, api_key=args.api_key, management_api_key=args.management_key
    )
    try:
        emulator.start()
    except OSError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 1
    for name, value in emulator.env().items():
        print(f"export {name}={shlex.quote(value)}")
    print(f"# {prog} serving on {emulator.address}; Ctrl-C to stop", file=sys.stderr, flush=True)
    sys.stdout.flush()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until interrupted; print the environment to export first."""
    parser = argparse.ArgumentParser(prog="xai-emulator", description=DESCRIPTION)
    add_arguments(parser)
    return serve(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
