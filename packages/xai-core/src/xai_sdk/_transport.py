"""The channels of a client, opened on first use, and the per-call metadata that goes with them.

A blocking client has one channel per host. An asyncio client has one per host *and event
loop*: a `grpc.aio` channel belongs to the loop it was created in, so a client made at import
time, or used by several consecutive `asyncio.run()` calls, opens a fresh channel inside each
running loop instead of failing with "attached to a different loop".

After `os.fork()` (pre-fork servers such as Gunicorn or Celery), the child forgets the channels
it inherited and opens its own on first use: a client created before the fork works in both
processes.
"""

from __future__ import annotations

import asyncio
import os
import threading
import weakref
from typing import Any

import grpc
import grpc.aio

from xai_sdk._config import MANAGEMENT_KEY_ENV, ClientConfig, Metadata, is_loopback, logger
from xai_sdk.errors import ClientClosedError
from xai_sdk.hookspecs import ChannelKind
from xai_sdk.operations import Rpc

_FACTORY_BY_KIND = {
    "unary": "unary_unary",
    "server_stream": "unary_stream",
    "client_stream": "stream_unary",
}


class _OpenChannel:
    """A channel and the multi-callables made on it, one per RPC path."""

    __slots__ = ("callables", "channel")

    def __init__(self, channel: Any) -> None:
        self.channel = channel
        self.callables: dict[str, Any] = {}

    def callable(self, rpc: Rpc[Any, Any]) -> Any:
        make = getattr(self.channel, _FACTORY_BY_KIND[rpc.kind])
        callable_ = make(
            rpc.path,
            request_serializer=rpc.request_type.SerializeToString,
            response_deserializer=rpc.response_type.FromString,
            _registered_method=True,
        )
        self.callables[rpc.path] = callable_
        return callable_


_TRANSPORTS: weakref.WeakSet[Transport] = weakref.WeakSet()


def _forget_inherited_channels() -> None:
    for transport in list(_TRANSPORTS):
        transport.forget_channels()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_inherited_channels)


class Transport:
    """Opens, caches and closes the channels of one client and its `with_options` copies."""

    def __init__(self, config: ClientConfig, *, is_async: bool) -> None:
        self.config = config
        self.is_async = is_async
        self._grpc: Any = grpc.aio if is_async else grpc
        self._lock = threading.Lock()
        self._closed = False
        self._channels: dict[ChannelKind, _OpenChannel] = {}
        self._loop_channels: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, dict[ChannelKind, _OpenChannel]
        ] = weakref.WeakKeyDictionary()
        self._warned_in_clear: set[ChannelKind] = set()
        self._auth: dict[ChannelKind, Metadata] = {"api": (("authorization", f"Bearer {config.api_key}"),)}
        if config.management_api_key:
            self._auth["management"] = (("authorization", f"Bearer {config.management_api_key}"),)
        _TRANSPORTS.add(self)

    def forget_channels(self) -> None:
        """Drop the channels without closing them (in a forked child, they are the parent's)."""
        self._lock = threading.Lock()  # the parent's lock may have been held at fork time
        self._channels = {}
        self._loop_channels = weakref.WeakKeyDictionary()

    def __repr__(self) -> str:
        return f"<Transport api_host={self.config.api_host!r} async={self.is_async} closed={self._closed}>"

    @property
    def closed(self) -> bool:
        """Whether `close` was called."""
        return self._closed

    def auth_metadata(self, kind: ChannelKind) -> Metadata:
        """The authorization header for a channel; the management one needs the management key."""
        try:
            return self._auth[kind]
        except KeyError:
            raise ValueError(
                "This call goes to the management API, which needs a management key: pass "
                f"management_api_key=... to the client or set {MANAGEMENT_KEY_ENV}."
            ) from None

    def host(self, kind: ChannelKind) -> str:
        """The host a channel connects to."""
        return self.config.api_host if kind == "api" else self.config.management_api_host

    def opened_channel(self, kind: ChannelKind) -> Any:
        """The channel of this kind if it is open (in the running loop, for asyncio), else None."""
        if not self.is_async:
            channels = self._channels
        else:
            try:
                channels = self._loop_channels.get(asyncio.get_running_loop(), {})
            except RuntimeError:  # no running loop: no channel of this loop
                return None
        open_channel = channels.get(kind)
        return None if open_channel is None else open_channel.channel

    def callable(self, rpc: Rpc[Any, Any], kind: ChannelKind) -> Any:
        """The grpc multi-callable for an RPC on the given channel, opening the channel if needed."""
        channels = self._channels_of_running_loop() if self.is_async else self._channels
        open_channel = channels.get(kind)
        if open_channel is None:
            open_channel = self._open(channels, kind)
        return open_channel.callables.get(rpc.path) or open_channel.callable(rpc)

    def _channels_of_running_loop(self) -> dict[ChannelKind, _OpenChannel]:
        loop = asyncio.get_running_loop()
        channels = self._loop_channels.get(loop)
        if channels is None:
            with self._lock:
                for other in [other for other in self._loop_channels if other.is_closed()]:
                    del self._loop_channels[other]  # their channels died with their loop
                channels = self._loop_channels.setdefault(loop, {})
        return channels

    def _open(self, channels: dict[ChannelKind, _OpenChannel], kind: ChannelKind) -> _OpenChannel:
        with self._lock:
            if self._closed:
                raise ClientClosedError("This client is closed; create a new one to make calls.")
            existing = channels.get(kind)
            if existing is not None:
                return existing
            host = self.host(kind)
            options = list(self.config.channel_options)
            if self.config.use_insecure_channel:
                if not is_loopback(host) and kind not in self._warned_in_clear:
                    # Once per client and channel, when a key is about to travel in clear text.
                    self._warned_in_clear.add(kind)
                    logger.warning("use_insecure_channel=True: the API key is sent in clear text to %s", host)
                channel = self._grpc.insecure_channel(host, options=options)
            else:
                credentials = (
                    grpc.local_channel_credentials(grpc.LocalConnectionType.LOCAL_TCP)
                    if is_loopback(host)
                    else grpc.ssl_channel_credentials()
                )
                channel = self._grpc.secure_channel(host, credentials, options=options)
            channels[kind] = opened = _OpenChannel(channel)
            return opened

    def close(self) -> None:
        """Close the blocking channels; later calls raise `ClientClosedError`."""
        with self._lock:
            self._closed = True
            channels, self._channels = list(self._channels.values()), {}
        for open_channel in channels:
            open_channel.channel.close()

    async def aclose(self) -> None:
        """Close the channels of the running loop and forget those of other loops."""
        with self._lock:
            self._closed = True
            loop = asyncio.get_running_loop()
            channels = list(self._loop_channels.get(loop, {}).values())
            self._loop_channels.clear()
        for open_channel in channels:
            await open_channel.channel.close()
