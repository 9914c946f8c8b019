"""Which recorded interaction answers a call: request equality, ignored fields, consumption order.

A call matches an interaction of the same RPC whose requests are equal once the ignored fields
are cleared from both. Each interaction answers once, and identical requests take their
interactions in the order recorded: a deferred job polled five times replays its five answers
in turn. With `ordered`, calls must also come in the order of the cassette. When every
interaction of an identical request has answered, the last one answers again if repeats are
allowed (a poll the client made more often than when recording). A call that matches nothing
gets a `Mismatch`: what was sent, and a diff against the nearest recorded request.
"""

from __future__ import annotations

import difflib
import json
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from google.protobuf.descriptor import FieldDescriptor

from xai_sdk.emulator.cassette._format import Interaction, _is_repeated, readable
from xai_sdk.emulator.cassette._rpcs import rpcs

__all__ = ["FieldFilter", "Mismatch", "Player"]

Key = tuple[str, tuple[bytes, ...]]
NEAREST_CANDIDATES = 200
"""Recorded requests of the same RPC compared to find the nearest one (the latest ones)."""
SIMILARITY_CHARACTERS = 20_000
"""Characters of each request's JSON compared character by character (it is quadratic)."""


class FieldFilter:
    """Clears the ignored fields of a request before requests are compared.

    A name without a dot (``"created_at"``) is that field wherever it appears; a dotted path
    (``"messages.content.text"``) starts at the request and goes through nested and repeated
    messages.
    """

    def __init__(self, fields: Iterable[str] = ()) -> None:
        self.fields = tuple(fields)
        for name in self.fields:
            if not name or any(not part.isidentifier() for part in name.split(".")):
                raise ValueError(f"an ignored field is a field name or a dotted path of them, got {name!r}")
        self._anywhere = frozenset(name for name in self.fields if "." not in name)
        self._paths = [name.split(".") for name in self.fields if "." in name]

    def key(self, rpc: str, requests: Sequence[bytes]) -> Key:
        """What identifies a call for matching: the RPC and its requests, ignored fields cleared."""
        info = rpcs().get(rpc)
        if info is None:
            return rpc, tuple(requests)
        return rpc, tuple(self._cleared(info.request_type.FromString(data)) for data in requests)

    def _cleared(self, message: Any) -> bytes:
        # Serialized again, deterministically: equal requests give equal bytes whatever the
        # client's map order.
        _clear_anywhere(message, self._anywhere)
        for path in self._paths:
            _clear_path(message, path)
        return bytes(message.SerializeToString(deterministic=True))


def _clear_anywhere(message: Any, names: frozenset[str]) -> None:
    for descriptor, value in message.ListFields():
        if descriptor.name in names:
            message.ClearField(descriptor.name)
        elif descriptor.type == FieldDescriptor.TYPE_MESSAGE:
            for item in _messages_of(descriptor, value):
                _clear_anywhere(item, names)


def _clear_path(message: Any, path: list[str]) -> None:
    name, rest = path[0], path[1:]
    descriptor = message.DESCRIPTOR.fields_by_name.get(name)
    if descriptor is None:
        return
    if not rest:
        message.ClearField(name)
    elif descriptor.type == FieldDescriptor.TYPE_MESSAGE:
        value = getattr(message, name)
        for item in _messages_of(descriptor, value):
            _clear_path(item, rest)


def _messages_of(descriptor: Any, value: Any) -> Iterable[Any]:
    if descriptor.message_type.GetOptions().map_entry:
        value_field = descriptor.message_type.fields_by_name["value"]
        return value.values() if value_field.type == FieldDescriptor.TYPE_MESSAGE else ()
    return value if _is_repeated(descriptor) else (value,)


@dataclass
class Mismatch:
    """A call that no recorded interaction answers: what it sent, and how it differs from the nearest."""

    cassette: str
    rpc: str
    reason: str
    diff: str

    def __str__(self) -> str:
        return f"cassette {self.cassette}: {self.reason}" + (f"\n{self.diff}" if self.diff else "")

    @property
    def summary(self) -> str:
        """One paragraph, short enough for a gRPC status message."""
        text = str(self)
        return text if len(text) <= 2000 else text[:2000] + "\n... (cut; the test's failure shows all)"


