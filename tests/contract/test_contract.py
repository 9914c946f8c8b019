"""The compiled protos match the wire contract of xAI's API, name for name and number for number."""

from __future__ import annotations

import copy
import importlib
import json
import pickle
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import descriptor_pb2, descriptor_pool
from google.protobuf.json_format import MessageToDict

import xai_sdk.proto

CONTRACT = json.loads((Path(__file__).parent / "xai-api-1.21.0.json").read_text())

# File-level options (java_package and the like) have no effect on the wire or in Python.
_IGNORED_KEYS = {"options"}
_KEPT_OPTIONS = {"map_entry", "deprecated", "packed"}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def normalize(node: Any) -> Any:
    """A comparable form: lists of named things sorted, default json names and inert options dropped."""
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if key == "json_name" and value == _camel(node["name"]):
                continue  # protoc leaves default json names out of generated descriptors
            if key == "options":
                kept = {k: v for k, v in value.items() if k in _KEPT_OPTIONS}
                if kept:
                    result[key] = kept
                continue
            result[key] = normalize(value)
        return result
    if isinstance(node, list):
        items = [normalize(item) for item in node]
        if items and isinstance(items[0], dict) and "name" in items[0]:
            items.sort(key=lambda item: (item.get("number", 0), item["name"]))
        return items
    return node


def compiled_files() -> dict[str, dict[str, Any]]:
    """Every .proto file of `xai_sdk.proto`, as the contract's JSON would describe it."""
    for module in pkgutil.iter_modules(xai_sdk.proto.__path__):
        if module.name.endswith("_pb2"):
            importlib.import_module(f"xai_sdk.proto.{module.name}")
    pool = descriptor_pool.Default()
    files = {}
    for entry in CONTRACT["files"]:
        proto = descriptor_pb2.FileDescriptorProto.FromString(
            pool.FindFileByName(entry["name"]).serialized_pb
        )
        files[entry["name"]] = MessageToDict(proto, preserving_proto_field_name=True)
    return files


def differences(contract: dict[str, Any], compiled: dict[str, dict[str, Any]]) -> list[str]:
    """The files whose compiled form differs from the contract's, with the first differing path."""
    problems = []
    for entry in contract["files"]:
        got = compiled.get(entry["name"])
        if got is None:
            problems.append(f"{entry['name']}: not compiled")
            continue
        want = {k: v for k, v in entry.items() if k not in _IGNORED_KEYS}
        have = {k: v for k, v in got.items() if k not in _IGNORED_KEYS}
        path = _first_difference(normalize(want), normalize(have), entry["name"])
        if path:
            problems.append(path)
    return problems


def _first_difference(want: Any, have: Any, where: str) -> str | None:
    if isinstance(want, dict) and isinstance(have, dict):
        for key in sorted(want.keys() | have.keys()):
            found = _first_difference(want.get(key), have.get(key), f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(want, list) and isinstance(have, list) and len(want) == len(have):
        for index, (a, b) in enumerate(zip(want, have, strict=False)):
            label = a.get("name", index) if isinstance(a, dict) else index
            found = _first_difference(a, b, f"{where}[{label}]")
            if found:
                return found
        return None
    return None if want == have else f"{where}: contract {want!r}, compiled {have!r}"


@pytest.fixture(scope="module")
def compiled() -> dict[str, dict[str, Any]]:
    return compiled_files()


def test_contract_copy_has_the_documented_size() -> None:
    files = CONTRACT["files"]
    rpcs = sum(len(service["method"]) for f in files for service in f.get("service", []))
    assert (len(files), rpcs) == (16, 51)


def test_compiled_protos_equal_the_contract(compiled: dict[str, dict[str, Any]]) -> None:
    assert differences(CONTRACT, compiled) == []


def test_a_changed_field_number_is_detected(compiled: dict[str, dict[str, Any]]) -> None:
    tampered = copy.deepcopy(compiled)
    chat = tampered["xai/api/v1/chat.proto"]
    request = next(m for m in chat["message_type"] if m["name"] == "GetCompletionsRequest")
    field = next(f for f in request["field"] if f["name"] == "temperature")
    field["number"] = 99
    problems = differences(CONTRACT, tampered)
    assert len(problems) == 1
    assert problems[0].startswith("xai/api/v1/chat.proto.message_type[GetCompletionsRequest].field")


def test_a_renamed_enum_value_is_detected(compiled: dict[str, dict[str, Any]]) -> None:
    tampered = copy.deepcopy(compiled)
    tampered["xai/api/v1/models.proto"]["enum_type"][0]["value"][1]["name"] = "TEXTUAL"
    problems = differences(CONTRACT, tampered)
    assert len(problems) == 1
    assert problems[0].startswith("xai/api/v1/models.proto.enum_type[Modality].value")


def test_a_missing_rpc_is_detected(compiled: dict[str, dict[str, Any]]) -> None:
    tampered = copy.deepcopy(compiled)
    tampered["xai/api/v1/models.proto"]["service"][0]["method"].pop()
    problems = differences(CONTRACT, tampered)
    assert len(problems) == 1
    assert problems[0].startswith("xai/api/v1/models.proto.service[Models].method")


def test_messages_pickle_by_their_public_module() -> None:
    from xai_sdk.proto import chat_pb2

    message = chat_pb2.GetCompletionsRequest(model="grok-4", temperature=0.5)
    assert chat_pb2.GetCompletionsRequest.__module__ == "xai_sdk.proto.chat_pb2"
    assert pickle.loads(pickle.dumps(message)) == message


SERVICE_MODULES = (
    "xai_sdk.auth",
    "xai_sdk.batch._client",
    "xai_sdk.chat._chat",
    "xai_sdk.chat._client",
    "xai_sdk.collections._collections",
    "xai_sdk.files._files",
    "xai_sdk.files._upload",
    "xai_sdk.image._client",
    "xai_sdk.models",
    "xai_sdk.tokenizer",
    "xai_sdk.video._client",
)


def _contract_methods() -> dict[str, dict[str, Any]]:
    return {
        f"/{file['package']}.{service['name']}/{method['name']}": method
        for file in CONTRACT["files"]
        for service in file.get("service", [])
        for method in service["method"]
    }


def test_every_rpc_the_services_make_is_one_of_the_contract() -> None:
    from xai_sdk.operations import Rpc

    methods = _contract_methods()
    used = [
        value
        for name in SERVICE_MODULES
        for value in vars(importlib.import_module(name)).values()
        if isinstance(value, Rpc)
    ]
    assert len({rpc.path for rpc in used}) == 47  # every RPC the official SDK calls
    for rpc in used:
        method = methods[rpc.path]
        assert method["input_type"] == "." + rpc.request_type.DESCRIPTOR.full_name, rpc.path
        assert method["output_type"] == "." + rpc.response_type.DESCRIPTOR.full_name, rpc.path
        kind = (
            "client_stream"
            if method.get("client_streaming")
            else "server_stream"
            if method.get("server_streaming")
            else "unary"
        )
        assert rpc.kind == kind, rpc.path
        assert (rpc.channel == "management") == rpc.path.startswith("/collections.Collections/"), rpc.path


def test_the_server_streams_gRPC_must_not_retry_are_those_of_the_contract() -> None:
    from xai_sdk.retry import SERVER_STREAMS

    streams = {path for path, method in _contract_methods().items() if method.get("server_streaming")}
    assert {f"/{service}/{method}" for service, method in SERVER_STREAMS} == streams
