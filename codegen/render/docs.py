"""Model documentation (HTML) to docstring text (reST) and safe string literals.

The HTML is converted to valid reST by :mod:`codegen.render.rest` (botocore's own
converter, made valid), then re-wrapped to the line length. Docstrings are built here as
complete string literals: model text is data, so every character that could end
the literal or form an escape is escaped, and nothing from the model can break
out into code.
"""

from __future__ import annotations

import functools
import re
import textwrap

from codegen.render import rest

_BLANK_LINES = re.compile(r"\n\s*\n")
_FIELD_INDENT = "    "
_ROLE = re.compile(r":\w+:`")
_BULLET = re.compile(r"^(\s*)([*-] |\d+\. )")
_SPACES = re.compile(r"[ \t]+")
# Paragraphs of plain text, three quarters of all documentation: converted
# directly, with the same result as botocore's converter (tests/test_rest.py).
_PLAIN_PARAGRAPHS = re.compile(r"\s*(?:<p>[^<>&]*</p>\s*)+")
_PARAGRAPH = re.compile(r"<p>([^<>&]*)</p>")


@functools.lru_cache(maxsize=65536)
def html_to_rest(html: str) -> str:
    """The reST text of a documentation string: paragraphs split by blank lines."""
    if not html.strip():
        return ""
    if _PLAIN_PARAGRAPHS.fullmatch(html):
        paragraphs = (rest.text(p) for p in _PARAGRAPH.findall(html))
        return "\n\n".join(p for p in paragraphs if p)
    text = rest.html_to_rest(html)
    blocks = [block.rstrip() for block in _BLANK_LINES.split(text)]
    return "\n\n".join(
        _dedent_block(block) for block in blocks if block.strip()
    ).strip()


def _dedent_block(block: str) -> str:
    lines = []
    for line in block.splitlines():
        if line.strip():
            stripped = line.lstrip()
            lines.append(
                line[: len(line) - len(stripped)] + _SPACES.sub(" ", stripped.rstrip())
            )
    return "\n".join(lines)


def first_paragraph(text: str) -> str:
    """The first paragraph of prose: past a leading directive (``.. warning::``)
    and its indented body, which is the fallback when there is nothing else."""
    if not text.startswith((".. ", " ")):  # nearly always: no need to split it all
        return text.split("\n\n", 1)[0]
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    prose = [p for p in paragraphs if not p.startswith((" ", ".. "))]
    body = [p for p in paragraphs if p.startswith(" ")]
    return (prose or body or [text])[0]


def field(name: str, body: str) -> str:
    """One field of a field list (``:param name: body``), on one line for :func:`wrap`.

    ``body`` is a paragraph of reST (see :func:`first_paragraph`), kept as running
    text: a list item or a directive's body inside a field body would need
    indentation that wrapping the field cannot keep, so its lines are joined and
    its first word cannot open a block. A paragraph ending in ``::`` would
    announce a literal block that no longer follows.
    """
    words = body.split()
    if words and words[-1] == "::":
        words.pop()
    elif words and words[-1].endswith("::"):
        words[-1] = words[-1][:-1]
    if words and not _ROLE.match(words[0]):  # a role (:class:`X`) opens no block
        words[0] = rest.line_start_safe(words[0])
    # a name is text too: ``type_`` would be a reference to a target "type"
    return " ".join([f":{rest.text(name)}:", *words])


def wrap(text: str, width: int) -> list[str]:
    """Wrap reST paragraphs to ``width`` columns, keeping bullets and indents."""
    width = max(width, 20)
    lines: list[str] = []
    for block in text.split("\n\n"):
        if lines:
            lines.append("")
        if block.startswith(".. ") or block.lstrip().startswith("::"):
            lines.extend(block.splitlines())
            continue
        if block.startswith(":"):  # a field list from field(): text never starts so
            for line in block.splitlines():
                lines.extend(_wrap_field(line, width))
            continue
        indent = len(block) - len(block.lstrip(" "))
        bullet = _BULLET.match(block)
        first = " " * indent
        hanging = " " * (bullet.end() if bullet else indent)
        body = " ".join(line.strip() for line in block.splitlines())
        wrapped = _wrap_words(body, width, first, hanging)
        # A word that wrapping moved to the start of a line must not open a block there.
        lines.extend(
            [
                *wrapped[:1],
                *(
                    hanging + _line_start_safe(line[len(hanging) :])
                    for line in wrapped[1:]
                ),
            ]
            or [""]
        )
    return lines


