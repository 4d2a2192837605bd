"""Docstrings read back by docutils, the reference reStructuredText parser."""

from __future__ import annotations

import ast
import functools
import html
import inspect
import io
import re
from collections.abc import Iterator
from urllib.parse import unquote

import docutils.core
import docutils.nodes
import docutils.parsers.rst
import docutils.parsers.rst.roles
import docutils.utils

# Sphinx's Python roles, which the runtime's own docstrings use; generated
# documentation uses no roles at all.
for _role in ("attr", "class", "data", "exc", "func", "meth", "mod", "obj"):
    docutils.parsers.rst.roles.register_generic_role(_role, docutils.nodes.literal)
_OPTIONS = {
    "report_level": 2,
    "warning_stream": io.StringIO(),
    "file_insertion_enabled": False,
    "raw_enabled": False,
    "input_encoding": "unicode",
}


def _doctree(text: str, halt_level: int) -> docutils.nodes.document:
    """Parse ``text`` and run the standard transforms, which resolve references."""
    doctree: docutils.nodes.document = docutils.core.publish_doctree(
        text, settings_overrides={**_OPTIONS, "halt_level": halt_level}
    )
    return doctree


def rest_problem(text: str) -> str | None:
    """None when ``text`` is valid reST without a single warning; else docutils' message."""
    try:
        _doctree(text, halt_level=2)  # the first warning (or worse) raises
    except docutils.utils.SystemMessage as exc:
        return str(exc)
    return None


def fields(text: str) -> list[tuple[str, str]]:
    """``(name, body)`` of each field of ``text``'s field lists, as docutils reads them."""
    document = _doctree(text, halt_level=5)
    for message in list(document.findall(docutils.nodes.system_message)):
        message.parent.remove(message)  # docutils' notes, such as how it found a role
    return [
        (field[0].astext(), field[1].astext())
        for field in document.findall(docutils.nodes.field)
    ]


def docstrings(source: str) -> Iterator[tuple[str, str]]:
    """``(where, docstring)`` for every docstring of a module, as tools read them.

    That is the module, class and function docstrings, and the attribute
    docstrings (a string statement right after an annotated assignment), each
    cleaned as ``inspect.cleandoc`` does.
    """
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        name = getattr(node, "name", "<module>")
        for index, statement in enumerate(body):
            if not (
                isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)
            ):
                continue
            if index == 0:
                where = name
            elif isinstance(body[index - 1], ast.AnnAssign):
                target = body[index - 1].target
                where = f"{name}.{getattr(target, 'id', '?')}"
            else:
                continue
            yield where, inspect.cleandoc(statement.value.value)


@functools.lru_cache(maxsize=4)
def _containers(texts: tuple[str, ...]) -> docutils.nodes.document:
    """The texts parsed as the bodies of containers in one document, which is
    many times faster than a document each. Each body is a block of its own, so
    no markup can reach from one text into another."""
    parts = []
    for text in texts:
        body = "\n".join(f"   {line}" if line else "" for line in text.splitlines())
        parts.append(f".. container::\n\n{body}\n")
    return _doctree("\n".join(parts), halt_level=5)


def rest_problems(texts: list[str]) -> list[tuple[str, str]]:
    """``(text, message)`` for each of ``texts`` that is not valid reST.

    All are parsed at once (:func:`_containers`); a text with a problem is then
    parsed alone for its own message.
    """
    problems = []
    document = _containers(tuple(texts))
    messages = [
        *(
            m
            for m in document.findall(docutils.nodes.system_message)
            if m["level"] >= 2
        ),
        *document.findall(docutils.nodes.problematic),
        *(m for m in document.transform_messages if m["level"] >= 2),
    ]
    if not messages:
        return []
    for text in texts:
        problem = rest_problem(text)
        if problem:
            problems.append((text, problem))
    return problems


SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def unsafe(target: str) -> bool:
    """Whether a browser following ``target`` could go elsewhere than a web page,
    a mail or a page of the same site: its scheme as a browser's URL parser
    finds it (tabs and line breaks removed, controls and spaces stripped, any
    case), and as it is under entities and %-escapes, where it would be none."""
    for _ in range(3):
        target = unquote(html.unescape(target))
    target = re.sub(r"[\t\n\r]", "", target).strip(_C0_AND_SPACE)
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", target)
    if scheme is None:  # relative, unless a colon follows other characters
        return ":" in re.split(r"[/?#]", target, maxsplit=1)[0]
    return scheme[1].lower() not in SAFE_SCHEMES


def _targets(document: docutils.nodes.Node) -> Iterator[str]:
    for node in document.findall(docutils.nodes.reference):
        if "refuri" in node:
            yield node["refuri"]
    for image in document.findall(docutils.nodes.image):
        yield image["uri"]


def references(text: str) -> list[str]:
    """The targets of the links and images docutils reads in ``text``."""
    return list(_targets(_doctree(text, halt_level=5)))


def unsafe_targets(texts: list[str]) -> list[tuple[str, str]]:
    """``(text, target)`` for each link of ``texts`` to an :func:`unsafe` target."""
    if not any(unsafe(t) for t in _targets(_containers(tuple(texts)))):
        return []
    return [(text, t) for text in texts for t in references(text) if unsafe(t)]
