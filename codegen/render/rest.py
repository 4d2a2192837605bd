"""Model documentation (HTML, or plain text) to valid reStructuredText.

botocore's own converter (:class:`~botocore.docs.bcdoc.restdoc.ReSTDocument`,
the one that writes boto3's documentation) is used with the fixes that make its
output valid reST for any input, as docutils reads it:

* text is data: every character that reST would read as markup -- inline
  markup (``*``, `````, ``|``, a ``_`` that ends or starts a word), a word that
  could open a block at the start of a line (``-``, ``..``, ``::``, ``1.``,
  ``#``, ``>>>``, a row of ``=``) -- is backslash-escaped;
* inline markup is never empty, never nested, never starts or ends inside
  whitespace, and is separated from adjacent text by escaped whitespace
  (``**a**\\ b``) when no space or punctuation separates it;
* an inline literal that would hold ``````, or a backslash at its end, is
  written as escaped text instead;
* a link is always ``\\`text <url>\\`__``, with the URL percent-encoded where it
  holds characters that would end it;
* a link leads only to a web page, a mail or the same site (:func:`safe_target`):
  an ``<a>`` with any other target keeps its text, as text, and a bare URI of
  any other scheme in the text has its colon escaped, so docutils links nothing
  (``javascript:``, ``data:`` or ``file:`` would run or read something with the
  published reference's origin);
* an admonition (``.. note::``) with no body is dropped.

The same escaping is available for plain text the generator writes itself
(:func:`text`) and for names shown as inline literals (:func:`literal`).
"""

from __future__ import annotations

import re
from typing import Any

from botocore.docs.bcdoc.restdoc import ReSTDocument
from botocore.docs.bcdoc.style import ReSTStyle

from codegen.render import paragraphs
from codegen.render.links import (
    API_REFERENCE,
    hyperlink,
    safe_target,
    segment,
    unlink_bare_uris,
    unsafe_colons,
    url,
)

_ALWAYS_ESCAPED = frozenset("\\*`|")
# A word holding none of these is its own escape.
_PLAIN_WORD = _ALWAYS_ESCAPED | {"_", ":"}
# Characters after which (or before which) inline markup may start (or end)
# without escaped whitespace: docutils' rules for inline markup recognition.
_OPENERS = frozenset(" \n\t-:/'\"<([{")
_CLOSERS = frozenset(" \n\t-.,:;!?\\/'\")]}>")
_ENUMERATOR = re.compile(r"\(?(?:[0-9]+|[A-Za-z]|[ivxlcdmIVXLCDM]+|#)[.)]")
_BLOCK_STARTERS = frozenset("-+.:#>=~^/\u2022\u2023\u2043")
_SAFE_LITERAL = re.compile(r"[A-Za-z0-9_.:/-]+")
_LINE_OPENING = re.compile(r" *(?:\* +)?")  # what may precede a line's first word
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def text(value: str) -> str:
    """Plain text as reST that reads back as this text, its whitespace collapsed.

    Control characters and lone surrogates are no text: they become U+FFFD
    (docutils itself uses NUL to mark escapes).
    """
    words = _clean(value).split()
    return " ".join(_escape_word(word, index == 0) for index, word in enumerate(words))


def _clean(value: str) -> str:
    return _NOT_TEXT.sub("\ufffd", value)


def literal(name: str) -> str:
    """``name`` as an inline literal when that is safe, else as escaped text."""
    if _SAFE_LITERAL.fullmatch(name):
        return f"``{name}``"
    return text(name) or "\\ "


def link(label: str, target: str) -> str:
    """``label`` as a link to ``target``; as text alone when the target is not
    :func:`safe_target`."""
    if not safe_target(target):
        return text(label)
    return hyperlink(text(label), url(target))


def api_reference(uid: str, name: str) -> str:
    """The paragraph that links a shape or an operation to the AWS API reference:
    ``uid`` and ``name`` come from the model, so each is one escaped segment."""
    target = API_REFERENCE.format(uid=segment(uid), name=segment(name))
    return f"See also: {link('AWS API Documentation', target)}"


