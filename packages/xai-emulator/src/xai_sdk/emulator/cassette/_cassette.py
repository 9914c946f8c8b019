"""`Cassette`: a local gRPC server that replays recorded calls, or records them from an upstream."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, get_args

import grpc

from xai_sdk.emulator._endpoint import LocalEndpoint
from xai_sdk.emulator.cassette import _format
from xai_sdk.emulator.cassette._format import Interaction, Metadata
from xai_sdk.emulator.cassette._matching import FieldFilter, Key, Mismatch, Player
from xai_sdk.emulator.cassette._proxy import CassetteHandler, Decision, Upstream
from xai_sdk.emulator.cassette._rpcs import RpcInfo, rpcs
from xai_sdk.emulator.cassette._secrets import Redactor
from xai_sdk.emulator.server import Emulator

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["REAL_API", "Cassette", "CassetteMismatchError", "MessageHook", "RecordMode"]

RecordMode = Literal["none", "once", "new_episodes", "all"]
"""``none``: replay only. ``once``: record if the cassette does not exist, else replay only.
``new_episodes``: replay what matches, record the rest. ``all``: record every call again."""
REAL_API = ("api.x.ai:443", "management-api.x.ai:443")
"""The hosts of xAI's API and management API, the default upstream of recording cassettes."""
SETTLE_SECONDS = 5.0
"""How long `Cassette.stop` waits for forwarded calls still being recorded."""
REPLAY_KEY = "xai-cassette-replay"
"""The key clients get when nothing else is known: replayed calls need no real key."""

MessageHook = Callable[[str, Any], Any]
"""``hook(rpc, message)``: returns the message to record (or None: the argument, changed in place)."""


class CassetteMismatchError(AssertionError):
    """Calls that the cassette had no answer for, each with a diff against the nearest recorded one."""

    def __init__(self, mismatches: Iterable[Mismatch]) -> None:
        self.mismatches = list(mismatches)
        super().__init__("\n\n".join(str(mismatch) for mismatch in self.mismatches))


