"""Turning model names into safe, stable Python identifiers.

Model names are data from a possibly hostile source: anything that leaves this
module is a plain ASCII identifier that is not a keyword, so the templates can
place it in code without further checks.
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from collections.abc import Iterable

from botocore import xform_name

_NOT_IDENTIFIER_CHAR = re.compile(r"[^0-9A-Za-z_]+")

# Attribute names the runtime base class uses itself, plus the lower-case names a
# generated module binds at top level; a member with one of these names gets a trailing
# underscore so that it cannot shadow them.
RESERVED_ATTRIBUTES = frozenset(
    {
        "self",
        "to_dict",
        "from_dict",
        "to_json",
        "from_json",
        "validate",
        "replace",
        "unknown_member",
        "builtins",
        "datetime",
    }
)
# Names every generated module binds at top level, and Python's builtins (a
# class named ``Warning`` would be shadowed by the builtin in some annotations);
# a shape with one of these names gets a trailing underscore.
RESERVED_MODULE_NAMES = frozenset(dir(builtins)) | frozenset(
    {
        "annotations",
        "builtins",
        "datetime",
        "Any",
        "ClassVar",
        "Literal",
        "TypeAlias",
        "Field",
        "Struct",
        "UnionStruct",
        "JSONValue",
        "StreamingBody",
        "EventStream",
        "MemberError",
        "ValidationError",
    }
)


def _sanitize(name: str, prefix: str) -> str:
    """Map arbitrary text onto ``[A-Za-z][A-Za-z0-9_]*``, never empty."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    cleaned = _NOT_IDENTIFIER_CHAR.sub("_", ascii_name).strip("_")
    if not cleaned:
        cleaned = prefix
    elif cleaned[0].isdigit():
        cleaned = f"{prefix}_{cleaned}"
    return cleaned


def _avoid_keyword(name: str) -> str:
    if keyword.iskeyword(name) or name == "_":
        return name + "_"
    return name


def class_name(shape_name: str) -> str:
    """Name of the class (or alias) for a shape; usually the shape name itself.

    It always starts with a capital letter, and attribute names never hold one,
    so an attribute can never shadow a class its own annotations refer to.
    """
    name = _sanitize(shape_name, "Shape")
    name = _avoid_keyword(name[0].upper() + name[1:])
    if name in RESERVED_MODULE_NAMES:
        name += "_"
    return name


def attribute_name(member_name: str) -> str:
    """Snake-case attribute name for a member, as boto3 users know it."""
    try:
        snake = xform_name(member_name)
    except Exception:  # xform_name only knows CamelCase; fall back to the raw text
        snake = member_name
    name = _avoid_keyword(_sanitize(snake, "member").lower())
    if name in RESERVED_ATTRIBUTES:
        name += "_"
    return name


def module_name(service_name: str) -> str:
    """Module for a service: ``cognito-idp`` -> ``cognito_idp``, ``lambda`` -> ``lambda_``."""
    return _avoid_keyword(
        _sanitize(service_name.replace("-", "_").replace(".", "_"), "service")
    )


def deduplicate(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """Make names unique in order: a later duplicate gets underscores appended.

    The first holder of a name keeps it, so the result only depends on the
    model's order, never on hashing.
    """
    seen = set(taken)
    unique = []
    for name in names:
        candidate = name
        while candidate in seen:
            candidate += "_"
        seen.add(candidate)
        unique.append(candidate)
    return unique
