"""A model's links lead only to web pages, mail or the reference: never to script.

Names and documentation in a model are data. A link the model's HTML holds
(``<a href=...>``), a reST hyperlink or a bare URI written in its text, and the
API reference link made from its ``uid`` keep their target only when its scheme
is ``http``, ``https`` or ``mailto``, or when it has none (a relative link);
anything else is written as text. Checked on the docstrings as docutils reads
them and on the HTML reference Sphinx builds from them, read as a browser reads
a link: entities decoded, leading and trailing controls and spaces stripped,
tabs and line breaks removed, the scheme in any case.
"""

from __future__ import annotations

import html
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from conftest import ROOT, generate_package, service_model, write_model
from rest_check import docstrings, references, rest_problem, unsafe, unsafe_targets

from codegen.render import docs, links, rest

# Targets as an <a href="..."> of the model's HTML holds them: every scheme that
# can run or read something, hidden every way a browser would still follow.
UNSAFE_HREFS = [
    "javascript:alert('href')",
    "JaVaScRiPt:alert(1)",
    "  \tjavascript:alert(1)",
    "\x01\x02javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "javascript\t:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&#x3A;alert(1)",
    "javascript&colon;alert(1)",
    "&amp;#106;avascript:alert(1)",
    "java%73cript:alert(1)",
    "%6Aavascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "file:///etc/passwd",
    "view-source:https://example.com",
    "\ufeffjavascript:alert(1)",
]
SAFE_HREFS = [
    "https://docs.aws.amazon.com/AmazonS3/latest/dev/Welcome.html",
    "http://example.com/a_b?c=d&e=f#g",
    "mailto:someone@example.com",
    "HTTPS://EXAMPLE.COM/UPPER",
    "#an-anchor",
    "relative/page.html",
]
# Link markup in the text itself: reST hyperlinks, bare URIs docutils would link.
UNSAFE_TEXT = [
    "`this <javascript:alert('rest')>`_",
    "`that <javascript:alert(2)>`__",
    "`<javascript:alert(3)>`_",
    "see javascript:alert(4) and (javascript:alert(5)) and x-javascript:alert(6)",
    "data:text/html,x file:///etc/passwd about:blank tag:Owner",
    ".. _target: javascript:alert(7)",
    "target_ __ javascript:alert(8)",
    "<javascript:alert(9)>",
]


def test_the_rule_of_the_test_itself() -> None:
    assert all(unsafe(html.unescape(h)) for h in UNSAFE_HREFS)
    assert not any(unsafe(html.unescape(h)) for h in SAFE_HREFS)


def anchors(hrefs: list[str]) -> str:
    """The ``hrefs`` as the model's HTML holds them (quotes and ``<`` escaped)."""
    escaped = (h.replace('"', "&quot;").replace("<", "&lt;") for h in hrefs)
    return "".join(
        f'<p>Read <a href="{h}">this link {i}</a> now.</p>'
        for i, h in enumerate(escaped)
    )


def text_pieces() -> str:
    return "".join(f"<p>{html.escape(t, quote=False)}</p>" for t in UNSAFE_TEXT)


@pytest.mark.parametrize("href", UNSAFE_HREFS)
def test_an_unsafe_link_keeps_its_text_as_text(href: str) -> None:
    text = docs.html_to_rest(anchors([href]))
    assert "this link 0" in text
    assert rest_problem(text) is None, text
    assert unsafe_targets([text]) == [], text


@pytest.mark.parametrize("href", SAFE_HREFS)
def test_a_safe_link_stays_a_link(href: str) -> None:
    text = docs.html_to_rest(anchors([href]))
    assert rest_problem(text) is None, text
    assert f"`this link 0 <{links.url(html.unescape(href))}>`__" in text


@pytest.mark.parametrize("piece", UNSAFE_TEXT)
def test_link_markup_in_text_is_text(piece: str) -> None:
    for converted in (
        docs.html_to_rest(f"<p>{html.escape(piece, quote=False)}</p>"),
        docs.html_to_rest(f"<p><b>bold</b> {html.escape(piece, quote=False)}</p>"),
        rest.text(piece),
    ):
        assert rest_problem(converted) is None, converted
        assert unsafe_targets([converted]) == [], converted


def test_a_scheme_joined_across_tags_is_text() -> None:
    for joined in [
        "<p>javascript<i></i>:alert(1)</p>",
        "<p>java<b></b>script:alert(1)</p>",
        "<p><code>x</code>javascript:alert(1)</p>",
        "<p>javascript<code></code>:alert(1)</p>",
    ]:
        converted = docs.html_to_rest(joined)
        assert unsafe_targets([converted]) == [], (joined, converted)


def test_bare_uris_of_safe_schemes_and_words_with_colons_are_unchanged() -> None:
    """Escapes only where docutils would make a link: prose reads as it did."""
    plain = (
        "See https://example.com/a_b, s3:GetObject, arn:aws:sqs:us-east-1:1:q, Note: x"
    )
    assert rest.text(plain) == plain
    assert docs.html_to_rest(f"<p>{plain}</p>") == plain


def test_the_api_reference_link_is_escaped_and_valid_rest() -> None:
    paragraph = rest.api_reference("syn>thetic 2020", "Get`Thing_")
    assert rest_problem(paragraph) is None, paragraph
    assert unsafe_targets([paragraph]) == []
    assert paragraph == (
        "See also: `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/"
        "syn%3Ethetic%202020/Get%60Thing_>`__"
    )
    assert rest.api_reference("s3-2006-03-01", "GetObject") == (
        "See also: `AWS API Documentation "
        "<https://docs.aws.amazon.com/goto/WebAPI/s3-2006-03-01/GetObject>`__"
    )


