"""The distributions as users install them: wheels in fresh virtual environments.

The wheels are built from this checkout without network access; third-party wheels come from
the wheelhouse that `scripts/wheelhouse.py` fills (it runs before pytest in `hatch run test`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WHEELHOUSE = ROOT / ".cache" / "wheelhouse"
VERSION = "1.22.0"

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(
        not (WHEELHOUSE / "sets.sha256").exists(),
        reason="no wheelhouse: run `python scripts/wheelhouse.py` (hatch run test does) to provision it",
    ),
]


def uv(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "uv", *map(str, args)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="session")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Wheels of every distribution, the meta-package and the test-only plugin."""
    out = tmp_path_factory.mktemp("wheels")
    projects = [ROOT, *sorted((ROOT / "packages").iterdir()), ROOT / "tests" / "packaging" / "echo_plugin"]
    for project in projects:
        uv(
            "build",
            "--wheel",
            "--no-build-isolation",
            "--offline",
            "--python",
            sys.executable,
            "--out-dir",
            out,
            project,
        )
    return out


class Venv:
    """A fresh virtual environment with some distributions installed from local wheels only."""

    def __init__(self, path: Path, wheels: Path | None, *requirements: str) -> None:
        uv("venv", "--quiet", "--python", sys.executable, path)
        self.python = path / "bin" / "python"
        sources = ["--find-links", WHEELHOUSE, *(["--find-links", wheels] if wheels else [])]
        uv(
            "pip",
            "install",
            "--quiet",
            "--offline",
            "--no-index",
            "--python",
            self.python,
            *sources,
            *requirements,
        )

    def run(self, script: str) -> dict:  # type: ignore[type-arg]
        """Run a script in the environment; it prints one JSON object as its last line."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("XAI_", "PYTHON", "VIRTUAL_ENV"))
        }
        result = subprocess.run(
            [self.python, "-c", textwrap.dedent(script)],
            capture_output=True,
            text=True,
            env=env,
            cwd=self.python.parent,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]

    def distributions(self) -> set[str]:
        return set(
            self.run("""
            import json
            from importlib.metadata import distributions
            print(json.dumps(sorted(d.metadata["Name"] for d in distributions())))
        """)
        )


def test_every_service_wheel_leaves_the_top_package_to_core(wheels: Path) -> None:
    for wheel in wheels.glob("*.whl"):
        names = zipfile.ZipFile(wheel).namelist()
        owns_init = "xai_sdk/__init__.py" in names
        assert owns_init == wheel.name.startswith("xai_core-"), wheel.name
        if wheel.name.startswith("xai_core-"):
            assert "xai_sdk/proto/chat_pb2.py" in names and "xai_sdk/_plugins/core.py" in names
        else:
            assert not any(name.startswith("xai_sdk/proto/") for name in names), wheel.name


def test_the_full_install_imports_and_answers(wheels: Path, tmp_path: Path) -> None:
    venv = Venv(tmp_path / "all", wheels, f"xai-sdk[all]=={VERSION}")
    assert {"xai-core", "xai-models", "xai-tokenizer", "xai-emulator", "xai-sdk"} <= venv.distributions()
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
    assert 'pip install "xai-sdk[models]"' in result["missing"][1]


def test_a_third_party_distribution_adds_a_service_through_its_entry_point(
    wheels: Path, tmp_path: Path
) -> None:
    venv = Venv(
        tmp_path / "echo", wheels, f"xai-core=={VERSION}", f"xai-emulator=={VERSION}", "xai-echo-test-plugin"
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
        f"xai-core=={VERSION}",
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
    assert result["modules"] == 28 and result["model"] == "grok-4"


def test_regenerating_the_protos_reproduces_the_committed_tree(tmp_path: Path) -> None:
    venv = Venv(tmp_path / "generator", None, "grpcio-tools==1.70.0", "googleapis-common-protos")
    result = subprocess.run(
        [venv.python, ROOT / "scripts" / "generate_protos.py", "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "44 generated files compared; 0 differ" in result.stdout
