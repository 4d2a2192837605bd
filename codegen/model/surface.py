"""The API surface of a generated module: what code using the bindings relies on.

A compact, deterministic description -- classes, their members (attribute,
wire name, type, required, sensitive), enum aliases and their values, and a
short hash of every piece of documentation -- kept in the manifest so that the
next regeneration can say what changed and whether it breaks anyone.
"""

from __future__ import annotations

import hashlib
from typing import Any

from codegen.model.ir import Client, ServiceModule
from codegen.model.operations import client_names

SURFACE_FORMAT = 1


def _doc_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def surface(
    module: ServiceModule, clients: tuple[str, ...] = ("sync",)
) -> dict[str, Any]:
    """``{"classes": {...}, "aliases": {...}}``, every mapping in sorted order;
    with a client, its ``operations`` and the ``clients`` generated (kind ->
    class name: the asynchronous client has the synchronous one's methods)."""
    classes = {
        cls.name: {
            "shape": cls.shape_name,
            "roles": list(cls.roles),
            "union": cls.is_union,
            "doc": _doc_hash(cls.documentation),
            "members": {
                m.attribute: [
                    m.wire_name,
                    m.type.annotation(),
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
    data: dict[str, Any] = {
        "format": SURFACE_FORMAT,
        "classes": classes,
        "aliases": aliases,
    }
    if module.client is not None:
        data["operations"] = operation_surface(module.client)
        names = client_names(module.client.name, clients)
        data["clients"] = dict(zip(clients, names))
    return data


def operation_surface(client: Client) -> dict[str, Any]:
    """Client method -> what calling it relies on: parameters (name: [wire name,
    parameter type, required, sensitive]), result, paginator and waiters."""
    waiters: dict[str, list[str]] = {}
    for waiter in client.waiters:
        waiters.setdefault(waiter.operation.name, []).append(waiter.method)
    return {
        op.method: {
            "operation": op.name,
            "client": client.name,
            "input": op.input,
            "output": op.output,
            "errors": list(op.errors),
            "paginator": op.paginator,
            "waiters": waiters.get(op.name, []),
            "doc": _doc_hash(op.documentation),
            "params": {
                p.attribute: [p.wire_name, p.type.annotation(), p.required, p.sensitive]
                for p in op.parameters
            },
        }
        for op in client.operations
    }
