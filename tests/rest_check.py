"""Docstrings read back by docutils, the reference reStructuredText parser."""

from __future__ import annotations

import ast
import inspect
import io
from collections.abc import Iterator

import docutils.frontend
import docutils.nodes
import docutils.parsers.rst
import docutils.parsers.rst.roles
import docutils.utils

# Sphinx's Python roles, which the runtime's own docstrings use; generated
# documentation uses no roles at all.
for _role in ("attr", "class", "data", "exc", "func", "meth", "mod", "obj"):
    docutils.parsers.rst.roles.register_generic_role(_role, docutils.nodes.literal)
_PARSER = docutils.parsers.rst.Parser()
_SETTINGS = docutils.frontend.get_default_settings(_PARSER)
_SETTINGS.update(
    {
        "halt_level": 2,  # the first warning (or worse) raises
        "report_level": 5,
        "warning_stream": io.StringIO(),
        "file_insertion_enabled": False,
        "raw_enabled": False,
    },
    docutils.frontend.OptionParser(),
)

_BATCH_SETTINGS = docutils.frontend.get_default_settings(_PARSER)
_BATCH_SETTINGS.update(
    {
        "halt_level": 5,  # collect every message as a node instead
        "report_level": 2,
        "warning_stream": io.StringIO(),
        "file_insertion_enabled": False,
        "raw_enabled": False,
    },
    docutils.frontend.OptionParser(),
)


def rest_problem(text: str) -> str | None:
    """None when ``text`` is valid reST without a single warning; else docutils' message."""
    document = docutils.utils.new_document("<docstring>", _SETTINGS)
    try:
        _PARSER.parse(text, document)
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
    document = docutils.utils.new_document("<docstrings>", _BATCH_SETTINGS)
    _PARSER.parse("\n".join(parts), document)
    if not document.parse_messages and not any(
        isinstance(n, docutils.nodes.system_message) for n in document.findall()
    ):
        return []
    for text in texts:
        problem = rest_problem(text)
        if problem:
            problems.append((text, problem))
    return problems