def test_every_scheme_docutils_links_is_known() -> None:
    """A docutils that links more schemes must not find them unescaped."""
    from docutils.utils import urischemes

    assert set(urischemes.schemes) <= links._LINKED_SCHEMES


def test_a_word_docutils_does_not_link_is_unchanged() -> None:
    for word in ["grant_type=urn:ietf:x", "ajavascript:x", "1data:x", "file: x"]:
        assert rest.text(word) == word
        assert references(word) == []


def test_a_client_method_links_an_escaped_uid(tmp_path: Path) -> None:
    model = service_model(
        {"Empty": {"type": "structure", "members": {}}},
        name="synthetic",
        uid="syn>thetic 2020",
    )
    model["operations"] = {
        "GetEmpty": {
            "name": "GetEmpty",
            "http": {"method": "POST", "requestUri": "/"},
            "input": {"shape": "Empty"},
        }
    }
    write_model(tmp_path / "models", "synthetic", model)
    _, files = generate_package(tmp_path, ["synthetic"], tmp_path / "models")
    texts = [doc for _, doc in docstrings(files["synthetic.py"])]
    method = next(t for t in texts if t.startswith("The ``GetEmpty`` operation."))
    assert (
        "See also: `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/"
        "syn%3Ethetic%202020/GetEmpty>`__ :returns: None"
    ) in " ".join(method.split())
    assert [p for t in texts if (p := rest_problem(t))] == []


def hostile_link_model() -> dict[str, Any]:
    links = anchors(UNSAFE_HREFS + SAFE_HREFS) + text_pieces()
    plain = " ".join(UNSAFE_TEXT)  # documentation that is not HTML at all
    shapes: dict[str, Any] = {
        "Linked": {
            "type": "structure",
            "documentation": links,
            "members": {
                "Member": {"shape": "Text", "documentation": links},
                "Plain": {"shape": "Text", "documentation": plain},
                "Old": {
                    "shape": "Text",
                    "deprecated": True,
                    "deprecatedMessage": " ".join(UNSAFE_TEXT + UNSAFE_HREFS),
                    "documentation": "<p>javascript:alert('deprecated')</p>",
                },
                "Kind": {"shape": "Kind"},
            },
        },
        "Text": {"type": "string", "documentation": plain},
        "Kind": {
            "type": "string",
            "enum": ["javascript:alert(1)"],
            "documentation": links,
        },
    }
    model = service_model(
        shapes,
        name="linky",
        serviceFullName="javascript:alert('title') `t <javascript:alert(1)>`__",
        uid="javascript:alert('uid') `u <data:x>`__",
    )
    model["documentation"] = links
    model["operations"] = {
        "GetLinked": {
            "name": "GetLinked",
            "http": {"method": "POST", "requestUri": "/"},
            "input": {"shape": "Linked"},
            "output": {"shape": "Linked"},
            "documentation": links + "<p>" + plain + "</p>",
            "deprecated": True,
            "deprecatedMessage": "see javascript:alert('op')",
        }
    }
    return model


class _Links(HTMLParser):
    """Every attribute of every tag that a browser follows or loads."""

    ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.targets += [v or "" for k, v in attrs if k in self.ATTRIBUTES]


def html_targets(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.targets


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The package generated from the model, and its HTML reference."""
    tmp = tmp_path_factory.mktemp("links")
    write_model(tmp / "models", "linky", hostile_link_model())
    package, _ = generate_package(tmp, ["linky"], tmp / "models")
    out = tmp / "html"
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "build.py"), "--strict"]
        + ["--package", str(package), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return package, out


@pytest.mark.sphinx
def test_no_docstring_links_to_an_unsafe_target(reference: tuple[Path, Path]) -> None:
    package, _ = reference
    texts = sorted(
        {
            doc
            for path in package.rglob("*.py")
            for _, doc in docstrings(path.read_text("utf-8"))
        }
    )
    assert any("this link 0" in t for t in texts)
    # the method's parameter fields carry the members' documentation, as text
    (method,) = [t for t in texts if ":param member:" in t]
    assert ":param member: Read this link 0 now." in " ".join(method.split())
    assert "see javascript\\:alert(4)" in method.split(":param plain:")[1]
    assert unsafe_targets(texts) == []
    # the safe links are all still links
    uris = {uri for text in texts for uri in references(text)}
    assert {links.url(h) for h in SAFE_HREFS} <= uris
    assert any(u.startswith("https://docs.aws.amazon.com/goto/WebAPI/") for u in uris)


@pytest.mark.sphinx
def test_no_page_links_to_an_unsafe_target(reference: tuple[Path, Path]) -> None:
    _, out = reference
    pages = [
        p for p in out.rglob("*.html") if "_static" not in p.relative_to(out).parts
    ]
    assert len(pages) >= 3
    targets = {target for page in pages for target in html_targets(page)}
    found = sorted(t for t in targets if unsafe(t))
    assert found == []
    # what the model linked safely is linked in the pages, and its text is shown
    linky = next(p for p in pages if p.name == "linky.html")
    # (Sphinx writes the address of a mailto: link %-escaped)
    assert {unquote(links.url(h)) for h in SAFE_HREFS} <= {unquote(t) for t in targets}
    shown = linky.read_text(encoding="utf-8")
    assert "this link 0" in shown and "alert(" in shown
