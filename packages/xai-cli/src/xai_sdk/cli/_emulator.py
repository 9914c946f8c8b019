"""``xai emulator``: the ``xai-emulator`` command under the ``xai`` roof."""

from __future__ import annotations

import argparse

from xai_sdk.cli._parser import Parser
from xai_sdk.emulator.cli import DESCRIPTION, add_arguments, serve

__all__ = ["run"]

PROG = "xai emulator"


def run(args: argparse.Namespace) -> int:
    """Parse the emulator's own options, then serve until Ctrl-C, printing the variables to export."""
    parser = Parser(prog=PROG, description=DESCRIPTION)
    add_arguments(parser)
    return serve(parser.parse_args(args.arguments), prog=PROG)
