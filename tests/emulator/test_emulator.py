"""The emulator itself: keys, recording, faults, unimplemented RPCs, the standalone server."""

from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

import grpc
import pytest
from google.protobuf import empty_pb2

from xai_sdk import Client
from xai_sdk.emulator import Emulator
from xai_sdk.emulator.faults import normalize_method
from xai_sdk.proto import collections_pb2, embed_pb2, files_pb2, models_pb2

LIST = "Models/ListLanguageModels"


def raw_call(
    emulator: Emulator,
    metadata: tuple[tuple[str, str], ...],
    path: str = "/xai_api.Models/ListLanguageModels",
    request: Any = None,
    response_type: Any = models_pb2.ListLanguageModelsResponse,
) -> Any:
    """A call on a plain grpc channel (the emulator serves any gRPC client): the response or the error."""
    request = empty_pb2.Empty() if request is None else request
    with grpc.insecure_channel(emulator.address) as channel:
        rpc = channel.unary_unary(
            path,
            request_serializer=type(request).SerializeToString,
            response_deserializer=response_type.FromString,
        )
        try:
            return rpc(request, metadata=metadata, timeout=5)
        except grpc.RpcError as error:
            return error


def test_a_call_without_a_key_is_unauthenticated(xai_emulator: Emulator) -> None:
    error = raw_call(xai_emulator, ())
    assert isinstance(error, grpc.RpcError) and error.code() is grpc.StatusCode.UNAUTHENTICATED


def test_a_call_with_a_wrong_key_is_unauthenticated(xai_emulator: Emulator) -> None:
    error = raw_call(xai_emulator, (("authorization", "Bearer wrong"),))
    assert isinstance(error, grpc.RpcError) and error.details() == "invalid API key"


def test_a_call_with_the_key_from_a_raw_stub_is_answered(xai_emulator: Emulator) -> None:
    response = raw_call(xai_emulator, (("authorization", f"Bearer {xai_emulator.api_key}"),))
    assert isinstance(response, models_pb2.ListLanguageModelsResponse) and response.models


def test_management_services_take_only_the_management_key(xai_emulator: Emulator) -> None:
    request = collections_pb2.ListCollectionsRequest()
    error = raw_call(
        xai_emulator,
        (("authorization", f"Bearer {xai_emulator.api_key}"),),
        "/collections.Collections/ListCollections",
        request,
        collections_pb2.ListCollectionsResponse,
    )
    assert isinstance(error, grpc.RpcError) and error.code() is grpc.StatusCode.UNAUTHENTICATED


def test_every_received_call_is_recorded_with_its_metadata_and_an_id(
    xai_client: Client, xai_emulator: Emulator
) -> None:
    xai_client.models.get_language_model("grok-3")
    xai_client.models.list_language_models()
    first, second = xai_emulator.requests
    assert first.method == "/xai_api.Models/GetLanguageModel" and first.request.name == "grok-3"
    assert second.method == "/xai_api.Models/ListLanguageModels"
    assert first.request_id != second.request_id and first.request_id.startswith("emu-")
    assert "authorization" in first.headers
    assert xai_emulator.api_key not in repr(first)


def test_reset_forgets_calls_and_faults(xai_client: Client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, grpc.StatusCode.INTERNAL)
    xai_emulator.faults.fail("Models/GetLanguageModel", grpc.StatusCode.INTERNAL)
    with pytest.raises(grpc.RpcError):
        xai_client.models.list_language_models()
    xai_emulator.reset()
    assert xai_emulator.requests == [] and xai_emulator.faults.pending == []
    assert xai_client.models.get_language_model("grok-4").name == "grok-4"


def test_reset_starts_request_ids_over(xai_client: Client, xai_emulator: Emulator) -> None:
    xai_client.models.list_language_models()
    xai_client.models.list_language_models()
    assert xai_emulator.requests[-1].request_id == "emu-00000002"
    xai_emulator.reset()
    xai_client.models.list_language_models()
    assert [call.request_id for call in xai_emulator.requests] == ["emu-00000001"]


