"""Upgrading over the official xai-sdk 1.21.0, adding a service later, removing one: pip and uv.

The official wheel owns paths that ours own too (`xai_sdk/__init__.py`, `xai_sdk/sync/image.py`,
...); uninstalling it deletes every path of its RECORD, so it must be gone before any of ours is
written. packages/xai-core/PACKAGING.md explains why that holds; these tests check it with the
installers themselves, offline, from the wheelhouse and the wheels of this checkout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.packaging.environments import ROOT, VERSION, Venv, needs_wheelhouse
from tests.reference import OFFICIAL_VERSION, official_wheel
from xai_sdk.emulator import Emulator

pytestmark = [pytest.mark.packaging, needs_wheelhouse]

# Every distribution of this project (the core is xai-sdk), by name.
ALL = {"xai-sdk" if path.name == "xai-core" else path.name for path in (ROOT / "packages").iterdir()}

# The installed xai distributions, every file of their RECORDs that is missing on disk (deleted
# by an uninstall after it was written), and every path of the official wheel (given as argv[1])
# that is still on disk though none of ours owns it (a leftover that may shadow ours, such as
# xai_sdk/chat.py beside our xai_sdk/chat/).
INTEGRITY = """
import json, sys, sysconfig, zipfile
from importlib.metadata import distributions
from pathlib import Path
site = Path(sysconfig.get_paths()["purelib"])
ours = [d for d in distributions() if d.metadata["Name"].startswith("xai-")]
owned = {str(file) for d in ours for file in d.files or ()}
missing = sorted(str(file) for d in ours for file in d.files or () if not Path(file.locate()).exists())
official = zipfile.ZipFile(sys.argv[1]).namelist() if len(sys.argv) > 1 else []
left = sorted(name for name in official if (site / name).exists() and name not in owned)
print(json.dumps({"versions": sorted([d.metadata["Name"], d.version] for d in ours),
                  "missing": missing, "left": left}))
"""

# The public API in use, sync and async, against an emulator: argv is host, key and the services
# to call; the host "here" starts an emulator in the environment itself (xai-emulator installed).
USE = """
import asyncio, contextlib, json, sys
import xai_sdk
from xai_sdk import AsyncClient, Client
from xai_sdk.chat import user
host, key, services = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
with contextlib.ExitStack() as stack:
    if host == "here":
        from xai_sdk.emulator import Emulator
        emulator = stack.enter_context(Emulator())
        host, key = emulator.address, emulator.api_key
    client = stack.enter_context(Client(api_key=key, api_host=host))
    answers = {"chat": client.chat.create("grok-4", messages=[user("ping")]).sample().content}
    if "image" in services:
        import xai_sdk.aio.image, xai_sdk.sync.image
        answers["image"] = client.image.sample("a cat", "grok-imagine-image").url.startswith("http")
    async def main():
        async with AsyncClient(api_key=key, api_host=host) as async_client:
            return (await async_client.chat.create("grok-4", messages=[user("pong")]).sample()).content
    answers["async chat"] = asyncio.run(main())
print(json.dumps({"version": xai_sdk.__version__, "answers": answers}))
"""


def install(venv: Venv, installer: str, *requirements: str) -> str:
    """`pip install -U` or `uv pip install -U` of the requirements; pip's output."""
    if installer == "pip":
        return venv.pip("install", "--upgrade", *requirements).stdout
    venv.uv_pip("install", "--upgrade", *requirements)
    return ""


def installed(venv: Venv, *names: str) -> None:
    """Exactly these xai distributions are installed, at this version, every file in place."""
    state = venv.run(INTEGRITY, str(official_wheel()))
    assert state["versions"] == sorted([name, VERSION] for name in names)
    assert state["missing"] == []
    assert state["left"] == []


@pytest.mark.parametrize("installer", ["pip", "uv"])
@pytest.mark.parametrize("extra", ["chat", "all"])
def test_upgrading_the_official_sdk_gives_a_working_sdk(
    installer: str, extra: str, wheels: Path, tmp_path: Path, xai_emulator: Emulator
) -> None:
    venv = Venv(tmp_path / "env", wheels, f"xai-sdk=={OFFICIAL_VERSION}", "pip")
    assert venv.run(INTEGRITY)["versions"] == [["xai-sdk", OFFICIAL_VERSION]]

    output = install(venv, installer, f"xai-sdk[{extra}]=={VERSION}")

    expected = {"xai-sdk", "xai-chat"} if extra == "chat" else ALL
    installed(venv, *expected)
    if installer == "pip":  # the order that makes it safe: xai-sdk (replacing 1.21.0) first
        order = re.search(r"Installing collected packages: (.*)", output)
        assert order is not None, output
        ours = [name for name in order[1].split(", ") if name in expected]
        assert ours[0] == "xai-sdk" and set(ours) == expected, ours
    if extra == "chat":
        result = venv.run(USE, xai_emulator.address, xai_emulator.api_key, "chat")
    else:
        result = venv.run(USE, "here", "", "chat,image")
    answers = {"chat": "ping", "async chat": "pong", **({"image": True} if extra == "all" else {})}
    assert result == {"version": VERSION, "answers": answers}


def test_an_extra_installed_later_with_pip_works_beside_the_first(
    wheels: Path, tmp_path: Path, xai_emulator: Emulator
) -> None:
    venv = Venv(tmp_path / "env", wheels, "pip")
    venv.pip("install", f"xai-sdk[chat]=={VERSION}")
    assert venv.run(USE, xai_emulator.address, xai_emulator.api_key, "chat")["answers"]["chat"] == "ping"

    venv.pip("install", f"xai-sdk[image]=={VERSION}")

    installed(venv, "xai-sdk", "xai-chat", "xai-image")
    result = venv.run(USE, xai_emulator.address, xai_emulator.api_key, "chat,image")
    assert result["answers"] == {"chat": "ping", "image": True, "async chat": "pong"}


def test_uninstalling_a_service_leaves_the_others_working(
    wheels: Path, tmp_path: Path, xai_emulator: Emulator
) -> None:
    venv = Venv(tmp_path / "env", wheels, f"xai-sdk[chat,image]=={VERSION}", "pip")

    venv.pip("uninstall", "--yes", "xai-image")

    installed(venv, "xai-sdk", "xai-chat")
    assert venv.run(USE, xai_emulator.address, xai_emulator.api_key, "chat")["answers"]["chat"] == "ping"
    result = venv.run(
        """
        import importlib.util, json, sys
        from xai_sdk import Client
        with Client(api_key=sys.argv[2], api_host=sys.argv[1]) as client:
            try:
                client.image
                error = None
            except AttributeError as exc:
                error = [type(exc).__name__, str(exc)]
        def absent(name):
            try:
                return importlib.util.find_spec(name) is None
            except ModuleNotFoundError:  # its parent package is gone too
                return True
        gone = [name for name in ("xai_sdk.image", "xai_sdk.sync.image") if absent(name)]
        print(json.dumps({"error": error, "gone": gone, "services": client.services}))
        """,
        xai_emulator.address,
        xai_emulator.api_key,
    )
    assert result["gone"] == ["xai_sdk.image", "xai_sdk.sync.image"]
    assert result["services"] == ["auth", "chat"]
    assert result["error"][0] == "ServiceNotInstalledError"
    assert re.search(r'pip install "xai-sdk\[image\](==[0-9.]+)?"', result["error"][1]), result["error"]
