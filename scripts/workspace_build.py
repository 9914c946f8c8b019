"""The build hook of the workspace root: building it fails, saying what to install instead.

The root pyproject.toml configures the tools and the hatch workspace; it is not a distribution.
`pip install .` (or `pip install ".[chat]"`) at the root would otherwise build an empty package
named xai-sdk-workspace, or fail with an unrelated error.
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MESSAGE = """\
The repository root is the development workspace, not a distribution. Install from source with
the distributions under packages/: the core is the xai-sdk distribution, each service its own:

    pip install ./packages/xai-core ./packages/xai-chat    # xai-sdk with chat
    pip install ./packages/*                               # everything

(see "From source" in README.md)."""


class WorkspaceBuildHook(BuildHookInterface):
    """Refuses every build of the workspace root."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Called before a build: stop it."""
        raise SystemExit(MESSAGE)
