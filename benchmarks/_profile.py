"""Where a one-call process's modules and memory go, by package (run inside the process).

`compare.py` runs a profiling program in an environment: this module's source (it imports only
the standard library), ``meter_imports()``, the one-call work, then ``print(profile())``. The
harness groups ``-X importtime`` lines with the same `module_group`.
"""

import collections
import json
import os
import sys
from typing import Any

_SPLIT_TWO = ("xai_sdk", "google")
"""Top-level packages shared by several distributions: grouped one level deeper."""

_import_kb: collections.Counter[str] = collections.Counter()
_children_kb: list[int] = []
_call_kb: list[int] = []


def module_group(name: str) -> str:
    """`xai_sdk.chat._chat` -> `xai_sdk.chat`, `xai_sdk._client` -> `xai_sdk`, `grpc._cython` -> `grpc`.

    The standard library is one group, `stdlib`.
    """
    parts = name.split(".")
    if parts[0] in sys.stdlib_module_names or parts[0] in ("__main__", "_distutils_hack"):
        return "stdlib"
    if parts[0] in _SPLIT_TWO and len(parts) > 1 and not parts[1].startswith("_"):
        return f"{parts[0]}.{parts[1]}"
    return parts[0]


def mapping_group(path: str) -> str:
    """A memory mapping of /proc/self/smaps by what it maps: a shared object, the heap, or none."""
    if not path or path.startswith("[anon"):
        return "[anonymous]"
    if path.startswith("["):
        return path
    base = os.path.basename(path)
    return base.split(".")[0] + ".so" if ".cpython-" in base else base


def rss_kb() -> int:
    """The resident set size now (/proc/self/statm), in KiB."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


class _ImportMeter:
    """A meta path finder that finds nothing itself: it wraps the loader that the others find, so that
    each module's execution is measured (its own RSS growth, that of the modules it imports left out)."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or isinstance(loader, type) or not hasattr(loader, "exec_module"):
            return spec  # built-in and frozen modules: their importers are classes, shared
        execute = loader.exec_module

        def exec_module(module: Any) -> None:
            _children_kb.append(0)
            before = rss_kb()
            try:
                execute(module)
            finally:
                grown, children = rss_kb() - before, _children_kb.pop()
                _import_kb[module_group(name)] += grown - children
                if _children_kb:
                    _children_kb[-1] += grown

        loader.exec_module = exec_module
        return spec


def meter_imports() -> None:
    """Measure the RSS growth of every module executed from now on."""
    sys.meta_path.insert(0, _ImportMeter())  # type: ignore[arg-type]
    _call_kb.append(rss_kb())


def profile() -> str:
    """JSON: modules by group (and the standard library's by name), RSS by mapping, RSS growth by
    group while importing, and the growth outside imports (the client, the channel, the call)."""
    modules = collections.Counter(module_group(name) for name in sys.modules)
    stdlib = sorted(name for name in sys.modules if module_group(name) == "stdlib")
    mappings: collections.Counter[str] = collections.Counter()
    with open("/proc/self/smaps") as smaps:
        for line in smaps:
            fields = line.split()
            if not fields[0].endswith(":"):
                mapping = mapping_group(fields[5] if len(fields) > 5 else "")
            elif fields[0] == "Rss:":
                mappings[mapping] += int(fields[1])
    grown = rss_kb() - _call_kb[0] if _call_kb else 0
    return json.dumps(
        {
            "modules": modules,
            "stdlib": stdlib,
            "rss_kb": mappings,
            "import_kb": _import_kb,
            "outside_imports_kb": grown - sum(_import_kb.values()),
        }
    )
