"""Runtime support shared by the generated classes.

Each generated class lists its members in ``_FIELDS``; the behaviour every class
shares lives here once instead of in every class, which keeps the modules small
and fast to import:

* conversion from and to botocore's dicts, and to and from JSON;
* equality, copies, and a ``repr`` that never shows a sensitive value;
* :meth:`Struct.validate`, which checks everything the model states.

Conversion is compiled: on first use, each class gets a loader, a dumper and a
``repr`` written as Python source with its members unrolled (as attrs and cattrs
do), so a conversion costs little more than a plain walk over the dict. A dumper
also holds the bodies of its child classes, shaped by the instance it is first
called with (see :class:`_DumpWriter`).
Only attribute names (identifiers by construction, checked again here) and
``repr`` of wire names reach that source; classes are bound as values.

Loading is forgiving, as Smithy asks of clients ("client error correction"):

* keys a class does not know, such as members added by a newer API version, are
  kept on the instance and written back by ``to_dict``;
* a required member missing from a response takes the zero value of its type
  (``False``, ``0``, ``0.0``, ``""``, ``b""``, an empty list or dict, the epoch as
  an aware UTC datetime, ``""`` for an enum, a corrected instance for a
  structure), so the annotations stay true; the instance records which members
  it filled, ``to_dict`` leaves them out, and ``validate()`` reports them missing;
* data that does not fit a shape's structure raises :class:`MemberError` naming
  the path from the root in wire names.

Constructors still require the required members.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import importlib
import itertools
import json
import keyword
import linecache
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from operator import attrgetter
from types import ModuleType
from typing import (
    Any,
    ClassVar,
    NamedTuple,
    Protocol,
    TypeAlias,
    TypeVar,
    Union,
    cast,
    overload,
)

__all__ = [
    "REDACTED",
    "Blob",
    "Double",
    "EventStream",
    "Field",
    "JSONValue",
    "MemberError",
    "Readable",
    "StreamingBody",
    "Struct",
    "Timestamp",
    "UnionStruct",
    "ValidationError",
    "as_bytes",
    "as_datetime",
    "as_float",
    "filled_members",
    "lazy_module",
    "struct_fields",
    "unknown_members",
]

JSONValue: TypeAlias = Union[
    None, bool, int, float, str, list["JSONValue"], dict[str, "JSONValue"]
]
"""A document value: what botocore gives and takes for document types."""


class Readable(Protocol):
    """A binary file object: what boto3 reads a blob parameter from."""

    def read(self, size: int = ..., /) -> bytes: ...


Blob: TypeAlias = Union[bytes, bytearray, str, Readable]
"""A blob as boto3 takes it: bytes, a string (sent as UTF-8) or a binary file object."""

Timestamp: TypeAlias = Union[datetime.datetime, str, int, float]
"""A timestamp as boto3 takes it: a datetime, an ISO 8601 string, or seconds since
the epoch."""

Double: TypeAlias = Union[float, Decimal]
"""A floating-point number as boto3 takes it: a float, an int or a Decimal."""

REDACTED = "<sensitive>"
"""What ``repr`` and the redacted forms show in place of a sensitive value."""

_IGNORED_KEYS = frozenset({"ResponseMetadata"})
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)

_S = TypeVar("_S", bound="Struct")
_Function: TypeAlias = Callable[..., Any]


class StreamingBody(Protocol):
    """A streaming payload, such as botocore's ``StreamingBody``."""

    def read(self, amt: int | None = ..., /) -> bytes: ...


class EventStream(Protocol):
    """An event stream, such as botocore's ``EventStream``: events as dicts."""

    def __iter__(self) -> Iterator[dict[str, Any]]: ...


