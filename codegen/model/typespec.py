"""A member's type in the runtime's notation (``Field.type`` in the runtime).

The runtime compiles its converters and checks from this text on first use, so
it names every type exactly, bounds included: ``str(1..256)``, ``[Tag](..50)``,
``{str: Child}``, ``Literal["a", "b"]``. Class and alias names are identifiers
already; literal values are JSON strings (ASCII only), and the whole text
reaches the template through :func:`codegen.render.layout.pystr`.
"""

from __future__ import annotations

import json

from codegen.model.ir import PyType, TypeKind


def type_spec(t: PyType) -> str:
    """The notation for ``t``, e.g. ``[S3Object]`` or ``str(1..1024)``."""
    if t.kind is TypeKind.BUILTIN:
        text = t.name
    elif t.kind is TypeKind.DATETIME:
        text = "datetime"
    elif t.kind is TypeKind.JSON:
        text = "JSONValue"
    elif t.kind is TypeKind.STREAM:
        text = "EventStream" if t.name == "events" else "StreamingBody"
    elif t.kind is TypeKind.LITERAL:
        text = f"Literal[{', '.join(json.dumps(v) for v in t.values)}]"
    elif t.kind is TypeKind.LIST:
        text = f"[{type_spec(t.args[0])}]"
    elif t.kind is TypeKind.MAP:
        text = f"{{{type_spec(t.args[0])}: {type_spec(t.args[1])}}}"
    else:  # STRUCT and ENUM: a name the module defines
        text = t.name
    if t.minimum is None and t.maximum is None:
        return text
    return f"{text}({_number(t.minimum)}..{_number(t.maximum)})"


def _number(value: int | float | None) -> str:
    return "" if value is None else repr(value)
