"""The manifest: which files the generator wrote, from what, and their API surfaces.

It is built as data and written with :func:`json.dumps` -- every key and value
is encoded by the JSON library, so nothing in a model (a ``uid`` with a NUL or a
quote in it, say) can reach the text as anything but a JSON string.

Two layouts of the surfaces, chosen by size so that any manifest stays small:

* *readable* -- one line per class and per alias, keys sorted, so a pull
  request's diff shows which classes changed;
* *packed* -- when the surfaces together exceed :data:`READABLE_LIMIT` (the
  whole catalogue: 445 modules, about 29 MB of surface JSON), each module's
  surface is stored as ``"bz2:"`` + base64 of its bzip2-compressed JSON, one
  line per module. bzip2's output has not changed since 1.0, so the bytes are
  the same on every machine (zlib's are not: zlib-ng writes different ones).

Both decode to the same surface, so change reports do not depend on the layout.
"""

from __future__ import annotations

import base64
import bz2
import json
from collections.abc import Mapping
from typing import Any

MANIFEST = "codegen-manifest.json"
MANIFEST_FORMAT = 3
# Above this much surface JSON in one manifest, surfaces are packed.
READABLE_LIMIT = 4 * 1024 * 1024
_PACKED = "bz2:"
# Mappings this deep are written one key per line; deeper values on one line.
_EXPANDED_DEPTH = 5


def surface_text(value: Mapping[str, Any]) -> str:
    """A surface as canonical compact JSON: what the cache stores and packing compresses."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def pack(text: str) -> str:
    """A surface's JSON text, packed for a large manifest (deterministic)."""
    compressed = bz2.compress(text.encode("ascii"), 9)
    return _PACKED + base64.b64encode(compressed).decode("ascii")


def recorded_surface(value: object) -> dict[str, Any] | None:
    """The surface a manifest entry records, in either layout; None if there is none."""
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.startswith(_PACKED):
        try:
            text = bz2.decompress(
                base64.b64decode(value[len(_PACKED) :], validate=True)
            )
            data = json.loads(text)
        except (ValueError, OSError, EOFError):
            return None
        return data if isinstance(data, dict) else None
    return None


def manifest_data(
    *,
    generator: str,
    botocore: str,
    black: str,
    line_length: int,
    templates: Mapping[str, str],
    files: Mapping[str, Mapping[str, Any]],
    clients: tuple[str, ...] = ("sync",),
    surfaces: Mapping[str, str],
    packed: Mapping[str, str],
) -> dict[str, Any]:
    """The manifest as data.

    ``surfaces`` maps module file -> :func:`surface_text`, ``packed`` the same
    file -> :func:`pack` of it (made where the module was generated, in parallel).
    """
    large = sum(len(text) for text in surfaces.values()) > READABLE_LIMIT
    entries: dict[str, dict[str, Any]] = {}
    for name in sorted(files):
        entry = dict(files[name])
        if name in surfaces:
            text = surfaces[name]
            entry["surface"] = packed[name] if large else json.loads(text)
        entries[name] = entry
    data: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "generator": generator,
        "botocore": botocore,
        "black": black,
        "line_length": line_length,
        "clients": list(clients),
        "files": entries,
    }
    if templates:
        data["templates"] = dict(sorted(templates.items()))
    return data


def dumps(data: Any) -> str:
    """``data`` as the manifest's JSON text: nested mappings one key per line,
    down to :data:`_EXPANDED_DEPTH`, anything deeper on one line; keys sorted."""
    return _dumps(data, 0) + "\n"


def _dumps(value: Any, depth: int) -> str:
    if not isinstance(value, dict) or not value or depth >= _EXPANDED_DEPTH:
        return json.dumps(value, sort_keys=True, separators=(", ", ": "))
    pad = "  " * (depth + 1)
    items = [
        f"{pad}{json.dumps(key)}: {_dumps(value[key], depth + 1)}"
        for key in sorted(value)
    ]
    return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