def test_a_fault_applies_the_number_of_times_asked(xai_client: Client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail(LIST, grpc.StatusCode.RESOURCE_EXHAUSTED, times=2)
    for _ in range(2):
        with pytest.raises(grpc.RpcError):
            xai_client.models.list_language_models()
    assert xai_client.models.list_language_models()


def test_a_fault_on_every_method(xai_client: Client, xai_emulator: Emulator) -> None:
    xai_emulator.faults.fail("*", grpc.StatusCode.PERMISSION_DENIED, times=None)
    for call in (xai_client.models.list_language_models, xai_client.auth.get_api_key_info):
        with pytest.raises(grpc.RpcError) as raised:
            call()
        assert raised.value.code() is grpc.StatusCode.PERMISSION_DENIED


@pytest.mark.parametrize(
    "method",
    ["Models/ListLanguageModels", "xai_api.Models/ListLanguageModels", "/xai_api.Models/ListLanguageModels"],
)
def test_methods_can_be_named_several_ways(method: str) -> None:
    assert normalize_method(method) == "/xai_api.Models/ListLanguageModels"
    assert normalize_method("Collections/ListCollections") == "/collections.Collections/ListCollections"


@pytest.mark.parametrize("method", ["ListLanguageModels", "Models/", ""])
def test_a_malformed_method_name_is_refused(method: str) -> None:
    with pytest.raises(ValueError, match="Service/Method"):
        normalize_method(method)


def test_an_ok_fault_is_refused(xai_emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="non-OK"):
        xai_emulator.faults.fail(LIST, grpc.StatusCode.OK)


def test_an_rpc_not_implemented_yet_answers_unimplemented(xai_emulator: Emulator) -> None:
    authorized = (("authorization", f"Bearer {xai_emulator.api_key}"),)
    error = raw_call(
        xai_emulator, authorized, "/xai_api.Embedder/Embed", embed_pb2.EmbedRequest(), embed_pb2.EmbedResponse
    )
    assert isinstance(error, grpc.RpcError) and error.code() is grpc.StatusCode.UNIMPLEMENTED


def test_env_points_a_client_at_the_emulator(xai_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in xai_emulator.env().items():
        monkeypatch.setenv(name, value)
    with Client() as client:
        assert client.auth.get_api_key_info().team_id == "emulator-team"


def test_the_standalone_server_prints_its_environment_and_serves() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "xai_sdk.emulator", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        env = {}
        while len(env) < 4:
            line = process.stdout.readline()
            assert line.startswith("export "), line
            name, _, value = line.removeprefix("export ").strip().partition("=")
            env[name] = value
        assert set(env) == {"XAI_API_HOST", "XAI_MANAGEMENT_API_HOST", "XAI_API_KEY", "XAI_MANAGEMENT_KEY"}
        with Client(api_key=env["XAI_API_KEY"], api_host=env["XAI_API_HOST"]) as client:
            assert client.models.get_language_model("grok-4").name == "grok-4"
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)
    assert process.returncode == 0


def test_the_standalone_server_reports_a_port_in_use(xai_emulator: Emulator) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "xai_sdk.emulator", "--port", str(xai_emulator.port)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "could not listen" in result.stderr


def test_published_content_is_served_over_http_until_unpublished(xai_emulator: Emulator) -> None:
    import urllib.error
    import urllib.request

    url = xai_emulator.content.publish(b"\x89PNG data", "image/png", "picture.png")
    with urllib.request.urlopen(url, timeout=5) as reply:
        assert (reply.read(), reply.headers["Content-Type"]) == (b"\x89PNG data", "image/png")
    xai_emulator.content.unpublish(url)
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(url, timeout=5)
    assert missing.value.code == 404
    missing.value.close()


def test_reset_numbers_published_content_from_the_start_again(xai_emulator: Emulator) -> None:
    first = xai_emulator.content.publish(b"a", "text/plain", "a.txt")
    xai_emulator.reset()
    assert xai_emulator.content.publish(b"b", "text/plain", "a.txt") == first


def test_a_client_stream_is_recorded_with_its_first_message(
    xai_client: Client, xai_emulator: Emulator
) -> None:
    xai_client.files.upload(b"x" * 10, filename="notes.txt", expires_after=60)
    [record] = xai_emulator.calls("Files/UploadFile")
    assert record.request == files_pb2.UploadFileChunk(
        init=files_pb2.UploadFileInit(name="notes.txt", expires_after=60)
    )
