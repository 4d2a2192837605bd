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
from html import unescape as unescape_html
from typing import Any
from urllib.parse import quote, unquote

from botocore.docs.bcdoc.restdoc import ReSTDocument
from botocore.docs.bcdoc.style import ReSTStyle

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
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"
_SEGMENT_SAFE = "!$&'()*+,;=:@~-._"

API_REFERENCE = "https://docs.aws.amazon.com/goto/WebAPI/{uid}/{name}"
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_WHITESPACE = re.compile("[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_RELATIVE = re.compile(r"[/?#]")
# The schemes docutils links in text, as its ``urischemes`` (0.22) lists them,
# with the ones browsers run that it may list some day.
_LINKED_SCHEMES = frozenset(
    """about acap addbook afp afs aim callto castanet chttp cid crid data dav dict
    dns eid fax feed file finger freenet ftp go gopher gsm-sms h323 h324 hdl hnews
    http https hydra iioploc ilu im imap info ior ipp irc iris.beep iseek jar
    javascript jdbc ldap lifn livescript lrq mailbox mailserver mailto md5 mid
    mocha modem mtqp mupdate news nfs nntp opaquelocktoken phone pop pop3 pres
    printer prospero rdar res rtsp rvp rwhois rx sdp service shttp sip sips smb
    snews snmp soap.beep soap.beeps ssh t120 tag tcp tel telephone telnet tftp
    tip tn3270 tv urn uuid vemmi videotex view-source wais whodp whois++
    x-man-page xmlrpc.beep xmlrpc.beeps z39.50r z39.50s
    vbscript blob filesystem""".split()
)
_UNSAFE_SCHEMES = _LINKED_SCHEMES - SAFE_SCHEMES
# What the converter writes that is not text: escapes, inline literals, links.
_NOT_TEXT_MARKUP = re.compile(r"\\.|``.+?``|`(?:\\.|[^`\\])*`__", re.DOTALL)
# A colon that may end the scheme of a bare URI: after letters, digits and
# ``.+-``, before a character of a URI or an escape. docutils starts a URI only
# after white space, a quote, an opening bracket or a delimiter -- of ASCII
# characters, one of "'(-/:<[{ -- so also after a "-" inside such a run; any
# character beyond ASCII is taken to allow one.
_NOT_BEFORE_URI = "".join(
    c for c in map(chr, range(0x21, 0x7F)) if c not in "\"'(-/:<[{"
)
_SCHEME_COLON = re.compile(
    rf"(?<![{re.escape(_NOT_BEFORE_URI)}])([A-Za-z][A-Za-z0-9.+-]*)"
    r":(?=[-_.!~*'()\[\];/:@&=+$,%A-Za-z0-9\\])"
)


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


def url(value: str) -> str:
    """A URL that cannot end a reST link: spaces, quotes, ``<>`` and ````` encoded."""
    return quote(_SURROGATE.sub("\ufffd", value.strip()), safe=_URL_SAFE)


def safe_target(target: str) -> bool:
    """Whether a link to ``target`` can only open a web page, a mail, or a page
    of the same site: its scheme is http, https or mailto, or it has none.

    The scheme is read as a browser reads it -- tabs and line breaks removed,
    leading and trailing controls and spaces stripped, in any case -- and also
    under HTML entities and %-escapes, which a browser would not decode there:
    a target that is only safe undecoded is not kept either. A colon after any
    other character than a scheme's, before the first ``/?#``, is a scheme
    too: nothing that is not certainly relative passes.
    """
    for _ in range(8):
        decoded = unquote(unescape_html(target))
        if decoded == target:
            break
        target = decoded
    else:
        return False  # escaped deeper than any real link
    target = _URL_WHITESPACE.sub("", target).strip(_C0_AND_SPACE)
    scheme, colon, _ = target.partition(":")
    if not colon or _RELATIVE.search(scheme):
        return True
    return scheme.lower() in SAFE_SCHEMES


def link(label: str, target: str) -> str:
    """``label`` as a link to ``target``; as text alone when the target is not
    :func:`safe_target`."""
    if not safe_target(target):
        return text(label)
    return _hyperlink(text(label), url(target))


def api_reference(uid: str, name: str) -> str:
    """The paragraph that links a shape or an operation to the AWS API reference:
    ``uid`` and ``name`` come from the model, so each is one escaped segment."""
    target = API_REFERENCE.format(uid=_segment(uid), name=_segment(name))
    return f"See also: {link('AWS API Documentation', target)}"


def _segment(value: str) -> str:
    return quote(_SURROGATE.sub("\ufffd", value), safe=_SEGMENT_SAFE)


def _hyperlink(content: str, target: str) -> str:
    """An anonymous hyperlink: ``content`` is reST text, ``target`` a :func:`url`."""
    content = content.replace("<", "\\<")
    return f"`{content} <{target}>`__" if content else f"`<{target}>`__"


def _unlink_bare_uris(written: str) -> str:
    """``written`` (the converter's reST) with the colon of every bare URI of an
    unsafe scheme escaped, outside escapes, inline literals and links.

    Each word is escaped as it is written (:func:`_escape_word`); this finds a
    scheme written in pieces, which an empty tag between them joins
    (``java<b></b>script:``).
    """
    if not _unsafe_colons(written):
        return written  # nearly always: no unsafe scheme anywhere
    out: list[str] = []
    position = 0
    for markup in _NOT_TEXT_MARKUP.finditer(written):
        out += [_escape_colons(written[position : markup.start()]), markup.group()]
        position = markup.end()
    out.append(_escape_colons(written[position:]))
    return "".join(out)


def _escape_colons(text_part: str) -> str:
    colons = _unsafe_colons(text_part)
    return "".join(
        "\\:" if index in colons else char for index, char in enumerate(text_part)
    )


def _unsafe_colons(word: str) -> set[int]:
    """Where in ``word`` a colon would end the scheme of a bare URI that docutils
    links and :func:`safe_target` refuses: those colons are escaped."""
    if ":" not in word:
        return set()
    found = set()
    for match in _SCHEME_COLON.finditer(word):
        run = match.group(1).lower()
        starts = [0, *(i + 1 for i, char in enumerate(run) if char == "-")]
        if any(run[start:] in _UNSAFE_SCHEMES for start in starts):
            found.add(match.end() - 1)
    return found


def _escape_word(word: str, line_start: bool = False) -> str:
    """Escape one whitespace-free word of text data; ``line_start`` if it opens a line."""
    if _PLAIN_WORD.isdisjoint(word):
        return line_start_safe(word) if line_start else word
    out = []
    unsafe = _unsafe_colons(word)
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
        self.doc.write(_hyperlink(content, href))
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


# Paragraphs of text and inline code, a sixth of all documentation: written
# through botocore's writer without its HTML parser and tree, whose rules for
# white space are applied here (tests/test_rest.py holds the two equal).
_CODE_PARAGRAPHS = re.compile(r"\s*(?:<p>(?:[^<>&]|<code>[^<>&]+</code>)*</p>\s*)+")
_PARAGRAPH_OR_SPACE = re.compile(r"<p>(.*?)</p>|(\s+)", re.DOTALL)
_CODE = re.compile(r"<code>([^<>&]+)</code>")


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


def _write_code_paragraphs(document: _Document, html: str) -> None:
    """What ``document.include_doc_string(html)`` writes for ``html`` of
    :data:`_CODE_PARAGRAPHS`."""
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
        parts = _CODE.split(inner)
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


def html_to_rest(html: str) -> str:
    """The reST for a documentation string, as botocore converts it, made valid."""
    html = _clean(html)
    document = _Document()
    if _CODE_PARAGRAPHS.fullmatch(html) and all(
        code.strip() for code in _CODE.findall(html)
    ):
        _write_code_paragraphs(document, html)
    else:
        document.include_doc_string(html)
        if document._last_doc_string is None:  # botocore's parser gave up
            return text(re.sub(r"<[^>]*>", " ", html))  # keep the words
    return _unlink_bare_uris(str(document.getvalue().decode("utf-8", "replace")))
