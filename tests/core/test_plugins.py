"""The plugin system: services found through entry points or given to the client, install hints,
broken plugins, and the observation hooks."""

from __future__ import annotations

import dataclasses
import logging
import types
from typing import Any

import grpc
import pytest

import xai_sdk
from tests.conftest import outcome
from tests.plugin_for_tests import xai_echo
from xai_sdk import Client, errors, plugins
from xai_sdk.emulator import Emulator
from xai_sdk.hookspecs import CallInfo, RpcInfo, ServiceSpec, SpanPlan, hookimpl


def test_installed_services_are_found_through_entry_points(xai_client: Client) -> None:
    assert {"auth", "models", "tokenize"} <= set(xai_client.services)
    assert {"auth", "models", "tokenize"} <= set(dir(xai_client))


def test_a_sub_client_is_built_once_per_client(xai_emulator: Emulator, xai_client: Client) -> None:
    assert xai_client.models is xai_client.models
    with xai_emulator.client() as other:
        assert other.models is not xai_client.models


def without_installed(monkeypatch: pytest.MonkeyPatch, *names: str, add: tuple[object, ...] = ()) -> None:
    """Make the client see the installed plugins minus `names` (plus `add`), as if uninstalled."""
    kept = tuple(plugin for plugin in plugins.installed_plugins() if plugin.name not in names)
    monkeypatch.setattr(plugins, "installed_plugins", lambda: (*kept, *add))


@pytest.mark.parametrize(
    ("attribute", "extra"), [("image", "image"), ("tokenize", "tokenizer"), ("batch", "batch")]
)
def test_a_missing_official_service_names_the_extra_to_install(
    xai_emulator: Emulator, monkeypatch: pytest.MonkeyPatch, attribute: str, extra: str
) -> None:
    without_installed(monkeypatch, attribute)
    with xai_emulator.client() as client:
        with pytest.raises(errors.ServiceNotInstalledError) as raised:
            getattr(client, attribute)
        assert f'pip install "xai-sdk[{extra}]=={xai_sdk.__version__}"' in str(raised.value)
        assert isinstance(raised.value, AttributeError)
        assert not hasattr(client, attribute)


def test_an_unknown_attribute_is_a_plain_attribute_error(xai_client: Client) -> None:
    with pytest.raises(AttributeError, match="no service or attribute 'modles'"):
        xai_client.modles  # noqa: B018


async def test_a_plugin_given_to_the_client_adds_a_service(xai_emulator: Emulator) -> None:
    with xai_emulator.client(plugins=[xai_echo.plugin]) as client:
        assert client.echo.complete("hello there") == "hello there"
        assert "echo" in client.services
    with xai_emulator.client() as plain:
        assert "echo" not in plain.services


class _ModelsReplacement:
    @hookimpl
    def xai_sdk_services(self) -> list[ServiceSpec]:
        return [ServiceSpec(name="models", client="xai_echo:Echo")]


def test_a_plugin_given_to_the_client_replaces_an_installed_service(xai_emulator: Emulator) -> None:
    with xai_emulator.client(plugins=[_ModelsReplacement(), xai_echo.plugin]) as client:
        assert isinstance(client.models, xai_echo.Echo)


class _DeclaresEcho:
    @hookimpl
    def xai_sdk_services(self) -> list[ServiceSpec]:
        return [ServiceSpec(name="echo", client="xai_echo:Echo")]


def test_two_plugins_declaring_one_service_is_an_error(xai_emulator: Emulator) -> None:
    with pytest.raises(errors.PluginError, match="both declare the service 'echo'"):
        xai_emulator.client(plugins=[xai_echo.plugin, _DeclaresEcho()])


class _BadImportString:
    @hookimpl
    def xai_sdk_services(self) -> list[ServiceSpec]:
        return [ServiceSpec(name="broken", client="no_such_module:Client", distribution="xai-broken")]


def test_a_service_that_cannot_be_imported_names_itself(xai_emulator: Emulator) -> None:
    with (
        xai_emulator.client(plugins=[_BadImportString()]) as client,
        pytest.raises(errors.PluginError, match=r"client\.broken .*no_such_module:Client.*xai-broken"),
    ):
        client.broken  # noqa: B018


