"""The views of a class's members: declarations, constructor parameters and
assignments, ``__slots__`` entries and ``_FIELDS`` entries.

A constructor takes a blob, a timestamp or a double (and the items of a list or
map of them) in every form boto3 takes, and converts it to what the attribute
holds, as a result's does: see ``as_bytes`` in the runtime. So one class serves
requests and results, and its attributes keep the narrow types.
"""

from __future__ import annotations

from dataclasses import dataclass

from codegen.model import types
from codegen.model.ir import Member
from codegen.model.types import PyType
from codegen.pyliteral import pystr
from codegen.render import docs, rest
from codegen.render.imports import ImportCollector
from codegen.render.layout import annotated, code, parenthesized, width


@dataclass(frozen=True)
class FieldView:
    declaration: str  # code lines, as are the next two
    parameter: str
    assignment: str
    docstring: str
    summary: str  # the ``__slots__`` entry: attribute and first line of its doc
    name: str = ""  # the Python attribute
    wire_name: str = ""  # the key in botocore's dicts
    type: str = ""  # the type expression, without "| None"
    annotation: str = ""  # as annotated: "| None" added when not required
    required: bool = False
    sensitive: bool = False
    documentation: str = ""  # reST, from the model's HTML; may be empty


# the narrowing conversions take None as they take a value
_CONVERSIONS = tuple(
    f"{kind.constructor.narrow}(" for kind in types.KINDS if kind.constructor
)


class MemberRenderer:
    """Renders the members of one class; what they use goes to ``imports``."""

    def __init__(self, imports: ImportCollector, line_length: int) -> None:
        self._imports = imports
        self._length = line_length

    def field_view(self, member: Member, shadowed: set[str]) -> FieldView:
        type_ = self._imports.annotation(member.type, shadowed)
        annotation = type_ if member.required else f"{type_} | None"
        # A constructor takes a blob or a timestamp in every form boto3 takes, and
        # stores what a result holds (bytes, a datetime): see _runtime.as_bytes.
        taken, value = self._taken(member, type_, shadowed)
        if not member.required:
            taken += " | None"
        documentation = docs.html_to_rest(member.documentation)
        text = documentation or f"The {rest.literal(member.wire_name)} member."
        name, length = member.attribute, self._length
        default = "," if member.required else " = None,"
        return FieldView(
            declaration=code(
                annotated(f"{name}: ", annotation, "", indent=4, line_length=length)
            ),
            parameter=code(
                annotated(f"{name}: ", taken, default, indent=8, line_length=length)
            ),
            assignment=self._assignment(name, value),
            docstring=docs.docstring([text], 4, length),
            summary=self._summary(name, text),
            name=name,
            wire_name=member.wire_name,
            type=type_,
            annotation=annotation,
            required=member.required,
            sensitive=member.sensitive,
            documentation=documentation,
        )

    def _assignment(self, name: str, value: str) -> str:
        """``self.name = value`` as black lays it out; a converted value that does
        not fit is split in its call's brackets, a comprehension in its own or in
        parentheses (at its ``if`` and ``else`` when it must), anything longer
        left to black."""
        length = self._length
        if value == name:
            return code(
                parenthesized(
                    f"self.{name} = ", value, "", indent=8, line_length=length
                )
            )
        line = f"        self.{name} = {value}"
        if width(line) <= length:
            return line
        head = f"        self.{name} = "
        call = value.removesuffix(f"({name})")
        if call != value and call.isidentifier():
            lines = [f"{head}{call}(", f"            {name}", "        )"]
        elif value.startswith("None if "):  # an optional member's comprehension
            lines = [f"{head}(", f"            {value}", "        )"]
            if width(lines[1]) > length:
                comprehension = value.partition(" else ")[2]
                lines[1:2] = [
                    "            None",
                    f"            if {name} is None",
                    f"            else {comprehension}",
                ]
        elif value[:1] in ("[", "{"):  # a required member's comprehension
            lines = [
                f"{head}{value[0]}",
                f"            {value[1:-1]}",
                f"        {value[-1]}",
            ]
        else:
            return line  # black lays it out
        if all(width(each) <= length for each in lines):
            return "\n".join(lines)
        return line  # black lays it out

    def _taken(self, member: Member, type_: str, shadowed: set[str]) -> tuple[str, str]:
        """The constructor's parameter type for ``member``, and the expression it
        assigns: wider than the attribute where boto3 takes more (in lists and
        maps too, at any depth), converted to what the attribute holds."""
        name = member.attribute
        wide = self._wide(member.type, name, 0, shadowed)
        if wide is None:
            return type_, name
        taken, value = wide
        if member.required or value.startswith(_CONVERSIONS):
            return taken, value
        return taken, f"None if {name} is None else {value}"

    def _wide(
        self, t: PyType, value: str, depth: int, shadowed: set[str]
    ) -> tuple[str, str] | None:
        """The wide type of ``t`` and the conversion of ``value``, or None: nothing
        in ``t`` is taken wider."""
        wide = t.kind.constructor
        if wide is not None:
            self._imports.use(wide.runtime, wide.narrow)
            return wide.runtime, f"{wide.narrow}({value})"
        if t.kind is not types.LIST and t.kind is not types.MAP:
            return None
        suffix = str(depth) if depth else ""
        item, key = f"item{suffix}", f"key{suffix}"
        inner = self._wide(t.args[-1], item, depth + 1, shadowed)
        if inner is None:
            return None
        inner_type, each = inner
        # typing's (covariant) Sequence and Mapping: a list[bytes] is no
        # list[Blob]; imported as ``typing``, which no class can shadow
        self._imports.use("typing")
        if t.kind is types.LIST:
            return (
                f"typing.Sequence[{inner_type}]",
                f"[{each} for {item} in {value}]",
            )
        key_type = self._imports.annotation(t.args[0], shadowed)
        return (
            f"typing.Mapping[{key_type}, {inner_type}]",
            f"{{{key}: {each} for {key}, {item} in {value}.items()}}",
        )

    def _summary(self, attribute: str, text: str) -> str:
        """``"attribute": "first sentence"``, short enough for one line.

        Python makes these the docstrings of the member descriptors, which is what
        ``help(cls)`` shows for each member; kept to a line to cost little at import.
        """
        key = f"{pystr(attribute)}: "
        room = self._length - 8 - len(key) - 1  # indent, then a trailing comma
        first = " ".join(docs.first_paragraph(text).split())
        end = first.find(". ")
        if end >= 0:
            first = first[: end + 1]
        literal = pystr(first)
        while len(literal) > room and " " in first.rstrip("."):
            first = first.rstrip(".").rsplit(" ", 1)[0].rstrip(" ,;:") + "..."
            literal = pystr(first)
        return key + literal

    @staticmethod
    def field_args(member: Member) -> list[str]:
        args = [pystr(member.attribute), pystr(member.wire_name)]
        args.append(pystr(member.type.notation()))
        if member.required:
            args.append("required=True")
        return args
