"""codegen.render.layout against black, one case file per construct, as black's own tests are.

Each ``tests/layout_cases/*.case`` is::

    # why the case is there (comment lines)
    {"function": "bracketed", ...the call's keyword arguments, as JSON...}
    --- before
    code black sees before the output (optional)
    --- output
    what layout gives
    --- after
    code black sees after it (optional)

The output must be what layout gives now, and black (in-process, with the
generator's own mode) must leave before + output + after exactly as it is: the
layout is black's. A case with ``"black": "differs"`` is one layout gives up on:
its output is left over-long, :func:`~codegen.render.layout.needs_black` must say so,
and black must change it. ``pystr`` cases are checked as ``x = <output>`` and
must evaluate to the value; ``needs_black`` cases give the chunk as ``--- input``
and ``True`` or ``False`` as output, which must be whether black changes it.

``make golden`` (``--update-golden``) rewrites each output from the current layout;
the black check still applies.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from codegen import pyliteral
from codegen.render import layout
from codegen.render.formatting import format_source

CASES = Path(__file__).resolve().parent / "layout_cases"
MARK = "--- "
REGENERATE = "make golden  (or: pytest tests/test_layout_cases.py --update-golden)"


@dataclass
class Case:
    comment: list[str]
    call: dict[str, Any]
    call_text: str
    # section name -> its lines, in file order
    sections: dict[str, list[str]] = field(default_factory=dict)

    def text(self, name: str) -> str:
        lines = self.sections.get(name)
        return "" if lines is None else "\n".join(lines) + "\n"

    def dump(self) -> str:
        out = [*self.comment, self.call_text]
        for name, lines in self.sections.items():
            out += [MARK + name, *lines]
        return "\n".join(out) + "\n"


def parse(path: Path) -> Case:
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    comment = [line for line in lines if line.startswith("#")]
    body = lines[len(comment) :]
    marks = [i for i, line in enumerate(body) if line.startswith(MARK)]
    assert comment and marks, f"{path.name}: a comment, a JSON call, then sections"
    call_text = "\n".join(body[: marks[0]])
    sections = {
        body[start][len(MARK) :]: body[start + 1 : end]
        for start, end in zip(marks, [*marks[1:], len(body)])
    }
    return Case(comment, json.loads(call_text), call_text, sections)


def run(case: Case) -> str:
    """What layout gives for the case's call, as the output section's text."""
    args = {k: v for k, v in case.call.items() if k not in ("function", "black")}
    function = case.call["function"]
    if function == "needs_black":
        return f"{layout.needs_black(case.text('input').rstrip(chr(10)), **args)}\n"
    owner = pyliteral if function == "pystr" else layout
    result = getattr(owner, function)(**args)
    return "\n".join(result) + "\n" if isinstance(result, list) else f"{result}\n"


def check_against_black(case: Case, output: str) -> None:
    function, length = case.call["function"], case.call.get("line_length", 88)
    if function == "pystr":
        source = f"x = {output}"
        assert format_source(source, 88) == source
        assert ast.literal_eval(output.strip()) == case.call["value"]
    elif function == "needs_black":
        chunk = case.text("input")
        changed = format_source(chunk, length) != chunk
        assert output == f"{changed}\n", "needs_black disagrees with black"
    else:
        source = case.text("before") + output + case.text("after")
        formatted = format_source(source, length)
        if case.call.get("black") == "differs":
            assert layout.needs_black(output.rstrip("\n"), length)
            assert formatted != source, "black keeps what layout gave up on"
        else:
            assert formatted == source, f"black lays it out as:\n{formatted}"


PATHS = sorted(CASES.glob("*.case"))


def test_there_is_a_case_for_every_layout_function() -> None:
    functions = {parse(path).call["function"] for path in PATHS}
    assert functions == {
        "pystr",
        "bracketed",
        "parenthesized",
        "annotated",
        "needs_black",
    }


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_layout_case(path: Path, update_golden: bool) -> None:
    case = parse(path)
    output = run(case)
    if update_golden and case.text("output") != output:
        case.sections["output"] = output.rstrip("\n").split("\n")
        path.write_text(case.dump(), encoding="utf-8")
    if case.text("output") != output:
        pytest.fail(
            f"{path.name}: layout gives\n{output}instead of\n{case.text('output')}"
            f"If the change is intended, regenerate with: {REGENERATE}",
            pytrace=False,
        )
    check_against_black(case, output)
