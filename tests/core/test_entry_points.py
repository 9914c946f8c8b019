"""Entry points read from the distributions' metadata find what importlib.metadata finds."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from xai_sdk._entry_points import EntryPoint, entry_points


def _importlib_view(group: str) -> list[tuple[str, str, str]]:
    return sorted((point.name, point.value, point.dist.name) for point in metadata.entry_points(group=group))  # type: ignore[union-attr]


def _ours(group: str) -> list[tuple[str, str, str]]:
    return sorted((point.name, point.value, point.distribution) for point in entry_points(group))


@pytest.mark.parametrize("group", ["xai_sdk", "console_scripts", "pytest11"])
def test_the_installed_entry_points_are_those_importlib_metadata_finds(group: str) -> None:
    assert _ours(group) == _importlib_view(group)
    assert _ours(group), group  # the development environment has some of each


def _distribution(root: Path, directory: str, entry_points_txt: str, name: str | None) -> None:
    folder = root / directory
    folder.mkdir()
    (folder / "entry_points.txt").write_text(entry_points_txt)
    if name is not None:
        (folder / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n\nbody\n")


def test_sections_comments_names_and_the_first_of_two_installs(tmp_path: Path, monkeypatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    _distribution(
        first,
        "demo_plugin-1.0.dist-info",
        "# a comment\n[console_scripts]\nnot = ours:main\n\n"
        "[xai_sdk]\n; another\necho = echo.plugin : hooks\nwhole = echo.module\n",
        "demo-plugin",
    )
    _distribution(second, "Demo.Plugin-0.9.dist-info", "[xai_sdk]\nold = echo.old\n", "demo-plugin")
    _distribution(second, "legacy-2.0.egg-info", "[xai_sdk]\nlegacy = legacy_plugin\n", None)
    monkeypatch.setattr(sys, "path", [str(first), str(second), str(tmp_path / "missing")])
    assert entry_points("xai_sdk") == [
        EntryPoint("echo", "echo.plugin : hooks", "demo-plugin"),
        EntryPoint("whole", "echo.module", "demo-plugin"),
        EntryPoint("legacy", "legacy_plugin", "legacy"),  # no metadata file: the directory's name
    ]


LAZY = (
    "importlib.metadata",
    "email",
    "xai_sdk._async_runner",
    "concurrent.futures.thread",  # asyncio, which grpc imports, imports concurrent.futures alone
    "queue",
    "ipaddress",
    "pprint",
    "random",
    "xai_sdk._hook_data",  # the data of observation and tracing hooks: no observer here
    "xai_sdk.search",  # chat's SearchParameters: a dataclass only its users need
    "xai_sdk.chat._functions",  # tool_from_function: signature introspection only its users need
    "google.protobuf.descriptor_pb2",  # the type a stream's fold parses a run with: streams only
)
"""Modules a blocking client's call does not need: each would add to every program's start-up."""


def test_a_blocking_clients_calls_import_none_of_what_they_do_not_need(xai_emulator) -> None:
    code = (
        "import sys\n"
        "from xai_sdk import Client\n"
        "from xai_sdk.chat import user\n"
        f"client = Client(api_key={xai_emulator.api_key!r}, api_host='localhost:{xai_emulator.port}')\n"
        "client.models.list_language_models()\n"
        "client.chat.create('grok-4', messages=[user('hi')]).sample()\n"
        "import xai_sdk.chat, xai_sdk.hookspecs\n"
        "assert 'SearchParameters' in dir(xai_sdk.chat) and 'CallInfo' in dir(xai_sdk.hookspecs)\n"
        f"print([name for name in {LAZY!r} if name in sys.modules])\n"
    )
    environment = {**os.environ, "XAI_SDK_DISABLE_TRACING": "1"}  # OpenTelemetry imports its own
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment)
    assert output.returncode == 0, output.stderr
    assert output.stdout.strip() == "[]"