def test_a_plugin_whose_entry_point_fails_to_load_names_itself(
    xai_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = plugins.InstalledPlugin(
        "image", "xai_sdk._plugins.image", "xai-image", None, ImportError("No module named 'PIL'")
    )
    without_installed(monkeypatch, "image", add=(broken,))
    with xai_emulator.client() as client:
        with pytest.raises(errors.PluginError, match=r"client\.image .*'image'.*xai-image.*PIL"):
            client.image  # noqa: B018
        assert client.models.list_language_models()


def test_service_specs_are_validated() -> None:
    with pytest.raises(ValueError, match="public identifier"):
        ServiceSpec(name="_private", client="a:B")
    with pytest.raises(ValueError, match="module:Class"):
        ServiceSpec(name="thing", client="a.B")
    with pytest.raises(ValueError, match="'api' or 'management'"):
        ServiceSpec(name="thing", client="a:B", channel="other")  # type: ignore[arg-type]


def test_the_hook_data_are_dataclasses_of_hookspecs_for_plugin_authors() -> None:
    from xai_sdk import hookspecs

    call = CallInfo("chat", "sample", None, False, False, "api.x.ai")
    assert dataclasses.replace(call, method="stream").method == "stream"
    for name in ("CallInfo", "RpcInfo", "SpanPlan", "SpanResult"):
        assert dataclasses.is_dataclass(getattr(hookspecs, name)), name
    assert {"CallFact", "SpanValue"} <= set(hookspecs.__all__)
    assert vars(hookspecs)["SpanPlan"] is SpanPlan  # imported once, then a plain attribute


class Recorder:
    """An observation plugin that keeps every event."""

    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []

    @hookimpl
    def xai_sdk_call_started(self, call: CallInfo) -> None:
        self.events.append(("started", (call.service, call.method, call.streaming, call.is_async)))

    @hookimpl
    def xai_sdk_rpc_finished(self, call: CallInfo, rpc: RpcInfo) -> None:
        self.events.append(("rpc", rpc))

    @hookimpl
    def xai_sdk_stream_chunk(self, call: CallInfo, chunk: Any) -> None:
        self.events.append(("chunk", chunk.choices[0].text))

    @hookimpl
    def xai_sdk_call_finished(self, call: CallInfo, result: Any, error: BaseException | None) -> None:
        self.events.append(("finished", (result, error, call.chunks, call.closed_early)))

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.events]


@pytest.fixture(params=["sync", "async"])
async def observed(request: pytest.FixtureRequest, xai_emulator: Emulator):  # type: ignore[no-untyped-def]
    recorder = Recorder()
    if request.param == "sync":
        with xai_emulator.client(plugins=[recorder, xai_echo.plugin]) as client:
            yield client, recorder
    else:
        async with xai_emulator.async_client(plugins=[recorder, xai_echo.plugin]) as client:
            yield client, recorder


async def test_observers_see_a_successful_call(observed, xai_emulator: Emulator) -> None:
    client, recorder = observed
    model = await outcome(client.models.get_language_model("grok-4"))
    assert recorder.kinds() == ["started", "rpc", "finished"]
    assert recorder.events[0][1] == ("models", "get_language_model", False, client._runner.is_async)
    rpc = recorder.events[1][1]
    assert rpc.method == "/xai_api.Models/GetLanguageModel"
    assert rpc.request.name == "grok-4" and rpc.response == model and rpc.error is None
    assert rpc.request_id == xai_emulator.calls("Models/GetLanguageModel")[0].request_id
    assert recorder.events[2][1] == (model, None, 0, False)


async def test_observers_see_a_failed_call(observed) -> None:
    client, recorder = observed
    with pytest.raises(errors.NotFoundError) as raised:
        await outcome(client.models.get_language_model("nope"))
    rpc = recorder.events[1][1]
    assert rpc.error is raised.value and rpc.response is None
    assert recorder.events[2][1][:2] == (None, raised.value)


async def test_observers_see_each_chunk_and_the_end_of_a_stream(observed) -> None:
    client, recorder = observed
    stream = client.echo.stream("one two three")
    texts = [text async for text in stream] if client._runner.is_async else list(stream)
    assert texts == ["one", " two", " three"]
    assert recorder.kinds() == ["started", "chunk", "chunk", "chunk", "rpc", "finished"]
    assert recorder.events[-1][1] == ("one two three", None, 3, False)


async def test_observers_see_a_stream_closed_early(observed, xai_emulator: Emulator) -> None:
    client, recorder = observed
    stream = client.echo.stream("one two three four")
    first = await anext(stream) if client._runner.is_async else next(stream)
    stream.close()
    assert first == "one"
    assert recorder.events[-1] == ("finished", (None, None, 1, True))


