"""Rules of the repository that keep the distributions consistent and sync/async written once."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import xai_sdk

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = sorted(path for path in (ROOT / "packages").iterdir() if (path / "pyproject.toml").exists())


def _project(path: Path) -> dict:  # type: ignore[type-arg]
    return tomllib.loads((path / "pyproject.toml").read_text())["project"]  # type: ignore[no-any-return]


def test_every_distribution_has_the_version_of_the_sdk() -> None:
    versions = {path.name: _project(path)["version"] for path in PACKAGES}
    assert set(versions.values()) == {xai_sdk.__version__}, versions


def test_the_core_is_the_xai_sdk_distribution_and_the_root_is_not_one() -> None:
    # packages/xai-core/PACKAGING.md: upgrading over the official xai-sdk is safe because the
    # distribution that owns xai_sdk/__init__.py is xai-sdk itself.
    assert _project(ROOT / "packages" / "xai-core")["name"] == "xai-sdk"
    root = _project(ROOT)
    assert root["name"] == "xai-sdk-workspace" and "Private :: Do Not Upload" in root["classifiers"]
    assert not root.get("dependencies") and not root.get("optional-dependencies")


def test_distributions_pin_the_core_of_their_own_version() -> None:
    # Each service depends on xai-sdk directly, so that pip installs xai-sdk (replacing the
    # official one) before it; xai-sdk itself depends on none of them (no cycle to break).
    for path in PACKAGES:
        if path.name != "xai-core":
            assert f"xai-sdk=={xai_sdk.__version__}" in _project(path)["dependencies"], path.name
    assert not [
        requirement
        for requirement in _project(ROOT / "packages" / "xai-core")["dependencies"]
        if requirement.startswith("xai")
    ]


def test_every_service_distribution_has_an_extra_of_xai_sdk() -> None:
    extras = _project(ROOT / "packages" / "xai-core")["optional-dependencies"]
    for path in PACKAGES:
        if path.name != "xai-core":
            assert any(
                f"{path.name}=={xai_sdk.__version__}" in requirements for requirements in extras.values()
            ), path.name


def test_only_core_owns_the_top_package_and_the_protos() -> None:
    for path in PACKAGES:
        top = path / "src" / "xai_sdk"
        owns = (top / "__init__.py").exists() or (top / "proto").exists()
        assert owns == (path.name == "xai-core"), path.name


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def test_services_contain_no_async_code_of_their_own() -> None:
    # The runners in xai-core are the only place that awaits; services describe operations once.
    for path in PACKAGES:
        if path.name in ("xai-core", "xai-emulator"):
            continue
        for source in (path / "src").rglob("*.py"):
            tree = ast.parse(source.read_text())
            assert not [f.name for f in _functions(tree) if isinstance(f, ast.AsyncFunctionDef)], source


def _declares_a_variant(node: ast.ClassDef) -> bool:
    """``class SyncX(X[Sync]): "docstring"``: the variant xai_sdk.service derives, no code of its own."""
    bases = [base for base in node.bases if isinstance(base, ast.Subscript)]
    modes = {ast.unparse(base.slice) for base in bases}
    docstring_only = len(node.body) == 1 and isinstance(node.body[0], ast.Expr)
    return len(node.bases) == len(bases) == 1 and modes <= {"Sync", "Async"} and docstring_only


def test_no_class_exists_in_a_sync_and_an_async_twin() -> None:
    classes: set[str] = set()
    for source in ROOT.glob("packages/*/src/**/*.py"):
        classes |= {
            node.name
            for node in ast.walk(ast.parse(source.read_text()))
            if isinstance(node, ast.ClassDef) and not _declares_a_variant(node)
        }
    twins = {name for name in classes if name.startswith("Async") and name[5:] in classes}
    assert twins <= {"AsyncClient", "AsyncRunner"}, twins


CORE = ROOT / "packages" / "xai-core" / "src" / "xai_sdk"
CORE_MODULE_LINES = 400
"""The size past which a core module should be split (generated protos aside)."""


def _core_modules() -> dict[str, Path]:
    modules = {}
    for path in CORE.rglob("*.py"):
        if "proto" not in path.relative_to(CORE).parts:
            parts = path.relative_to(CORE.parent).with_suffix("").parts
            modules[".".join(parts).removesuffix(".__init__")] = path
    return modules


def test_no_core_module_is_longer_than_the_limit() -> None:
    lengths = {name: len(path.read_text().splitlines()) for name, path in _core_modules().items()}
    assert {name: length for name, length in lengths.items() if length > CORE_MODULE_LINES} == {}


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The core modules `name` imports, at run time or for type checking alike."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        targets = []
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            targets = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        found.update(target for target in targets if target in modules)
    found.discard(name)
    found.discard("xai_sdk")  # the package itself, reached by every `from xai_sdk import ...`
    return found


def test_core_modules_import_each_other_without_a_circle() -> None:
    modules = _core_modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    circles = []
    for start in graph:  # a depth-first search from each module back to itself
        stack = [(start, [start])]
        seen = set()
        while stack:
            name, trail = stack.pop()
            for target in graph[name]:
                if target == start:
                    circles.append(" -> ".join([*trail, start]))
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, [*trail, target]))
    assert circles == []
