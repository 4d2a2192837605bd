"""A large service module as a light module and parts loaded on first use.

ec2 alone has some 2,600 classes and 700 operations: as one module, importing
it costs 200 ms, most of it unmarshalling and building classes nobody asked
for. Above :data:`SPLIT_ABOVE` classes and enums, a module ``ec2.py`` is
written instead as:

* ``ec2.py``, the module users import: its docstring, every name imported for
  type checkers (so mypy and editors see one module, as before) and, at run
  time, a table from name to part, read by the runtime's ``lazy_module``;
* ``_parts/ec2/part_XX.py``: the classes, in parts chosen by a hash of the
  class name, so a new class changes one part and leaves the others as they
  were (the number of parts, a power of two, grows with the module);
* ``_parts/ec2/enums.py``: every enum, a few lines each;
* ``_parts/ec2/client.py``: the typed client, whose methods reach the classes
  through the module (``_shapes.GetObjectOutput``), so they load on first call;
* ``_parts/ec2/aio_client.py``: the asynchronous client, when generated, in a
  part of its own, so that neither client loads the other.

Parts import their neighbours' names for type checkers only: at run time a
class's member types are resolved through the module by the runtime.
"""

from __future__ import annotations

import ast
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from codegen.model.ir import ServiceModule, StructClass
from codegen.model.types import PyType
from codegen.pyliteral import pystr
from codegen.render import docs
from codegen.render.header import service_header
from codegen.render.imports import RUNTIME_MODULE, ImportCollector, from_import
from codegen.render.layout import bracketed, code
from codegen.render.module import ModuleChunks, ModuleRenderer
from codegen.render.templating import render_template

SPLIT_ABOVE = 256
"""A module with more classes and enums than this is split."""

PART_SIZE = 32
"""About how many classes a part holds."""

PARTS_PACKAGE = "_parts"
SHAPES = "_shapes"  # the name the client part gives the module it belongs to
CLIENT_PART = "client"
AIO_CLIENT_PART = "aio_client"
ENUMS_PART = "enums"


def should_split(module: ServiceModule, above: int = SPLIT_ABOVE) -> bool:
    return len(module.classes) + len(module.aliases) > above


def part_count(classes: int) -> int:
    """The number of class parts: a power of two, about :data:`PART_SIZE` classes each."""
    count = 1
    while count * PART_SIZE < classes:
        count *= 2
    return count


def part_of(class_name: str, count: int) -> str:
    return f"part_{zlib.crc32(class_name.encode('utf-8')) % count:02x}"


@dataclass(frozen=True)
class PartView:
    """What ``part.py.jinja`` receives for one part."""

    header: str
    docstring: str
    imports: str  # code lines: run-time imports
    type_imports: str  # code lines: the ``if TYPE_CHECKING:`` block, or ""
    module: str  # the module the part belongs to
    names: tuple[str, ...]  # what the part defines


@dataclass(frozen=True)
class FaceView:
    """What ``face.py.jinja`` receives: the module users import."""

    header: str
    docstring: str
    type_imports: str  # code lines: the names of every part, for type checkers
    table: str  # code lines: the ``lazy_module(...)`` call
    module: str
    parts: dict[str, tuple[str, ...]]  # part -> the names it defines


