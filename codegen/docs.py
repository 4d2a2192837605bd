"""Model documentation (HTML) to docstring text (reST) and safe string literals.

The HTML is converted by botocore's own converter, the one that writes boto3's
documentation, then re-wrapped to the line length. Docstrings are built here as
complete string literals: model text is data, so every character that could end
the literal or form an escape is escaped, and nothing from the model can break
out into code.
"""

from __future__ import annotations

import functools
import re
import textwrap

from botocore.docs.bcdoc.restdoc import ReSTDocument

_BLANK_LINES = re.compile(r"\n\s*\n")
_BULLET = re.compile(r"^(\s*)([*-] |\d+\. )")
_SPACES = re.compile(r"[ \t]+")
_TAG = re.compile(r"<[^>]*>")


@functools.lru_cache(maxsize=65536)
def html_to_rest(html: str) -> str:
    """The reST text of a documentation string: paragraphs split by blank lines."""
    if not html.strip():
        return ""
    try:
        document = ReSTDocument(target="html")
        document.include_doc_string(html)
        text = document.getvalue().decode("utf-8", "replace")
    except Exception:  # botocore's parser gave up on this HTML: keep the words
        text = _TAG.sub(" ", html)
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
        indent = len(block) - len(block.lstrip(" "))
        bullet = _BULLET.match(block)
        first = " " * indent
        rest = " " * (bullet.end() if bullet else indent)
        body = " ".join(line.strip() for line in block.splitlines())
        lines.extend(
            textwrap.wrap(
                body,
                width=width,
                initial_indent=first,
                subsequent_indent=rest,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [""]
        )
    return lines


def escape(text: str) -> str:
    """Escape text for the inside of a triple-double-quoted string literal.

    Backslashes are doubled, characters that are not printable become escapes,
    and every double quote that follows another one -- or stands first or last
    -- is escaped, so no run of three quotes can ever close the literal.
    """
    out: list[str] = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"' if not out or out[-1] == '"' else '"')
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
    if out and out[-1] == '"':
        out[-1] = '\\"'
    return "".join(out)


def docstring(paragraphs: list[str], indent: int, line_length: int) -> str:
    """A docstring literal, laid out as black leaves it, for ``indent`` spaces.

    ``paragraphs`` are reST texts joined with blank lines. A short docstring
    stays on one line; a long one gets its closing quotes on a line of their own.
    """
    text = "\n\n".join(p for p in paragraphs if p)
    pad = " " * indent
    lines = wrap(text, line_length - indent - 3) if text else [""]
    lines = [escape(line) for line in lines]
    if len(lines) == 1:  # black keeps a one-line docstring on one line, however long
        return f'"""{lines[0]}"""'
    body = "\n".join(f"{pad}{line}" if line else "" for line in lines[1:])
    return f'"""{lines[0]}\n{body}\n{pad}"""' if body else f'"""{lines[0]}\n{pad}"""'
