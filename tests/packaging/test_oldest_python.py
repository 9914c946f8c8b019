"""The SDK on the oldest Python it supports, installed from wheels as a user installs it.

The suite runs on one interpreter; what only an older Python refuses goes unseen there (Python
3.10's typing, for one, cannot evaluate a union with a protobuf enum, which once broke every
``chat.create()``). This test installs ``xai-sdk[chat]`` into an environment of the oldest
supported Python, when one is installed, and makes calls to the emulator from it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.environments import VERSION, Venv, needs_wheelhouse
from xai_sdk.emulator import Emulator

OLDEST = (3, 10)


def _interpreter() -> str | None:
    """A Python of the oldest supported version on this machine (on PATH, or installed by pyenv or
    uv), or None."""
    name = f"python{OLDEST[0]}.{OLDEST[1]}"
    homes = [Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"]
    homes.append(Path(os.environ.get("UV_PYTHON_INSTALL_DIR", Path.home() / ".local/share/uv/python")))
    candidates = [
        shutil.which(name),
        *(str(path) for home in homes for path in sorted(home.glob(f"*/bin/{name}"))),
    ]
    for candidate in filter(None, candidates):
        version = subprocess.run(
            [candidate, "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if version.stdout.split() == [str(part) for part in OLDEST]:
            return candidate
    return None


INTERPRETER = _interpreter()

pytestmark = [
    pytest.mark.packaging,
    needs_wheelhouse,
    pytest.mark.skipif(
        INTERPRETER is None,
        reason=f"no Python {OLDEST[0]}.{OLDEST[1]} on this machine: the oldest supported version is "
        "tested where it is installed",
    ),
]

CALLS = """
import asyncio, json, sys
from xai_sdk import AsyncClient, Client
from xai_sdk.chat import SearchParameters, tool, user
from xai_sdk.proto import chat_pb2

address, key = sys.argv[1], sys.argv[2]
options = dict(
    messages=[user("hello there")],
    reasoning_effort="low",
    include=["inline_citations", chat_pb2.INCLUDE_OPTION_WEB_SEARCH_CALL_OUTPUT],
    tool_choice="none",
    tools=[tool("lookup", "Look a word up", {"type": "object", "properties": {}})],
    search_parameters=SearchParameters(mode="off"),
    response_format="text",
)
client = Client(api_key=key, api_host=address, use_insecure_channel=True)
chat = client.chat.create("grok-3-mini", **options)
sampled = chat.sample().content
for response, chunk in client.chat.create("grok-4-fast-non-reasoning", messages=[user("a b c")]).stream():
    pass
streamed = response.content

async def main():
    async_client = AsyncClient(api_key=key, api_host=address, use_insecure_channel=True)
    return (await async_client.chat.create("grok-4", messages=[user("async")]).sample()).content

print(json.dumps({
    "python": list(sys.version_info[:2]),
    "sampled": sampled,
    "streamed": streamed,
    "async": asyncio.run(main()),
}))
"""


def test_chat_calls_work_on_the_oldest_supported_python(
    wheels: Path, tmp_path: Path, xai_emulator: Emulator
) -> None:
    assert INTERPRETER is not None
    venv = Venv(tmp_path / "oldest", wheels, f"xai-sdk[chat]=={VERSION}", python=INTERPRETER)
    result = venv.run(CALLS, xai_emulator.address, xai_emulator.api_key)
    assert result == {"python": list(OLDEST), "sampled": "hello there", "streamed": "a b c", "async": "async"}
