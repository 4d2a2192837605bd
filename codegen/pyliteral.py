"""Python string literals exactly as black writes them.

Every string from a model reaches generated code through :func:`pystr`, so a
name or a documentation text is data, never code, and black leaves it as is.
"""

from __future__ import annotations


def pystr(value: str) -> str:
    """The string literal black would write for ``value``.

    Black prefers double quotes unless they need more escapes than single ones.
    """
    if '"' not in value and "\\" not in value and value.isprintable():
        return f'"{value}"'  # nearly every string: nothing to escape
    double = _body(value, '"')
    single = _body(value, "'")
    if double.count("\\") <= single.count("\\"):
        return f'"{double}"'
    return f"'{single}'"


def _body(value: str, quote: str) -> str:
    out = []
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char == quote:
            out.append("\\" + quote)
        elif char.isprintable() or char == " ":
            out.append(char)
        else:
            out.append(repr(char)[1:-1])
    return "".join(out)
