"""End-to-end behaviour of both clients against the emulator: metadata, timeouts, retries, lifetime."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys

import grpc
import pytest

from tests.conftest import outcome
from xai_sdk import AsyncClient, Client, __version__, errors
from xai_sdk.emulator import Emulator
from xai_sdk.hookspecs import ServiceSpec, hookimpl
from xai_sdk.operations import Operation, Rpc, unary
from xai_sdk.proto import collections_pb2
from xai_sdk.service import Bound, ModeT, operation

LIST = "Models/ListLanguageModels"


async def test_every_call_carries_the_key_the_sdk_metadata_and_the_users(xai_emulator: Emulator) -> None:
    with xai_emulator.client(metadata=(("x-team", "ml"),)) as client:
        client.models.list_language_models()
    headers = xai_emulator.calls(LIST)[0].headers
    assert headers["authorization"] == f"Bearer {xai_emulator.api_key}"
    assert headers["xai-sdk-version"] == f"python/{__version__}"
    assert headers["xai-sdk-language"] == f"python/{sys.version_info.major}.{sys.version_info.minor}"
    assert headers["x-team"] == "ml"
    assert str(headers["user-agent"]).startswith(f"XaiSdk/{__version__} ")


async def test_the_async_client_sends_the_same_metadata(xai_emulator: Emulator) -> None:
    async with xai_emulator.async_client(metadata=(("x-team", "ml"),)) as client:
        await client.models.list_language_models()
    headers = xai_emulator.calls(LIST)[0].headers
    assert headers["authorization"] == f"Bearer {xai_emulator.api_key}"
    assert (headers["x-team"], headers["xai-sdk-version"]) == ("ml", f"python/{__version__}")


async def test_a_per_call_timeout_raises_deadline_exceeded(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.delay(LIST, 5)
    with pytest.raises(errors.DeadlineExceededError) as raised:
        await outcome(client.models.list_language_models(timeout=0.2))
    assert raised.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED


async def test_the_client_timeout_applies_when_the_call_sets_none(xai_emulator: Emulator) -> None:
    xai_emulator.faults.delay(LIST, 5)
    with (
        xai_emulator.client(timeout=0.2) as client,
        pytest.raises(errors.DeadlineExceededError),
    ):
        client.models.list_language_models()


async def test_a_per_call_timeout_overrides_the_clients(xai_emulator: Emulator) -> None:
    xai_emulator.faults.delay(LIST, 0.3, times=1)
    with xai_emulator.client(timeout=0.05) as client:
        assert len(client.models.list_language_models(timeout=10)) > 0


async def test_unavailable_twice_is_retried_and_succeeds(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, grpc.StatusCode.UNAVAILABLE, times=2)
    models = await outcome(client.models.list_language_models())
    assert len(models) > 0
    assert len(xai_emulator.calls(LIST)) == 3


async def test_unavailable_six_times_fails_after_five_attempts(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, grpc.StatusCode.UNAVAILABLE, times=6)
    with pytest.raises(errors.UnavailableError) as raised:
        await outcome(client.models.list_language_models())
    assert len(xai_emulator.calls(LIST)) == 5
    assert raised.value.request_id == xai_emulator.calls(LIST)[-1].request_id


async def test_rate_limits_are_not_retried_by_default(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, grpc.StatusCode.RESOURCE_EXHAUSTED, times=1)
    with pytest.raises(errors.RateLimitError):
        await outcome(client.models.list_language_models())
    assert len(xai_emulator.calls(LIST)) == 1


async def test_retries_can_be_turned_off_with_channel_options(xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, grpc.StatusCode.UNAVAILABLE, times=1)
    with (
        xai_emulator.client(channel_options=[("grpc.enable_retries", 0)]) as client,
        pytest.raises(errors.UnavailableError),
    ):
        client.models.list_language_models()
    assert len(xai_emulator.calls(LIST)) == 1


async def test_with_options_adds_metadata_and_shares_the_channels(xai_emulator: Emulator) -> None:
    with xai_emulator.client(metadata=(("x-team", "ml"),)) as client:
        tagged = client.with_options(metadata=(("x-run", "7"),))
        tagged.models.list_language_models()
        client.models.list_language_models()
        assert tagged._transport is client._transport
        assert tagged.models is not client.models
    with_extra, plain = (call.headers for call in xai_emulator.calls(LIST))
    assert (with_extra["x-team"], with_extra["x-run"]) == ("ml", "7")
    assert "x-run" not in plain


async def test_with_options_sets_a_default_timeout(client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.delay(LIST, 5)
    with pytest.raises(errors.DeadlineExceededError):
        await outcome(client.with_options(timeout=0.2).models.list_language_models())


def test_with_options_refuses_bad_values(xai_client: Client) -> None:
    with pytest.raises(ValueError, match="positive"):
        xai_client.with_options(timeout=-1)
    with pytest.raises(ValueError, match="lowercase"):
        xai_client.with_options(metadata=(("X", "y"),))


def test_a_closed_client_refuses_calls(xai_emulator: Emulator) -> None:
    with xai_emulator.client() as client:
        client.models.list_language_models()
    with pytest.raises(errors.ClientClosedError, match="closed"):
        client.models.list_language_models()


async def test_a_closed_async_client_refuses_calls(xai_emulator: Emulator) -> None:
    async with xai_emulator.async_client() as client:
        await client.models.list_language_models()
    with pytest.raises(errors.ClientClosedError):
        await client.models.list_language_models()


def test_an_async_client_serves_consecutive_event_loops(xai_emulator: Emulator) -> None:
    client = xai_emulator.async_client()

    async def names() -> list[str]:
        return [model.name for model in await client.models.list_language_models()]

    first = asyncio.run(names())
    second = asyncio.run(names())
    assert first == second != []
    asyncio.run(client.close())


def test_an_async_client_may_be_created_outside_any_event_loop(xai_emulator: Emulator) -> None:
    client = AsyncClient(api_key=xai_emulator.api_key, api_host=xai_emulator.address)

    async def main() -> str:
        async with client:
            return (await client.models.get_language_model("grok-4")).name

    assert asyncio.run(main()) == "grok-4"


def test_the_default_deadline_of_27_minutes_reaches_the_server(
    xai_client: Client, xai_emulator: Emulator
) -> None:
    xai_client.models.list_language_models()
    remaining = xai_emulator.calls(LIST)[0].time_remaining
    # gRPC sends a timeout with three significant digits, rounded up: 1620 s, less the time spent
    # before the call, goes out as 1620 s or, when the clock has ticked past it, as 1630 s.
    assert remaining is not None and 1600 < remaining <= 1630


class ManagementProbe(Bound[ModeT]):
    """A sub-client on the management channel, as xai-collections' will be."""

    @operation
    def list_collections(self) -> Operation[collections_pb2.ListCollectionsResponse]:
        return unary(LIST_COLLECTIONS, collections_pb2.ListCollectionsRequest())