class MemberError(ValueError):
    """A dict or constructor call does not fit the shape of a class.

    ``path`` names where, from the root class, in wire names
    (``Response.AuditImages[1].BoundingBox``); ``problem`` says what is wrong.
    """

    def __init__(self, message: str, path: str = "", problem: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.problem = problem or message


class ValidationError(ValueError):
    """Raised by :meth:`Struct.validate`: every problem found, each with its path."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        """``(path, problem)`` pairs, paths in wire names from the root class."""
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        lines = "".join(f"\n  {path}: {problem}" for path, problem in problems)
        super().__init__(f"{count}:{lines}")


class Field(NamedTuple):
    """One member of a generated class.

    ``type`` is the member's type in a small notation: ``str``, ``int``,
    ``float``, ``bool``, ``bytes``, ``datetime``, ``JSONValue``,
    ``StreamingBody``, ``EventStream``, the name of a generated class or enum
    alias of the same module, ``Literal["a", "b"]`` (JSON strings), ``[T]`` for a
    list, ``{K: V}`` for a map; any of them may end in bounds, ``(1..256)``,
    ``(..10)``: the model's min and max lengths or values.
    """

    attribute: str
    key: str
    type: str = ""
    required: bool = False


# -- types ---------------------------------------------------------------------


class _Type(NamedTuple):
    kind: str  # a scalar name, "struct", "enum", "Literal", "list", "map" or ""
    name: str = ""
    args: tuple[_Type, ...] = ()
    low: float | None = None
    high: float | None = None
    values: frozenset[str] = frozenset()
    cls: Any = None  # the class of a struct


_SCALARS = frozenset(
    {
        "str",
        "int",
        "float",
        "bool",
        "bytes",
        "datetime",
        "JSONValue",
        "StreamingBody",
        "EventStream",
    }
)
_TOKEN = re.compile(
    r"\s*(?:(?P<name>[A-Za-z_]\w*)|(?P<number>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)"
    r'|(?P<punct>\.\.|[\[\]{}():,"]))'
)


class _Spec:
    """Reads the notation of :attr:`Field.type`; names resolve in ``namespace``."""

    def __init__(self, text: str, namespace: _Names) -> None:
        self.text = text
        self.at = 0
        self.namespace = namespace

    def parse(self) -> _Type:
        if not self.text.strip():
            return _Type("")
        result = self.type()
        if self.text[self.at :].strip():
            self.fail()
        return result

    def fail(self) -> Any:
        raise TypeError(f"bad member type {self.text!r} at {self.at}")

    def token(self) -> tuple[str, str]:
        match = _TOKEN.match(self.text, self.at)
        if match is None or match.lastgroup is None:
            return self.fail()  # type: ignore[no-any-return]
        self.at = match.end()
        return match.lastgroup, match.group(match.lastgroup)

    def peek(self) -> str:
        match = _TOKEN.match(self.text, self.at)
        return "" if match is None else match.group(match.lastgroup or 0)

    def expect(self, text: str) -> None:
        if self.token()[1] != text:
            self.fail()

    def type(self) -> _Type:
        kind, text = self.token()
        if text == "[":
            item = self.type()
            self.expect("]")
            result = _Type("list", args=(item,))
        elif text == "{":
            key = self.type()
            self.expect(":")
            value = self.type()
            self.expect("}")
            result = _Type("map", args=(key, value))
        elif text == "Literal":
            self.expect("[")
            values = [self.string()]
            while self.peek() == ",":
                self.token()
                values.append(self.string())
            self.expect("]")
            result = _Type("Literal", values=frozenset(values))
        elif kind == "name" and text in _SCALARS:
            result = _Type(text)
        elif kind == "name":
            target = self.namespace.get(text)
            if isinstance(target, type) and issubclass(target, Struct):
                result = _Type("struct", text, cls=target)
            elif target is not None:
                result = _Type("enum", text, values=frozenset(_enum_values(target)))
            else:
                raise TypeError(f"member type {text!r} is not defined")
        else:
            return self.fail()  # type: ignore[no-any-return]
        if self.peek() == "(":
            self.token()
            low = self.number(")", "..")
            self.expect("..")
            high = self.number(")")
            self.expect(")")
            result = result._replace(low=low, high=high)
        return result

    def string(self) -> str:
        self.expect('"')
        value, end = json.JSONDecoder().raw_decode(self.text, self.at - 1)
        self.at = end
        if not isinstance(value, str):
            self.fail()
        return str(value)

    def number(self, *ends: str) -> float | None:
        if self.peek() in ends:
            return None
        kind, text = self.token()
        if kind != "number":
            self.fail()
        return float(text) if any(c in text for c in ".eE") else int(text)


def _enum_values(alias: Any) -> tuple[str, ...]:
    return tuple(v for v in getattr(alias, "__args__", ()) if isinstance(v, str))


# -- compiled conversions ------------------------------------------------------------


class _Names:
    """A module's names, looked up as attributes: so a split module (see
    :func:`lazy_module`) loads the part that defines a name when it is needed."""

    __slots__ = ("module",)

    def __init__(self, module: ModuleType) -> None:
        self.module = module

    def get(self, name: str) -> Any:
        return getattr(self.module, name, None)


class _Plan:
    """What a class needs at run time, built on first use."""

    def __init__(self, owner: type[Struct]) -> None:
        namespace = _Names(sys.modules[owner.__module__])
        self.owner = owner
        self.fields = struct_fields(owner)
        self.types = tuple(_Spec(f.type, namespace).parse() for f in self.fields)
        self.attributes = tuple(f.attribute for f in self.fields)
        for attribute in self.attributes:
            if not attribute.isidentifier() or keyword.iskeyword(attribute):
                raise TypeError(f"{owner.__name__}: bad attribute name {attribute!r}")
        self.keys = {f.attribute: f.key for f in self.fields}
        self.known = frozenset(self.keys.values())
        self.sensitive = frozenset(owner.SENSITIVE)
        if not self.attributes:
            self.values: Callable[[Any], Any] = lambda instance: ()
        else:
            self.values = attrgetter(*self.attributes)
        self.load: _Function = _compile_load(self)
        self.dump: _Function = _compile_dump(self, redact=False)
        self.dump_redacted: _Function = _compile_dump(self, redact=True)
        self.repr: _Function = _compile_repr(self)


_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    """The plan of ``cls``: that of the class in its MRO that declares ``_FIELDS``.

    That class's module is where the names in its member types are defined; a
    subclass in another module shares its plan.
    """
    plan = _PLANS.get(cls)
    if plan is None:
        owner = next(c for c in cls.__mro__ if "_FIELDS" in vars(c))
        if owner.__module__ == __name__:  # a class with no members of its own
            owner = cls
        plan = _PLANS.get(owner)
        if plan is None:
            plan = _PLANS[owner] = _Plan(owner)
        _PLANS[cls] = plan
    return plan


class _Source:
    """Python source for one function, with the values it uses bound by name."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.env: dict[str, Any] = {
            "_as_list": _as_list,
            "_as_map": _as_map,
            "_copy": _copy,
            "_map_values": _map_values,
            "_fill": _fill,
            "_extra_of": _extra_of,
            "_apply_extra": _apply_extra,
            "_dump_other": _dump_other,
            "_R": REDACTED,
        }

    def bind(self, value: Any) -> str:
        name = f"_b{len(self.env)}"
        self.env[name] = value
        return name

    def late(self, cls: type, what: str) -> str:
        """A name for ``cls``'s compiled ``what``, compiled when first called."""
        name = f"_b{len(self.env)}"
        env = self.env

        def first_call(*args: Any) -> Any:
            result = getattr(_plan(cls), what)(*args)
            env[name] = getattr(_plan(cls), what)  # compiled by now, if it was late
            return result

        env[name] = first_call
        return name

    def function(self, name: str, owner: type, what: str = "") -> _Function:
        """The function ``name`` defined by the lines, compiled under a file name
        of its own whose source :mod:`linecache` holds, as attrs does: so a
        traceback, ``pdb`` or a profiler shows the generated line."""
        source = "\n".join(self.lines) + "\n"
        filename = (
            f"<codegen {what or name} {owner.__module__}.{owner.__qualname__}"
            f" {next(_COMPILED)}>"
        )
        linecache.cache[filename] = (
            len(source),
            None,  # no modification time: checkcache() keeps the entry
            source.splitlines(keepends=True),
            filename,
        )
        exec(compile(source, filename, "exec"), self.env)
        function: _Function = self.env[name]
        return function


