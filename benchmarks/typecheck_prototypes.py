"""Prototypes, outside the generator, of how generated modules present themselves to checkers.

``write_stubs``: mypy and pyright read a ``.pyi`` in place of the ``.py`` beside it. This writes one for
every service module and part (the shared ``_runtime.py`` and ``_client.py`` stay as they
are: 77 KB of real code, a fixed cost), made from the ``.py`` with ``ast``: function
bodies become ``...``, the run-time branch of ``if TYPE_CHECKING:`` and the class
attributes only the runtime reads (``__slots__``, ``_FIELDS``, ``_ERRORS``, ``_SERVICE``)
are left out, and with ``docstrings=False`` so are the docstrings. The ``.py`` files are
untouched, so the classes at run time are the same.

``guard_runtime_attributes``: no ``.pyi``; the ``.py`` itself puts the class attributes
only the runtime reads under ``if not TYPE_CHECKING:``, which both checkers skip. The
module runs as before (the rewrite goes through ``ast.unparse``: comments and black's
layout are lost, which only matters for measuring).

Run: ``python benchmarks/typecheck_prototypes.py PACKAGE [--no-docstrings | --guard]``;
``benchmarks/typecheck_bench.py --variant ...`` measures the result.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

SUPPORT_MODULES = {"_runtime.py", "_client.py"}
RUNTIME_ONLY = {"__slots__", "_FIELDS", "_ERRORS", "_SERVICE"}


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _ellipsis() -> ast.Expr:
    return ast.Expr(ast.Constant(...))


def _function(node: ast.FunctionDef, docstrings: bool) -> ast.FunctionDef:
    body: list[ast.stmt] = []
    if docstrings and node.body and _is_docstring(node.body[0]):
        body.append(node.body[0])
    node.body = [*body, _ellipsis()]
    return node


def _class(node: ast.ClassDef, docstrings: bool) -> ast.ClassDef:
    body: list[ast.stmt] = []
    for statement in node.body:
        if _is_docstring(statement):
            if docstrings:
                body.append(statement)
        elif isinstance(statement, ast.Assign):
            names = {t.id for t in statement.targets if isinstance(t, ast.Name)}
            if not names & RUNTIME_ONLY:
                body.append(statement)
        elif isinstance(statement, ast.FunctionDef):
            body.append(_function(statement, docstrings))
        elif isinstance(statement, ast.ClassDef):
            body.append(_class(statement, docstrings))
        else:
            body.append(statement)
    node.body = body or [_ellipsis()]
    return node


def _module_body(statements: list[ast.stmt], docstrings: bool) -> list[ast.stmt]:
    body: list[ast.stmt] = []
    for index, statement in enumerate(statements):
        if _is_docstring(statement):
            if docstrings and index == 0:
                body.append(statement)
        elif isinstance(statement, ast.If) and _is_type_checking(statement):
            body.extend(_module_body(statement.body, docstrings))
        elif isinstance(statement, ast.ClassDef):
            body.append(_class(statement, docstrings))
        elif isinstance(statement, ast.FunctionDef):
            body.append(_function(statement, docstrings))
        elif isinstance(
            statement, (ast.Import, ast.ImportFrom, ast.AnnAssign, ast.Assign)
        ):
            body.append(statement)
        # Anything else (a call run at import) is the runtime's business.
    return body


def stub_source(source: str, *, docstrings: bool = True) -> str:
    """The ``.pyi`` text for one generated module's source."""
    tree = ast.parse(source)
    tree.body = _module_body(tree.body, docstrings)
    return ast.unparse(tree) + "\n"


def write_stubs(package: Path, *, docstrings: bool = True) -> int:
    """Write a ``.pyi`` beside each generated module of ``package``; their total size."""
    total = 0
    for module in sorted(package.rglob("*.py")):
        if module.name in SUPPORT_MODULES and module.parent == package:
            continue
        text = stub_source(module.read_text(encoding="utf-8"), docstrings=docstrings)
        module.with_suffix(".pyi").write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def guard_runtime_attributes(package: Path) -> None:
    """Rewrite each generated module of ``package`` with its runtime-only class
    attributes under ``if not TYPE_CHECKING:``."""
    for module in sorted(package.rglob("*.py")):
        if module.name in SUPPORT_MODULES and module.parent == package:
            continue
        tree = ast.parse(module.read_text(encoding="utf-8"))
        changed = False
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            hidden: list[ast.stmt] = [
                s
                for s in node.body
                if isinstance(s, ast.Assign)
                and {t.id for t in s.targets if isinstance(t, ast.Name)} & RUNTIME_ONLY
            ]
            if hidden:
                rest = [s for s in node.body if s not in hidden]
                guard = ast.If(
                    test=ast.UnaryOp(ast.Not(), ast.Name("TYPE_CHECKING")),
                    body=hidden,
                    orelse=[],
                )
                node.body = [*rest[:1], guard, *rest[1:]]
                changed = True
        if changed:
            # After the docstring and ``from __future__``, which must come first.
            first = next(
                i
                for i, s in enumerate(tree.body)
                if not _is_docstring(s)
                and not (isinstance(s, ast.ImportFrom) and s.module == "__future__")
            )
            tree.body.insert(
                first, ast.ImportFrom("typing", [ast.alias("TYPE_CHECKING")], 0)
            )
            module.write_text(ast.unparse(tree) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path)
    parser.add_argument("--no-docstrings", action="store_true")
    parser.add_argument("--guard", action="store_true")
    args = parser.parse_args()
    if args.guard:
        guard_runtime_attributes(args.package)
        return 0
    size = write_stubs(args.package, docstrings=not args.no_docstrings)
    print(f"{size / 2**20:.1f} MiB of .pyi in {args.package}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