class ModuleSplitter:
    """Renders a module as its face and parts: relative path -> chunks."""

    def __init__(self, renderer: ModuleRenderer, module: ServiceModule) -> None:
        self.renderer = renderer
        self.module = module
        self.length = renderer.line_length
        # what the whole module uses: each part imports its share of it
        self.imports = ImportCollector()

    def render(self) -> dict[str, ModuleChunks]:
        module, renderer = self.module, self.renderer
        chunks = renderer.render_module(module, f"{SHAPES}.", self.imports)
        count = part_count(len(module.classes))
        grouped: dict[str, list[tuple[StructClass, str]]] = {}
        for cls, text in zip(module.classes, chunks.classes):
            grouped.setdefault(part_of(cls.name, count), []).append((cls, text))
        base = f"{PARTS_PACKAGE}/{module.module}"
        files: dict[str, ModuleChunks] = {}
        parts: dict[str, tuple[str, ...]] = {}
        overridden = chunks.overridden
        for part in sorted(grouped):
            members = grouped[part]
            names = tuple(c.name for c, _ in members)
            parts[part] = names
            used = sorted(
                _names(m.type for c, _ in members for m in c.members) - set(names)
            )
            head = self._part_head(
                part, names, self._class_imports(members, bool(used)), used
            )
            files[f"{base}/{part}.py"] = ModuleChunks(
                header=head,
                header_template="part.py.jinja",
                aliases=(),
                classes=tuple(text for _, text in members),
                overridden=overridden,
            )
        if module.aliases:
            names = tuple(a.name for a in module.aliases)
            parts[ENUMS_PART] = names
            head = self._part_head(
                ENUMS_PART, names, ["from typing import Literal, TypeAlias"], []
            )
            files[f"{base}/{ENUMS_PART}.py"] = ModuleChunks(
                header=head,
                header_template="part.py.jinja",
                aliases=chunks.aliases,
                classes=(),
                overridden=overridden,
            )
        for part, client in (
            (CLIENT_PART, chunks.client),
            (AIO_CLIENT_PART, chunks.async_client),
        ):
            if module.client is None or not client:
                continue
            names = (_class_name(client[0]),)
            parts[part] = names
            used = self._client_names()
            head = self._part_head(
                part,
                names,
                self._client_imports(
                    _referenced(client), bool(used), part == AIO_CLIENT_PART
                ),
                used,
            )
            files[f"{base}/{part}.py"] = ModuleChunks(
                header=head,
                header_template="part.py.jinja",
                aliases=(),
                classes=(),
                client=client,
                overridden=overridden,
            )
        files[f"{base}/__init__.py"] = ModuleChunks(
            header=self._package_init(), aliases=(), classes=(), overridden=overridden
        )
        files[f"{module.module}.py"] = ModuleChunks(
            header=self._face(dict(sorted(parts.items()))),
            header_template="face.py.jinja",
            aliases=(),
            classes=(),
            overridden=overridden,
        )
        return files

    # -- the module users import ----------------------------------------------------

    def _face(self, parts: dict[str, tuple[str, ...]]) -> str:
        module, length = self.module, self.length
        lines: list[str] = []
        for part, names in parts.items():
            lines += self._import(
                f".{PARTS_PACKAGE}.{module.module}.{part}",
                [f"{n} as {n}" for n in names],
                indent=4,
            )
        entries = []
        for part, names in parts.items():
            entry = bracketed(
                f"{pystr(part)}: (",
                [pystr(n) for n in names],
                "),",
                indent=12,
                line_length=length,
                one_tuple=True,
                collection=True,
            )
            entries.append("\n".join(entry))
        table = [
            "    __getattr__, __dir__, __all__ = lazy_module(",
            "        __name__,",
            "        {",
            *entries,
            "        },",
            "    )",
        ]
        view = FaceView(
            header=service_header(module),
            docstring=self._face_docstring(),
            type_imports="\n".join(lines),
            table="\n".join(table),
            module=module.module,
            parts=parts,
        )
        return render_template(self.renderer.overrides, "face.py.jinja", face=view)

    def _face_docstring(self) -> str:
        doc = list(self.renderer.module_paragraphs(self.module))
        doc.append(
            f"The classes are defined in ``{PARTS_PACKAGE}.{self.module.module}``, in "
            "parts imported on first use, so this module imports quickly; import "
            "them from here."
        )
        return docs.docstring(doc, 0, self.length)

    # -- parts ---------------------------------------------------------------------

    def _part_head(
        self, part: str, names: tuple[str, ...], imports: list[str], used: list[str]
    ) -> str:
        """``used``: the generated names the part's code refers to, for type
        checkers (at run time the runtime resolves them through the module)."""
        module = self.module
        what = {
            CLIENT_PART: "The typed client",
            AIO_CLIENT_PART: "The asynchronous typed client",
            ENUMS_PART: "The enums",
        }.get(part, "Classes")
        single = part in (CLIENT_PART, AIO_CLIENT_PART)
        text = (
            f"{what} of the ``{module.module}`` module, loaded when first used: "
            f"import {'it' if single else 'them'} from there."
        )
        type_imports = ""
        if used:
            type_imports = "\n".join(
                [
                    "if TYPE_CHECKING:",
                    *self._import(f"...{module.module}", used, indent=4),
                ]
            )
        view = PartView(
            header=service_header(module),
            docstring=docs.docstring([text], 0, self.length),
            imports="\n".join(imports),
            type_imports=type_imports,
            module=module.module,
            names=names,
        )
        return render_template(self.renderer.overrides, "part.py.jinja", part=view)

    def _standard_imports(self, used: set[str], type_checking: bool) -> list[str]:
        """What the part's code uses of what the whole module imported from the
        standard library: an import a part does not use is an error to linters
        and to pyright's strict mode."""
        imports = self.imports.names
        std = ["import builtins"] if self.imports.uses_builtins else []
        std += [f"import {name}" for name in ("datetime", "typing") if name in imports]
        std = [line for line in std if line.split()[-1] in used]
        typing = ["ClassVar"] if "ClassVar" in used else []
        typing += ["TYPE_CHECKING"] if type_checking else []
        typing += ["Literal"] if "Literal" in imports & used else []
        if typing:
            std.append(f"from typing import {', '.join(typing)}")
        return std

    def _class_imports(
        self, members: list[tuple[StructClass, str]], type_checking: bool
    ) -> list[str]:
        used = _referenced(text for _, text in members)
        std = self._standard_imports(used, type_checking)
        local = []
        if any(c.uses_client for c, _ in members):
            local.append("from ... import _client")
        runtime = self.imports.runtime_names((c for c, _ in members), used)
        local.append(self._runtime_import(runtime))
        return [*std, "", *local] if std else local

    def _client_imports(
        self, used: set[str], type_checking: bool, asynchronous: bool = False
    ) -> list[str]:
        std = self._standard_imports(used, type_checking)
        local = [
            *(["from ... import _aio"] if asynchronous else []),
            "from ... import _client",
            f"from ... import {self.module.module} as {SHAPES}",
        ]
        runtime = sorted(
            self.imports.names & {"JSONValue", "StreamingBody", "EventStream"} & used
        )
        if runtime:
            local.append(self._runtime_import(runtime))
        return [*std, "", *local] if std else local

    def _runtime_import(self, names: list[str]) -> str:
        return code(self._import(f"...{RUNTIME_MODULE}", names, indent=0))

    def _import(self, source: str, names: list[str], indent: int) -> list[str]:
        return from_import(source, names, indent=indent, line_length=self.length)

    def _client_names(self) -> list[str]:
        """The classes and enums the client's signatures name."""
        assert self.module.client is not None
        used: set[str] = set()
        for op in self.module.client.operations:
            used.update(_names(m.type for m in op.parameters))
            if op.output:
                used.add(op.output)
        return sorted(used)

    def _package_init(self) -> str:
        text = (
            f"Parts of the ``{self.module.module}`` module, imported on first use: "
            "import from that module, never from here."
        )
        return (
            f"{service_header(self.module)}\n{docs.docstring([text], 0, self.length)}\n"
        )


def _names(types: Iterable[PyType]) -> set[str]:
    return {part.name for t in types for part in t.walk() if part.kind.defines_name}


def _referenced(code: Iterable[str]) -> set[str]:
    """The names code reads, annotations included, docstrings and comments not.

    A class is one chunk, a client's method one more indented line of its class:
    joined in order, they are the part's code.
    """
    tree = ast.parse("\n".join(code))
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


def _class_name(head: str) -> str:
    """The name of the class whose head (``client.py.jinja``'s text) is ``head``."""
    for node in ast.parse(head).body:
        if isinstance(node, ast.ClassDef):
            return node.name
    raise ValueError("a client head without a class")
