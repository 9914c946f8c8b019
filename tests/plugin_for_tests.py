"""Makes the test-only third-party plugin (tests/packaging/echo_plugin) importable without installing it."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "packaging" / "echo_plugin" / "src"))

import xai_echo
import xai_echo.plugin

__all__ = ["xai_echo"]