_COMPILED = itertools.count(1)  # makes each compiled function's file name unique


def _load_expr(t: _Type, value: str, depth: int, src: _Source) -> str | None:
    """An expression converting ``value`` from botocore's form, or None: kept as is.

    Lists and maps of structures go through ``map``, so the loop runs in C.
    """
    if t.kind == "struct":
        return f"{src.late(t.cls, 'load')}({value}, {src.bind(t.cls)})"
    if t.kind == "JSONValue":
        return f"_copy({value})"
    item = f"x{depth}"
    if t.kind == "list":
        checked = f"({value} if {value}.__class__ is list else _as_list({value}))"
        if t.args[0].kind == "struct":
            return f"list(map({src.late(t.args[0].cls, 'load')}, {checked}))"
        inner = _load_expr(t.args[0], item, depth + 1, src)
        if inner is None:
            return (
                f"({value}.copy() if {value}.__class__ is list else _as_list({value}))"
            )
        return f"[{inner} for {item} in {checked}]"
    if t.kind == "map":
        checked = f"({value} if {value}.__class__ is dict else _as_map({value}))"
        if t.args[1].kind == "struct":
            return f"_map_values({src.late(t.args[1].cls, 'load')}, {checked})"
        inner = _load_expr(t.args[1], item, depth + 1, src)
        if inner is None:
            return (
                f"({value}.copy() if {value}.__class__ is dict else _as_map({value}))"
            )
        return f"{{k{depth}: {inner} for k{depth}, {item} in {checked}.items()}}"
    return None


def _compile_load(plan: _Plan) -> _Function:
    src = _Source()
    add = src.lines.append
    add(f"def load(data, cls={src.bind(plan.owner)}):")
    add("    get = data.get")
    add("    self = cls.__new__(cls)")
    add("    n = 0")
    add("    filled = None")
    for field, t in zip(plan.fields, plan.types):
        add(f"    v = get({field.key!r})")
        convert = _load_expr(t, "v", 0, src)
        if field.required:
            add("    if v is None:")
            add(f"        v = {src.bind(_zero_factory(t))}()")
            add(f"        filled = _fill(filled, {field.attribute!r}, v)")
            add("    else:")
        else:
            add("    if v is not None:")
        add("        n += 1")
        if convert is not None:
            add(f"        v = {convert}")
        add(f"    self.{field.attribute} = v")
    add("    if n != len(data) or filled is not None:")
    add(f"        self._extra = _extra_of(data, {src.bind(plan.known)}, filled)")
    add("    else:")
    add("        self._extra = None")
    add("    return self")
    return src.function("load", plan.owner)


_INLINE_LINES = 400
"""How long a compiled dumper may grow by inlining the dumpers of its children."""
_INLINE_REPEAT = 3
"""How many times a recursive class (a DynamoDB ``AttributeValue``) is unrolled."""


