"""The intermediate representation: what a service module contains.

It is built by :mod:`codegen.model.resolver` from a botocore model and read by
:mod:`codegen.render`. It holds plain data only -- names already made safe as
Python identifiers, documentation still as the model's HTML, member types as
trees of :mod:`codegen.model.types` -- and nothing about templates or layout,
so either side can change on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codegen.model.types import EVENT_STREAM, STREAMING_BODY, PyType


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

    @property
    def streams_body(self) -> bool:
        """An output with a streaming body: generic in the body's type, which
        the synchronous and the asynchronous clients read differently."""
        return any(m.type.kind is STREAMING_BODY for m in self.members)

    @property
    def uses_client(self) -> bool:
        """Whether the class's code names the client runtime (``_client``): an
        error class, or a member typed by it (a streaming body, an event stream)."""
        return bool(self.error_code) or any(
            part.kind.needs_client for m in self.members for part in m.type.walk()
        )

    @property
    def streams_events(self) -> bool:
        """An output with an event stream: generic in the stream's type, as
        :attr:`streams_body` is in the body's."""
        return any(m.type.kind is EVENT_STREAM for m in self.members)


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
