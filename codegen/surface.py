"""The API surface of a generated module: what code using the bindings relies on.

A compact, deterministic description -- classes, their members (attribute,
wire name, type, required, sensitive), enum aliases and their values, and a
short hash of every piece of documentation -- kept in the manifest so that the
next regeneration can say what changed and whether it breaks anyone.
"""

from __future__ import annotations

import hashlib
from typing import Any

from codegen.ir import ServiceModule

SURFACE_FORMAT = 1


def _doc_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def surface(module: ServiceModule) -> dict[str, Any]:
    """``{"classes": {...}, "aliases": {...}}``, every mapping in sorted order."""
    classes = {
        cls.name: {
            "shape": cls.shape_name,
            "roles": list(cls.roles),
            "union": cls.is_union,
            "doc": _doc_hash(cls.documentation),
            "members": {
                m.attribute: [
                    m.wire_name,
                    m.type.expression(),
                    m.required,
                    m.sensitive,
                    _doc_hash(m.documentation),
                ]
                for m in cls.members
            },
        }
        for cls in module.classes
    }
    aliases = {
        alias.name: {
            "shape": alias.shape_name,
            "values": list(alias.values),
            "doc": _doc_hash(alias.documentation),
        }
        for alias in module.aliases
    }
    return {"format": SURFACE_FORMAT, "classes": classes, "aliases": aliases}