class _DumpWriter:
    """Writes the dumper of one class, the dumpers of its child classes inlined.

    A call per nested instance costs as much as a small instance's members, so
    the bodies of child classes are written into their parent's function (a
    ``for`` loop for a list or map of them) until the function reaches
    :data:`_INLINE_LINES`; past that, and for a class already unrolled
    :data:`_INLINE_REPEAT` times, the child's own dumper is called.

    The writer is led by a sample, the instance of the first call: where a
    child is a structure (not a union), its inlined body is one test of which
    members are set, as in the sample, and a dict display of them, which is
    cheaper than growing a dict one member at a time (the items of a list in a
    response mostly have the same members set); when the test fails, the
    child's own dumper is called. Which code runs changes with the sample, the
    result never does.

    An inlined body runs only for an instance of exactly the declared class;
    any other value goes to :func:`_dump_other`, which honours a subclass's own
    ``to_dict`` and rejects what is no instance.
    """

    def __init__(self, redact: bool) -> None:
        self.src = _Source()
        self.redact = redact
        self.what = "dump_redacted" if redact else "dump"
        self.lines = self.src.lines
        self.count = 0
        self.keys: dict[type, str] = {}

    def name(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def write(self, plan: _Plan, sample: Any) -> _Function:
        self.lines.append("def dump(self):")
        result = self.struct(plan, "self", 1, (plan.owner,), sample)
        self.lines.append(f"    return {result}")
        return self.src.function("dump", plan.owner, self.what)

    def struct(
        self,
        plan: _Plan,
        instance: str,
        indent: int,
        stack: tuple[type, ...],
        sample: Any,
    ) -> str:
        """Statements building the dict of ``instance``, exactly of ``plan``'s class,
        one member at a time."""
        pad = "    " * indent
        add = self.lines.append
        data = self.name("d")
        add(f"{pad}{data} = {{}}")
        for field, t in zip(plan.fields, plan.types):
            member = f"{instance}.{field.attribute}"
            key = repr(field.key)
            if self.redact and field.attribute in plan.sensitive:
                add(f"{pad}if {member} is not None:")
                add(f"{pad}    {data}[{key}] = _R")
                continue
            value = self.name("v")
            start = len(self.lines)
            add(f"{pad}if ({value} := {member}) is not None:")
            part = getattr(sample, field.attribute, None)
            convert = self.value(t, value, indent + 1, stack, plan, field, part)
            if convert is None:
                # Kept as it is: test the attribute, load it again only when set.
                del self.lines[start:]
                add(f"{pad}if {member} is not None:")
                add(f"{pad}    {data}[{key}] = {member}")
            else:
                add(f"{pad}    {data}[{key}] = {convert}")
        self.extra(plan, instance, data, pad)
        return data

    def display(
        self,
        plan: _Plan,
        instance: str,
        indent: int,
        stack: tuple[type, ...],
        sample: Any,
        cls: str,
        other: str,
    ) -> str:
        """``instance``'s dict as one display when its members set are the
        sample's, else from its class's own dumper."""
        pad = "    " * indent
        add = self.lines.append
        tests = [f"{instance}.__class__ is {cls}"]
        members: list[tuple[Field, _Type, str, Any]] = []
        for field, t in zip(plan.fields, plan.types):
            member = f"{instance}.{field.attribute}"
            part = getattr(sample, field.attribute, None)
            if part is None:
                tests.append(f"{member} is None")
            else:
                value = self.name("p")
                tests.append(f"({value} := {member}) is not None")
                members.append((field, t, value, part))
        add(f"{pad}if {' and '.join(tests)}:")
        items: list[str] = []
        for field, t, value, part in members:
            if self.redact and field.attribute in plan.sensitive:
                convert: str | None = "_R"
            else:
                convert = self.value(t, value, indent + 1, stack, plan, field, part)
            items.append(f"{field.key!r}: {convert or value}")
        data = self.name("d")
        add(f"{pad}    {data} = {{{', '.join(items)}}}")
        self.extra(plan, instance, data, pad + "    ")
        call = self.src.late(plan.owner, self.what)
        add(f"{pad}else:")
        add(
            f"{pad}    {data} = {call}({instance}) if {instance}.__class__ is {cls} else {other}"
        )
        return data

    def extra(self, plan: _Plan, instance: str, data: str, pad: str) -> None:
        """Statements writing back the unknown keys and leaving out filled members."""
        add = self.lines.append
        keys = self.keys.get(plan.owner)
        if keys is None:
            keys = self.keys[plan.owner] = self.src.bind(plan.keys)
        extra = self.name("e")
        redact_all = self.redact and plan.owner.SENSITIVE_SHAPE
        add(f"{pad}try:")
        add(f"{pad}    {extra} = {instance}._extra")
        add(f"{pad}except AttributeError:  # made without the generated constructor")
        add(f"{pad}    {extra} = None")
        add(f"{pad}if {extra} is not None:")
        add(f"{pad}    _apply_extra({instance}, {data}, {extra}, {keys}, {redact_all})")

    def value(
        self,
        t: _Type,
        value: str,
        indent: int,
        stack: tuple[type, ...],
        owner: _Plan,
        field: Field,
        sample: Any,
    ) -> str | None:
        """An expression for ``value`` in botocore's form, after the statements
        it needs; None: kept as it is."""
        pad = "    " * indent
        add = self.lines.append
        kind = t.kind
        if kind == "struct":
            cls = self.src.bind(t.cls)
            where = f"{owner.owner.__name__}.{field.key}"
            other = f"_dump_other({value}, {cls}, {self.redact}, {where!r})"
            if len(self.lines) >= _INLINE_LINES or stack.count(t.cls) >= _INLINE_REPEAT:
                call = self.src.late(t.cls, self.what)
                return f"({call}({value}) if {value}.__class__ is {cls} else {other})"
            plan = _plan(t.cls)
            stack += (t.cls,)
            if type(sample) is t.cls and not issubclass(t.cls, UnionStruct):
                return self.display(plan, value, indent, stack, sample, cls, other)
            if type(sample) is not t.cls:
                sample = None
            add(f"{pad}if {value}.__class__ is {cls}:")
            data = self.struct(plan, value, indent + 1, stack, sample)
            add(f"{pad}else:")
            add(f"{pad}    {data} = {other}")
            return data
        if kind == "JSONValue":
            return f"_copy({value})"
        if kind not in ("list", "map"):
            return None
        item = self.name("x")
        start = len(self.lines)
        if kind == "list":
            first: Any = (
                cast("Sequence[Any]", sample)[0]
                if type(sample) is list and sample
                else None
            )
            convert = self.value(
                t.args[0], item, indent + 1, stack, owner, field, first
            )
            if convert is None:
                return f"list({value})"
            if len(self.lines) == start:
                return f"[{convert} for {item} in {value}]"
            result = self.name("l")
            self.lines[start:start] = [
                f"{pad}{result} = []",
                f"{pad}for {item} in {value}:",
            ]
            add(f"{pad}    {result}.append({convert})")
            return result
        key = self.name("k")
        first = None
        if type(sample) is dict:
            first = next(iter(cast("Mapping[Any, Any]", sample).values()), None)
        convert = self.value(t.args[1], item, indent + 1, stack, owner, field, first)
        if convert is None:
            return f"dict({value})"
        if len(self.lines) == start:
            return f"{{{key}: {convert} for {key}, {item} in {value}.items()}}"
        result = self.name("m")
        self.lines[start:start] = [
            f"{pad}{result} = {{}}",
            f"{pad}for {key}, {item} in {value}.items():",
        ]
        add(f"{pad}    {result}[{key}] = {convert}")
        return result


def _compile_dump(plan: _Plan, redact: bool) -> _Function:
    """The dumper of ``plan``'s class, written on its first call, led by that
    call's instance; writing it needs the plans of the child classes, which
    may need this one."""
    what = "dump_redacted" if redact else "dump"

    def first_call(instance: Any) -> Any:
        function = _DumpWriter(redact).write(plan, instance)
        setattr(plan, what, function)
        return function(instance)

    return first_call


def _dump_other(value: Any, cls: type[Struct], redact: bool, where: str) -> Any:
    """A member's value that is not exactly of its declared class: a subclass
    dumps itself (its own ``to_dict``); anything else is an error."""
    if isinstance(value, cls):
        return value.to_dict(redact=redact)
    raise TypeError(f"{where}: expected {cls.__name__}, got {type(value).__name__}")


def _compile_repr(plan: _Plan) -> _Function:
    src = _Source()
    shown: list[str] = []
    for attribute in plan.attributes:
        if attribute in plan.sensitive:
            shown.append(
                f"{attribute}={{_R if self.{attribute} is not None else None}}"
            )
        else:
            shown.append(f"{attribute}={{self.{attribute}!r}}")
    body = ", ".join(shown)
    src.lines.append("def repr_(self):")
    src.lines.append(f'    return f"{{self.__class__.__name__}}({body})"')
    return src.function("repr_", plan.owner, "repr")


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        items = cast("Iterable[Any]", value)
        return list(items)
    raise TypeError(f"expected a list, got {type(value).__name__}")


def _as_map(value: Any) -> dict[Any, Any]:
    if isinstance(value, Mapping):
        mapping = cast("Mapping[object, Any]", value)
        return dict(mapping)
    raise TypeError(f"expected a mapping, got {type(value).__name__}")


def _map_values(convert: _Function, mapping: Mapping[Any, Any]) -> dict[Any, Any]:
    return dict(zip(mapping, map(convert, mapping.values())))


def _copy(value: Any) -> Any:
    """A deep copy of a JSON-like value: its lists and dicts are new."""
    if isinstance(value, list):
        items = cast("Sequence[Any]", value)
        return [_copy(v) for v in items]
    if isinstance(value, dict):
        mapping = cast("Mapping[Any, Any]", value)
        return {k: _copy(v) for k, v in mapping.items()}
    return value


def _fill(filled: dict[str, Any] | None, attribute: str, value: Any) -> dict[str, Any]:
    if filled is None:
        filled = {}
    filled[attribute] = value
    return filled


_Extra: TypeAlias = "tuple[dict[str, Any] | None, dict[str, Any] | None]"


def _extra_of(
    data: Mapping[str, Any], known: frozenset[str], filled: dict[str, Any] | None
) -> _Extra | None:
    """Keys kept beside the members: unknown ones, and known ones given as null."""
    unknown = {
        k: _copy(v)
        for k, v in data.items()
        if (v is None or k not in known) and k not in _IGNORED_KEYS
    }
    if not unknown and filled is None:
        return None
    return unknown or None, filled


def _apply_extra(
    instance: Any,
    data: dict[str, Any],
    extra: _Extra,
    keys: dict[str, str],
    redact_all: bool,
) -> None:
    unknown, filled = extra
    for attribute, zero in (filled or {}).items():
        if getattr(instance, attribute) is zero:
            data.pop(keys[attribute], None)
    for key, value in (unknown or {}).items():
        if key not in data:
            data[key] = REDACTED if redact_all and value is not None else _copy(value)


def _extra(instance: Any) -> _Extra:
    extra: _Extra | None = getattr(instance, "_extra", None)
    return extra or (None, None)


def _zero_factory(t: _Type) -> Callable[[], Any]:
    kind = t.kind
    if kind in ("str", "enum", "Literal"):
        return str
    if kind in ("bytes", "StreamingBody"):
        return bytes
    if kind in ("int", "float", "bool", "list"):
        factory: Callable[[], Any] = {"int": int, "float": float, "bool": bool}.get(
            kind, list
        )
        return factory
    if kind == "map":
        return dict
    if kind == "datetime":
        return lambda: _EPOCH
    if kind == "struct":
        cls = t.cls
        return lambda: _zero(cls, frozenset())
    return lambda: None


def _zero(cls: type[Struct], building: frozenset[type]) -> Any:
    """An instance with every required member at its zero value, recorded as filled."""
    if cls in building:
        return None  # a structure that requires itself: stop the recursion here
    plan = _plan(cls)
    instance = cls.__new__(cls)
    filled: dict[str, Any] = {}
    for field, t in zip(plan.fields, plan.types):
        value = None
        if field.required:
            if t.kind == "struct":
                value = _zero(t.cls, building | {cls})
            else:
                value = _zero_factory(t)()
            filled[field.attribute] = value
        setattr(instance, field.attribute, value)
    # _extra is a slot of every generated class, not of Struct itself
    setattr(instance, "_extra", (None, filled or None))  # noqa: B010
    return instance


# -- errors with a path ---------------------------------------------------------------


def _explain(cls: type, data: Any, error: Exception) -> None:
    """Re-walk ``data`` after a failed load: raise a MemberError naming where it fails."""
    problem = _misfit(_Type("struct", cls.__name__, cls=cls), data, "")
    if problem is not None:
        path, text = problem
        raise MemberError(f"{cls.__name__}{path}: {text}", path, text) from error


def _key(key: object) -> str:
    """A map key as paths show it: a JSON string (``["a"]``), else its repr."""
    return json.dumps(key) if isinstance(key, str) else repr(key)


def _misfit(t: _Type, value: Any, path: str) -> tuple[str, str] | None:
    kind = t.kind
    if kind == "struct":
        if not isinstance(value, Mapping):
            return path, f"expected a mapping, got {type(value).__name__}"
        plan = _plan(t.cls)
        for field, member in zip(plan.fields, plan.types):
            item = cast("Mapping[str, Any]", value).get(field.key)
            if item is not None:
                found = _misfit(member, item, f"{path}.{field.key}")
                if found:
                    return found
    elif kind == "list":
        if not isinstance(value, (list, tuple)):
            return path, f"expected a list, got {type(value).__name__}"
        for index, item in enumerate(cast("Iterable[Any]", value)):
            found = _misfit(t.args[0], item, f"{path}[{index}]")
            if found:
                return found
    elif kind == "map":
        if not isinstance(value, Mapping):
            return path, f"expected a mapping, got {type(value).__name__}"
        for key, item in cast("Mapping[object, Any]", value).items():
            found = _misfit(t.args[1], item, f"{path}[{_key(key)}]")
            if found:
                return found
    return None


# -- validation -----------------------------------------------------------------------

_SCALAR_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "enum": (str,),
    "Literal": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "bytes": (bytes, bytearray),
    "datetime": (datetime.datetime,),
}


