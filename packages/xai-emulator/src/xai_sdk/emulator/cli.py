"""``xai-emulator``: run the emulator as a standalone server."""

from __future__ import annotations

import argparse
import shlex
import signal
import sys
import threading
from collections.abc import Sequence

from xai_sdk.emulator.server import DEFAULT_API_KEY, DEFAULT_MANAGEMENT_KEY, Emulator


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until interrupted; print the environment to export first."""
    parser = argparse.ArgumentParser(
        prog="xai-emulator",
        description="A local fake of xAI's gRPC API. Point a client at it with the printed variables.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=50051, help="port to listen on; 0 picks a free one")
    parser.add_argument("--api-key", default=DEFAULT_API_KEY, help="the key API calls must carry")
    parser.add_argument(
        "--management-key", default=DEFAULT_MANAGEMENT_KEY, help="the key management API calls must carry"
    )
    args = parser.parse_args(argv)

    emulator = Emulator(
        host=args.host, port=args.port, api_key=args.api_key, management_api_key=args.management_key
    )
    try:
        emulator.start()
    except OSError as error:
        print(f"xai-emulator: {error}", file=sys.stderr)
        return 1
    for name, value in emulator.env().items():
        print(f"export {name}={shlex.quote(value)}")
    print(f"# xai-emulator serving on {emulator.address}; Ctrl-C to stop", file=sys.stderr, flush=True)
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


if __name__ == "__main__":
    sys.exit(main())
