"""Finding, loading and registering plugins; resolving a client's sub-clients.

Installed plugins are found once per process through the ``xai_sdk`` entry-point group and
registered into each client's own pluggy manager, together with the plugins passed to that
client. See `xai_sdk.hookspecs` for what a plugin can do.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import pluggy

from xai_sdk import _debug_log, hookspecs
from xai_sdk._entry_points import entry_points
from xai_sdk._plugins import core
from xai_sdk.errors import PluginError, ServiceNotInstalledError
from xai_sdk.hookspecs import ServiceSpec, hookimpl

if TYPE_CHECKING:
    from xai_sdk.hookspecs import CallInfo, RpcInfo

__all__ = ["ENTRY_POINT_GROUP", "PluginSet", "ServiceSpec", "hookimpl"]

logger = logging.getLogger("xai_sdk")

ENTRY_POINT_GROUP = "xai_sdk"


class InstalledPlugin(NamedTuple):
    """An entry point of the ``xai_sdk`` group: the loaded plugin, or why it failed to load."""

    name: str
    value: str
    distribution: str
    plugin: object | None
    error: BaseException | None

    def describe(self) -> str:
        """Who the plugin is, for error messages."""
        return f"plugin {self.name!r} ({self.value}, from {self.distribution})"


@functools.cache
def installed_plugins() -> tuple[InstalledPlugin, ...]:
    """Load every entry point of the ``xai_sdk`` group, once per process.

    A plugin that fails to import is kept with its error, which is raised when a client uses
    what it would have provided; the other plugins work normally.
    """
    loaded = []
    for entry_point in sorted(entry_points(ENTRY_POINT_GROUP), key=lambda point: point.name):
        try:
            plugin, error = import_object(entry_point.value), None
        except Exception as exc:
            plugin, error = None, exc
            logger.warning(
                "xai_sdk plugin %r from %s failed to load: %r",
                entry_point.name,
                entry_point.distribution,
                exc,
            )
        loaded.append(
            InstalledPlugin(entry_point.name, entry_point.value, entry_point.distribution, plugin, error)
        )
    return tuple(loaded)


def import_object(target: str) -> Any:
    """Import ``"package.module:attribute"`` (or a whole module, ``"package.module"``)."""
    module_name, _, attribute = target.partition(":")
    obj: Any = importlib.import_module(module_name.strip())
    for part in attribute.split(".") if attribute.strip() else ():
        obj = getattr(obj, part.strip())
    return obj


class Observers:
    """Calls the observation hooks of one client; `active` is False when nothing observes.

    Each implementation is called on its own, in pluggy's order: one that raises is logged and
    skipped, and the others still run, so that e.g. a faulty observer cannot leave a tracing
    span open. A hook with a wrapper implementation (``@hookimpl(wrapper=True)`` or
    ``hookwrapper=True``) is called through pluggy as a whole instead; an exception then skips
    the implementations after it in that one call.
    """

    def __init__(self, hook: Any) -> None:
        self._hook = hook
        self._call_started = hook.xai_sdk_call_started
        self._rpc_finished = hook.xai_sdk_rpc_finished
        self._stream_chunk = hook.xai_sdk_stream_chunk
        self._call_finished = hook.xai_sdk_call_finished
        self.refresh()

    def refresh(self) -> None:
        """Recompute which hooks have implementations (after a plugin was registered)."""
        self._started = _Observation(self._call_started)
        self._rpc = _Observation(self._rpc_finished)
        self._chunk = _Observation(self._stream_chunk)
        self._finished = _Observation(self._call_finished)
        self.active = bool(self._started or self._rpc or self._chunk or self._finished)
        self.wants_chunks = bool(self._chunk)

    def call_started(self, call: CallInfo) -> None:
        """Give the call this client's hooks (`CallInfo.hook`) and run `xai_sdk_call_started`."""
        call.hook = self._hook
        self._started.notify({"call": call})

    def rpc_finished(self, call: CallInfo, rpc: RpcInfo) -> None:
        """Run `xai_sdk_rpc_finished`."""
        self._rpc.notify({"call": call, "rpc": rpc})

    def stream_chunk(self, call: CallInfo, chunk: Any) -> None:
        """Run `xai_sdk_stream_chunk`."""
        self._chunk.notify({"call": call, "chunk": chunk})

    def call_finished(self, call: CallInfo, result: Any, error: BaseException | None) -> None:
        """Run `xai_sdk_call_finished`."""
        self._finished.notify({"call": call, "result": result, "error": error})


