"""The distributions as users install them: wheels in fresh virtual environments.

The wheels are built from this checkout without network access; third-party wheels come from
the wheelhouse that `scripts/wheelhouse.py` fills (it runs before pytest in `hatch run test`).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest

from tests.packaging.environments import ROOT, VERSION, Venv, needs_wheelhouse

pytestmark = [pytest.mark.packaging, needs_wheelhouse]


def test_no_file_is_in_two_wheels_and_only_xai_sdk_has_the_top_package_and_protos(wheels: Path) -> None:
    # Uninstalling a distribution deletes every file of its RECORD: a file shipped by two wheels
    # would vanish from under the other one (see packages/xai-core/PACKAGING.md).
    owners: defaultdict[str, list[str]] = defaultdict(list)
    contents = {}
    for wheel in sorted(wheels.glob("*.whl")):
        names = [name for name in zipfile.ZipFile(wheel).namelist() if ".dist-info/" not in name]
        contents[wheel.name.split("-")[0]] = names
        for name in names:
            owners[name].append(wheel.name)
    assert len(contents) == len(list((ROOT / "packages").iterdir())) + 1  # and the echo plugin
    assert {name: shared for name, shared in owners.items() if len(shared) > 1} == {}
    assert owners["xai_sdk/__init__.py"] == [f"xai_sdk-{VERSION}-py3-none-any.whl"]
    core = set(contents["xai_sdk"])
    assert {"xai_sdk/proto/chat_pb2.py", "xai_sdk/_plugins/core.py", "xai_sdk/py.typed"} <= core
    for distribution, names in contents.items():
        if distribution != "xai_sdk":
            assert not [name for name in names if name.startswith("xai_sdk/proto/")], distribution


def test_the_workspace_root_is_not_a_distribution(tmp_path: Path) -> None:
    # `pip install .` at the root must say what to install instead of building an empty package.
    build = [sys.executable, "-m", "uv", "build", "--wheel", "--no-build-isolation", "--offline"]
    result = subprocess.run(
        [*build, "--python", sys.executable, "--out-dir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "pip install ./packages/xai-core ./packages/xai-chat" in result.stderr
    assert list(tmp_path.glob("*.whl")) == []


def test_the_full_install_imports_and_answers(wheels: Path, tmp_path: Path) -> None:
    venv = Venv(tmp_path / "all", wheels, f"xai-sdk[all]=={VERSION}")
    assert {"xai-sdk", "xai-models", "xai-tokenizer", "xai-emulator", "xai-chat"} <= venv.distributions()
    assert "xai-core" not in venv.distributions()
    result = venv.run("""
        import json, xai_sdk
        from xai_sdk.emulator import Emulator
        with Emulator() as emulator, emulator.client() as client:
            models = [m.name for m in client.models.list_language_models()]
            tokens = len(client.tokenize.tokenize_text("Hello there", "grok-4"))
            print(json.dumps({"version": xai_sdk.__version__, "models": models, "tokens": tokens,
                              "services": client.services}))
    """)
    assert result["version"] == VERSION
    assert "grok-4" in result["models"] and result["tokens"] == 2
    assert {"auth", "models", "tokenize"} <= set(result["services"])


def test_an_extra_installs_its_service_and_nothing_else(wheels: Path, tmp_path: Path) -> None:
    venv = Venv(tmp_path / "tokenizer", wheels, f"xai-sdk[tokenizer]=={VERSION}", f"xai-emulator=={VERSION}")
    assert "xai-models" not in venv.distributions()
    result = venv.run("""
        import json
        from xai_sdk.emulator import Emulator
        import importlib.util
        with Emulator() as emulator, emulator.client() as client:
            tokens = [t.string_token for t in client.tokenize.tokenize_text("Hi!", "grok-4")]
            try:
                client.models
                missing = None
            except AttributeError as error:
                missing = [type(error).__name__, str(error)]
            heavy = [name for name in ("opentelemetry", "pydantic") if importlib.util.find_spec(name)]
            print(json.dumps({"tokens": tokens, "missing": missing, "heavy": heavy}))
    """)
    assert result["heavy"] == []  # core works with neither OpenTelemetry nor pydantic installed
    assert result["tokens"] == ["Hi", "!"]
    assert result["missing"][0] == "ServiceNotInstalledError"
    assert re.search(r'pip install "xai-sdk\[models\](==[0-9.]+)?"', result["missing"][1])


def test_the_pydantic_extra_brings_pydantic_for_structured_output(wheels: Path, tmp_path: Path) -> None:
    venv = Venv(tmp_path / "chat", wheels, f"xai-sdk[chat]=={VERSION}", f"xai-emulator=={VERSION}")
    assert "pydantic" not in venv.distributions()  # chat alone does not bring it
    refused = venv.run("""
        import json
        from xai_sdk.chat import user
        from xai_sdk.emulator import Emulator
        with Emulator() as emulator, emulator.client() as client:
            try:
                client.chat.create("grok-4", messages=[user("Capital?")]).parse(dict)
            except TypeError as error:
                print(json.dumps({"error": str(error)}))
    """)
    assert refused["error"].endswith(f'pydantic is not installed: pip install "xai-sdk[pydantic]=={VERSION}"')

    venv.uv_pip("install", f"xai-sdk[chat,pydantic]=={VERSION}")
    assert "pydantic" in venv.distributions()
    parsed = venv.run("""
        import json
        from pydantic import BaseModel
        from xai_sdk.chat import user
        from xai_sdk.emulator import Emulator
        from xai_sdk.emulator.chat import Reply

        class Capital(BaseModel):
            city: str

        with Emulator() as emulator, emulator.client() as client:
            emulator.chat.script(Reply('{"city": "Paris"}'))
            _, capital = client.chat.create("grok-4", messages=[user("Capital?")]).parse(Capital)
            print(json.dumps({"city": capital.city}))
    """)
    assert parsed == {"city": "Paris"}


def test_the_official_paths_of_a_missing_service_say_what_to_install(wheels: Path, tmp_path: Path) -> None:
    venv = Venv(tmp_path / "core", wheels, f"xai-sdk=={VERSION}")
    result = venv.run("""
        import json, xai_sdk
        outcomes = {}
        try:
            import xai_sdk.sync.chat
        except ModuleNotFoundError as error:
            outcomes["import"] = [error.name, str(error)]
        try:
            xai_sdk.image
        except AttributeError as error:
            outcomes["attribute"] = str(error)
        try:
            from xai_sdk.types import ReasoningEffort
        except ImportError as error:
            outcomes["type"] = str(error)
        import xai_sdk.proto.v6.chat_pb2, xai_sdk.sync.client, xai_sdk.aio.auth
        outcomes["core"] = [xai_sdk.sync.client.Client is xai_sdk.Client, xai_sdk.proto.v6.chat_pb2.__name__]
        print(json.dumps(outcomes))
    """)
    assert result["import"] == [
        "xai_sdk.sync.chat",
        "No module named 'xai_sdk.sync.chat': it comes with the xai-chat distribution, which is not "
        f'installed: pip install "xai-sdk[chat]=={VERSION}"',
    ]
    assert result["attribute"].endswith(f'pip install "xai-sdk[image]=={VERSION}"')
    assert result["type"].endswith(f'pip install "xai-sdk[chat]=={VERSION}"')
    assert result["core"] == [True, "xai_sdk.proto.chat_pb2"]


def test_a_third_party_distribution_adds_a_service_through_its_entry_point(
    wheels: Path, tmp_path: Path
) -> None:
    venv = Venv(
        tmp_path / "echo", wheels, f"xai-sdk=={VERSION}", f"xai-emulator=={VERSION}", "xai-echo-test-plugin"
    )
    result = venv.run("""
        import json
        from xai_sdk.emulator import Emulator
        with Emulator() as emulator, emulator.client() as client:
            print(json.dumps({"echo": client.echo.complete("from a plugin"), "services": client.services}))
    """)
    assert result == {"echo": "from a plugin", "services": ["auth", "echo"]}


@pytest.mark.parametrize("protobuf", ["5.29", "6.33", "7"])
def test_the_generated_tree_works_on_each_protobuf_major(wheels: Path, tmp_path: Path, protobuf: str) -> None:
    upper = (
        f"{protobuf.split('.', maxsplit=1)[0]}.{int(protobuf.split('.')[1]) + 1}"
        if "." in protobuf
        else str(int(protobuf) + 1)
    )
    venv = Venv(
        tmp_path / f"protobuf-{protobuf}",
        wheels,
        f"xai-sdk=={VERSION}",
        f"xai-models=={VERSION}",
        f"xai-emulator=={VERSION}",
        f"protobuf>={protobuf},<{upper}",
    )
    result = venv.run("""
        import importlib, json, pkgutil, warnings
        warnings.simplefilter("error")
        import google.protobuf, xai_sdk.proto
        modules = [m.name for m in pkgutil.iter_modules(xai_sdk.proto.__path__)]
        for name in modules:
            importlib.import_module("xai_sdk.proto." + name)
        from xai_sdk.proto import chat_pb2
        message = chat_pb2.Message(role=chat_pb2.ROLE_USER)
        request = chat_pb2.GetCompletionsRequest(model="grok-4", temperature=0.5, messages=[message])
        assert chat_pb2.GetCompletionsRequest.FromString(request.SerializeToString()) == request
        assert request.HasField("temperature") and not request.HasField("top_p")
        from xai_sdk.emulator import Emulator
        with Emulator() as emulator, emulator.client() as client:
            name = client.models.get_language_model("grok-4").name
        print(json.dumps({"protobuf": google.protobuf.__version__, "modules": len(modules), "model": name}))
    """)
    assert result["protobuf"].startswith(protobuf + ".")
    assert result["modules"] == 35 and result["model"] == "grok-4"


def test_regenerating_the_protos_reproduces_the_committed_tree(tmp_path: Path) -> None:
    venv = Venv(tmp_path / "generator", None, "grpcio-tools==1.70.0", "googleapis-common-protos")
    result = subprocess.run(
        [venv.python, ROOT / "scripts" / "generate_protos.py", "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "48 generated files compared; 0 differ" in result.stdout