def _validate(
    instance: Struct, path: str, problems: list[tuple[str, str]], unknown_too: bool
) -> None:
    """Append what is wrong with ``instance`` at ``path`` to ``problems``; its
    unknown members too when ``unknown_too``."""
    plan = _plan(type(instance))
    unknown, filled = _extra(instance)
    set_members = 0
    for field, t in zip(plan.fields, plan.types):
        value = getattr(instance, field.attribute)
        where = f"{path}.{field.key}"
        if value is None or (filled and filled.get(field.attribute, ...) is value):
            if field.required:
                problems.append((where, "required member is missing"))
            continue
        set_members += 1
        _check(t, value, where, problems, unknown_too)
    for key, value in (unknown or {}).items():
        if key not in plan.known:
            set_members += 1
            if unknown_too:
                problems.append((f"{path}.{key}", "unknown member"))
        elif value is None:
            t = next(t for f, t in zip(plan.fields, plan.types) if f.key == key)
            if t.kind != "JSONValue":
                problems.append((f"{path}.{key}", "null value"))
    if isinstance(instance, UnionStruct) and set_members != 1:
        problems.append((path, f"a union takes exactly one member, got {set_members}"))


def _check(
    t: _Type,
    value: Any,
    path: str,
    problems: list[tuple[str, str]],
    unknown_too: bool,
) -> None:
    kind = t.kind
    expected = _SCALAR_TYPES.get(kind)
    if expected is not None:
        if not isinstance(value, expected) or (
            isinstance(value, bool) and kind != "bool"
        ):
            problems.append((path, f"expected {kind}, got {type(value).__name__}"))
            return
        scalar: Any = value
        if kind == "datetime" and scalar.utcoffset() is None:
            problems.append((path, "expected an aware datetime, got a naive one"))
        if t.values and scalar not in t.values:
            problems.append((path, f"unknown enum value {scalar!r}"))
        if kind in ("str", "enum", "Literal", "bytes"):
            _bounds(t, len(scalar), path, problems, "length")
        elif kind != "datetime":
            _bounds(t, scalar, path, problems, "value")
    elif kind == "struct":
        if not isinstance(value, t.cls):
            problems.append((path, f"expected {t.name}, got {type(value).__name__}"))
        else:
            _validate(value, path, problems, unknown_too)
    elif kind == "list":
        if not isinstance(value, list):
            problems.append((path, f"expected a list, got {type(value).__name__}"))
            return
        items = cast("Sequence[Any]", value)
        _bounds(t, len(items), path, problems, "length")
        for index, item in enumerate(items):
            _check(t.args[0], item, f"{path}[{index}]", problems, unknown_too)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append((path, f"expected a dict, got {type(value).__name__}"))
            return
        mapping = cast("Mapping[Any, Any]", value)
        _bounds(t, len(mapping), path, problems, "length")
        for key, item in mapping.items():
            where = f"{path}[{_key(key)}]"
            _check(t.args[0], key, f"{where} (key)", problems, unknown_too)
            _check(t.args[1], item, where, problems, unknown_too)
    elif kind == "JSONValue" and not _is_json(value):
        problems.append((path, "not a JSON value"))


