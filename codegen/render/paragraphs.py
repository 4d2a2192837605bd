"""Paragraphs of text and inline code, a sixth of all documentation, written
through botocore's writer without its HTML parser and tree.

The parser's rules for white space are applied here directly, which makes the
most common documentation several times cheaper to convert;
tests/test_rest.py holds the output equal to botocore's own converter.
"""

from __future__ import annotations

import re
from typing import Any

CODE_PARAGRAPHS = re.compile(r"\s*(?:<p>(?:[^<>&]|<code>[^<>&]+</code>)*</p>\s*)+")
_PARAGRAPH_OR_SPACE = re.compile(r"<p>(.*?)</p>|(\s+)", re.DOTALL)
CODE = re.compile(r"<code>([^<>&]+)</code>")


class _Data:
    """Text as botocore's tree holds it: leading space, words, trailing space."""

    def __init__(self, data: str) -> None:
        core = data.strip()
        if not core:
            self.lead, self.core, self.trail = "", "", data
        else:
            start = len(data) - len(data.lstrip())
            self.lead, self.core = data[:start], core
            self.trail = data[start + len(core) :]

    def starts_with_space(self) -> bool:
        return self.lead != "" or (self.core == "" and self.trail != "")

    def ends_with_space(self) -> bool:
        return self.trail != "" or (self.core == "" and self.lead != "")

    def lstrip(self) -> None:
        if self.lead:
            self.lead = ""
        elif not self.core:
            self.trail = ""

    def rstrip(self) -> None:
        if self.trail:
            self.trail = ""
        elif not self.core:
            self.lead = ""

    def text(self) -> str:
        return f"{self.lead}{' '.join(self.core.split())}{self.trail}"


def write_code_paragraphs(document: Any, html: str) -> None:
    """What ``document.include_doc_string(html)`` writes for ``html`` of
    :data:`CODE_PARAGRAPHS`."""
    style = document.style
    pieces = [
        (match.group(1), match.group(2))
        for match in _PARAGRAPH_OR_SPACE.finditer(html.strip())
    ]
    # the document drops white space, and paragraphs of nothing else, at both ends
    while pieces and _blank(pieces[0]):
        pieces.pop(0)
    while pieces and _blank(pieces[-1]):
        pieces.pop()
    for inner, space in pieces:
        if space is not None:
            document.handle_data(" ")  # the space between two paragraphs
            continue
        # (is code, its text) in order; text between tags is kept only if any
        parts = CODE.split(inner)
        children = [
            (index % 2 == 1, _Data(part))
            for index, part in enumerate(parts)
            if part or index % 2 == 1
        ]
        # a paragraph drops leading and trailing white space ...
        while children and not children[0][0] and not children[0][1].core:
            children.pop(0)
        if children:
            children[0][1].lstrip()
        while children and not children[-1][0] and not children[-1][1].core:
            children.pop()
        if children:
            children[-1][1].rstrip()
        # ... and white space repeated on both sides of a tag
        for (prev_code, prev), (_, cur) in zip(children, children[1:]):
            if not prev_code and prev.ends_with_space() and cur.starts_with_space():
                cur.lstrip()
        for (_, cur), (next_code, nxt) in zip(children, children[1:]):
            if not next_code and cur.ends_with_space() and nxt.starts_with_space():
                cur.rstrip()
        style.start_p()
        for is_code, data in children:
            if is_code:
                style.start_code([])
            written = data.text()
            if written:
                document.handle_data(written)
            if is_code:
                style.end_code()
        style.end_p()


def _blank(piece: tuple[str | None, str | None]) -> bool:
    inner, space = piece
    return space is not None or not (inner or "").strip()
