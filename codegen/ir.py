"""The intermediate representation: what a service module contains.

It is built by :mod:`codegen.resolver` from a botocore model and read by
:mod:`codegen.render`. It holds plain data only -- names already made safe as
Python identifiers, documentation still as the model's HTML -- and nothing
about templates or formatting, so either side can change on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum

from codegen.layout import pystr


class TypeKind(Enum):
    """What a member's Python type is built from."""

    BUILTIN = "builtin"  # str, int, float, bool, bytes
    DATETIME = "datetime"
    JSON = "json"  # document types and jsonvalue strings
    STREAM = "stream"  # streaming blobs and event streams: botocore's object
    STRUCT = "struct"  # a generated class
    ENUM = "enum"  # a generated Literal alias
    LITERAL = "literal"  # an enum given on a member reference only: Literal[...] inline
    LIST = "list"
    MAP = "map"


@dataclass(frozen=True)
class PyType:
    """A Python type expression, as a tree, so renderers can qualify names."""

    kind: TypeKind
    name: str = ""  # builtin name or generated class/alias name
    args: tuple[PyType, ...] = ()
    values: tuple[str, ...] = ()  # for LITERAL
    # The model's min and max: lengths of strings, blobs, lists and maps, values of
    # numbers. Checked by the runtime's ``validate()``; not part of the expression.
    minimum: int | float | None = None
    maximum: int | float | None = None

    def walk(self) -> Iterator[PyType]:
        """This type and every type inside it."""
        yield self
        for arg in self.args:
            yield from arg.walk()

    def expression(self, builtin: Callable[[str], str] = str) -> str:
        """The Python type expression; ``builtin`` spells builtin names (str, list, ...)."""
        if self.kind is TypeKind.BUILTIN:
            return builtin(self.name)
        if self.kind is TypeKind.DATETIME:
            return "datetime.datetime"
        if self.kind is TypeKind.JSON:
            return "JSONValue"
        if self.kind is TypeKind.STREAM:
            if self.name == "events":
                return "EventStream"
            return f"{builtin('bytes')} | StreamingBody"
        if self.kind is TypeKind.LIST:
            return f"{builtin('list')}[{self.args[0].expression(builtin)}]"
        if self.kind is TypeKind.MAP:
            key, value = (arg.expression(builtin) for arg in self.args)
            return f"{builtin('dict')}[{key}, {value}]"
        if self.kind is TypeKind.LITERAL:
            return f"Literal[{', '.join(pystr(v) for v in self.values)}]"
        return self.name  # STRUCT and ENUM


@dataclass(frozen=True)
class Member:
    """One attribute of a generated class."""

    attribute: str  # Python attribute name, unique in its class
    wire_name: str  # key in botocore's dicts
    type: PyType
    required: bool
    sensitive: bool
    documentation: str  # HTML from the model; may be empty


@dataclass(frozen=True)
class StructClass:
    """A structure shape, rendered as one class."""

    name: str  # Python class name
    shape_name: str  # name in the model
    members: tuple[Member, ...]
    documentation: str
    is_union: bool = False
    roles: tuple[str, ...] = ()  # "input" and/or "output": how operations use it
    # botocore's shape-level ``sensitive`` on the structure: every member is then
    # sensitive too, so the instance shows no value even when printed on its own.
    sensitive_shape: bool = False

    @property
    def sensitive(self) -> tuple[str, ...]:
        return tuple(m.attribute for m in self.members if m.sensitive)


@dataclass(frozen=True)
class EnumAlias:
    """A string shape with an ``enum`` trait, rendered as a ``Literal`` alias."""

    name: str
    shape_name: str
    values: tuple[str, ...]
    documentation: str


@dataclass(frozen=True)
class ServiceModule:
    """Everything generated for one botocore service, sorted for stable output."""

    module: str  # Python module name
    service_name: str  # botocore service name
    api_version: str
    uid: str  # metadata.uid, used for documentation links; may be empty
    full_name: str  # serviceFullName
    documentation: str
    classes: tuple[StructClass, ...] = ()
    aliases: tuple[EnumAlias, ...] = ()
    roots: tuple[str, ...] = field(default=())  # requested shapes; empty = all
