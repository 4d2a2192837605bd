"""Formatting generated source with black, in-process, through its Python API.

Black runs per chunk (a class, an alias, the module header) and only on the
chunks :mod:`codegen.render.layout` could not lay out itself; ``always=True`` sends
every chunk through black, which the tests use to prove both paths agree. A
chunk from a user's template override always goes through black: nothing
guarantees its layout.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from codegen.errors import CodegenError
from codegen.render.layout import needs_black

if TYPE_CHECKING:
    import black

    from codegen.render.module import ModuleChunks


@functools.cache
def _mode(line_length: int) -> black.Mode:
    import black
    from black.mode import TargetVersion

    return black.Mode(target_versions={TargetVersion.PY310}, line_length=line_length)


def format_source(source: str, line_length: int) -> str:
    """``source`` exactly as black writes it."""
    import black
    from black.parsing import InvalidInput

    try:
        return black.format_str(source, mode=_mode(line_length))
    except InvalidInput as exc:  # a template bug, never the user's input
        raise RuntimeError(f"generated code is not valid Python: {exc}") from exc


def format_chunk(
    chunk: str, line_length: int, always: bool = False, override: str | None = None
) -> str:
    """``chunk`` as black writes it; ``override`` is the template override it came from."""
    if override is not None:
        try:
            return format_source(chunk, line_length)
        except RuntimeError as exc:
            first = str(exc).splitlines()[0]  # black's message goes on with the code
            raise CodegenError(f"{override}: {first}") from exc
    if always or needs_black(chunk, line_length):
        return format_source(chunk, line_length)
    return chunk


# The support modules' templates are written as black writes them at this length.
SUPPORT_LINE_LENGTH = 88


def format_support(text: str, line_length: int, override: str | None = None) -> str:
    """A support module (``_runtime.py``, ``_client.py``) as black writes it.

    Their templates are fixed text already in black's layout at
    :data:`SUPPORT_LINE_LENGTH` (tests/test_templates.py holds them to it), so black,
    a second of every small run, runs on them only at another line length (where
    it may join lines as well as split them) or on a user's template override.
    """
    if override is None and line_length == SUPPORT_LINE_LENGTH:
        return text
    return format_chunk(text, line_length, always=True, override=override)


def format_method(method: str, line_length: int, always: bool = False) -> str:
    """A method of a class, formatted on its own: black sees it dedented, with
    the line length the class body has left, and the result is indented back."""
    if not (always or needs_black(method, line_length)):
        return method
    dedented = "\n".join(line[4:] for line in method.split("\n"))
    formatted = format_source(dedented, line_length - 4)
    return "\n".join("    " + line if line else line for line in formatted.split("\n"))


@dataclass(frozen=True)
class Piece:
    """One formatted chunk of a module and the blank lines before it.

    A module's ``.py`` is its pieces joined; its ``.pyi``
    (:mod:`codegen.render.stubs`) is made from the same pieces, one at a time.
    """

    separator: str
    text: str
    # a method, indented as in its class
    indented: bool = False


def format_pieces(
    chunks: ModuleChunks, line_length: int, always: bool = False
) -> list[Piece]:
    """The module's chunks, formatted: header, aliases one blank line apart, classes two."""
    by = chunks.overridden.get
    pieces = [
        Piece(
            "",
            format_chunk(
                chunks.header, line_length, always, by(chunks.header_template)
            ),
        )
    ]
    pieces.extend(
        Piece("\n", format_chunk(a, line_length, always, by("alias.py.jinja")))
        for a in chunks.aliases
    )
    pieces.extend(
        Piece("\n\n", format_chunk(c, line_length, always, by("class.py.jinja")))
        for c in chunks.classes
    )
    for client in (chunks.client, chunks.async_client):
        if not client:
            continue
        head, *methods = client
        pieces.append(
            Piece(
                "\n\n", format_chunk(head, line_length, always, by("client.py.jinja"))
            )
        )
        method_forced = always or by("client_method.py.jinja") is not None
        pieces.extend(
            Piece("\n", format_method(m, line_length, method_forced), indented=True)
            for m in methods
        )
    return pieces


def join_pieces(pieces: list[Piece]) -> str:
    return "".join(piece.separator + piece.text for piece in pieces)


def format_module(chunks: ModuleChunks, line_length: int, always: bool = False) -> str:
    """The module text: its formatted pieces joined."""
    return join_pieces(format_pieces(chunks, line_length, always))


def black_version() -> str:
    from importlib.metadata import version

    return version("black")
