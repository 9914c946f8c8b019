"""Every Python block of the READMEs and the documentation pages runs against the emulator.

tests/docs/snippets.py says how blocks are found and what the hidden ``<!-- snippet: ... -->``
comments beside them mean.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.docs.snippets import ROOT, Snippet, count_python_fences, documents, snippets
from xai_sdk.emulator import Emulator

# The Python blocks of each file. A block added or removed changes this table on purpose: a block
# that the parser misses (a fence it does not recognize) would otherwise go unexecuted.
EXPECTED_BLOCKS = {
    "README.md": 8,
    "packages/xai-batch/README.md": 1,
    "packages/xai-chat/README.md": 1,
    "packages/xai-cli/README.md": 0,
    "packages/xai-collections/README.md": 1,
    "packages/xai-core/README.md": 0,
    "packages/xai-emulator/README.md": 2,
    "packages/xai-files/README.md": 1,
    "packages/xai-image/README.md": 1,
    "packages/xai-models/README.md": 1,
    "packages/xai-telemetry/README.md": 1,
    "packages/xai-tokenizer/README.md": 1,
    "packages/xai-video/README.md": 1,
}
EXPECTED_DOCS_BLOCKS = 16
"""The Python blocks of docs/**/*.md, all pages together."""

SNIPPETS = [snippet for path in documents() for snippet in snippets(path)]

# Runs the parts of a snippet in one namespace, each compiled under the Markdown file's name and
# line numbers, so that a traceback points into the README.
# The namespace is the child's __main__ module, so that what a snippet defines can be named by an
# import string ("__main__:Quick"), as in a script.
RUNNER = """
def _run():
    import json, sys
    namespace = sys.modules["__main__"].__dict__
    del namespace["_run"]
    for filename, line, code in json.load(open(sys.argv[1])):
        exec(compile("\\n" * (line - 1) + code, filename, "exec"), namespace)
_run()
"""


def _environment(emulator: Emulator) -> dict[str, str]:
    """This process's environment less the SDK's and pytest's settings, pointed at the emulator."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XAI_", "PYTEST_"))}
    return {**env, **emulator.env()}


def test_every_python_block_of_every_readme_is_collected() -> None:
    relative = {str(path.relative_to(ROOT)): path for path in documents()}
    readmes = {name: path for name, path in relative.items() if not name.startswith("docs/")}
    assert {name: len(snippets(path)) for name, path in readmes.items()} == EXPECTED_BLOCKS
    assert {name: count_python_fences(path) for name, path in readmes.items()} == EXPECTED_BLOCKS
    pages = [path for name, path in relative.items() if name.startswith("docs/")]
    assert sum(len(snippets(path)) for path in pages) == EXPECTED_DOCS_BLOCKS
    assert sum(count_python_fences(path) for path in pages) == EXPECTED_DOCS_BLOCKS
    assert len(SNIPPETS) == sum(EXPECTED_BLOCKS.values()) + EXPECTED_DOCS_BLOCKS


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda snippet: snippet.name)
def test_the_snippet_runs_against_the_emulator(
    snippet: Snippet, xai_emulator: Emulator, tmp_path: Path
) -> None:
    if snippet.pytest:
        _run_as_pytest_module(snippet, xai_emulator, tmp_path)
        return
    filename = str(snippet.path)
    parts = [
        (filename, line, code)
        for line, code in ((snippet.setup_line, snippet.setup), (snippet.check_line, snippet.check))
        if code
    ]
    parts.insert(
        1 if snippet.setup else 0,
        (str(snippet.included or snippet.path), 1 if snippet.included else snippet.line, snippet.code),
    )
    (tmp_path / "parts.json").write_text(json.dumps(parts))
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, "parts.json"],
        capture_output=True,
        text=True,
        env=_environment(xai_emulator),
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, f"{snippet.name}:\n{result.stderr}"
    assert result.stderr == "", f"{snippet.name}:\n{result.stderr}"


def _run_as_pytest_module(snippet: Snippet, emulator: Emulator, directory: Path) -> None:
    (directory / "pytest.ini").write_text("[pytest]\n")
    (directory / "test_snippet.py").write_text(snippet.code)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_snippet.py"],
        capture_output=True,
        text=True,
        env=_environment(emulator),
        cwd=directory,
        timeout=120,
    )
    assert result.returncode == 0, f"{snippet.name}:\n{result.stdout}\n{result.stderr}"
    summary = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ passed in [0-9.]+s", summary), f"{snippet.name}: {summary}"
