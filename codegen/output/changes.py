"""A graded change to the API surface, and a report of them.

Shared by the comparison of classes (:mod:`codegen.output.report`), of client
methods (:mod:`codegen.output.report_operations`) and the report's forms
(:mod:`codegen.output.report_format`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

SECURITY, BREAKING, COMPATIBLE = "security", "breaking", "compatible"
ORDER = {SECURITY: 0, BREAKING: 1, COMPATIBLE: 2}


@dataclass(frozen=True)
class Change:
    module: str
    severity: str
    kind: str
    subject: str
    detail: str = ""

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.module, ORDER[self.severity], self.subject, self.kind)


@dataclass
class Report:
    changes: list[Change] = field(default_factory=list)
    documentation: dict[str, int] = field(default_factory=dict)  # module -> count

    def __bool__(self) -> bool:
        return bool(self.changes or any(self.documentation.values()))

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.severity == BREAKING]

    def modules(self) -> list[str]:
        return sorted(
            {c.module for c in self.changes}
            | {m for m, n in self.documentation.items() if n}
        )


def literal_changes(old: str, new: str) -> tuple[set[str], set[str]] | None:
    """Values added to and removed from ``Literal[...]`` when two type expressions
    differ in nothing else (the order of values is no difference); else None.

    An inline ``Literal`` is an enum given on a member, so its values are graded
    as an enum alias's are: a new value is compatible, a removed one breaking.
    """
    try:
        before = ast.parse(old, mode="eval").body
        after = ast.parse(new, mode="eval").body
    except SyntaxError:
        return None
    added: set[str] = set()
    removed: set[str] = set()

    def same(a: object, b: object) -> bool:
        if isinstance(a, ast.AST) and isinstance(b, ast.AST):
            old_values, new_values = literal_values(a), literal_values(b)
            if old_values is not None and new_values is not None:
                added.update(new_values - old_values)
                removed.update(old_values - new_values)
                return True
            if type(a) is not type(b):
                return False
            return all(
                same(getattr(a, name), getattr(b, name))
                for name in a._fields
                if name != "ctx"
            )
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(map(same, a, b))
        return a == b

    return (added, removed) if same(before, after) else None


def literal_values(node: ast.AST) -> set[str] | None:
    """The values of a ``Literal[...]`` subscript, or None for anything else."""
    if not (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Literal"
    ):
        return None
    items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    values = {
        i.value
        for i in items
        if isinstance(i, ast.Constant) and isinstance(i.value, str)
    }
    return values if len(values) == len(items) else None