class _ManagementPlugin:
    @hookimpl
    def xai_sdk_services(self) -> list[ServiceSpec]:
        return [ServiceSpec("probe", client="tests.core.test_client:ManagementProbe", channel="management")]


LIST_COLLECTIONS = Rpc(
    "/collections.Collections/ListCollections",
    collections_pb2.ListCollectionsRequest,
    collections_pb2.ListCollectionsResponse,
)


async def test_management_calls_carry_the_management_key(xai_emulator: Emulator) -> None:
    async with xai_emulator.async_client(plugins=[_ManagementPlugin()]) as client:
        with contextlib.suppress(errors.UnimplementedError):
            await client.probe.list_collections()
    (call,) = xai_emulator.calls("Collections/ListCollections")
    assert call.headers["authorization"] == f"Bearer {xai_emulator.management_api_key}"


def test_management_calls_without_a_management_key_fail_before_any_rpc(
    xai_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XAI_MANAGEMENT_KEY", raising=False)
    with (
        xai_emulator.client(management_api_key=None, plugins=[_ManagementPlugin()]) as client,
        pytest.raises(ValueError, match="XAI_MANAGEMENT_KEY"),
    ):
        client.probe.list_collections()
    assert xai_emulator.requests == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork() is POSIX-only")
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded")
def test_a_client_created_before_fork_works_in_the_child(xai_emulator: Emulator) -> None:
    with xai_emulator.client() as client:
        client.models.list_language_models()
        parent_channel = client._transport._channels["api"].channel
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: report and leave without running the parent's cleanup
            try:
                names = [model.name for model in client.models.list_language_models(timeout=10)]
                fresh = client._transport._channels["api"].channel is not parent_channel
                os.write(write, f"{len(names)} {fresh}".encode())
            except BaseException as error:
                os.write(write, f"error {error!r}".encode())
            finally:
                os._exit(0)
        os.close(write)
        os.waitpid(pid, 0)
        report = os.read(read, 1000).decode()
        os.close(read)
        assert report == f"{len(client.models.list_language_models())} True"


def test_the_official_channel_attributes_give_the_open_channels(xai_emulator: Emulator) -> None:
    # Integrations written for the official SDK read (and close) client._api_channel.
    with xai_emulator.client() as client:
        assert client._api_channel is None and client._management_channel is None
        client.models.list_language_models()
        assert isinstance(client._api_channel, grpc.Channel) and client._management_channel is None
        client.collections.list()
        assert isinstance(client._management_channel, grpc.Channel)
        assert client._management_channel is not client._api_channel


def test_the_async_client_gives_the_channel_of_the_running_loop(xai_emulator: Emulator) -> None:
    client = xai_emulator.async_client()

    async def channel_after_a_call() -> grpc.aio.Channel:
        assert client._api_channel is None  # none opened in this loop yet
        await client.models.list_language_models()
        channel = client._api_channel
        assert isinstance(channel, grpc.aio.Channel)
        await channel.close()  # what an integration does on loop shutdown
        return channel

    first, second = asyncio.run(channel_after_a_call()), asyncio.run(channel_after_a_call())
    assert first is not second and client._api_channel is None  # outside any loop


def test_importing_the_sdk_imports_no_service_until_one_is_used() -> None:
    code = (
        "import sys, xai_sdk; before = sorted(m for m in sys.modules if m.startswith('xai_sdk.chat'));"
        " xai_sdk.chat.user('hi'); print(before, 'xai_sdk.chat' in sys.modules, xai_sdk.sync.chat.Client)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["[]", "True", "<class", "'xai_sdk.chat.SyncChatClient'>"]