class _Observation:
    """One observation hook: its implementations, each called on its own (see `Observers`)."""

    __slots__ = ("caller", "implementations")

    def __init__(self, caller: Any) -> None:
        self.caller = caller
        found = caller.get_hookimpls()
        self.implementations: tuple[Any, ...] | None = tuple(reversed(found))  # pluggy's order
        if any(impl.hookwrapper or impl.wrapper for impl in found):
            self.implementations = None

    def __bool__(self) -> bool:
        return self.implementations is None or bool(self.implementations)

    def notify(self, arguments: dict[str, Any]) -> None:
        """Call the implementations with the arguments each takes; log and skip what raises."""
        if self.implementations is None:
            try:
                self.caller(**arguments)
            except Exception:
                logger.exception("an xai_sdk observation hook (%s) raised; ignored", self.caller.name)
            return
        for impl in self.implementations:
            try:
                impl.function(*[arguments[name] for name in impl.argnames])
            except Exception:
                logger.exception(
                    "the %s observer of plugin %r raised; ignored", self.caller.name, impl.plugin_name
                )


AUTOLOAD_ENV = "XAI_SDK_DISABLE_PLUGIN_AUTOLOAD"


def autoload_default() -> bool:
    """False when ``XAI_SDK_DISABLE_PLUGIN_AUTOLOAD`` is ``1`` or ``true``."""
    return os.environ.get(AUTOLOAD_ENV, "").strip().lower() not in ("1", "true")


def resolve_plugin(plugin: object) -> object:
    """A plugin object, from itself or from a string.

    A string is the name of an installed plugin's entry point (``"chat"``) or an import path
    (``"package.module"`` or ``"package.module:attribute"``).
    """
    if not isinstance(plugin, str):
        return plugin
    if "." in plugin or ":" in plugin:
        try:
            return import_object(plugin) if ":" in plugin else importlib.import_module(plugin)
        except Exception as exc:
            raise PluginError(f"plugin {plugin!r} could not be imported: {exc!r}") from exc
    from importlib.metadata import entry_points  # noqa: PLC0415

    found = list(entry_points(group=ENTRY_POINT_GROUP, name=plugin))
    if not found:
        raise PluginError(
            f"no installed plugin is named {plugin!r} (entry-point group {ENTRY_POINT_GROUP!r})"
        )
    try:
        return found[0].load()
    except Exception as exc:
        raise PluginError(f"plugin {plugin!r} failed to load: {exc!r}") from exc


