"""The generator's structure, as docs/guide/architecture.rst describes it.

Stages import only the stages before them, no module imports one that imports
it back, the support modules import only each other, modules and templates
stay small enough to read, and the module map lists every module.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "codegen"
# Each stage may import the ones listed before it (and the package's top level).
STAGES = ["model", "render", "build", "output", "reference", "cli"]
# Copied whole into every output: exempt from the size limit.
COPIED = {"runtime/_runtime.py", "runtime/_client.py"}
MAX_MODULE_LINES = 400
MAX_TEMPLATE_LINES = 100


def modules() -> dict[str, Path]:
    """Dotted name -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path) -> set[str]:
    """The package's modules ``name`` imports, at any level of the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    known = modules()
    return {m for m in found if m in known and m != name}


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = {name: imports(name, path) for name, path in modules().items()}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycle = path[path.index(name) :] + [name]
            raise AssertionError(f"import cycle: {' -> '.join(cycle)}")
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_stages_import_only_earlier_stages() -> None:
    for name, path in modules().items():
        parts = name.split(".")
        if len(parts) < 2 or parts[1] not in STAGES + ["runtime"]:
            continue
        stage = parts[1]
        allowed = set(STAGES[: STAGES.index(stage) + 1]) if stage in STAGES else set()
        for target in imports(name, path):
            target_parts = target.split(".")
            if len(target_parts) < 2:
                continue  # the package's top level: errors, config, pyliteral
            assert stage != "runtime" or target_parts[1] == "runtime", (name, target)
            if target_parts[1] in STAGES:
                assert target_parts[1] in allowed, f"{name} imports {target}"
            if target_parts[1] == "runtime":
                assert stage in ("runtime", "build"), f"{name} imports {target}"


def test_the_support_modules_import_nothing_of_the_generator() -> None:
    for name in ("_runtime", "_client", "_aio"):
        tree = ast.parse((PACKAGE / "runtime" / f"{name}.py").read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                assert not (node.module or "").startswith("codegen"), (
                    name,
                    node.module,
                )
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("codegen") for a in node.names)


def test_modules_and_templates_stay_small() -> None:
    long = {
        path.relative_to(PACKAGE).as_posix(): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert set(long) <= COPIED, long
    templates = {
        path.name: n
        for path in (ROOT / "templates").glob("*.jinja")
        if (n := len(path.read_text().splitlines())) > MAX_TEMPLATE_LINES
    }
    assert not templates


def test_the_module_map_lists_every_module_and_no_other() -> None:
    guide = (ROOT / "docs" / "guide" / "architecture.rst").read_text()
    section = guide.split("\nModule map\n", 1)[1].split("\nBeside the package:", 1)[0]
    import re

    listed = set(re.findall(r"^- ``([\w/]+\.py)``", section, re.M))
    actual = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py"
    }
    assert listed == actual, (sorted(actual - listed), sorted(listed - actual))
