"""Docstrings read back by docutils, the reference reStructuredText parser."""

from __future__ import annotations

import ast
import inspect
import io
from collections.abc import Iterator

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
    return docutils.core.publish_doctree(
        text, settings_overrides={**_OPTIONS, "halt_level": halt_level}
    )


def rest_problem(text: str) -> str | None:
    """None when ``text`` is valid reST without a single warning; else docutils' message."""
    try:
        _doctree(text, halt_level=2)  # the first warning (or worse) raises
    except docutils.utils.SystemMessage as exc:
        return str(exc)
    return None


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
                target = body[index - 1].target  # type: ignore[attr-defined]
                where = f"{name}.{getattr(target, 'id', '?')}"
            else:
                continue
            yield where, inspect.cleandoc(statement.value.value)


def rest_problems(texts: list[str]) -> list[tuple[str, str]]:
    """``(text, message)`` for each of ``texts`` that is not valid reST.

    The texts are parsed as the bodies of containers in one document, which is
    many times faster than a document each; a text with a problem is then
    parsed alone for its own message. Each body is a block of its own, so no
    markup can reach from one text into another.
    """
    parts = []
    for text in texts:
        body = "\n".join(f"   {line}" if line else "" for line in text.splitlines())
        parts.append(f".. container::\n\n{body}\n")
    problems = []
    document = _doctree("\n".join(parts), halt_level=5)
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
