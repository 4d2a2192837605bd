"""Turning model names into safe, stable Python identifiers.

Model names are data from a possibly hostile source: anything that leaves this
module is a plain ASCII identifier that is not a keyword, so the templates can
place it in code without further checks.
"""

from __future__ import annotations

import builtins
import functools
import hashlib
import keyword
import re
import unicodedata
from collections.abc import Iterable

from botocore import xform_name

_NOT_IDENTIFIER_CHAR = re.compile(r"[^0-9A-Za-z_]+")
_PLAIN_NAME = re.compile(r"[A-Z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*")

# Attribute names the runtime base class uses itself, plus the lower-case names a
# generated module binds at top level; a member with one of these names gets a trailing
# underscore so that it cannot shadow them.
RESERVED_ATTRIBUTES = frozenset(
    {
        "self",
        "as_bytes",  # constructors call these two
        "as_datetime",
        "as_float",
        "typing",  # constructors may annotate with typing.Sequence
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
        "TYPE_CHECKING",  # split modules (codegen.render.partition) import it
        "Blob",
        "Double",
        "Timestamp",
        "Readable",
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


# Class-level names of the runtime's ``Struct`` that a class name could shadow
# inside a class body, where mypy resolves an annotation to the class attribute:
# a shape with one of these names gets a trailing underscore.
RESERVED_CLASS_ATTRIBUTES = frozenset({"SENSITIVE", "SENSITIVE_SHAPE"})


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
    """Name of the class (or alias) for a shape: a function of the shape name alone.

    So a class keeps its name whatever other shapes a model gains or loses, and
    no two shape names ever map to the same class name:

    * a plain name (``[A-Z][A-Za-z0-9]*``, single underscores between parts)
      is kept as it is;
    * a plain name that is reserved (a keyword, a builtin, a name the module
      imports, a class attribute of the runtime) gets a trailing ``_``;
    * a plain name but for a lower-case first letter (``scope``) is capitalized
      and gets a trailing ``_``, unless that would make a reserved name;
    * anything else (Unicode, punctuation, a leading digit or underscore, double
      underscores) is spelled in ASCII and gets ``__`` and eight hex digits of a
      hash of the exact shape name.

    Each rule's names have a form no other rule produces, so the mapping is
    one-to-one. Class names start with a capital letter and attribute names
    never hold one, so an attribute never shadows a class its annotations use.
    """
    if _PLAIN_NAME.fullmatch(shape_name):
        if _is_reserved_class_name(shape_name):
            return shape_name + "_"
        return shape_name
    capitalized = shape_name[:1].upper() + shape_name[1:]
    if (
        shape_name[:1].islower()
        and _PLAIN_NAME.fullmatch(capitalized)
        and not _is_reserved_class_name(capitalized)
    ):
        return capitalized + "_"
    spelled = "_".join(
        part for part in _sanitize(shape_name, "Shape").split("_") if part
    )
    if not spelled[0].isupper():
        spelled = (
            spelled[0].upper() + spelled[1:]
            if spelled[0].isalpha()
            else "Shape_" + spelled
        )
    digest = hashlib.sha256(shape_name.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{spelled}__{digest[:8]}"


def _is_reserved_class_name(name: str) -> bool:
    return (
        keyword.iskeyword(name)
        or name in RESERVED_MODULE_NAMES
        or name in RESERVED_CLASS_ATTRIBUTES
    )


@functools.lru_cache(maxsize=65536)
def attribute_name(member_name: str) -> str:
    """Snake-case attribute name for a member, as boto3 users know it.

    Kept: a few names (``NextToken``, ``Name``) are most members of a catalogue."""
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
