"""What there is to generate: ``codegen --list`` and ``codegen --list SERVICE``.

Listing every service needs each model's title, and parsing all 445 models
takes seconds; the title is in the ``metadata`` object that botocore's models
put near the top, so only the top-level keys before it are decoded. A model
laid out otherwise is loaded in full, through botocore, as for generation.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

from codegen.model.loader import ModelSource
from codegen.model.operations import client_class_name, client_names

_HEAD = 64 * 1024  # enough for the metadata of every model botocore ships


def list_services(source: ModelSource) -> list[str]:
    """One line per service: its name, then its full name."""
    services = source.available_services()
    width = max((len(s) for s in services), default=0)
    lines = []
    for service in services:
        metadata = _metadata(source, service)
        title = metadata.get("serviceFullName") or metadata.get("serviceId") or ""
        lines.append(f"{service:<{width}}  {title}".rstrip())
    return lines


def list_service(
    source: ModelSource, service: str, clients: tuple[str, ...] = ("sync",)
) -> list[str]:
    """One line per client class (as ``clients`` asks: "sync", "async"), per
    operation and per generated shape, marked with what it is."""
    loaded = source.load(service)
    raw = loaded.raw
    lines = []
    if raw.get("operations"):
        name = client_class_name(loaded)
        lines += [f"client    {c}" for c in client_names(name, clients)]
    lines += [f"operation {name}" for name in sorted(raw.get("operations") or {})]
    for name, shape in sorted(raw["shapes"].items()):
        kind = _kind(shape)
        if kind:
            lines.append(f"{kind:<9} {name}")
    return lines


def _kind(shape: dict[str, Any]) -> str:
    if shape.get("type") == "structure":
        if shape.get("exception"):
            return "error"
        return "union" if shape.get("union") else "structure"
    if shape.get("type") == "string" and shape.get("enum"):
        return "enum"
    return ""


def _metadata(source: ModelSource, service: str) -> dict[str, Any]:
    path = source.model_path(service)
    try:
        with (gzip.open if path.endswith(".gz") else open)(path, "rb") as handle:
            head = handle.read(_HEAD).decode("utf-8")
        found = _top_level(head, "metadata")
    except (OSError, EOFError, UnicodeDecodeError, ValueError):
        found = None
    if found is None:
        found = source.load(service).raw.get("metadata")
    return found if isinstance(found, dict) else {}


def _top_level(text: str, wanted: str) -> Any:
    """The value of top-level key ``wanted`` if it is found in ``text`` (a JSON
    object's beginning, maybe cut short) before any other key's value is cut
    short; None otherwise. Raises ValueError for text that is not JSON."""
    decoder = json.JSONDecoder()
    index = _skip(text, 0)
    if text[index : index + 1] != "{":
        raise ValueError("not an object")
    index += 1
    while True:
        index = _skip(text, index)
        key, index = decoder.raw_decode(text, index)
        index = _skip(text, index)
        if text[index : index + 1] != ":":
            raise ValueError("expected ':'")
        value, index = decoder.raw_decode(text, _skip(text, index + 1))
        if key == wanted:
            return value
        index = _skip(text, index)
        if text[index : index + 1] != ",":
            return None
        index += 1


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index
