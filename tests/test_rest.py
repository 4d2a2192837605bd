"""Every docstring the generator writes is valid reStructuredText, as docutils reads it.

Checked on the committed output, on several whole large services, and on the
converter's known trouble: unclosed literals, stray inline markup characters,
empty admonitions, markup glued to words, text that looks like block markup.
The fuzzer (``test_fuzz.py``) checks the same on every random model.
"""

from __future__ import annotations

import functools
import os

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_check import docstrings, rest_problem, rest_problems

from codegen.build import pipeline
from codegen.config import Target
from codegen.render import docs, rest
from codegen.render import paragraphs as fast_paragraphs

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


@pytest.mark.wholeservice
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


def _botocore_rest(html: str) -> str:
    """:func:`rest.html_to_rest` through botocore's HTML parser and tree alone."""
    document = rest._Document()
    document.include_doc_string(rest._clean(html))
    return str(document.getvalue().decode("utf-8", "replace"))


def _through_botocore(html: str) -> str:
    """What :func:`docs.html_to_rest` gives through botocore's converter alone."""
    blocks = docs._BLANK_LINES.split(_botocore_rest(html))
    return "\n\n".join(
        docs._dedent_block(block.rstrip()) for block in blocks if block.strip()
    ).strip()


@functools.cache
def _member_docs() -> list[str]:
    """A sample of real documentation: the members of four large services."""
    from botocore.loaders import Loader

    loader = Loader()
    texts: set[str] = set()
    for service in ("s3", "iam", "ec2", "sagemaker"):
        model = loader.load_service_model(service, "service-2")
        for shape in model["shapes"].values():
            texts.update(
                m.get("documentation", "") for m in shape.get("members", {}).values()
            )
    return sorted(texts)


_PLAIN_TEXT = st.text(
    alphabet=st.sampled_from(list(" \t\n_*`|:.-#=1aB\\\"'()[]\u2022\u00e9\x07")),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PLAIN_TEXT, min_size=1, max_size=4), st.sampled_from(["", " ", "\n"]))
def test_plain_paragraphs_convert_as_botocore_converts_them(
    paragraphs: list[str], between: str
) -> None:
    html = between.join(f"<p>{p}</p>" for p in paragraphs)
    assert docs._PLAIN_PARAGRAPHS.fullmatch(html)
    assert docs.html_to_rest.__wrapped__(html) == _through_botocore(html)


def test_plain_paragraphs_of_the_catalogue_convert_as_botocore_converts_them() -> None:
    """Three quarters of real documentation takes the direct path."""
    plain = [
        t for t in _member_docs() if t.strip() and docs._PLAIN_PARAGRAPHS.fullmatch(t)
    ]
    assert len(plain) > 5000
    assert [docs.html_to_rest.__wrapped__(t) for t in plain] == [
        _through_botocore(t) for t in plain
    ]


# words, spaces, other whitespace textwrap drops or keeps
_WRAP_PIECES = ["a", "bb", "x" * 30, "-", "ab-cd", "\u00e9", " ", " ", " ", "\t", "\n"]
_WRAP_TEXT = st.lists(
    st.sampled_from([*_WRAP_PIECES, "\u3000", "\u00a0", "\x1c"]), max_size=40
).map("".join)


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(_WRAP_TEXT, _WRAP_TEXT.map(lambda text: " ".join(text.split()))),
    st.integers(1, 60),
    st.integers(0, 8),
    st.integers(0, 8),
)
def test_wrapping_words_is_textwrap(
    body: str, width: int, first: int, hanging: int
) -> None:
    import textwrap

    assert docs._wrap_words(body, width, " " * first, " " * hanging) == textwrap.wrap(
        body,
        width=width,
        initial_indent=" " * first,
        subsequent_indent=" " * hanging,
        break_long_words=False,
        break_on_hyphens=False,
    )


_CODE_TEXT = st.lists(
    st.sampled_from(["a", "b_c", "1.", "*", "`", "|", ":", "-", " ", " ", "\n", "\\"]),
    max_size=8,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(_CODE_TEXT, _CODE_TEXT.filter(lambda code: code.strip())),
            max_size=3,
        ),
        min_size=1,
        max_size=3,
    ),
    _CODE_TEXT,
    st.sampled_from(["", " ", "\n", " \n "]),
)
def test_paragraphs_with_code_convert_as_botocore_converts_them(
    paragraphs: list[list[tuple[str, str]]], tail: str, between: str
) -> None:
    html = between.join(
        "<p>"
        + "".join(f"{text}<code>{code}</code>" for text, code in parts)
        + tail
        + "</p>"
        for parts in paragraphs
    )
    assert fast_paragraphs.CODE_PARAGRAPHS.fullmatch(html)
    assert rest.html_to_rest(html) == _botocore_rest(html)


def test_paragraphs_with_code_of_the_catalogue_convert_as_botocore_converts_them() -> (
    None
):
    coded = [
        t
        for t in _member_docs()
        if "<code>" in t and fast_paragraphs.CODE_PARAGRAPHS.fullmatch(t)
    ]
    assert len(coded) > 1000
    assert [rest.html_to_rest(t) for t in coded] == [_botocore_rest(t) for t in coded]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("* an item\n* another", ":param x: \\* an item * another"),
        ("  an indented\n  body", ":param x: an indented body"),
        ("a literal block follows::", ":param x: a literal block follows:"),
        ("text ::", ":param x: text"),
        (":class:`Output`", ":param x: :class:`Output`"),
        ("", ":param x:"),
    ],
)
def test_a_field_body_is_running_text_that_opens_no_block(
    body: str, expected: str
) -> None:
    field = docs.field("param x", body)
    assert field == expected
    wrapped = "\n".join(docs.wrap(f"Summary.\n\n{field}\n:returns: None", 24))
    assert rest_problem(wrapped) is None, wrapped
    for line in wrapped.splitlines()[3:]:
        assert line.startswith((":", "    ")), wrapped  # the body stays in its field


def test_a_field_name_is_text() -> None:
    """A class or parameter named with a trailing underscore (``Type_``) is no
    reference to a target "type" (the fuzzer's seed 16)."""
    field = docs.field("raises Type_", "")
    assert field == ":raises Type\\_:"
    assert rest_problem(f"Summary.\n\n{field}") is None
    assert rest_problem("Summary.\n\n:raises Type_:") is not None
