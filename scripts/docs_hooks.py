"""MkDocs hooks of the documentation site (mkdocs.yml).

The distributions each hold a part of the `xai_sdk` package in a source tree of their own
(packages/<distribution>/src/xai_sdk); Python joins them at import time, griffe, which reads the
sources without importing them, looks at one tree. Before each build this copies every part into
one tree under .cache/docs/src, which mkdocstrings reads.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / ".cache" / "docs" / "src"


@event_priority(100)  # before mkdocstrings sets up its handler, which reads the search paths
def on_config(config: Any) -> Any:
    """Merge the distributions' parts of `xai_sdk` into one tree for the API reference."""
    if SOURCES.exists():
        shutil.rmtree(SOURCES)
    for part in sorted(ROOT.glob("packages/*/src/xai_sdk")):
        for source in part.rglob("*"):
            if source.suffix not in (".py", ".pyi") or "__pycache__" in source.parts:
                continue
            target = SOURCES / "xai_sdk" / source.relative_to(part)
            if target.exists():
                raise RuntimeError(f"{source} is also in another distribution's part of xai_sdk")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return config


def on_post_build(config: Any) -> None:
    """Write the stylesheet of the highlighted code blocks (the theme has none for Pygments)."""
    from pygments.formatters import HtmlFormatter

    stylesheet = Path(config["site_dir"]) / "css" / "pygments.css"
    stylesheet.parent.mkdir(parents=True, exist_ok=True)
    stylesheet.write_text(HtmlFormatter(style="default").get_style_defs(".highlight"))