def _bounds(
    t: _Type, measure: Any, path: str, problems: list[tuple[str, str]], what: str
) -> None:
    if t.low is not None and measure < t.low:
        problems.append((path, f"{what} {measure} is below the minimum {t.low}"))
    if t.high is not None and measure > t.high:
        problems.append((path, f"{what} {measure} is above the maximum {t.high}"))


def _is_json(value: Any) -> bool:
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, list):
        return all(_is_json(v) for v in cast("Sequence[Any]", value))
    if isinstance(value, dict):
        mapping = cast("Mapping[Any, Any]", value)
        return all(isinstance(k, str) and _is_json(v) for k, v in mapping.items())
    return False


# -- JSON -------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """botocore's form as JSON: blobs as base64, timestamps as ISO 8601 in UTC."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in cast("Mapping[Any, Any]", value).items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in cast("Sequence[Any]", value)]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime.datetime):
        if value.utcoffset() is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.astimezone(datetime.timezone.utc).isoformat()
    return value


def _unfit(t: _Type, value: Any, path: str) -> str | None:
    """Where a value set on an instance does not fit its member's structure (a
    structure where a map belongs), and how: what :meth:`Struct.to_dict` reports
    when it cannot write an instance."""
    kind, got = t.kind, type(value).__name__
    items: Iterable[tuple[str, _Type, Any]] = ()
    if kind == "struct":
        if not isinstance(value, t.cls):
            return f"{path}: expected {t.name}, got {got}"
        plan = _plan(cast("type[Struct]", type(value)))
        items = [
            (f"{path}.{f.key}", ft, member)
            for f, ft in zip(plan.fields, plan.types)
            if (member := getattr(value, f.attribute, None)) is not None
        ]
    elif kind == "list":
        if not isinstance(value, (list, tuple)):
            return f"{path}: expected a list, got {got}"
        listed = cast("Sequence[Any]", value)
        items = [(f"{path}[{i}]", t.args[0], item) for i, item in enumerate(listed)]
    elif kind == "map":
        if not isinstance(value, dict):
            return f"{path}: expected a dict, got {got}"
        mapping = cast("Mapping[Any, Any]", value).items()
        items = [(f"{path}[{_key(k)}]", t.args[1], v) for k, v in mapping]
    for where, item_type, item in items:
        found = _unfit(item_type, item, where)
        if found is not None:
            return found
    return None


def _unwritable(value: Any, path: str, redact: bool) -> tuple[str, Any] | None:
    """Where in ``value`` the first value :meth:`Struct.to_json` cannot write is,
    in wire names, and that value."""
    pairs: Iterable[tuple[str, Any]]
    if isinstance(value, Struct):
        unknown, _ = _extra(value)
        shown = (
            f
            for f in _plan(type(value)).fields
            if not (redact and f.attribute in value.SENSITIVE)
        )
        members = [(f.key, getattr(value, f.attribute)) for f in shown]
        pairs = [(f"{path}.{k}", v) for k, v in (*members, *(unknown or {}).items())]
    elif isinstance(value, (list, tuple)):
        listed = cast("Sequence[Any]", value)
        pairs = [(f"{path}[{i}]", v) for i, v in enumerate(listed)]
    elif isinstance(value, dict):
        mapping = cast("Mapping[Any, Any]", value).items()
        pairs = [(f"{path}[{_key(k)}]", v) for k, v in mapping]
    elif value is None or isinstance(
        value, (str, int, float, bytes, bytearray, datetime.datetime)
    ):
        return None
    else:
        return path, value
    for where, item in pairs:
        found = _unwritable(item, where, redact)
        if found is not None:
            return found
    return None


