"""Fixtures of the cassette tests: a directory for cassettes that must end up holding no key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cassettes.recording import secrets_in


@pytest.fixture
def cassettes(tmp_path: Path) -> Iterator[Path]:
    """A directory for the test's cassettes; after the test, none of its files may hold a key."""
    directory = tmp_path / "cassettes"
    directory.mkdir()
    yield directory
    assert secrets_in(directory) == [], "a cassette holds a key"
