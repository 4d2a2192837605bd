"""Links from a model: targets that can only open a web page, a mail or a page
of the same site, in reST that docutils cannot misread.

A model's documentation is published (``make docs``): a link target or a bare
URI of any other scheme (``javascript:``, ``data:``, ``file:``) would run or
read something with the reference's origin, so it is written as text.
"""

from __future__ import annotations

import re
from html import unescape as unescape_html
from urllib.parse import quote, unquote

_SURROGATE = re.compile("[\ud800-\udfff]")
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


def segment(value: str) -> str:
    return quote(_SURROGATE.sub("\ufffd", value), safe=_SEGMENT_SAFE)


def hyperlink(content: str, target: str) -> str:
    """An anonymous hyperlink: ``content`` is reST text, ``target`` a :func:`url`."""
    content = content.replace("<", "\\<")
    return f"`{content} <{target}>`__" if content else f"`<{target}>`__"


def unlink_bare_uris(written: str) -> str:
    """``written`` (the converter's reST) with the colon of every bare URI of an
    unsafe scheme escaped, outside escapes, inline literals and links.

    Each word is escaped as it is written (the reST converter's word escaping); this finds a
    scheme written in pieces, which an empty tag between them joins
    (``java<b></b>script:``).
    """
    if not unsafe_colons(written):
        return written  # nearly always: no unsafe scheme anywhere
    out: list[str] = []
    position = 0
    for markup in _NOT_TEXT_MARKUP.finditer(written):
        out += [escape_colons(written[position : markup.start()]), markup.group()]
        position = markup.end()
    out.append(escape_colons(written[position:]))
    return "".join(out)


def escape_colons(text_part: str) -> str:
    colons = unsafe_colons(text_part)
    return "".join(
        "\\:" if index in colons else char for index, char in enumerate(text_part)
    )


def unsafe_colons(word: str) -> set[int]:
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
