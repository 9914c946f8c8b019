"""A sub-client written once gets a class per client mode, with real methods (xai_sdk.service)."""

from __future__ import annotations

import inspect

import pytest

from xai_sdk import AsyncClient, Client
from xai_sdk.models import AsyncModels, Models, SyncModels
from xai_sdk.operations import Operation, Rpc, unary
from xai_sdk.proto import models_pb2
from xai_sdk.service import Async, Binding, Bound, ModeT, Sync, operation, variant

PING = Rpc("/xai_api.Models/GetLanguageModel", models_pb2.GetModelRequest, models_pb2.LanguageModel)


class Probe(Bound[ModeT]):
    """A definition with no declared variants, as a third-party plugin may write one."""

    @operation
    def ping(self, name: str, *, loud: bool = False) -> Operation[models_pb2.LanguageModel]:
        """Ask for a model."""
        return unary(PING, models_pb2.GetModelRequest(name=name))


def binding(client: Client | AsyncClient) -> Binding:
    return Binding(client._runner, "probe")


def test_instantiating_a_definition_gives_the_declared_variant_of_the_clients_mode() -> None:
    assert type(Models(binding(Client(api_key="k")))) is SyncModels
    assert type(Models(binding(AsyncClient(api_key="k")))) is AsyncModels
    assert variant(Models, is_async=False) is SyncModels and variant(Models, is_async=True) is AsyncModels


def test_a_definition_without_declared_variants_gets_them_on_first_use() -> None:
    sync_probe, async_probe = Probe(binding(Client(api_key="k"))), Probe(binding(AsyncClient(api_key="k")))
    assert isinstance(sync_probe, Probe) and type(sync_probe) is variant(Probe, is_async=False)
    assert not inspect.iscoroutinefunction(sync_probe.ping)
    assert inspect.iscoroutinefunction(async_probe.ping)
    assert (
        str(inspect.signature(async_probe.ping))
        == "(name: 'str', *, loud: 'bool' = False) -> 'models_pb2.LanguageModel'"
    )
    assert inspect.getdoc(async_probe.ping) == "Ask for a model."


def test_a_subclass_of_a_definition_without_the_mode_parameter_works_too() -> None:
    class LoudProbe(Probe):  # type: ignore[type-arg]
        pass

    probe = LoudProbe(binding(AsyncClient(api_key="k")))
    assert isinstance(probe, LoudProbe) and inspect.iscoroutinefunction(probe.ping)


def test_a_second_variant_of_the_same_mode_is_refused() -> None:
    with pytest.raises(TypeError, match="has a sync variant already"):

        class Again(Models[Sync]):
            """A second blocking models client."""


def test_a_variant_is_not_a_definition() -> None:
    with pytest.raises(TypeError, match="is a variant, not a definition"):
        variant(SyncModels, is_async=True)
    assert issubclass(AsyncModels, Models) and AsyncModels._variant_of is Models
    assert Async in AsyncModels.__orig_bases__[0].__args__  # type: ignore[attr-defined]