class Player:
    """The interactions of a cassette, and which of them have answered."""

    def __init__(
        self,
        interactions: Sequence[Interaction],
        key_of: Callable[[Interaction], Key],
        *,
        ordered: bool = False,
        allow_repeats: bool = True,
    ) -> None:
        self.interactions = list(interactions)
        self._key_of = key_of
        self._keys = [key_of(item) for item in self.interactions]
        self._played = [False] * len(self.interactions)
        self.ordered = ordered
        self.allow_repeats = allow_repeats
        self._lock = threading.Lock()

    @property
    def unplayed(self) -> list[Interaction]:
        """The interactions that have not answered a call."""
        with self._lock:
            return [item for item, played in zip(self.interactions, self._played, strict=True) if not played]

    def take(self, key: Key, *, repeat: bool) -> Interaction | None:
        """The interaction that answers a call with this key (marked played), or None.

        `repeat`: when every interaction of this key has answered, the last one answers again
        (if the player allows repeats).
        """
        with self._lock:
            candidates = range(len(self.interactions))
            if self.ordered:
                candidates = range(self._next_unplayed(), len(self.interactions))[:1]
            for index in candidates:
                if not self._played[index] and self._keys[index] == key:
                    self._played[index] = True
                    return self.interactions[index]
            if repeat and self.allow_repeats:
                played = [index for index, other in enumerate(self._keys) if other == key]
                if played and all(self._played[index] for index in played):
                    return self.interactions[played[-1]]
        return None

    def _next_unplayed(self) -> int:
        return next((index for index, played in enumerate(self._played) if not played), len(self._played))

    def mismatch(self, cassette: str, key: Key, mode: str) -> Mismatch:
        """Why no interaction answers this call, with a diff against the nearest recorded request."""
        rpc, requests = key
        with self._lock:
            same_key = [index for index, other in enumerate(self._keys) if other == key]
            expected = self._next_unplayed() if self.ordered else None
        if same_key and expected is None:
            reason = (
                f"the {len(same_key)} recorded answer(s) to this call of {rpc} have all been played, "
                f"and repeats are not allowed (record mode {mode!r})"
            )
            return Mismatch(cassette, rpc, reason, "")
        reason = f"no recorded interaction matches this call of {rpc} (record mode {mode!r})"
        if expected is not None and expected < len(self.interactions):
            reason += f"; the cassette expects interaction {expected} next (ordered)"
            nearest: int | None = expected
        elif expected is not None:
            reason += "; every interaction of the cassette has been played (ordered)"
            nearest = None
        else:
            nearest = self._nearest(rpc, requests)
        if nearest is None:
            recorded = sorted({other_rpc for other_rpc, _ in self._keys})
            return Mismatch(cassette, rpc, reason + f"; the cassette records {recorded or 'no call'}", "")
        theirs_rpc, theirs = self._keys[nearest]
        diff = difflib.unified_diff(
            _rendered(theirs_rpc, theirs),
            _rendered(rpc, requests),
            fromfile=f"recorded (interaction {nearest}, {theirs_rpc})",
            tofile=f"sent ({rpc})",
            lineterm="",
        )
        return Mismatch(cassette, rpc, reason, "\n".join(diff))

    def _nearest(self, rpc: str, requests: tuple[bytes, ...]) -> int | None:
        same_rpc = [index for index, (other, _) in enumerate(self._keys) if other == rpc]
        if not same_rpc:
            return None
        sent = _rendered(rpc, requests)
        sent_text = "\n".join(sent)[:SIMILARITY_CHARACTERS]

        def similarity(index: int) -> tuple[float, float]:
            # Lines first (how many fields differ), then characters (how much a value differs).
            other_rpc, other = self._keys[index]
            lines = _rendered(other_rpc, other)
            text = "\n".join(lines)[:SIMILARITY_CHARACTERS]
            return (
                difflib.SequenceMatcher(None, lines, sent).ratio(),
                difflib.SequenceMatcher(None, text, sent_text).ratio(),
            )

        return max(same_rpc[-NEAREST_CANDIDATES:], key=similarity)


def _rendered(rpc: str, requests: Sequence[bytes]) -> list[str]:
    """Requests as lines of JSON, for diffs."""
    info = rpcs().get(rpc)
    if info is None:
        return [repr(data) for data in requests]
    shown = [readable(info.request_type.FromString(data)) for data in requests]
    document = shown[0] if len(shown) == 1 else shown
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False).splitlines()