def _escape_word(word: str, line_start: bool = False) -> str:
    """Escape one whitespace-free word of text data; ``line_start`` if it opens a line."""
    if _PLAIN_WORD.isdisjoint(word):
        return line_start_safe(word) if line_start else word
    out = []
    unsafe = unsafe_colons(word)
    for index, char in enumerate(word):
        before = word[index - 1] if index else " "
        after = word[index + 1] if index + 1 < len(word) else " "
        if char in _ALWAYS_ESCAPED:
            out.append("\\" + char)
        elif char == "_" and not (before.isalnum() and after.isalnum()):
            out.append("\\_")
        elif char == ":" and (index in unsafe or index - 1 in unsafe):
            out.append("\\:")  # the scheme's colon, and a colon after it (``::``)
        elif char == ":" and after == ":":
            out.append(":\\")  # "::" ending a paragraph would start a literal block
        else:
            out.append(char)
    escaped = "".join(out)
    return line_start_safe(escaped) if line_start else escaped


def line_start_safe(word: str) -> str:
    """``word`` (already escaped) made safe as the first word of a line.

    There it could open a list, a directive, a field, a doctest, a table or a
    section title; wrapping decides which words start lines, so it calls this.
    """
    first = word[:1]
    if not first or first == "\\":
        return word
    if first in _BLOCK_STARTERS or (len(set(word)) == 1 and not word.isalnum()):
        return "\\" + word
    if _ENUMERATOR.fullmatch(word):
        return word[:-1] + "\\" + word[-1]
    return word


class _Style(ReSTStyle):  # type: ignore[misc]  # botocore has no type hints
    """botocore's style with inline markup and admonitions made valid."""

    def __init__(self, doc: Any, indent_width: int = 2) -> None:
        super().__init__(doc, indent_width)
        self._open: list[tuple[str, int]] = []  # (markup, index of its first write)
        self._admonitions: list[int] = []
        # (url, index of its first write) of the open link
        self._link: tuple[str | None, int] = (None, 0)

    # inline markup: collected, then written as a whole when it closes

    def _start_inline(self, markup: str) -> None:
        if self._link[0] or self._open:
            markup = ""  # inside a link or other markup: reST has no nesting
        self._open.append((markup, len(self.doc._writes)))
        if markup == "``":
            self.doc.in_literal += 1

    def _end_inline(self, markup: str) -> None:
        if not self._open:
            return
        opened, start = self._open.pop()
        if opened == "``":
            self.doc.in_literal -= 1
        if self._open:
            return  # nested markup: reST has none; the outer markup holds the text
        content = "".join(self.doc._writes[start:])
        del self.doc._writes[start:]
        self._write_inline(opened, content)

    def _write_inline(self, markup: str, content: str) -> None:
        doc = self.doc
        body = content.strip()
        leading = content[: len(content) - len(content.lstrip())]
        trailing = content[len(content.rstrip()) :]
        if markup == "``" and (
            "``" in body or body.endswith(("\\", "`")) or body.startswith("`")
        ):
            markup, body = "", text(body)  # cannot be a literal: plain text
        if not body:
            doc.write(" " if content else "")
            return
        if "\n" in body:  # the markup spans paragraphs or blocks: keep only the text
            if markup == "``":
                body = "\n".join(
                    line[: len(line) - len(line.lstrip())] + text(line)
                    for line in body.split("\n")
                )
            markup = ""
        if not markup:
            doc.write(f"{leading}{body}{trailing}")
            return
        if not leading and not doc.ends_with_any(_OPENERS):
            leading = "\\ "
        doc.write(f"{leading}{markup}{body}{markup}{trailing}")
        doc.closed_inline = not trailing

    # links: always `text <url>`__, or `<url>`__ without text

    def start_a(self, attrs: Any = None) -> None:
        href = next((v for k, v in attrs or () if k == "href" and v), None)
        self.add_trailing_space_to_previous_write()
        if self._open or self._link[0]:
            href = None  # inside inline markup or another link: the text only
        self._link = (
            url(href) if href and href.strip() and safe_target(href) else None,
            len(self.doc._writes),
        )
        self.doc.do_translation = True

    def end_a(self, next_child: Any = None) -> None:
        self.doc.do_translation = False
        href, start = self._link
        self._link = (None, 0)
        if not href:
            return  # an anchor without a target: its text stays as text
        content = " ".join("".join(self.doc._writes[start:]).split())
        del self.doc._writes[start:]
        if not self.doc.ends_with_any(_OPENERS):
            self.doc.write("\\ ")
        self.doc.write(hyperlink(content, href))
        self.doc.closed_inline = True

    # admonitions: dropped when nothing is in them

    def _start_admonition(self, name: str) -> None:
        self._admonitions.append(len(self.doc._writes))
        self.new_paragraph()
        self.doc.write(f".. {name}::")
        self.indent()
        self.new_paragraph()
        self._admonitions.append(len(self.doc._writes))

    def _end_admonition(self) -> None:
        self.dedent()
        body_start = self._admonitions.pop()
        start = self._admonitions.pop()
        if not "".join(self.doc._writes[body_start:]).strip():
            del self.doc._writes[start:]
        self.new_paragraph()

    def start_note(self, attrs: Any = None) -> None:
        self._start_admonition("note")

    def end_note(self) -> None:
        self._end_admonition()

    def start_important(self, attrs: Any = None) -> None:
        self._start_admonition("warning")

    def end_important(self) -> None:
        self._end_admonition()

    def start_danger(self, attrs: Any = None) -> None:
        self._start_admonition("danger")

    def end_danger(self) -> None:
        self._end_admonition()

    def start_codeblock(self, attrs: Any = None) -> None:
        pass  # text in <pre> is wrapped like any other text

    def end_codeblock(self) -> None:
        pass


