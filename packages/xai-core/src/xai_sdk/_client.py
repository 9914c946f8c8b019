"""`Client` and `AsyncClient`: configuration, channels, plugins, and lazily built sub-clients."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import timedelta
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar

from xai_sdk._config import DEFAULT_RETRY, ClientConfig, to_seconds, validate_metadata
from xai_sdk._runners import Runner
from xai_sdk._sync_runner import SyncRunner
from xai_sdk._transport import Transport
from xai_sdk.plugins import PluginSet
from xai_sdk.retry import RetryPolicy
from xai_sdk.service import Binding

if TYPE_CHECKING:
    from typing_extensions import Self

    from xai_sdk.auth import AsyncAuth, SyncAuth
    from xai_sdk.batch import AsyncBatchClient, SyncBatchClient
    from xai_sdk.chat import AsyncChatClient, SyncChatClient
    from xai_sdk.collections import AsyncCollections, SyncCollections
    from xai_sdk.files import AsyncFiles, SyncFiles
    from xai_sdk.image import AsyncImageClient, SyncImageClient
    from xai_sdk.models import AsyncModels, SyncModels
    from xai_sdk.tokenizer import AsyncTokenizer, SyncTokenizer
    from xai_sdk.video import AsyncVideoClient, SyncVideoClient

__all__ = ["AsyncClient", "BaseClient", "Client"]


class BaseClient:
    """Configuration, plugins and sub-client lookup shared by `Client` and `AsyncClient`."""

    _is_async: ClassVar[bool]

    def __init__(
        self,
        api_key: str | None = None,
        management_api_key: str | None = None,
        *,
        api_host: str | None = None,
        management_api_host: str | None = None,
        metadata: Sequence[tuple[str, str | bytes]] | None = None,
        channel_options: Sequence[tuple[str, Any]] | None = None,
        timeout: float | timedelta | None = None,
        use_insecure_channel: bool = False,
        retry: RetryPolicy | None = DEFAULT_RETRY,
        plugins: Sequence[object] = (),
        autoload: bool | None = None,
    ) -> None:
        self._config = ClientConfig.resolve(
            api_key,
            management_api_key,
            api_host=api_host,
            management_api_host=management_api_host,
            metadata=metadata,
            channel_options=channel_options,
            timeout=timeout,
            use_insecure_channel=use_insecure_channel,
            retry=retry,
        )
        self._plugins = PluginSet(plugins, autoload=autoload)
        self._transport = Transport(self._config, is_async=self._is_async)
        self._runner = _runner_class(self._is_async)(
            self._transport,
            self._plugins.observers,
            timeout=self._config.timeout,
            metadata=self._config.metadata,
        )

    def __getattr__(self, name: str) -> Any:
        # Only reached for attributes not set yet: build the sub-client once, then cache it.
        if name.startswith("_"):
            raise AttributeError(name)
        plugins = self.__dict__.get("_plugins")
        if plugins is None:  # a half-constructed client (its __init__ raised)
            raise AttributeError(name)
        spec = plugins.service(name)
        sub_client = plugins.client_class(spec, is_async=self._runner.is_async)(
            Binding(self._runner, spec.name, spec.channel)
        )
        self.__dict__[name] = sub_client
        return sub_client

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self._plugins.services})

    def __repr__(self) -> str:
        config = self._config
        return (
            f"{type(self).__name__}(api_host={config.api_host!r}, "
            f"management_api_host={config.management_api_host!r}, timeout={self._runner.timeout}, "
            f"services={sorted(self._plugins.services)})"
        )

    @property
    def _api_channel(self) -> Any:
        """The API channel, or None before the first call opens it (compatibility shim).

        The official SDK's clients keep their channels in ``_api_channel`` and
        ``_management_channel``, and some integrations read them (e.g. to close them). On an
        `AsyncClient`, this is the channel of the running event loop (one is opened per loop).
        Prefer ``close()``.
        """
        return self._transport.opened_channel("api")

    @property
    def _management_channel(self) -> Any:
        """The management API channel, or None before it is opened (see `_api_channel`)."""
        return self._transport.opened_channel("management")

    @property
    def services(self) -> list[str]:
        """The names of the sub-clients this client offers (those of the installed plugins)."""
        return sorted(self._plugins.services)

    def with_options(
        self,
        *,
        timeout: float | timedelta | None = None,
        metadata: Sequence[tuple[str, str | bytes]] | None = None,
    ) -> Self:
        """A client that shares this one's channels, with another default timeout or more metadata.

        `timeout` replaces the default timeout of every call; `metadata` is sent in addition to
        the client's own. Closing either client closes the shared channels::

            slow = client.with_options(timeout=600)
            slow.chat.create("grok-4").sample()
        """
        derived = copy.copy(self)
        derived.__dict__ = {key: value for key, value in self.__dict__.items() if key.startswith("_")}
        derived._runner = self._runner.with_defaults(
            timeout=None if timeout is None else to_seconds(timeout, "timeout"),
            metadata=validate_metadata(metadata),
        )
        return derived


class Client(BaseClient):
    """The blocking xAI client.

    Args:
        api_key: the API key; falls back to the ``XAI_API_KEY`` environment variable.
        management_api_key: the management key, needed by collection management only; falls
            back to ``XAI_MANAGEMENT_KEY``.
        api_host: ``host[:port]`` of the API, default ``api.x.ai`` (or ``XAI_API_HOST``).
        management_api_host: the management API's, default ``management-api.x.ai`` (or
            ``XAI_MANAGEMENT_API_HOST``).
        metadata: extra ``(key, value)`` gRPC metadata sent with every call.
        channel_options: gRPC channel options; each replaces the SDK's default of the same name.
        timeout: default timeout of each call in seconds (27 minutes when None); every method
            also takes ``timeout=`` for itself.
        use_insecure_channel: plaintext instead of TLS. Local hosts (``localhost``,
            ``127.0.0.1``, ``[::1]``) never use TLS.
        retry: the `xai_sdk.retry.RetryPolicy` gRPC applies (default: 5 attempts on
            UNAVAILABLE, 0.1 s to 1 s backoff); None for no retries. `channel_options` naming
            ``grpc.service_config`` or ``grpc.enable_retries`` take precedence.
        plugins: plugins for this client only (see `xai_sdk.hookspecs`): objects, names of
            installed plugins (``"chat"``) or import paths (``"my_package.plugin"``).
        autoload: whether the installed plugins (the ``xai_sdk`` entry points) load; False
            loads only the core's and `plugins`, e.g. ``Client(autoload=False,
            plugins=["chat"])`` in a serverless function. Default: True, unless
            ``XAI_SDK_DISABLE_PLUGIN_AUTOLOAD`` is ``1`` or ``true``.

    Sub-clients are attributes: ``client.chat``, ``client.models``, ... each provided by its
    distribution (``pip install "xai-sdk[chat,models]"``). Use the client as a context manager,
    or call `close()`, to release its channels.

    """

    _is_async = False

    if TYPE_CHECKING:
        auth: SyncAuth
        batch: SyncBatchClient
        chat: SyncChatClient
        collections: SyncCollections
        files: SyncFiles
        image: SyncImageClient
        models: SyncModels
        tokenize: SyncTokenizer
        video: SyncVideoClient

    def close(self) -> None:
        """Close the channels; the client (and its `with_options` copies) cannot be used after."""
        self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient(BaseClient):
    """The asyncio xAI client: the same arguments and sub-clients as `Client`, with awaitable methods.

    It may be created anywhere, even outside a running event loop: channels are opened inside
    the loop that makes the first call, one per loop. Use ``async with`` or ``await close()``.
    """

    _is_async = True

    if TYPE_CHECKING:
        auth: AsyncAuth
        batch: AsyncBatchClient
        chat: AsyncChatClient
        collections: AsyncCollections
        files: AsyncFiles
        image: AsyncImageClient
        models: AsyncModels
        tokenize: AsyncTokenizer
        video: AsyncVideoClient

    async def close(self) -> None:
        """Close the channels; the client (and its `with_options` copies) cannot be used after."""
        await self._transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


def _runner_class(is_async: bool) -> type[Runner]:
    """The runner of `Client` or of `AsyncClient`, whose module is imported by the first one made."""
    if not is_async:
        return SyncRunner
    from xai_sdk._async_runner import AsyncRunner  # noqa: PLC0415 - a sync program never needs it

    return AsyncRunner
