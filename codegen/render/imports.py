"""What a module's code uses, gathered while it is rendered, and how it imports it.

Each renderer of a module's pieces (classes, members, the client) is handed
the module's :class:`ImportCollector`: the names it writes are recorded there,
and the module head -- or each part of a split module -- imports from it. No
renderer reaches into another's state.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from codegen.model.ir import StructClass
from codegen.model.types import PyType
from codegen.render.layout import bracketed, width

RUNTIME_MODULE = "_runtime"
# Names the collector holds that come from the standard library, not the runtime.
STANDARD = frozenset({"datetime", "Literal", "typing", "ClassVar"})


@dataclass
class ImportCollector:
    """The names one module's code uses."""

    names: set[str] = field(default_factory=set)
    # ``builtins.list``: a class attribute named ``list`` shadows the builtin
    uses_builtins: bool = False

    def use(self, *names: str) -> None:
        self.names.update(names)

    def annotation(self, t: PyType, shadowed: Collection[str]) -> str:
        """``t`` spelled inside a class whose attributes are ``shadowed``."""
        self.names.update(t.imports())
        return t.annotation(lambda name: self.builtin(name, shadowed))

    def builtin(self, name: str, shadowed: Collection[str]) -> str:
        if name in shadowed:
            self.uses_builtins = True
            return f"builtins.{name}"
        return name

    def runtime_names(
        self, classes: Iterable[StructClass], used: Collection[str] | None = None
    ) -> list[str]:
        """What the code of ``classes`` (and what else was rendered) takes from
        the runtime: their bases, ``Field`` for their tables, and the names used
        (of those, only the ones in ``used``, when given: a part's share)."""
        classes = list(classes)
        bases = {
            "UnionStruct" if c.is_union else "Struct"
            for c in classes
            if not (c.error_code or c.streams_body or c.streams_events)
        }
        fields = {"Field"} if classes else set()
        names = self.names - STANDARD
        if used is not None:
            names &= set(used)
        return sorted(bases | fields | names)


def from_import(
    source: str, names: list[str], *, indent: int, line_length: int
) -> list[str]:
    """``from source import names`` as black writes it: one line, or one name a
    line in parentheses."""
    line = f"{' ' * indent}from {source} import {', '.join(names)}"
    if width(line) <= line_length:
        return [line]
    return bracketed(
        f"from {source} import (",
        names,
        ")",
        indent=indent,
        line_length=line_length,
        exploded=True,
    )