def test_an_observer_that_raises_is_logged_and_the_call_succeeds(
    xai_emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    faulty = types.SimpleNamespace()

    @hookimpl
    def xai_sdk_call_started(call: CallInfo) -> None:
        raise RuntimeError("observer bug")

    faulty.xai_sdk_call_started = xai_sdk_call_started
    with caplog.at_level(logging.ERROR, logger="xai_sdk"), xai_emulator.client(plugins=[faulty]) as client:
        assert client.models.list_language_models()
    assert "observer bug" in caplog.text


class Faulty:
    """An observer whose every hook raises."""

    @hookimpl
    def xai_sdk_call_started(self, call: CallInfo) -> None:
        raise RuntimeError("started bug")

    @hookimpl
    def xai_sdk_rpc_finished(self, call: CallInfo) -> None:
        raise RuntimeError("rpc bug")

    @hookimpl
    def xai_sdk_stream_chunk(self, chunk: Any) -> None:
        raise RuntimeError("chunk bug")

    @hookimpl
    def xai_sdk_call_finished(self, error: BaseException | None) -> None:
        raise RuntimeError("finished bug")


@pytest.mark.parametrize("faulty_first", [True, False])
def test_an_observer_that_raises_does_not_keep_the_others_from_seeing_the_call(
    xai_emulator: Emulator, caplog: pytest.LogCaptureFixture, faulty_first: bool
) -> None:
    recorder = Recorder()
    observers = [Faulty(), recorder] if faulty_first else [recorder, Faulty()]
    with (
        caplog.at_level(logging.ERROR, logger="xai_sdk"),
        xai_emulator.client(plugins=[*observers, xai_echo.plugin]) as client,
    ):
        assert list(client.echo.stream("one two")) == ["one", " two"]
    assert recorder.kinds() == ["started", "chunk", "chunk", "rpc", "finished"]
    for hook in ("started", "chunk", "rpc", "finished"):
        assert f"{hook} bug" in caplog.text
    assert "the xai_sdk_call_finished observer of plugin" in caplog.text


def test_a_wrapper_observer_is_called_through_pluggy_around_the_others(xai_emulator: Emulator) -> None:
    seen: list[str] = []

    class Wrapper:
        @hookimpl(wrapper=True)
        def xai_sdk_call_finished(self, call: CallInfo) -> Any:
            seen.append("before")
            result = yield
            seen.append("after")
            return result

    class Plain:
        @hookimpl
        def xai_sdk_call_finished(self, call: CallInfo) -> None:
            seen.append(call.method)

    with xai_emulator.client(plugins=[Plain(), Wrapper()]) as client:
        client.models.list_language_models()
    assert seen == ["before", "list_language_models", "after"]


def test_observers_ask_the_plugins_of_their_own_client_through_the_call(xai_emulator: Emulator) -> None:
    class Describer:
        @hookimpl
        def xai_sdk_span_plan(self, call: CallInfo) -> SpanPlan | None:
            return SpanPlan("described here", "lookup")

    class Asker:
        def __init__(self) -> None:
            self.names: list[str] = []

        @hookimpl
        def xai_sdk_call_started(self, call: CallInfo) -> None:
            assert call.hook is not None
            planned = call.hook.xai_sdk_span_plan(call=call, sensitive=False)
            self.names.append(planned.name)

    asker = Asker()
    with xai_emulator.client(plugins=[asker, Describer()]) as client:
        client.auth.get_api_key_info()
    with xai_emulator.client(plugins=[asker]) as client:
        client.auth.get_api_key_info()  # described by the core's own plugin
    assert asker.names == ["described here", "get_api_key_info"]


def test_a_client_without_observers_skips_the_bookkeeping(xai_client: Client) -> None:
    assert xai_client._plugins.observers.active is False


def test_observers_see_unauthenticated_calls_too(xai_emulator: Emulator) -> None:
    recorder = Recorder()
    with (
        xai_emulator.client(api_key="wrong-key-123", plugins=[recorder]) as client,
        pytest.raises(errors.AuthenticationError),
    ):
        client.auth.get_api_key_info()
    assert recorder.events[1][1].error.code() is grpc.StatusCode.UNAUTHENTICATED


def test_a_misspelt_hook_fails_loudly_with_its_name(xai_emulator: Emulator) -> None:
    class Typo:
        @hookimpl
        def xai_sdk_call_finishd(self, call, result, error) -> None:  # type: ignore[no-untyped-def]
            """Meant to be xai_sdk_call_finished."""

    with pytest.raises(errors.PluginError, match="'xai_sdk_call_finishd', which is not an xai_sdk hook"):
        xai_emulator.client(plugins=[Typo()])


def test_an_optional_hook_of_another_version_is_accepted(xai_emulator: Emulator) -> None:
    class FromTheFuture:
        @hookimpl(optionalhook=True)
        def xai_sdk_call_retried(self, call) -> None:  # type: ignore[no-untyped-def]
            """A hook a later version may declare."""

    with xai_emulator.client(plugins=[FromTheFuture()]) as client:
        assert client.models.list_language_models()
