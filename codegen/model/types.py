"""The kinds of member types, one owner each.

Every kind says, in one place, how the generator writes a member of it: the
annotation, the names a module imports for it, the wider type a constructor or
a client method takes (and the runtime function that narrows it), and the
runtime's notation (``Field.type``), which the runtime reads to load, dump,
check and fill in a member. Its JSON form and its zero value -- what the
runtime does with that notation -- are stated here too; the runtime's tests
hold the runtime to them (tests/test_type_kinds.py). Adding a kind, or
changing one, is a change to this module and to the runtime's reading of its
notation, nowhere else.

A :class:`PyType` is a tree of kinds: lists and maps hold their item types,
a structure or an enum the name of the class or alias the module defines.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from codegen.pyliteral import pystr

Spell = Callable[[str], str]  # spells a builtin name: "list", or "builtins.list"


@dataclass(frozen=True)
class Widening:
    """A wider type a kind is taken as, where boto3 takes more than it returns."""

    runtime: str  # the type alias in ``_runtime`` (and ``_client``): "Blob"
    narrow: str  # the ``_runtime`` function that converts to the member's type


@dataclass(frozen=True, eq=False)
class Kind:
    """One kind of member type. Instances are singletons, compared by identity."""

    name: str
    # the JSON type ``to_json`` writes a value of this kind as ("any": a document)
    json_form: str
    # what the runtime fills in for a required member it never got, as source
    zero: str
    imports: frozenset[str] = frozenset()  # names a module imports when it appears
    # a constructor takes the wider type and narrows it; None: taken as annotated
    constructor: Widening | None = None
    # a client method's parameter type in ``_client``; None: as annotated
    client_parameter: str | None = None
    defines_name: bool = False  # a class or alias the module defines
    needs_client: bool = False  # its annotation names the ``_client`` module

    def annotation(self, t: PyType, spell: Spell) -> str:
        raise NotImplementedError

    def notation(self, t: PyType) -> str:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<kind {self.name}>"


@dataclass(frozen=True, eq=False)
class _Builtin(Kind):
    builtin: str = ""

    def annotation(self, t: PyType, spell: Spell) -> str:
        return spell(self.builtin)

    def notation(self, t: PyType) -> str:
        return self.builtin


@dataclass(frozen=True, eq=False)
class _Fixed(Kind):
    """A kind written the same everywhere: a runtime name or a module path."""

    spelled: str = ""
    notated: str = ""

    def annotation(self, t: PyType, spell: Spell) -> str:
        return self.spelled.format(bytes=spell("bytes"))

    def notation(self, t: PyType) -> str:
        return self.notated


@dataclass(frozen=True, eq=False)
class _Named(Kind):
    """A structure or an enum: the class or alias of that name."""

    def annotation(self, t: PyType, spell: Spell) -> str:
        return t.name

    def notation(self, t: PyType) -> str:
        return t.name


@dataclass(frozen=True, eq=False)
class _Literal(Kind):
    def annotation(self, t: PyType, spell: Spell) -> str:
        return f"Literal[{', '.join(pystr(v) for v in t.values)}]"

    def notation(self, t: PyType) -> str:
        # JSON strings, ASCII only: the notation is read by the runtime's parser
        return f"Literal[{', '.join(json.dumps(v) for v in t.values)}]"


@dataclass(frozen=True, eq=False)
class _List(Kind):
    def annotation(self, t: PyType, spell: Spell) -> str:
        return f"{spell('list')}[{t.args[0].annotation(spell)}]"

    def notation(self, t: PyType) -> str:
        return f"[{t.args[0].notation()}]"


@dataclass(frozen=True, eq=False)
class _Map(Kind):
    def annotation(self, t: PyType, spell: Spell) -> str:
        key, value = (arg.annotation(spell) for arg in t.args)
        return f"{spell('dict')}[{key}, {value}]"

    def notation(self, t: PyType) -> str:
        key, value = (arg.notation() for arg in t.args)
        return f"{{{key}: {value}}}"


STRING = _Builtin("string", "string", '""', builtin="str")
INTEGER = _Builtin("integer", "number", "0", builtin="int")
BOOLEAN = _Builtin("boolean", "boolean", "False", builtin="bool")
FLOAT = _Builtin(
    "float",
    "number",
    "0.0",
    constructor=Widening("Double", "as_float"),
    client_parameter="Double",
    builtin="float",
)
BLOB = _Builtin(
    "blob",
    "string",  # base64
    'b""',
    constructor=Widening("Blob", "as_bytes"),
    client_parameter="Blob",
    builtin="bytes",
)
TIMESTAMP = _Fixed(
    "timestamp",
    "string",  # ISO 8601, in UTC
    "datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)",
    imports=frozenset({"datetime"}),
    constructor=Widening("Timestamp", "as_datetime"),
    client_parameter="Timestamp",
    spelled="datetime.datetime",
    notated="datetime",
)
DOCUMENT = _Fixed(
    "document",
    "any",
    "None",
    imports=frozenset({"JSONValue"}),
    spelled="JSONValue",
    notated="JSONValue",
)
# A streaming blob of a request: bytes, or a file-like object botocore reads.
STREAMING_BLOB = _Fixed(
    "streaming blob",
    "string",  # base64, once read
    'b""',
    imports=frozenset({"StreamingBody"}),
    client_parameter="Blob",
    spelled="{bytes} | StreamingBody",
    notated="StreamingBody",
)
# A streaming blob of a result: botocore's body, read by the caller.
STREAMING_BODY = _Fixed(
    "streaming body",
    "string",  # base64, once read
    'b""',
    needs_client=True,
    # the class's type parameter: botocore's body by default (see _client.Body)
    spelled="_client.Body",
    notated="StreamingBody",
)
# An event stream of a result: botocore's, iterated by the caller.
EVENT_STREAM = _Fixed(
    "event stream",
    "null",
    "None",
    needs_client=True,
    # the class's type parameter: botocore's stream by default (see _client.Events)
    spelled="_client.Events",
    notated="EventStream",
)
# its zero is an instance with every required member at its own zero
STRUCTURE = _Named("structure", "object", "", defines_name=True)
ENUM = _Named("enum", "string", '""', defines_name=True)
LITERAL = _Literal("inline enum", "string", '""', imports=frozenset({"Literal"}))
LIST = _List("list", "array", "[]")
MAP = _Map("map", "object", "{}")

# botocore's scalar shape types, by ``Shape.type_name``.
SCALARS: dict[str, Kind] = {
    "string": STRING,
    "integer": INTEGER,
    "long": INTEGER,
    "float": FLOAT,
    "double": FLOAT,
    "boolean": BOOLEAN,
    "blob": BLOB,
    "timestamp": TIMESTAMP,
}
KINDS: tuple[Kind, ...] = (
    STRING,
    INTEGER,
    BOOLEAN,
    FLOAT,
    BLOB,
    TIMESTAMP,
    DOCUMENT,
    STREAMING_BLOB,
    STREAMING_BODY,
    EVENT_STREAM,
    STRUCTURE,
    ENUM,
    LITERAL,
    LIST,
    MAP,
)


@dataclass(frozen=True)
class PyType:
    """A member's type, as a tree of kinds."""

    kind: Kind
    name: str = ""  # the class or alias name of a structure or an enum
    args: tuple[PyType, ...] = ()  # a list's item type; a map's key and value types
    values: tuple[str, ...] = ()  # an inline enum's values
    # The model's min and max: lengths of strings, blobs, lists and maps, values of
    # numbers. Checked by the runtime's ``validate()``; not part of the annotation.
    minimum: int | float | None = None
    maximum: int | float | None = None

    def walk(self) -> Iterator[PyType]:
        """This type and every type inside it."""
        yield self
        for arg in self.args:
            yield from arg.walk()

    def annotation(self, spell: Spell = str) -> str:
        """The Python type expression; ``spell`` spells builtin names (str, list, ...)."""
        return self.kind.annotation(self, spell)

    def notation(self) -> str:
        """The runtime's notation, bounds included: ``str(1..256)``, ``[Tag](..50)``."""
        text = self.kind.notation(self)
        if self.minimum is None and self.maximum is None:
            return text
        return f"{text}({_number(self.minimum)}..{_number(self.maximum)})"

    def imports(self) -> set[str]:
        """The names a module imports for this type, at any depth."""
        return {name for part in self.walk() for name in part.kind.imports}


def _number(value: int | float | None) -> str:
    return "" if value is None else repr(value)