class _Document(ReSTDocument):  # type: ignore[misc]  # botocore has no type hints
    """botocore's document, writing text data escaped and keeping inline markup apart."""

    def __init__(self) -> None:
        super().__init__(target="html")
        self.style = _Style(self)
        self.in_literal = 0
        self.closed_inline = False

    def at_line_start(self) -> bool:
        """Whether the next text starts a line, or the text of a list item."""
        tail = []
        chunk: str
        for chunk in reversed(self._writes):
            tail.append(chunk)
            if "\n" in chunk:
                break
        line = "".join(reversed(tail)).rpartition("\n")[2]
        return _LINE_OPENING.fullmatch(line) is not None

    def ends_with_any(self, characters: frozenset[str]) -> bool:
        chunk: str
        for chunk in reversed(self._writes):
            if chunk:
                return chunk[-1] in characters
        return True  # start of the text

    def handle_data(self, data: str) -> None:
        if not data or not self.keep_data:
            return
        if not self.in_literal:
            at_line_start = self.at_line_start() and not data[:1].isspace()
            words = [
                _escape_word(word, at_line_start and index == 0)
                for index, word in enumerate(data.split())
            ]
            data = (
                (" " if data[:1].isspace() else "")
                + " ".join(words)
                + (" " if data[-1:].isspace() and words else "")
            )
        if self.closed_inline and data and data[0] not in _CLOSERS:
            data = "\\ " + data
        self.closed_inline = False
        self._write(data)

    def write(self, content: str) -> None:
        if content:
            self.closed_inline = False
        self._write(content)


def html_to_rest(html: str) -> str:
    """The reST for a documentation string, as botocore converts it, made valid."""
    html = _clean(html)
    document = _Document()
    if paragraphs.CODE_PARAGRAPHS.fullmatch(html) and all(
        code.strip() for code in paragraphs.CODE.findall(html)
    ):
        paragraphs.write_code_paragraphs(document, html)
    else:
        document.include_doc_string(html)
        if document._last_doc_string is None:  # botocore's parser gave up
            return text(re.sub(r"<[^>]*>", " ", html))  # keep the words
    return unlink_bare_uris(str(document.getvalue().decode("utf-8", "replace")))
