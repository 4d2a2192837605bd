"""Every example in the README and the user guide stays true: Python examples
pass ``mypy --strict`` (one run for all of them), every ``codegen`` command
parses with the command's own arguments, and the options and configuration keys
the documentation lists are exactly the ones there are.

A Python block that is deliberately incomplete is marked as a fragment: in reST
by the comment ``.. fragment`` just before its ``code-block``, in Markdown by
``<!-- fragment -->`` just before its fence.
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, mypy

from codegen import config
from codegen.cli import arguments

GUIDE = ROOT / "docs" / "guide"
DOCUMENTS = [ROOT / "README.md", *sorted(GUIDE.glob("*.rst"))]


@dataclass(frozen=True)
class Example:
    path: Path
    line: int  # where the code starts, 1-based
    language: str
    code: str
    fragment: bool

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


_FENCE = re.compile(
    r"^(?P<marker><!-- fragment -->\n)?```(?P<lang>\w+)\n(?P<code>.*?)^```", re.M | re.S
)
_DIRECTIVE = re.compile(
    r"^(?P<marker>\.\. fragment\n\n)?(?P<indent> *)\.\. code-block:: (?P<lang>\w+)\n"
    r"(?:(?P=indent) +:[^\n]*\n)*\n"
    r"(?P<code>(?:(?:(?P=indent) +[^\n]*)?\n)+)",
    re.M,
)


def examples(path: Path) -> list[Example]:
    text = path.read_text(encoding="utf-8")
    found = []
    pattern = _FENCE if path.suffix == ".md" else _DIRECTIVE
    for match in pattern.finditer(text):
        code = match["code"]
        if path.suffix != ".md":
            lines = code.rstrip("\n").split("\n")
            indent = min(len(s) - len(s.lstrip()) for s in lines if s.strip())
            code = "\n".join(s[indent:] for s in lines) + "\n"
        line = text.count("\n", 0, match.start("code")) + 1
        found.append(
            Example(path, line, match["lang"], code, match["marker"] is not None)
        )
    return found


ALL = [example for path in DOCUMENTS for example in examples(path)]
PYTHON = [e for e in ALL if e.language == "python" and not e.fragment]
SHELL = [e for e in ALL if e.language in ("sh", "console")]


def test_the_examples_are_found() -> None:
    """A change of markup that hid the examples from this module would pass
    everything below; the README and the guide have at least these."""
    assert len(PYTHON) >= 5 and {e.path.name for e in PYTHON} >= {
        "README.md",
        "usage.rst",
        "runtime.rst",
    }
    assert len(commands()) >= 15


def test_every_python_example_passes_mypy_strict(tmp_path: Path) -> None:
    # Examples import the committed output as ``generated`` (on MYPYPATH) or, as
    # the README's project does, as ``myapp.aws``: the same package, copied there.
    shutil.copytree(ROOT / "generated", tmp_path / "myapp" / "aws")
    (tmp_path / "myapp" / "__init__.py").write_text('"""A project."""\n')
    names = {}
    for number, example in enumerate(PYTHON):
        name = f"example_{number}.py"
        (tmp_path / name).write_text(example.code, encoding="utf-8")
        names[name] = example
    result = mypy(*names, cwd=tmp_path)

    def where(match: re.Match[str]) -> str:
        example = names[match[1]]
        return f"{example.path.relative_to(ROOT)}:{example.line + int(match[2]) - 1}"

    # Name each fault by the line of the document, not of its temporary file.
    report = re.sub(r"(example_\d+\.py):(\d+)", where, result.stdout)
    assert result.returncode == 0, report


@pytest.mark.parametrize("example", PYTHON, ids=str)
def test_every_python_example_runs(
    example: Example,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """None calls AWS: they define functions, build clients and convert dicts,
    and their own ``assert`` statements say what the text claims."""
    shutil.copytree(ROOT / "generated", tmp_path / "myapp" / "aws")
    (tmp_path / "myapp" / "__init__.py").write_text('"""A project."""\n')
    monkeypatch.syspath_prepend(str(ROOT))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "y")
    try:
        exec(compile(example.code, str(example), "exec"), {"__name__": "example"})
    finally:
        for name in [m for m in sys.modules if m.split(".")[0] == "myapp"]:
            del sys.modules[name]


def commands() -> list[tuple[Example, str]]:
    """Every ``codegen`` command line of a shell example, with where it is."""
    found = []
    for example in SHELL:
        for line in example.code.splitlines():
            words = line.split()
            if words and words[0].rsplit("/", 1)[-1] == "codegen":
                found.append((example, line))
    return found


def argv(line: str) -> list[str]:
    """A documented command line as arguments: the comment dropped and synopsis
    notation (``[--diff]``, ``...``, ``-j N``) read as a real command."""
    words = shlex.split(line, comments=True)[1:]
    words = [w.strip("[]") for w in words if w != "..."]
    return ["2" if w == "N" else w for w in words]


@pytest.mark.parametrize(
    "example, line", commands(), ids=[f"{e}:{n}" for e, n in commands()]
)
def test_every_codegen_command_parses(example: Example, line: str) -> None:
    try:
        arguments.parse(argv(line))
    except SystemExit as exit:
        pytest.fail(f"{example}: `{line}` no longer parses (exit {exit.code})")


def options_table() -> str:
    page = (GUIDE / "cli-and-configuration.rst").read_text(encoding="utf-8")
    return page.split("\nOptions\n", 1)[1].split("\nModels\n", 1)[0]


def docs_options_table() -> str:
    page = (GUIDE / "cli-and-configuration.rst").read_text(encoding="utf-8")
    section = page.split("\nThe reference: ``codegen docs``\n", 1)[1]
    return section.split("\nConfiguration: ``[tool.codegen]``\n", 1)[0]


@pytest.mark.parametrize(
    "parser, table",
    [(arguments.parser, options_table), (arguments.docs_parser, docs_options_table)],
    ids=["codegen", "codegen docs"],
)
def test_the_cli_page_lists_every_option_and_no_other(
    parser: Callable[[], argparse.ArgumentParser], table: Callable[[], str]
) -> None:
    real = {o for action in parser()._actions for o in action.option_strings}
    documented = set(re.findall(r"``(-{1,2}[a-z][a-z-]*)", table()))
    assert documented == real


def test_codegen_docs_is_its_own_command() -> None:
    docs = arguments.parse(["docs", "--out", "site", "-j", "2"])
    assert (docs.command, str(docs.out), docs.jobs) == ("docs", "site", 2)
    assert not hasattr(docs, "targets")
    generate = arguments.parse(["docs:GetThing", "--out", "pkg"])
    assert (generate.command, generate.targets) == (None, ["docs:GetThing"])


def glance_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Configuration at a glance", 1)[1].split("\n## ", 1)[0]


def test_the_configuration_tables_list_every_key_and_no_other() -> None:
    readme_keys = set(re.findall(r"^\| `([a-z-]+)` \|", glance_table(), re.M))
    page = (GUIDE / "cli-and-configuration.rst").read_text(encoding="utf-8")
    section = page.split("\nConfiguration: ``[tool.codegen]``\n", 1)[1]
    section = section.split("\nExit codes and messages\n", 1)[0]
    page_keys = set(re.findall(r"^   \* - ``([a-z][a-z-]*)``$", section, re.M))
    assert readme_keys == config._KEYS
    assert page_keys == config._KEYS