class PluginSet:
    """The plugins of one client: its pluggy manager, its services and its observers.

    With `autoload` (the default, unless ``XAI_SDK_DISABLE_PLUGIN_AUTOLOAD`` is set), the
    installed plugins are loaded too; without it, only the core's own and `extra_plugins`.
    """

    def __init__(self, extra_plugins: Sequence[object] = (), *, autoload: bool | None = None) -> None:
        self.manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.manager.add_hookspecs(hookspecs)
        self.manager.register(core, name="xai-sdk")
        self._broken: dict[str, InstalledPlugin] = {}
        installed_ids = {id(core)}
        _debug_log.configure_from_environment()
        if _debug_log.enabled():
            self.manager.register(_debug_log.DebugLog(), name="xai-sdk:debug-log")
        autoload = autoload_default() if autoload is None else autoload
        for installed in installed_plugins() if autoload else ():
            if installed.plugin is None:
                self._broken[installed.name] = installed
            elif not self.manager.is_registered(installed.plugin):
                self._register(
                    installed.plugin, f"{installed.distribution}:{installed.name}", installed.describe()
                )
                installed_ids.add(id(installed.plugin))
        own_ids = set()
        for index, plugin in enumerate(resolve_plugin(plugin) for plugin in extra_plugins):
            if not self.manager.is_registered(plugin):
                self._register(plugin, None, f"plugins[{index}] ({plugin!r})")
            own_ids.add(id(plugin))
        # A plugin given to the client replaces an installed one that declares the same service.
        self.services = {**self._declared_services(installed_ids), **self._declared_services(own_ids)}
        self.observers = Observers(self.manager.hook)

    def _register(self, plugin: object, name: str | None, who: str) -> None:
        try:
            self.manager.register(plugin, name=name)
        except Exception as exc:
            raise PluginError(f"{who} cannot be registered: {exc}") from exc
        # pluggy accepts an implementation of a hook nobody declared (a misspelt name) and never
        # calls it: refuse it instead, unless it is marked optional.
        for caller in self.manager.get_hookcallers(plugin) or ():
            if caller.has_spec():
                continue
            impls = [impl for impl in caller.get_hookimpls() if impl.plugin is plugin]
            if any(not impl.optionalhook for impl in impls):
                self.manager.unregister(plugin)
                raise PluginError(
                    f"{who} implements {caller.name!r}, which is not an xai_sdk hook (a typo?); "
                    "the hooks are listed in xai_sdk.hookspecs"
                )

    def _declared_services(self, plugin_ids: set[int]) -> dict[str, ServiceSpec]:
        specs: dict[str, ServiceSpec] = {}
        owners: dict[str, str] = {}
        for impl in self.manager.hook.xai_sdk_services.get_hookimpls():
            if id(impl.plugin) not in plugin_ids:
                continue
            owner = impl.plugin_name
            try:
                declared = impl.function()
            except Exception as exc:
                raise PluginError(f"plugin {owner!r} failed to declare its services: {exc!r}") from exc
            for spec in cast("Sequence[object]", declared or ()):
                if not isinstance(spec, ServiceSpec):
                    raise PluginError(f"plugin {owner!r} declared {spec!r}, which is not a ServiceSpec")
                if spec.name in specs:
                    raise PluginError(
                        f"plugins {owners[spec.name]!r} and {owner!r} both declare the service {spec.name!r}"
                    )
                specs[spec.name], owners[spec.name] = spec, owner
        return specs

    def service(self, name: str) -> ServiceSpec:
        """The spec of a service, or an error saying how to install it or which plugin broke."""
        spec = self.services.get(name)
        if spec is not None:
            return spec
        broken = self._broken.get(name)
        if broken is not None:
            raise PluginError(
                f"client.{name} is unavailable: {broken.describe()} failed to load: {broken.error!r}"
            ) from broken.error
        from xai_sdk._catalog import extra_of_attribute, install_hint  # noqa: PLC0415 - failures only

        extra = extra_of_attribute(name)
        if extra is not None:
            raise ServiceNotInstalledError(
                f"client.{name} needs the xai-{extra} distribution, which is not installed: "
                f"{install_hint(extra)}",
                name=name,
            )
        raise ServiceNotInstalledError(f"The client has no service or attribute {name!r}", name=name)

    def client_class(self, spec: ServiceSpec, *, is_async: bool) -> type[Any]:
        """Import the sub-client class of a service."""
        target = (spec.async_client or spec.client) if is_async else spec.client
        try:
            return import_object(target)  # type: ignore[no-any-return]
        except Exception as exc:
            who = spec.distribution or "its plugin"
            raise PluginError(
                f"client.{spec.name} could not be loaded from {target!r} ({who}): {exc!r}"
            ) from exc
