"""A griffe extension of the documentation site: reST literal blocks become Markdown code blocks.

The SDK's docstrings introduce examples the reStructuredText way, a paragraph ending in ``::``
followed by an indented block, which editors and ``help()`` show well. mkdocstrings renders
docstrings as Markdown, where the ``::`` would stay and the block's lines, read as docstring
sections (``Args:``) when they look like one, could be parsed. This turns each such block into a
fenced Python block before mkdocstrings parses the docstring; the sources are not changed.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_literal_blocks(text: str) -> str:
    """`text` with every ``::`` paragraph's indented block turned into a fenced Python block."""
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.rstrip().endswith("::"):
            out.append(line)
            index += 1
            continue
        indent = len(line) - len(line.lstrip())
        lead = line.rstrip()[:-2].rstrip()
        if lead.strip():
            out.append(lead + ":")
        block_start = index + 1
        end = block_start
        while end < len(lines) and (
            not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
        ):
            end += 1
        while end > block_start and not lines[end - 1].strip():
            end -= 1
        while block_start < end and not lines[block_start].strip():
            block_start += 1
        block = lines[block_start:end]
        body = [candidate for candidate in block if candidate.strip()]
        if not body:  # "::" with nothing indented after it: keep the text as it was
            out[-1:] = [line] if lead.strip() else []
            index += 1
            continue
        margin = min(len(candidate) - len(candidate.lstrip()) for candidate in body)
        pad = " " * indent
        out.extend(["", f"{pad}```python"])
        out.extend(pad + candidate[margin:] if candidate.strip() else "" for candidate in block)
        out.extend([f"{pad}```", ""])
        index = end
    return "\n".join(out)


class LiteralBlocks(griffe.Extension):
    """Applies `fence_literal_blocks` to every docstring griffe reads."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite the docstring of `obj` as it is loaded."""
        if obj.docstring is not None:
            obj.docstring.value = fence_literal_blocks(obj.docstring.value)
