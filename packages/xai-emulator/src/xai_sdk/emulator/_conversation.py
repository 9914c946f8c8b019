"""Reading a chat conversation: message texts, what to echo, and compacted contexts."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass

from xai_sdk.emulator.services.tokenize import tokenize
from xai_sdk.proto import chat_pb2

__all__ = ["CompactedContext", "echo_text", "message_text", "prompt_tokens", "tool_results"]

_COMPACTED_KIND = "xai-emulator/compacted-context"


def message_text(message: chat_pb2.Message) -> str:
    """The text parts of a message joined by spaces; an image counts as "<image>", a file as "<file>"."""
    parts = []
    for content in message.content:
        kind = content.WhichOneof("content")
        parts.append(content.text if kind == "text" else f"<{'image' if kind == 'image_url' else kind}>")
    return " ".join(parts)


def is_compacted(message: chat_pb2.Message) -> bool:
    """Whether the message stands for a compacted context (a user message with only encrypted content)."""
    return message.role == chat_pb2.ROLE_USER and bool(message.encrypted_content) and not message.content


def echo_text(messages: Sequence[chat_pb2.Message]) -> str:
    """The text of the last user message, or the last one a later compacted context recorded.

    Raises ValueError if a compacted context is not one the emulator made.
    """
    for message in reversed(messages):
        if is_compacted(message):
            return CompactedContext.decode(message.encrypted_content).last_user_text
        if message.role == chat_pb2.ROLE_USER:
            return message_text(message)
    return ""


def tool_results(messages: Sequence[chat_pb2.Message]) -> list[str]:
    """The texts of the tool messages that end the conversation (empty if it ends otherwise)."""
    results: list[str] = []
    for message in reversed(messages):
        if message.role != chat_pb2.ROLE_TOOL:
            break
        results.append(message_text(message))
    return results[::-1]


def prompt_tokens(messages: Sequence[chat_pb2.Message]) -> int:
    """The number of tokens in the texts of all messages."""
    return sum(len(tokenize(message_text(message))) for message in messages)


@dataclass(frozen=True)
class CompactedContext:
    """What the emulator keeps of a compacted conversation, sent back as opaque encrypted content."""

    last_user_text: str
    message_count: int

    @classmethod
    def of(cls, messages: Sequence[chat_pb2.Message]) -> CompactedContext:
        """The compacted form of a conversation."""
        return cls(echo_text(messages), len(messages))

    def encode(self) -> str:
        """The opaque string a compacted message carries as its `encrypted_content`."""
        document = {
            "kind": _COMPACTED_KIND,
            "last_user_text": self.last_user_text,
            "message_count": self.message_count,
        }
        return base64.urlsafe_b64encode(json.dumps(document).encode()).decode()

    @classmethod
    def decode(cls, encrypted_content: str) -> CompactedContext:
        """The context `encode` gave `encrypted_content`; ValueError if it is not one."""
        try:
            document = json.loads(base64.urlsafe_b64decode(encrypted_content.encode()))
        except (binascii.Error, UnicodeError, ValueError):
            document = None
        if not isinstance(document, dict) or document.get("kind") != _COMPACTED_KIND:
            raise ValueError("encrypted_content is not a context compacted by this emulator")
        return cls(str(document["last_user_text"]), int(document["message_count"]))
