"""The entry points of one group, read straight from the installed distributions' metadata.

`importlib.metadata` would find the same ones, but importing it (with the `email`, `zipfile` and
`csv` modules it uses) costs about 13 ms and 2 MB in every process that makes a client, for a
few lines of text. Distributions installed by pip, uv or an editable install keep their
metadata in a ``<name>-<version>.dist-info`` (or ``.egg-info``) directory on `sys.path`, whose
``entry_points.txt`` is an INI file; that is what this module reads. When `sys.path` holds
anything else that can carry distributions (a zip archive), it defers to `importlib.metadata`.
"""

from __future__ import annotations

import os
import re
import sys
from typing import NamedTuple

__all__ = ["EntryPoint", "entry_points"]

_METADATA_SUFFIXES = (".dist-info", ".egg-info")


class EntryPoint(NamedTuple):
    """One entry point: its name, its ``module:attribute`` value, and the distribution's name."""

    name: str
    value: str
    distribution: str


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of `group`, each distribution counted once (the first on `sys.path`)."""
    paths = [path or "." for path in sys.path]
    if any(os.path.isfile(path) for path in paths):
        return _from_importlib(group)
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for path in paths:
        try:
            names = sorted(
                entry.name for entry in os.scandir(path) if entry.name.endswith(_METADATA_SUFFIXES)
            )
        except OSError:
            continue
        for directory in names:
            key = _normalized(directory.rsplit(".", 1)[0].partition("-")[0])
            if key in seen:
                continue
            seen.add(key)
            found.extend(_read(os.path.join(path, directory), group))
    return found


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _read(directory: str, group: str) -> list[EntryPoint]:
    try:
        with open(os.path.join(directory, "entry_points.txt"), encoding="utf-8") as file:
            lines = file.read().splitlines()
    except OSError:
        return []
    section, pairs = None, []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group and "=" in line:
            name, _, value = line.partition("=")
            pairs.append((name.strip(), value.strip()))
    if not pairs:
        return []
    distribution = _distribution_name(directory)
    return [EntryPoint(name, value, distribution) for name, value in pairs]


def _distribution_name(directory: str) -> str:
    """The ``Name:`` the distribution's metadata declares (its directory name as a fallback)."""
    fallback = os.path.basename(directory).partition("-")[0]
    for filename in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(directory, filename), encoding="utf-8") as file:
                for line in file:
                    if line.startswith("Name:"):
                        return line[len("Name:") :].strip()
                    if not line.strip():  # the end of the headers
                        break
        except OSError:
            continue
    return fallback


def _from_importlib(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points as installed  # noqa: PLC0415 - only for zip paths

    return [
        EntryPoint(
            point.name, point.value, point.dist.name if point.dist is not None else "an unknown distribution"
        )
        for point in installed(group=group)
    ]