def _wrap_field(line: str, width: int) -> list[str]:
    """A :func:`field` wrapped, its marker kept whole on the first line and the
    body's other lines indented under it."""
    end = line.index(":", 1) + 1
    lines = [line[:end]]
    for word in line[end:].split():
        if len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(_FIELD_INDENT + _line_start_safe(word))
    return lines


def _wrap_words(body: str, width: int, first: str, hanging: str) -> list[str]:
    """``textwrap.wrap`` of ``body`` without breaking words or at hyphens, exactly.

    Nearly every body is words between single spaces; those are filled greedily
    here, at a fraction of textwrap's cost (tests/test_rest.py holds the two
    equal). Any other body goes to textwrap.
    """
    words = body.split()
    if " ".join(words) != body or width <= max(len(first), len(hanging)):
        # other whitespace than single spaces between words (textwrap drops some)
        return textwrap.wrap(
            body,
            width=width,
            initial_indent=first,
            subsequent_indent=hanging,
            break_long_words=False,
            break_on_hyphens=False,
        )
    lines: list[str] = []
    line: list[str] = []
    indent, room, used = first, width - len(first), -1
    for word in words:
        if line and used + 1 + len(word) > room:
            lines.append(indent + " ".join(line))
            line, indent, room, used = [], hanging, width - len(hanging), -1
        line.append(word)
        used += 1 + len(word)
    if line:
        lines.append(indent + " ".join(line))
    return lines


def _line_start_safe(line: str) -> str:
    word, space, remainder = line.partition(" ")
    return rest.line_start_safe(word) + space + remainder


def escape(text: str) -> str:
    """Escape text for the inside of a triple-double-quoted string literal.

    Backslashes are doubled, characters that are not printable become escapes,
    and every double quote that follows another one -- or stands first -- is
    escaped, so no run of three quotes can ever close the literal. A quote that
    stands last is written ``\\x22``: black pads a docstring that ends in a
    quote character with a space, and an escape avoids that. A lone surrogate
    (valid JSON, but no text) becomes U+FFFD: CPython encodes a class docstring
    as UTF-8 when it creates the class, and a surrogate would make the import fail.
    """
    if '"' not in text and "\\" not in text and text.replace("\n", "").isprintable():
        return text  # nearly every docstring: nothing to escape (surrogates are not printable)
    out: list[str] = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"' if not out or out[-1] == '"' else '"')
        elif "\ud800" <= char <= "\udfff":
            out.append("\ufffd")
        elif char == "\n" or (char.isprintable() and char != "\x7f"):
            out.append(char)
        else:
            code = ord(char)
            if code < 0x100:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
    if out and out[-1] in ('"', '\\"'):
        out[-1] = "\\x22"
    return "".join(out)


def docstring(paragraphs: list[str], indent: int, line_length: int) -> str:
    """A docstring literal, laid out as black leaves it, for ``indent`` spaces.

    ``paragraphs`` are reST texts joined with blank lines. A short docstring
    stays on one line; a long one gets its closing quotes on a line of their own.
    Black (like ``inspect.cleandoc``) strips the first line and removes the
    indentation the other lines share; when that would change the text -- the
    first line is indented, or every other line is -- the text starts on the
    line after the opening quotes, where it keeps its indentation.
    """
    return _docstring("\n\n".join(p for p in paragraphs if p), indent, line_length)


@functools.lru_cache(maxsize=16384)
def _docstring(text: str, indent: int, line_length: int) -> str:
    """:func:`docstring` of the joined text: a quarter of all are repeats
    (a pagination token's, a member shared by request and result)."""
    pad = " " * indent
    lines = (
        [line.rstrip() for line in wrap(text, line_length - indent - 3)] if text else []
    )
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    lines = _dedent(lines) or [""]
    lines = [escape(line) for line in lines]
    if len(lines) == 1 and not lines[0].startswith(" "):
        return f'"""{lines[0]}"""'
    body = "\n".join(f"{pad}{line}" if line else "" for line in lines)
    if lines[0].startswith(" ") or _indentation(lines[1:]) > 0:
        return f'"""\n{body}\n{pad}"""'
    return f'"""{body[len(pad):]}\n{pad}"""'


def _indentation(lines: list[str]) -> int:
    """The indentation the non-blank ``lines`` share (0 when there are none)."""
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    return min(indents, default=0)


def _dedent(lines: list[str]) -> list[str]:
    common = _indentation(lines)
    return [line[common:] for line in lines]