def _from_json(t: _Type, value: Any, path: str) -> Any:
    """The inverse of :func:`_jsonable`, led by the types of the members."""
    kind = t.kind
    try:
        if kind in ("bytes", "StreamingBody") and isinstance(value, str):
            return base64.b64decode(value, validate=True)
        if kind == "datetime" and isinstance(value, str):
            text = value[:-1] + "+00:00" if value.endswith("Z") else value
            parsed = datetime.datetime.fromisoformat(text)
            if parsed.utcoffset() is None:
                parsed = parsed.replace(tzinfo=datetime.timezone.utc)
            return parsed
    except (ValueError, binascii.Error) as error:
        raise MemberError(f"{path}: not a valid {kind}: {value!r}", path) from error
    if kind == "struct" and isinstance(value, dict):
        plan = _plan(t.cls)
        members = {f.key: member for f, member in zip(plan.fields, plan.types)}
        return {
            k: _from_json(members[k], v, f"{path}.{k}") if k in members else v
            for k, v in cast("Mapping[str, Any]", value).items()
        }
    if kind == "list" and isinstance(value, list):
        listed = enumerate(cast("Sequence[Any]", value))
        return [_from_json(t.args[0], v, f"{path}[{i}]") for i, v in listed]
    if kind == "map" and isinstance(value, dict):
        mapping = cast("Mapping[Any, Any]", value).items()
        return {k: _from_json(t.args[1], v, f"{path}[{_key(k)}]") for k, v in mapping}
    return value


# -- the base classes ---------------------------------------------------------------------


class Struct:
    """Base of the generated classes: typed, keyword-only, compared by value."""

    __slots__ = ()

    SENSITIVE: ClassVar[tuple[str, ...]] = ()
    """Attributes whose values must never be shown: ``repr`` hides them."""

    SENSITIVE_SHAPE: ClassVar[bool] = False
    """The shape is sensitive as a whole (botocore's shape-level ``sensitive``).

    Every member is then in :attr:`SENSITIVE`: an instance shows which members
    are set, never a value, even when printed on its own.
    """

    _FIELDS: ClassVar[tuple[Field, ...]] = ()

    @classmethod
    def from_dict(cls: type[_S], data: Mapping[str, Any]) -> _S:
        """Build an instance from the dict boto3 returns (``PascalCase`` keys).

        Nothing is lost: keys the class does not know are kept and written back
        by :meth:`to_dict` (``ResponseMetadata`` aside). A required member that
        is missing takes its type's zero value (see the module's documentation).
        The result shares no list or dict with ``data``.
        """
        load = _plan(cls).load
        try:
            instance: _S = load(data, cls)
        except Exception as error:
            _explain(cls, data, error)
            raise
        return instance

    def to_dict(self, *, redact: bool = False) -> dict[str, Any]:
        """The dict boto3 takes and returns, with unset members left out.

        With ``redact``, every sensitive value, at any depth, is replaced by
        :data:`REDACTED`: a form for structured logs. The result shares no list
        or dict with the instance.
        """
        plan = _plan(type(self))
        try:
            result: dict[str, Any] = (plan.dump_redacted if redact else plan.dump)(self)
        except (TypeError, AttributeError, ValueError):
            # Only after a failure: find the member that does not fit, by path.
            cls = type(self)
            found = _unfit(_Type("struct", cls.__name__, cls=cls), self, cls.__name__)
            if found is None:
                raise
            raise TypeError(found) from None
        return result

    @classmethod
    def from_json(cls: type[_S], text: str | bytes) -> _S:
        """Build an instance from :meth:`to_json`'s output."""
        try:
            data = json.loads(text)
        except ValueError as error:
            raise MemberError(f"{cls.__name__}: not JSON: {error}") from error
        if not isinstance(data, dict):
            raise MemberError(
                f"{cls.__name__}: expected a JSON object, got {type(data).__name__}"
            )
        try:
            decoded = _from_json(_Type("struct", cls.__name__, cls=cls), data, "")
        except MemberError as error:
            raise MemberError(
                f"{cls.__name__}{error.args[0]}", error.path, error.problem
            ) from error
        return cls.from_dict(decoded)

    def to_json(self, *, redact: bool = False, indent: int | None = None) -> str:
        """:meth:`to_dict` as JSON: blobs as base64, timestamps as ISO 8601 in UTC.

        A value JSON cannot hold (a streaming body not read yet) is a
        ``TypeError`` naming its path.
        """
        try:
            return json.dumps(_jsonable(self.to_dict(redact=redact)), indent=indent)
        except TypeError:
            found = _unwritable(self, type(self).__name__, redact)
            if found is None:
                raise
            path, value = found
            hint = " (read the stream and set its bytes first)"
            raise TypeError(
                f"{path}: a {type(value).__name__} cannot be written as JSON"
                + (hint if hasattr(value, "read") else "")
            ) from None

    def validate(self) -> None:
        """Check everything the model states, at every depth.

        Required members present (a member filled by error correction counts as
        missing), scalar types, enum values known to these bindings, min and max
        lengths and values, one member on a union, no unknown member (but in a
        response, which holds its ``ResponseMetadata``). Raises one
        :class:`ValidationError` listing every problem with its path.
        """
        problems: list[tuple[str, str]] = []
        # A response (an instance holding its ``ResponseMetadata``, as a typed
        # client returns it) may carry members newer than these bindings, and
        # botocore adds some of its own (S3's ``ExpiresString``): unknown members
        # are problems only elsewhere, as botocore's ``ParamValidator`` rejects
        # them in requests. By instance, not class: a shape can be both.
        response = any(
            f.key == "ResponseMetadata" and getattr(self, f.attribute) is not None
            for f in _plan(type(self)).fields
        )
        _validate(self, "", problems, unknown_too=not response)
        if problems:
            name = type(self).__name__
            raise ValidationError([(f"{name}{path}", text) for path, text in problems])

    def replace(self: _S, **changes: Any) -> _S:
        """A copy with ``changes`` applied (shallow, like ``dataclasses.replace``)."""
        cls = type(self)
        plan = _plan(cls)
        wrong = sorted(set(changes) - set(plan.attributes))
        if wrong:
            raise TypeError(f"{cls.__name__} has no member {wrong[0]!r}")
        copy = cls.__new__(cls)
        for attribute in plan.attributes:
            value = (
                changes[attribute] if attribute in changes else getattr(self, attribute)
            )
            setattr(copy, attribute, value)
        unknown, filled = _extra(self)
        kept = {a: v for a, v in (filled or {}).items() if a not in changes} or None
        extra = (_copy(unknown), kept) if unknown or kept else None
        object.__setattr__(copy, "_extra", extra)
        return copy

    def __replace__(self: _S, **changes: Any) -> _S:
        return self.replace(**changes)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        values = _plan(type(self)).values
        return bool(
            values(self) == values(other) and _extra(self)[0] == _extra(other)[0]
        )

    # Mutable, like a dataclass; declared as typeshed declares list's.
    __hash__: ClassVar[None] = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        text: str = _plan(type(self)).repr(self)
        return text


