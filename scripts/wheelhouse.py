"""Download the third-party wheels that the packaging tests install into fresh virtual environments.

The packaging tests (tests/packaging) build the project's wheels and install them with
`--no-index`, so that the test suite itself never reaches the internet; this script, run by
`hatch run test` before pytest, provisions what they install from PyPI: the runtime
dependencies at their newest versions, at protobuf 5.29.x and 6.33.x, the proto generator, and
the official xai-sdk 1.21.0 with its dependencies, pip, pytest with pytest-asyncio and anyio, and
the runtime dependencies' wheels for the oldest supported Python. It does nothing when the
wheelhouse already holds the current sets.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / ".cache" / "wheelhouse"
RUNTIME = ["grpcio>=1.70.0", "googleapis-common-protos>=1.63.2", "pluggy>=1.5"]
SETS = {
    "newest": [*RUNTIME, "protobuf>=5.29.0,<8", "opentelemetry-sdk>=1.27"],
    "protobuf-5.29": [*RUNTIME, "protobuf>=5.29.0,<5.30"],
    "protobuf-6.33": [*RUNTIME, "protobuf>=6.33.0,<6.34"],
    "protobuf-7": [*RUNTIME, "protobuf>=7,<8"],
    "generator": ["grpcio-tools==1.70.0", "googleapis-common-protos>=1.63.2"],
    # The official SDK with everything it depends on: the reference the drop-in tests compare
    # against (in a virtual environment of its own), and the package the upgrade tests replace.
    "official": ["xai-sdk==1.21.0"],
    # pip itself, installed into the environments where the upgrade tests run pip (uv creates
    # virtual environments without it).
    "pip": ["pip"],
    # pytest and the two plugins that run async tests, for the tests of the emulator's pytest
    # plugin in environments with neither, one or both of them.
    "pytest": ["pytest>=8", "pytest-asyncio>=0.25", "anyio>=4"],
}
OLDEST_PYTHON = "3.10"
"""The oldest Python the distributions support: its binary wheels of the runtime dependencies are
provisioned too, for the test that installs and runs the SDK there when an interpreter is found."""
OLDEST_PYTHON_SET = [*RUNTIME, "protobuf>=5.29.0,<8", "typing-extensions>=4.12"]


def main() -> int:
    """Fill the wheelhouse unless it is current."""
    stamp = WHEELHOUSE / "sets.sha256"
    wanted = [SETS, OLDEST_PYTHON, OLDEST_PYTHON_SET, sys.version_info[:2]]
    digest = hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return 0
    WHEELHOUSE.mkdir(parents=True, exist_ok=True)
    for name, requirements in SETS.items():
        print(f"wheelhouse: {name}", flush=True)
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary", ":all:"]
        subprocess.run([*command, "--dest", str(WHEELHOUSE), *requirements], check=True)
    print(f"wheelhouse: Python {OLDEST_PYTHON}", flush=True)
    version = ["--python-version", OLDEST_PYTHON]
    subprocess.run([*command, *version, "--dest", str(WHEELHOUSE), *OLDEST_PYTHON_SET], check=True)
    stamp.write_text(digest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
