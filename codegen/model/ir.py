"""The intermediate representation: what a service module contains.

It is built by :mod:`codegen.model.resolver` from a botocore model and read by
:mod:`codegen.render.module`. It holds plain data only -- names already made safe as
Python identifiers, documentation still as the model's HTML -- and nothing
about templates or formatting, so either side can change on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum

from codegen.render.layout import pystr


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
            if self.name == "body":  # a streaming result: the client layer's protocol
                return "_client.StreamingBody"
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
    error_code: str = ""  # an error shape's code: the class is an exception

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
    client: Client | None = None  # operations, when any were generated


@dataclass(frozen=True)
class Operation:
    """One operation of a service, as a method of the typed client."""

    name: str  # name in the model: GetObject
    method: str  # Python method name, unique in the client class
    boto_method: str  # the method botocore's client has for it: get_object
    input: str  # input class name, or "" when the operation takes nothing
    output: str  # output class name, or "" when it returns nothing
    parameters: tuple[Member, ...]  # the input class's members
    errors: tuple[str, ...]  # error class names
    documentation: str
    paginator: str = ""  # paginate_ method name, when botocore can paginate it
    paginator_skips: tuple[str, ...] = ()  # attributes the paginator sets itself

    @property
    def paginated_parameters(self) -> tuple[Member, ...]:
        return tuple(
            p for p in self.parameters if p.attribute not in self.paginator_skips
        )


@dataclass(frozen=True)
class Waiter:
    """A botocore waiter, as a ``wait_`` method of the typed client."""

    name: str  # name in the waiter model: BucketExists
    method: str  # Python method name: wait_bucket_exists
    boto_name: str  # botocore's snake-case waiter name: bucket_exists
    operation: Operation


@dataclass(frozen=True)
class Client:
    """The typed client class of a service module."""

    name: str  # S3Client, as botocore names the client class, plus "Client"
    operations: tuple[Operation, ...]
    waiters: tuple[Waiter, ...]
    errors: tuple[tuple[str, str], ...]  # (error code, class name), sorted by code
