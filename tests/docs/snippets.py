"""The Python code blocks of the READMEs and the documentation pages, as the tests run them.

Every fenced block whose info string is ``python`` (or ``py``, ``python3``) in README.md,
packages/*/README.md and docs/**/*.md is a snippet. Each runs alone, in a fresh Python process
and an empty directory, against the emulator (``XAI_API_KEY``, ``XAI_API_HOST``, ... point at
it), and passes when it exits with status 0 and writes nothing on stderr.

A snippet that needs context a reader can supply (a `client`, a file to upload) declares it in an
HTML comment, which no Markdown renderer shows, separated from the block by a blank line:

* ``<!-- snippet: setup`` + lines of code + ``-->`` before the block: run first, in the same
  namespace (imports of the snippet itself belong in the snippet, not here);
* ``<!-- snippet: check`` + lines of code + ``-->`` after the block: run after it, in the same
  namespace, e.g. to call the ``main()`` it defines or to assert what it did;
* ``<!-- snippet: pytest -->`` before the block: the block is a test module, run with pytest
  (its tests use the xai-emulator fixtures); it passes when pytest does.

A block whose only line is ``--8<-- "path"`` shows a file of the repository in the documentation
site (pymdownx.snippets includes it when the site is built); the file is what runs. Such a block
is written ```` ```{.python} ````, which renderers read as Python and ruff's Markdown formatter
leaves alone (the include line is not Python).

There is no way to skip a block: the tests count the fences of each file independently of this
parser and compare the counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("python", "py", "python3")

_OPENING = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>\{\s*[^`\s}]*|[^`\s]*)[^`]*$")
_INCLUDE = re.compile(r'--8<-- "(?P<path>[^"]+)"')
_DIRECTIVE = re.compile(r"^<!-- snippet: (?P<kind>setup|check|pytest)(?P<rest>.*)$")


@dataclass(frozen=True)
class Snippet:
    """One Python block of a Markdown file, with the hidden code around it."""

    path: Path
    """The Markdown file."""
    line: int
    """The line of the block's first line of code (1-based)."""
    code: str
    setup: str = ""
    setup_line: int = 0
    check: str = ""
    check_line: int = 0
    pytest: bool = False
    included: Path | None = None
    """The file the block includes (``--8<-- "path"``), which is then its code."""

    @property
    def name(self) -> str:
        """``README.md:123``: where the block's code starts."""
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def documents() -> list[Path]:
    """Every Markdown file whose Python blocks are run: the READMEs and the documentation pages."""
    return [
        ROOT / "README.md",
        *sorted(ROOT.glob("packages/*/README.md")),
        *sorted((ROOT / "docs").rglob("*.md")),
    ]


def count_python_fences(path: Path) -> int:
    """The lines opening a Python fence, counted without parsing (a cross-check of `snippets`)."""
    names = "|".join(LANGUAGES)
    pattern = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*(\{\s*\.)?(" + names + r")\b", re.IGNORECASE)
    return sum(1 for line in path.read_text().splitlines() if pattern.match(line))


def snippets(path: Path) -> list[Snippet]:
    """The Python blocks of `path`, in order, each with its directives."""
    lines = path.read_text().splitlines()
    found = []
    index = 0
    while index < len(lines):
        opening = _OPENING.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence, indent = opening["fence"], len(opening["indent"])
        end = index + 1
        while end < len(lines) and not _closes(lines[end], fence):
            end += 1
        if end == len(lines):
            raise ValueError(f"{path}:{index + 1}: a fence that is never closed")
        if _language(opening["info"]) in LANGUAGES:
            code = "\n".join(
                line[indent:] if line[:indent].isspace() else line for line in lines[index + 1 : end]
            )
            found.append(_with_directives(path, lines, index, end, code + "\n"))
            include = _INCLUDE.fullmatch(code.strip())
            if include is not None:
                included = ROOT / include["path"]
                found[-1] = replace(found[-1], code=included.read_text(), included=included)
        index = end + 1
    return found


def _language(info: str) -> str:
    """The language of a fence's info string: ``python``, or ``{.python ...}`` (attribute form)."""
    if info.startswith("{"):
        info = info[1:].strip().removeprefix(".")
    return info.split("}", 1)[0].lower()


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def _with_directives(path: Path, lines: list[str], opening: int, closing: int, code: str) -> Snippet:
    fields: dict[str, object] = {}
    sides = (
        ("before", _comment(lines, opening, step=-1), ("setup", "pytest")),
        ("after", _comment(lines, closing, step=1), ("check",)),
    )
    for side, comment, allowed in sides:
        if comment is None:
            continue
        kind, first, body = comment
        if kind not in allowed:
            raise ValueError(f"{path}:{first}: 'snippet: {kind}' cannot stand {side} a block")
        if kind == "pytest":
            fields["pytest"] = True
        else:
            fields[kind] = body
            fields[f"{kind}_line"] = first + 1
    return Snippet(path, opening + 2, code, **fields)  # type: ignore[arg-type]


def _comment(lines: list[str], fence: int, *, step: int) -> tuple[str, int, str] | None:
    """The ``<!-- snippet: ... -->`` comment beside the fence at `fence` (blank lines between).

    Returns its kind, the line number of its first line (1-based) and its code.
    """
    index = fence + step
    while 0 <= index < len(lines) and not lines[index].strip():
        index += step
    if not 0 <= index < len(lines):
        return None
    if _DIRECTIVE.match(lines[index]):  # a one-line comment, or the first line of one after the block
        start = end = index
        while step > 0 and end < len(lines) and "-->" not in lines[end]:
            end += 1
    elif step < 0 and lines[index].strip() == "-->":  # the last line of one before the block
        start = end = index
        while start > 0 and not _DIRECTIVE.match(lines[start]):
            start -= 1
            if "<!--" in lines[start] and not _DIRECTIVE.match(lines[start]):
                return None  # another comment
        if not _DIRECTIVE.match(lines[start]):
            return None
    else:
        return None
    if end == len(lines):
        raise ValueError(f"line {start + 1}: a snippet comment that is never closed")
    directive = _DIRECTIVE.match(lines[start])
    assert directive is not None
    kind, rest = directive["kind"], directive["rest"].strip()
    if start == end:
        if rest != "-->":
            raise ValueError(f"line {start + 1}: a one-line snippet comment is '<!-- snippet: {kind} -->'")
        return kind, start + 1, ""
    if rest or lines[end].strip() != "-->":
        raise ValueError(f"line {start + 1}: the code of 'snippet: {kind}' goes on the lines before '-->'")
    return kind, start + 1, "\n".join(lines[start + 1 : end]) + "\n"
