"""The ``.pyi`` beside each generated module: what type checkers read in its place.

mypy and pyright both read a stub instead of the ``.py`` beside it. Without one, a
cold mypy run over a script that uses three large services parses and analyses every
function body, ``Field(...)`` table and run-time branch of the bindings, about twice
the time the stub packages take; with one it is under their time
(docs/guide/performance.rst). The classes at run time are unchanged.

The stub is cut from the module's own formatted pieces, line by line: it keeps the
header, every annotation and every docstring (editors show a stub's docstring on
hover), and drops function bodies, the class attributes only the runtime reads, code
run at import and the imports nothing left uses. Nothing is rendered twice, so the two
files cannot disagree; each piece is parsed on its own, so memory stays that of one
class. The layout is black's for a stub: one blank line between definitions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from codegen.render.formatting import Piece

# Class attributes the runtime reads and no type checker needs.
RUNTIME_ONLY = frozenset({"__slots__", "_FIELDS", "_ERRORS", "_SERVICE"})


def stub_module(pieces: list[Piece], line_length: int) -> str:
    """The ``.pyi`` text of the module made of ``pieces``."""
    used: set[str] = set()
    cuts = [_Cut.of(piece, used) for piece in pieces]
    return "".join(
        # One blank line between top-level definitions, as black lays out a stub.
        piece.separator.replace("\n\n", "\n") + cut.text(used, line_length)
        for piece, cut in zip(pieces, cuts, strict=True)
    )


def stub_piece(text: str, indented: bool = False, line_length: int = 88) -> str:
    """One formatted piece as a stub on its own; ``indented``: a method of a class."""
    return stub_module([Piece("", text, indented)], line_length)


@dataclass
class _Import:
    first: int  # lines, 1-based, inclusive
    last: int
    module: str | None  # None: ``import a, b``
    names: list[ast.alias]


@dataclass
class _Cut:
    """One piece's lines and what the stub does to them.

    Edits are line ranges (1-based, inclusive) and their replacement; they never
    overlap. Imports are decided last, once every piece has said what it uses.
    """

    lines: list[str]
    indented: bool
    edits: list[tuple[int, int, list[str]]] = field(default_factory=list)
    imports: list[_Import] = field(default_factory=list)

    @classmethod
    def of(cls, piece: Piece, used: set[str]) -> _Cut:
        text = piece.text
        if piece.indented:
            text = "\n".join(line[4:] for line in text.split("\n"))
        cut = cls(text.split("\n"), piece.indented)
        for statement in _parse(text).body:
            cut.module_statement(statement, used)
        return cut

    def replace(self, first: int, last: int, lines: list[str]) -> None:
        self.edits.append((first, last, lines))

    def remove(self, node: ast.stmt) -> None:
        self.replace(_first_line(node), _last_line(node), [])

    def text(self, used: set[str], line_length: int) -> str:
        for statement in self.imports:
            self.replace(
                statement.first, statement.last, _import(statement, used, line_length)
            )
        lines = list(self.lines)
        for first, last, replacement in sorted(self.edits, reverse=True):
            lines[first - 1 : last] = replacement
        text = _tidy(lines)
        if not self.indented:
            return text
        return "\n".join("    " + line if line else line for line in text.split("\n"))

    def module_statement(self, node: ast.stmt, used: set[str]) -> None:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = None  # ``import a``
            if isinstance(node, ast.ImportFrom):
                module = "." * node.level + (node.module or "")
            self.imports.append(
                _Import(_first_line(node), _last_line(node), module, list(node.names))
            )
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            # What checkers see of ``if TYPE_CHECKING: ... else: ...`` is the first branch.
            self.replace(node.lineno, node.body[0].lineno - 1, [])
            for statement in node.body:
                if isinstance(statement, (ast.Import, ast.ImportFrom)):
                    self.module_statement(statement, used)
                else:  # kept as it is, one level out
                    used.update(_uses(statement))
                    first, last = _first_line(statement), _last_line(statement)
                    self.replace(first, last, _dedent(self.lines[first - 1 : last]))
            if node.orelse:
                self.replace(_last_line(node.body[-1]) + 1, _last_line(node), [])
        elif isinstance(node, ast.ClassDef):
            self.class_(node, used)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.function(node, used)
        elif _is_docstring(node):
            pass
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            used.update(_uses(node))
        else:
            self.remove(node)  # code run at import is the runtime's business

    def class_(self, node: ast.ClassDef, used: set[str]) -> None:
        used.update(_uses(*node.bases, *node.keywords, *node.decorator_list))
        kept = 0
        overloaded: set[str] = set()
        removed: list[ast.stmt] = []
        for statement in node.body:
            if isinstance(statement, ast.Assign) and _names(statement) & RUNTIME_ONLY:
                removed.append(statement)
            elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if _is_overload(statement):
                    overloaded.add(statement.name)
                elif statement.name in overloaded:
                    removed.append(statement)  # a stub has no overload implementation
                    continue
                self.function(statement, used)
                kept += 1
            elif isinstance(statement, ast.ClassDef):
                self.class_(statement, used)
                kept += 1
            else:
                if not _is_docstring(statement):
                    used.update(_uses(statement))
                kept += 1
        for statement in removed:
            self.remove(statement)
        if not kept:  # a class body cannot be empty
            self.edits.pop()
            last = removed[-1]
            indent = " " * last.col_offset
            self.replace(_first_line(last), _last_line(last), [f"{indent}..."])

    def function(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, used: set[str]
    ) -> None:
        used.update(_uses(node.args, *node.decorator_list))
        if node.returns is not None:
            used.update(_uses(node.returns))
        body = node.body[1:] if _is_docstring(node.body[0]) else node.body
        if not body or (len(body) == 1 and _is_ellipsis(body[0])):
            return
        first, last = body[0], _last_line(body[-1])
        line = self.lines[first.lineno - 1]
        head = line.encode("utf-8", "replace")[: first.col_offset].decode(
            "utf-8", "replace"
        )
        if head.strip():  # ``def f(): return x``, on one line
            self.replace(first.lineno, last, [head + "..."])
        elif body is node.body:  # no docstring: ``...`` ends the signature, as in black
            signature = self.lines[first.lineno - 2]
            self.replace(first.lineno - 1, last, [f"{signature} ..."])
        else:
            self.replace(first.lineno, last, [" " * first.col_offset + "..."])


def _parse(text: str) -> ast.Module:
    """``text`` parsed; lone surrogates (a model's strings may hold them) read as
    ``?``: only line numbers and indentation are taken from the tree."""
    return ast.parse(text.encode("utf-8", "replace"))


def _import(statement: _Import, used: set[str], line_length: int) -> list[str]:
    """The statement with the names nothing uses left out (and re-exports kept), laid
    out as black does; no lines if no name is left."""
    kept = [
        alias
        for alias in statement.names
        if statement.module == "__future__"
        or alias.asname == alias.name
        or (alias.asname or alias.name.split(".")[0]) in used
    ]
    if not kept:
        return []
    names = [
        alias.name if alias.asname is None else f"{alias.name} as {alias.asname}"
        for alias in kept
    ]
    if statement.module is None:
        return [f"import {name}" for name in names]
    line = f"from {statement.module} import {', '.join(names)}"
    if len(line) <= line_length:
        return [line]
    return [f"from {statement.module} import (", *(f"    {n}," for n in names), ")"]


def _uses(*nodes: ast.AST) -> Iterator[str]:
    """The names ``nodes`` read, forward references in strings included (the
    values of a ``Literal[...]`` are data, not names)."""
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Subscript) and _is_literal(node.value):
            stack.append(node.value)
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                try:
                    stack.append(ast.parse(node.value, mode="eval"))
                except (SyntaxError, ValueError):  # not an expression: no name
                    pass
        else:
            stack.extend(ast.iter_child_nodes(node))


def _is_literal(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "Literal") or (
        isinstance(node, ast.Attribute) and node.attr == "Literal"
    )


def _tidy(lines: list[str]) -> str:
    """Blank lines as the removals left them, evened out as black does in a stub:
    at most one, none at the end."""
    result: list[str] = []
    blanks = 0
    for line in lines:
        if not line.strip():
            blanks += 1
            continue
        if blanks and result:
            result.append("")
        blanks = 0
        result.append(line)
    return "\n".join(result) + "\n" if result else ""


def _dedent(lines: list[str]) -> list[str]:
    width = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return [line[width:] for line in lines]


def _first_line(node: ast.stmt) -> int:
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])


def _last_line(node: ast.stmt) -> int:
    return node.end_lineno or node.lineno


def _names(node: ast.Assign) -> set[str]:
    return {target.id for target in node.targets if isinstance(target, ast.Name)}


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _is_ellipsis(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and node.value.value is Ellipsis
    )


def _is_overload(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        (isinstance(d, ast.Name) and d.id == "overload")
        or (isinstance(d, ast.Attribute) and d.attr == "overload")
        for d in node.decorator_list
    )


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )
