"""Every docstring the generator writes is valid reStructuredText, as docutils reads it.

Checked on the committed output, on several whole large services, and on the
converter's known trouble: unclosed literals, stray inline markup characters,
empty admonitions, markup glued to words, text that looks like block markup.
The fuzzer (``test_fuzz.py``) checks the same on every random model.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from codegen import docs, pipeline
from codegen.config import Target

from conftest import ROOT
from rest_check import docstrings, rest_problem, rest_problems

# Large services with the most varied documentation; CODEGEN_REST_SERVICES
# (comma-separated) checks others, e.g. ec2 (about 10,000 distinct docstrings).
SERVICES = os.environ.get("CODEGEN_REST_SERVICES", "s3,iam,quicksight").split(",")


def test_committed_output_is_valid_rest() -> None:
    checked = 0
    for path in sorted((ROOT / "generated").glob("*.py")):
        texts = sorted({doc for _, doc in docstrings(path.read_text(encoding="utf-8"))})
        assert not rest_problems(texts), path.name
        checked += len(texts)
    assert checked > 40


@pytest.fixture(scope="module")
def large_services() -> dict[str, str]:
    output = pipeline.build([Target(s) for s in SERVICES], jobs=2)
    return {n: t for n, t in output.files.items() if n.endswith(".py")}


def test_whole_large_services_are_valid_rest(large_services: dict[str, str]) -> None:
    texts = sorted(
        {doc for text in large_services.values() for _, doc in docstrings(text)}
    )
    assert len(texts) > 5000
    problems = rest_problems(texts)
    assert not problems, problems[:5]


@pytest.mark.parametrize(
    "html",
    [
        "<p>an unclosed <code>``</code> literal and ``another</p>",
        "<p>a stray * and ** and ` and | and _ and word_ and [1]_ and |x|</p>",
        "<note></note>",
        "<important> </important><note><p></p></note>",
        "<p>x</p><note>the note</note>",
        "<b>bold</b>glued<i>italic</i>glued<code>code</code>glued",
        "glued<b>bold</b> and <b> spaced </b> and <b></b> and <i>*</i>",
        "<code>ends in a backslash\\</code> <code>`tick`</code>",
        "<code>spans<p>two paragraphs</p></code>",
        "<b>bold with <code>*code*</code> inside</b> <i><b>``</b></i>",
        '<a href="https://example.com/a b<c>">link</a>after <a href="">empty</a>',
        '<a href="https://example.com/x"><code>code link</code></a>',
        "<a>no href</a> <a href='https://x'></a>",
        "- not a list\n* not a list\n+ not a list\n1. not an enumeration\n(a) neither",
        ".. not a directive:: x\n:: not a literal block\n>>> not a doctest",
        ":field: not a field\n====\nnot a title\n----",
        "text ending in a literal block marker::",
        "<ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>",
        "<ul><li>- a list in an item</li><li>= = =</li><li>1. x</li></ul>",
        "<p>1. first</p><p>- second</p><p>#. third</p>",
        "{{ jinja }} {% raw %} \\ back\\slash \\\\",
        "\ud800 \x00 \x1b[31m \u2028",
    ],
)
def test_the_converter_gives_valid_rest(html: str) -> None:
    text = docs.html_to_rest(html)
    for width in (20, 60):
        wrapped = "\n".join(docs.wrap(text, width))
        assert rest_problem(wrapped) is None, (text, wrapped)


def test_escaping_keeps_ordinary_text_unescaped() -> None:
    """Escapes only where markup could start: prose reads as it did."""
    text = docs.html_to_rest(
        "<p>Use <code>Name</code>, a value between 0 and 100. See "
        "<a href='https://example.com'>the guide</a>: it_is fine - really.</p>"
    )
    assert text == (
        "Use ``Name``, a value between 0 and 100. See "
        "`the guide <https://example.com>`__: it_is fine - really."
    )


def test_the_checker_finds_invalid_rest() -> None:
    """The check above has teeth: each of these is what the old converter wrote."""
    for bad in ["``unclosed", "a * b *c", ".. note::", "**bold**glued", "`x`_"]:
        assert rest_problem(bad) is not None, bad
    assert rest_problems(["fine", "``unclosed"]) == [
        ("``unclosed", rest_problems(["``unclosed"])[0][1])
    ]