class UnionStruct(Struct):
    """Base of union classes: exactly one member is set.

    A member added by a newer API version than these bindings know is kept as
    it came (see :attr:`unknown_member`) and written back by :meth:`to_dict`.
    """

    __slots__ = ()

    @property
    def unknown_member(self) -> dict[str, Any] | None:
        """The member this binding does not know, as ``{key: value}``, if any."""
        return unknown_members(self) or None

    def _check_one_member(self) -> None:
        set_members = [
            f.attribute for f in self._FIELDS if getattr(self, f.attribute) is not None
        ]
        if len(set_members) != 1:
            found = ", ".join(set_members) or "none"
            raise MemberError(
                f"{type(self).__name__}: a union takes exactly one member, got {found}"
            )

    def __repr__(self) -> str:
        plan = _plan(type(self))
        if _extra(self)[0] is not None:
            unknown = self.unknown_member
            if unknown is not None and not any(
                getattr(self, a) is not None for a in plan.attributes
            ):
                return f"{type(self).__name__}(unknown_member={list(unknown)!r})"
        text: str = plan.repr(self)
        return text


def struct_fields(cls: type[Struct]) -> tuple[Field, ...]:
    """The members of a generated class, in order: its ``_FIELDS`` table."""
    # The table is the runtime's, shared by its modules, not the class's own:
    # reading it from outside Struct is what it is for.
    return cls._FIELDS  # pyright: ignore[reportPrivateUsage]


def unknown_members(instance: Struct) -> dict[str, Any]:
    """The keys ``instance`` was loaded with that its class does not know, copied."""
    unknown, _ = _extra(instance)
    plan = _plan(type(instance))
    return {k: _copy(v) for k, v in (unknown or {}).items() if k not in plan.known}


def filled_members(instance: Struct) -> frozenset[str]:
    """Attributes that client error correction filled with a zero value."""
    _, filled = _extra(instance)
    return frozenset(a for a, v in (filled or {}).items() if getattr(instance, a) is v)


# -- what constructors take -------------------------------------------------------------


@overload
def as_bytes(value: None) -> None: ...
@overload
def as_bytes(value: Blob) -> bytes: ...
def as_bytes(value: Blob | None) -> bytes | None:
    """A blob as boto3 takes it, made the bytes boto3 would send: a string as UTF-8,
    a file object read. Constructors call it, so a class takes what boto3 takes
    and its attribute still holds bytes, as a result's does. Anything else is
    kept for :meth:`Struct.validate` to report."""
    if value is None or isinstance(value, bytes):
        return value
    if isinstance(value, bytearray):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    read = getattr(value, "read", None)
    if callable(read):
        data = read()
        if isinstance(data, str):  # a file opened as text
            data = data.encode("utf-8")
        if isinstance(data, (bytes, bytearray)):
            return bytes(data)
    return value  # type: ignore[return-value]


@overload
def as_datetime(value: None) -> None: ...
@overload
def as_datetime(value: Timestamp) -> datetime.datetime: ...
def as_datetime(value: Timestamp | None) -> datetime.datetime | None:
    """A timestamp as boto3 takes it, made a datetime: a string is read as botocore
    reads it (ISO 8601 here, anything else by ``botocore.utils``), a number as
    seconds since the epoch, both in UTC when no zone is given. A datetime is
    kept as it is; anything else is kept for :meth:`Struct.validate` to report."""
    if value is None or isinstance(value, datetime.datetime):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
    if isinstance(value, str):
        try:
            parsed = datetime.datetime.fromisoformat(
                value[:-1] + "+00:00" if value.endswith("Z") else value
            )
        except ValueError:
            try:  # untyped (or typed by botocore-stubs): taken as Any either way
                utils = importlib.import_module("botocore.utils")
            except ImportError:
                return value  # type: ignore[return-value]
            parse: Callable[[str], datetime.datetime] = utils.parse_to_aware_datetime
            try:
                parsed = parse(value)
            except (ValueError, OverflowError, TypeError):
                return value  # type: ignore[return-value]
        if parsed.utcoffset() is None:
            parsed = parsed.replace(tzinfo=datetime.timezone.utc)
        return parsed
    return value  # type: ignore[return-value]  # a bool


@overload
def as_float(value: None) -> None: ...
@overload
def as_float(value: Double) -> float: ...
def as_float(value: Double | None) -> float | None:
    """A Decimal made the float the attribute is typed as; anything else is kept."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def lazy_module(
    name: str, parts: Mapping[str, tuple[str, ...]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` of a split service module.

    A large service module keeps its classes in parts (``parts`` maps each part
    to the names it defines), so importing it costs almost nothing; the first
    use of a name imports its part. Loaded classes take the module's name as
    their ``__module__``, so they print, pickle and document as its own.
    """
    module = sys.modules[name]
    package, _, short = name.rpartition(".")
    prefix = f"{package}._parts.{short}." if package else f"_parts.{short}."
    where = {n: part for part, names in parts.items() for n in names}
    namespace = vars(module)

    def __getattr__(attribute: str) -> Any:
        part = where.get(attribute)
        if part is None:
            raise AttributeError(f"module {name!r} has no attribute {attribute!r}")
        loaded = vars(importlib.import_module(prefix + part))
        for defined in parts[part]:
            value = loaded[defined]
            if isinstance(value, type):
                value.__module__ = name
            namespace[defined] = value
        return namespace[attribute]

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(where))

    return __getattr__, __dir__, sorted(where)
