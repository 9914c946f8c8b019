"""``xai chat``: one question, or a conversation, with the answers streamed to stdout."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from xai_sdk import Client
from xai_sdk.chat import BaseChat as Chat
from xai_sdk.chat import Response, system, user
from xai_sdk.cli._common import CliError, connect, read_stdin
from xai_sdk.cli._output import print_json
from xai_sdk.errors import RpcError
from xai_sdk.proto import chat_pb2
from xai_sdk.service import Sync

__all__ = ["run"]

NewChat = Callable[[Sequence[chat_pb2.Message]], Chat[Sync]]


def run(args: argparse.Namespace) -> int:
    """Answer the prompt; with ``-i``, go on reading messages from stdin until it ends."""
    prompt = args.prompt
    if prompt is None and not args.interactive:
        prompt = read_stdin("a prompt", 'xai chat "your question"')
    with connect() as client:
        new_chat = _settings(client, args)
        history: list[chat_pb2.Message] = [system(args.system)] if args.system else []
        if prompt is not None:
            _turn(new_chat, history, prompt, as_json=args.json)
        if not args.interactive:
            return 0
        return _conversation(new_chat, history, as_json=args.json)


def _settings(client: Client, args: argparse.Namespace) -> NewChat:
    """A function making the chat of each turn; the settings are checked once, here."""
    settings = {
        "reasoning_effort": args.reasoning_effort,
        "temperature": args.temperature,
        "max_tokens": args.max_tokens,
    }
    client.chat.create(args.model, **settings)  # ValueError now, rather than after the first message
    return lambda messages: client.chat.create(args.model, messages=messages, **settings)


def _conversation(new_chat: NewChat, history: list[chat_pb2.Message], *, as_json: bool) -> int:
    """Read one message per line until end of input. A failed turn is reported and skipped."""
    interactive = sys.stdin.isatty()
    if interactive:
        print("(a conversation: one message per line; Ctrl-D to end)", file=sys.stderr)
    status = 0
    while True:
        try:
            line = input("> " if interactive else "")
        except EOFError:
            if interactive:
                print(file=sys.stderr)
            return status
        if not line.strip():
            continue
        try:
            _turn(new_chat, history, line, as_json=as_json)
        except RpcError as error:  # the session goes on without that message
            print(f"xai: error: {error}", file=sys.stderr)
            status = 1


def _turn(new_chat: NewChat, history: list[chat_pb2.Message], text: str, *, as_json: bool) -> None:
    """Send `text` after `history`; print the answer; on success add both to `history`."""
    chat = new_chat([*history, user(text)])
    response = _sample(chat) if as_json else _stream(chat)
    history[:] = chat.append(response).messages


def _sample(chat: Chat[Sync]) -> Response:
    response = chat.sample()
    print_json(response.proto)
    return response


def _stream(chat: Chat[Sync]) -> Response:
    """Write each chunk of the answer to stdout as it arrives; end with a newline."""
    out = sys.stdout
    at_line_start = True
    response = None
    try:
        for response, chunk in chat.stream():  # noqa: B007 - the last response is the whole answer
            if chunk.content:
                out.write(chunk.content)
                out.flush()
                at_line_start = chunk.content.endswith("\n")
    finally:
        if not at_line_start:
            out.write("\n")
            out.flush()
    if response is None:
        raise CliError("the API ended the answer's stream without sending anything")
    return response