class Cassette(LocalEndpoint):
    """Record gRPC calls into a cassette file, or replay them from it, on a local port.

    Point any client at `address` (this SDK's `client()` and `async_client()` do, and `env()`
    gives the variables): in replay it answers from the file, without any network; in
    recording it forwards each call to the upstream and writes what came back when stopped::

        with Cassette("tests/cassettes/weather.json", record_mode="once") as cassette:
            client = cassette.client()
            print(client.chat.create("grok-4", messages=[user("Weather in Paris?")]).sample().content)

    Args:
        path: the cassette file (JSON); large messages go to ``<stem>.blobs/`` beside it.
        record_mode: ``none`` (default), ``once``, ``new_episodes`` or ``all`` (see `RecordMode`).
        upstream: where recorded calls go: an `Emulator`, a ``host:port`` for both hosts, or None
            for xAI's API (`REAL_API`).
        management_upstream: the management API's ``host:port``, if not the same as `upstream`.
        ignore_fields: request fields left out when matching calls: a field name anywhere
            (``"created_at"``) or a dotted path from the request (``"messages.content.text"``).
        ordered: calls must come in the order of the cassette (by default, any order; identical
            requests always take their answers in the order recorded).
        allow_repeats: when every answer to an identical request has been played, the last one
            answers again (a job polled more often than when it was recorded).
        before_record_request: `MessageHook` applied to each request before it is recorded, and
            to each request before it is matched in replay (scrub personal data, file bytes).
        before_record_response: `MessageHook` applied to each response and chunk recorded.
        secrets: more strings never to write (the keys of the calls and of ``XAI_API_KEY`` and
            ``XAI_MANAGEMENT_KEY`` are never written anyway).
        api_key: the key of `client()` and `env()` (default: the emulator's, ``XAI_API_KEY``, or
            a placeholder that replay accepts).
        management_api_key: the same for the management key.
        host: the interface to listen on.
        port: the port (0 picks a free one).

    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        record_mode: RecordMode = "none",
        upstream: Emulator | str | None = None,
        management_upstream: str | None = None,
        ignore_fields: Iterable[str] = (),
        ordered: bool = False,
        allow_repeats: bool = True,
        before_record_request: MessageHook | None = None,
        before_record_response: MessageHook | None = None,
        secrets: Iterable[str] = (),
        api_key: str | None = None,
        management_api_key: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if record_mode not in get_args(RecordMode):
            raise ValueError(f"record_mode must be one of {list(get_args(RecordMode))}, got {record_mode!r}")
        self.path = Path(path)
        self.record_mode: RecordMode = record_mode
        self.host = host
        self.port = port
        self._filter = FieldFilter(ignore_fields)
        self._ordered = ordered
        self._allow_repeats = allow_repeats
        self._request_hook = before_record_request
        self._response_hook = before_record_response
        self._redactor = Redactor(secrets)
        if isinstance(upstream, Emulator):
            api_key = api_key or upstream.api_key
            management_api_key = management_api_key or upstream.management_api_key
        self._upstream_hosts = (upstream, management_upstream)
        self._upstream: Upstream | None = None
        self.api_key = api_key or os.environ.get("XAI_API_KEY") or REPLAY_KEY
        self.management_api_key = management_api_key or os.environ.get("XAI_MANAGEMENT_KEY") or REPLAY_KEY
        self._lock = threading.Lock()
        self._settled = threading.Condition(self._lock)
        self._in_flight = 0
        self._recorded: list[tuple[int, Interaction]] = []
        self._tickets = 0
        self._mismatches: list[Mismatch] = []
        self._player = Player([], self._key_of)
        self._existed = False
        self._replays = self._records = False
        self._server: grpc.Server | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> Self:
        """Read the cassette (when replaying) and start serving; returns self."""
        if self._server is not None:
            return self
        self._existed = self.path.exists()
        mode = self.record_mode
        self._replays = mode in ("none", "new_episodes") or (mode == "once" and self._existed)
        self._records = mode in ("new_episodes", "all") or (mode == "once" and not self._existed)
        if mode == "none" and not self._existed:
            raise FileNotFoundError(
                f"cassette {self.path} does not exist, and record mode 'none' only replays: record it "
                "with record mode 'once' (pytest: --xai-record-mode=once)"
            )
        loaded = _format.load(self.path) if self._replays and self._existed else []
        self._player = Player(loaded, self._key_of, ordered=self._ordered, allow_repeats=self._allow_repeats)
        self._recorded, self._mismatches = [], []
        self._upstream = self._open_upstream() if self._records else None
        self._server = self._listen(
            CassetteHandler(self, self._upstream),
            name="cassette",
            max_workers=32,
            options=[("grpc.max_receive_message_length", -1), ("grpc.max_send_message_length", -1)],
        )
        return self

    def stop(self) -> None:
        """Stop serving, and write the cassette if this run recorded."""
        if self._server is None:
            return
        self._server.stop(0.5).wait()
        self._server = None
        with self._settled:  # calls cancelled by the stop are recorded by gRPC's threads
            self._settled.wait_for(lambda: self._in_flight == 0, timeout=SETTLE_SECONDS)
        if self._upstream is not None:
            self._upstream.close()
        with self._lock:
            recorded = [interaction for _, interaction in sorted(self._recorded, key=lambda pair: pair[0])]
        if self._records and (recorded or not self._existed or self.record_mode == "all"):
            kept = self._player.interactions if self.record_mode == "new_episodes" else []
            _format.save(self.path, [*kept, *recorded])

    def _open_upstream(self) -> Upstream:
        upstream, management = self._upstream_hosts
        if isinstance(upstream, Emulator):  # its address is known once it is started
            upstream = upstream.address
        return Upstream(upstream or REAL_API[0], management or upstream or REAL_API[1])

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        super().__exit__(exc_type, exc, tb)
        if exc_type is None and self.mismatches:
            raise CassetteMismatchError(self.mismatches)

    def __repr__(self) -> str:
        state = f"serving on {self.address}" if self._server is not None else "stopped"
        return f"<Cassette {str(self.path)!r} record_mode={self.record_mode!r} {state}>"

    # -- what happened --------------------------------------------------------------------------

    @property
    def recording(self) -> bool:
        """Whether calls that match nothing are forwarded to the upstream and recorded (once started)."""
        return self._records

    @property
    def mismatches(self) -> list[Mismatch]:
        """The calls the cassette had no answer for, oldest first."""
        with self._lock:
            return list(self._mismatches)

    @property
    def interactions(self) -> list[Interaction]:
        """The interactions read from the file (replay), then those recorded so far."""
        with self._lock:
            recorded = [interaction for _, interaction in sorted(self._recorded, key=lambda pair: pair[0])]
        return [*self._player.interactions, *recorded]

    @property
    def unplayed(self) -> list[Interaction]:
        """The recorded interactions that have not answered any call yet."""
        return self._player.unplayed

    # -- serving (called by the handler, on the server's threads) -------------------------------

    def learn(self, metadata: Metadata) -> None:
        """Take the keys a call carries as secrets, before anything of it is recorded."""
        self._redactor.learn(metadata)

    def prepare_request(self, info: RpcInfo, data: bytes) -> bytes:
        """A request as recorded and matched: the user's hook applied, secrets masked."""
        return self._redactor.data(_hooked(self._request_hook, info.path, info.request_type, data))

    def decide(self, info: RpcInfo, prepared: list[bytes]) -> Decision:
        """Replay the interaction that answers this call, record it, or refuse it."""
        key: Key = self._filter.key(info.path, prepared)
        if self._replays:
            interaction = self._player.take(key, repeat=not self._records)
            if interaction is not None:
                return Decision("replay", interaction)
        if self._records:
            return Decision("record")
        mismatch = self._player.mismatch(str(self.path), key, self.record_mode)
        with self._lock:
            self._mismatches.append(mismatch)
        return Decision("refuse", mismatch=mismatch)

    def ticket(self) -> int:
        """The number of a call to forward, in the order calls arrive (the cassette's order)."""
        with self._lock:
            self._tickets += 1
            self._in_flight += 1
            return self._tickets

    def record(self, ticket: int, interaction: Interaction) -> None:
        """Keep a forwarded call, its answers passed through the user's hook and the masking."""
        try:
            response_type = rpcs()[interaction.rpc].response_type
            redact = self._redactor
            interaction.responses = [
                redact.data(_hooked(self._response_hook, interaction.rpc, response_type, data))
                for data in interaction.responses
            ]
            interaction.details = redact.text(interaction.details)
            interaction.initial_metadata = redact.metadata(interaction.initial_metadata)
            interaction.trailing_metadata = redact.metadata(interaction.trailing_metadata)
            with self._lock:
                self._recorded.append((ticket, interaction))
        finally:  # a hook that raised loses the call, and must not keep `stop` waiting
            with self._settled:
                self._in_flight -= 1
                self._settled.notify_all()

    def _key_of(self, interaction: Interaction) -> Key:
        return self._filter.key(interaction.rpc, interaction.requests)


def _hooked(hook: MessageHook | None, rpc: str, message_type: Any, data: bytes) -> bytes:
    if hook is None:
        return data
    message = message_type.FromString(data)
    result = hook(rpc, message)
    return bytes((message if result is None else result).SerializeToString())
