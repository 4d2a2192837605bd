"""Emitting code the way black would lay it out, so black rarely has to run.

Black is by far the most expensive stage (about 95% of a cold run). The
templates therefore emit black's own layout for every construct they produce:
canonical string quotes, and bracketed sequences split the way black splits
them. Whatever this module cannot lay out with certainty is left as one
over-long line, which :func:`needs_black` detects, and that chunk goes through
black after all. Tests run ``black --check`` over large real services to keep
the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def width(text: str) -> int:
    """Columns ``text`` takes as black counts them: East Asian wide characters take two.

    Black measures lines with its own ``str_width``; ASCII (nearly every line) is
    measured here without importing black, which is expensive to import.
    """
    if text.isascii():
        return len(text)
    from black.strings import str_width

    return str_width(text)


def bracketed(
    head: str,
    items: Sequence[str],
    tail: str,
    *,
    indent: int,
    line_length: int,
    exploded: bool = False,
    one_tuple: bool = False,
    collection: bool = False,
) -> list[str]:
    """Lines for ``head`` + items + ``tail`` (``head`` ends with the open bracket).

    Mirrors black: one line if it fits; else the items on one indented line;
    else one item per line with a trailing comma. ``exploded`` (black's "magic
    trailing comma" is in the source) always gives one item per line, and so
    does a ``collection`` (a tuple or list display) that does not fit on one
    line. A ``one_tuple`` keeps its comma.
    """
    pad = " " * indent
    inner = " " * (indent + 4)
    if not exploded:
        joined = ", ".join(items) + ("," if one_tuple and len(items) == 1 else "")
        line = f"{pad}{head}{joined}{tail}"
        if width(line) <= line_length or not items:
            return [line]
        if not collection and width(inner + joined) <= line_length:
            return [f"{pad}{head}", f"{inner}{joined}", f"{pad}{tail}"]
    return [f"{pad}{head}", *(f"{inner}{item}," for item in items), f"{pad}{tail}"]


def parenthesized(
    head: str, expression: str, tail: str, *, indent: int, line_length: int
) -> list[str]:
    """``head + expression + tail``, or black's split with ``expression`` in parentheses.

    Black wraps a long annotation, default or right-hand side in parentheses on
    lines of their own; if even that does not fit, the over-long line left here
    sends the chunk through black.
    """
    pad = " " * indent
    line = f"{pad}{head}{expression}{tail}"
    if width(line) <= line_length:
        return [line]
    return [f"{pad}{head}(", f"{pad}    {expression}", f"{pad}){tail}"]


def annotated(
    head: str, annotation: str, tail: str, *, indent: int, line_length: int
) -> list[str]:
    """``head + annotation + tail`` for a type annotation, split as black splits it.

    A union (``X | None``) goes in parentheses; a subscript (``list[X]``) is
    split at its own bracket; anything else is left for black.
    """
    pad = " " * indent
    line = f"{pad}{head}{annotation}{tail}"
    if width(line) <= line_length:
        return [line]
    if _top_level_union(annotation):
        return parenthesized(
            head, annotation, tail, indent=indent, line_length=line_length
        )
    bracket = annotation.find("[")
    if bracket > 0 and annotation.endswith("]"):
        inner = annotation[bracket + 1 : -1]
        return [
            f"{pad}{head}{annotation[: bracket + 1]}",
            f"{pad}    {inner}",
            f"{pad}]{tail}",
        ]
    return [line]


def _top_level_union(annotation: str) -> bool:
    depth = 0
    for char in annotation:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


# Lines black cannot split, so leaves as they are however long: an item of a
# bracketed sequence that black already split one item a line -- a name or dotted
# name, a string, a name imported under its own name, or a dict entry of a string
# key and a name or string.
_UNSPLITTABLE = re.compile(
    r' *(?:[\w.]+|"[^"\\]*"|(\w+) as \1|"[^"\\]*": (?:\w+|"[^"\\]*")),'
)


def needs_black(chunk: str, line_length: int) -> bool:
    """Whether a code line of ``chunk`` is too long (docstring lines may be), and
    one that black could split."""
    if chunk.isascii() and max(map(len, chunk.split("\n"))) <= line_length:
        return False  # most chunks: no line is too long at all
    in_docstring = False
    for line in chunk.split("\n"):
        stripped = line.strip()
        if in_docstring:
            if stripped.endswith('"""'):
                in_docstring = False
            continue
        if stripped.startswith('"""'):
            in_docstring = not (len(stripped) >= 6 and stripped.endswith('"""'))
            continue
        if width(line) > line_length and not _UNSPLITTABLE.fullmatch(line):
            return True
    return False


def code(lines: list[str]) -> str:
    """Laid-out lines as the text a template receives."""
    return "\n".join(lines)
