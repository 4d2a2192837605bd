"""Change reports between two versions of a model: one pair per kind of change.

Each case generates version 1, regenerates with version 2, and asserts the
exact graded changes. Inputs are what requests use, outputs what responses use.
"""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import codegen, service_model, write_model

from codegen.output import report, report_format
from codegen.output.changes import BREAKING, COMPATIBLE, SECURITY, Change, Report

M = "demo.py"


def base_shapes() -> dict[str, Any]:
    return {
        "PutThingRequest": {
            "type": "structure",
            "required": ["Name"],
            "members": {
                "Name": {"shape": "String"},
                "Size": {"shape": "Integer"},
                "Colour": {"shape": "Colour"},
            },
            "documentation": "<p>Request.</p>",
        },
        "PutThingResponse": {
            "type": "structure",
            "required": ["Id"],
            "members": {
                "Id": {"shape": "String"},
                "Note": {"shape": "String", "documentation": "<p>A note.</p>"},
            },
        },
        "Colour": {"type": "string", "enum": ["red", "green"]},
        "String": {"type": "string"},
        "Integer": {"type": "integer"},
    }


def model(shapes: dict[str, Any]) -> dict[str, Any]:
    data = service_model(shapes, name="demo")
    data["operations"] = {
        "PutThing": {
            "name": "PutThing",
            "input": {"shape": "PutThingRequest"},
            "output": {"shape": "PutThingResponse"},
        }
    }
    return data


def regenerate(
    tmp_path: Path, change: Any, *extra: str
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """Generate v1, apply ``change`` to get v2, regenerate; the run and its JSON report."""
    models = tmp_path / "models"
    shapes = base_shapes()
    write_model(models, "demo", model(shapes))
    common = ["demo", "--model-dir", str(models), "--out", "out"]
    assert codegen(*common, cwd=tmp_path).returncode == 0
    changed = copy.deepcopy(shapes)
    change(changed)
    write_model(models, "demo", model(changed))
    result = codegen(
        *common,
        "--report",
        "report.json",
        "--report-format",
        "json",
        *extra,
        cwd=tmp_path,
    )
    return result, json.loads((tmp_path / "report.json").read_text())


def graded(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(severity, kind, subject) of every change to classes in a JSON report.

    A change to the request's member is told once, as the change to the typed
    client's ``put_thing(...)`` parameter that says ``also PutThingRequest.x``;
    the client's own changes are graded in tests/test_operations.py.
    """
    found = list(data["security"])
    for module in data["modules"].values():
        found += module["breaking"] + module["compatible"]
    return [
        (c["severity"], c["kind"], c["subject"])
        for c in found
        if "(" not in c["subject"] or "also PutThingRequest." in c["detail"]
    ]


def members(shape: str, **new: Any) -> Any:
    return lambda shapes: shapes[shape]["members"].update(new)


def remove_member(shape: str, name: str) -> Any:
    return lambda shapes: shapes[shape]["members"].pop(name)


def set_required(shape: str, *names: str) -> Any:
    return lambda shapes: shapes[shape].__setitem__("required", list(names))


CASES = [
    (
        "removed member",
        remove_member("PutThingResponse", "Note"),
        [(BREAKING, "member removed", "PutThingResponse.note")],
    ),
    (
        "new class",
        lambda s: (
            s["PutThingResponse"]["members"].update({"Extra": {"shape": "Extra"}}),
            s.__setitem__("Extra", {"type": "structure", "members": {}}),
        ),
        [
            (COMPATIBLE, "class added", "Extra"),
            (COMPATIBLE, "member added", "PutThingResponse.extra"),
        ],
    ),
    (
        "new required member on an input",
        lambda s: (
            members("PutThingRequest", Owner={"shape": "String"})(s),
            set_required("PutThingRequest", "Name", "Owner")(s),
        ),
        [(BREAKING, "required parameter added", "put_thing(owner)")],
    ),
    (
        "new required member on an output",
        lambda s: (
            members("PutThingResponse", Owner={"shape": "String"})(s),
            set_required("PutThingResponse", "Id", "Owner")(s),
        ),
        [(COMPATIBLE, "required member added", "PutThingResponse.owner")],
    ),
    (
        "new optional member",
        members("PutThingRequest", Owner={"shape": "String"}),
        [(COMPATIBLE, "parameter added", "put_thing(owner)")],
    ),
    (
        "type change",
        members("PutThingRequest", Size={"shape": "String"}),
        [(BREAKING, "parameter type changed", "put_thing(size)")],
    ),
    (
        "input member became required",
        set_required("PutThingRequest", "Name", "Size"),
        [(BREAKING, "parameter became required", "put_thing(size)")],
    ),
    (
        "input member became optional",
        set_required("PutThingRequest"),
        [(COMPATIBLE, "parameter became optional", "put_thing(name)")],
    ),
    (
        "output member became optional",
        set_required("PutThingResponse"),
        [(BREAKING, "became optional", "PutThingResponse.id")],
    ),
    (
        "output member became required",
        set_required("PutThingResponse", "Id", "Note"),
        [(COMPATIBLE, "became required", "PutThingResponse.note")],
    ),
    (
        "became sensitive",
        lambda s: s["PutThingResponse"]["members"]["Note"].__setitem__(
            "sensitive", True
        ),
        [(SECURITY, "became sensitive", "PutThingResponse.note")],
    ),
    (
        "no longer sensitive",
        None,
        [(SECURITY, "no longer sensitive", "PutThingResponse.note")],
    ),
    (
        "enum value added",
        lambda s: s["Colour"]["enum"].append("blue"),
        [(COMPATIBLE, "enum value added", "Colour.blue")],
    ),
    (
        "enum value removed",
        lambda s: s["Colour"]["enum"].remove("green"),
        [(BREAKING, "enum value removed", "Colour.green")],
    ),
]


@pytest.mark.parametrize(
    ("case", "change", "expected"),
    [c for c in CASES if c[1] is not None],
    ids=[c[0] for c in CASES if c[1] is not None],
)
def test_each_kind_of_change_is_graded(
    tmp_path: Path, case: str, change: Any, expected: list[tuple[str, str, str]]
) -> None:
    result, data = regenerate(tmp_path, change)
    assert result.returncode == 0, result.stderr
    assert graded(data) == expected
    operation_changes = sum(  # those of the client alone
        1
        for m in data["modules"].values()
        for c in m["breaking"]
        if "(" in c["subject"] and "also" not in c["detail"]
    )
    assert data["breaking"] == operation_changes + sum(
        1 for e in expected if e[0] == BREAKING
    )


def test_stopping_being_sensitive_is_a_security_note(tmp_path: Path) -> None:
    models = tmp_path / "models"
    shapes = base_shapes()
    shapes["PutThingResponse"]["members"]["Note"]["sensitive"] = True
    write_model(models, "demo", model(shapes))
    common = ["demo", "--model-dir", str(models), "--out", "out"]
    assert codegen(*common, cwd=tmp_path).returncode == 0
    del shapes["PutThingResponse"]["members"]["Note"]["sensitive"]
    write_model(models, "demo", model(shapes))
    result = codegen(
        *common, "--report", "r.json", "--report-format", "json", cwd=tmp_path
    )
    assert graded(json.loads((tmp_path / "r.json").read_text())) == [
        (SECURITY, "no longer sensitive", "PutThingResponse.note")
    ]
    assert "API changes: 1 security; details in r.json" in result.stderr.splitlines()


def test_removed_class_and_module(tmp_path: Path) -> None:
    models = tmp_path / "models"
    shapes = base_shapes()
    shapes["Orphan"] = {"type": "structure", "members": {}}
    write_model(models, "demo", model(shapes))
    write_model(
        models,
        "other",
        service_model({"Gone": {"type": "structure", "members": {}}}, name="other"),
    )
    common = ["--model-dir", str(models), "--out", "out"]
    assert codegen("demo", "other", *common, cwd=tmp_path).returncode == 0
    del shapes["Orphan"]
    write_model(models, "demo", model(shapes))
    result = codegen(
        "demo", *common, "--report", "r.json", "--report-format", "json", cwd=tmp_path
    )
    assert graded(json.loads((tmp_path / "r.json").read_text())) == [
        (BREAKING, "class removed", "Orphan"),
        (BREAKING, "module removed", "other.py"),
    ]
    assert result.returncode == 0


def test_documentation_only_changes_are_counted_not_listed(tmp_path: Path) -> None:
    def reword(shapes: dict[str, Any]) -> None:
        shapes["PutThingResponse"]["members"]["Note"][
            "documentation"
        ] = "<p>A better note.</p>"
        shapes["PutThingRequest"]["documentation"] = "<p>The request.</p>"

    result, data = regenerate(tmp_path, reword)
    assert graded(data) == []
    assert data["modules"]["demo.py"]["documentation_changes"] == 2
    assert (
        "API changes: 2 documentation; details in report.json"
        in result.stderr.splitlines()
    )


def test_formatting_only_changes_give_an_empty_report(tmp_path: Path) -> None:
    result, data = regenerate(tmp_path, lambda shapes: None, "--line-length", "60")
    assert "updated out/demo.py" in result.stderr  # the text did change
    assert data == {"breaking": 0, "modules": {}, "security": []}
    assert "API changes" not in result.stderr


def test_fail_on_breaking_exits_3_and_check_prints_the_summary(tmp_path: Path) -> None:
    result, _ = regenerate(
        tmp_path, remove_member("PutThingResponse", "Note"), "--fail-on-breaking"
    )
    assert result.returncode == 3
    # The files written, then the report in one line: the details are in the file.
    assert result.stderr.splitlines() == [
        "updated out/codegen-manifest.json",
        "updated out/demo.py",
        "updated out/demo.pyi",
        "API changes: 1 breaking; details in report.json",
        "codegen: 3 updated, 4 unchanged",
    ]
    # The same change, seen by --check and --diff before regenerating.
    models = tmp_path / "models"
    write_model(models, "demo", model(base_shapes()))
    check = codegen(
        "demo",
        "--model-dir",
        str(models),
        "--out",
        "out",
        "--check",
        "--diff",
        cwd=tmp_path,
    )
    assert check.returncode == 1
    assert check.stderr.splitlines() == [
        "would update out/codegen-manifest.json",
        "would update out/demo.py",
        "would update out/demo.pyi",
        "API changes: 1 compatible; --report FILE for details",
    ]
    assert "+    note: str | None" in check.stdout


def test_markdown_report_for_pull_requests(tmp_path: Path) -> None:
    models = tmp_path / "models"
    shapes = base_shapes()
    write_model(models, "demo", model(shapes))
    assert (
        codegen(
            "demo", "--model-dir", str(models), "--out", "out", cwd=tmp_path
        ).returncode
        == 0
    )
    remove_member("PutThingResponse", "Note")(shapes)
    write_model(models, "demo", model(shapes))
    assert (
        codegen(
            "demo",
            "--model-dir",
            str(models),
            "--out",
            "out",
            "--report",
            "pr.md",
            cwd=tmp_path,
        ).returncode
        == 0
    )
    markdown = (tmp_path / "pr.md").read_text()
    assert markdown.startswith("## API changes\n\n**1 breaking change.**\n")
    assert "- member removed: `PutThingResponse.note`" in markdown
    text = report_format.render_markdown(
        report.compare(
            {
                M: {
                    "classes": {
                        "A": {
                            "roles": ["output"],
                            "members": {"x": ["X", "str", True, False, "d"]},
                        }
                    },
                    "aliases": {},
                }
            },
            {
                M: {
                    "classes": {"A": {"roles": ["output"], "members": {}}},
                    "aliases": {},
                }
            },
        )
    )
    assert text == "\n".join(
        [
            "## API changes",
            "",
            "**1 breaking change.**",
            "",
            f"### `{M}`",
            "",
            "1 breaking.",
            "",
            "**Breaking**",
            "",
            "- member removed: `A.x`",
            "",
        ]
    )


def test_report_is_deterministic() -> None:
    old: dict[str, Any] = {
        M: {"classes": {n: {"members": {}} for n in "CAB"}, "aliases": {}}
    }
    new: dict[str, Any] = {
        M: {"classes": {}, "aliases": {"Z": {"values": []}, "Y": {"values": []}}}
    }
    first = report_format.render_json(report.compare(old, new))
    assert first == report_format.render_json(
        report.compare(dict(reversed(list(old.items()))), new)
    )
    assert [c.subject for c in report.compare(old, new).changes] == [
        "A",
        "B",
        "C",
        "Y",
        "Z",
    ]
    assert Change(M, BREAKING, "class removed", "A") in report.compare(old, new).changes


def test_the_summary_line_counts_each_grade() -> None:
    changes = [Change(M, BREAKING, "class removed", n) for n in "AB"]
    changes += [Change(M, COMPATIBLE, "class added", n) for n in "CDE"]
    changes.append(Change(M, SECURITY, "became sensitive", "F.x"))
    found = Report(changes, {M: 4})
    assert report_format.render_summary(found) == (
        "API changes: 1 security, 2 breaking, 3 compatible, 4 documentation; "
        "--report FILE for details\n"
    )
    assert report_format.render_summary(found, Path("pr.md")).endswith(
        "; details in pr.md\n"
    )
    assert report_format.render_summary(Report()) == ""


def _request(members: dict[str, list[Any]]) -> dict[str, Any]:
    """A module whose client's ``copy_object`` takes ``CopyObjectRequest``."""
    return {
        "classes": {"CopyObjectRequest": {"roles": ["input"], "members": members}},
        "aliases": {},
        "operations": {
            "copy_object": {
                "input": "CopyObjectRequest",
                "output": "",
                "params": {name: value[:4] for name, value in members.items()},
            }
        },
    }


def test_a_request_member_and_its_parameter_are_one_change() -> None:
    """Removing, retyping or requiring a request's member changes the client
    method's parameter of the same name: one line says both."""
    old = _request(
        {
            "annotation_directive": ["AnnotationDirective", "str", False, False, "d"],
            "bucket": ["Bucket", "str", False, False, "d"],
            "colour": ["Colour", "Literal['red', 'green']", False, False, "d"],
        }
    )
    new = _request(
        {
            "bucket": ["Bucket", "int", True, False, "d"],
            "colour": ["Colour", "Literal['red', 'blue']", False, False, "d"],
        }
    )
    found = report.compare({M: old}, {M: new})
    assert [(c.severity, c.kind, c.subject, c.detail) for c in found.changes] == [
        (
            BREAKING,
            "parameter removed",
            "copy_object(annotation_directive)",
            "also CopyObjectRequest.annotation_directive",
        ),
        (
            BREAKING,
            "parameter became required",
            "copy_object(bucket)",
            "also CopyObjectRequest.bucket",
        ),
        (
            BREAKING,
            "parameter type changed",
            "copy_object(bucket)",
            "str -> int; also CopyObjectRequest.bucket",
        ),
        (
            BREAKING,
            "enum value removed",
            "copy_object(colour)",
            "green; also CopyObjectRequest.colour",
        ),
        (
            COMPATIBLE,
            "enum value added",
            "copy_object(colour)",
            "blue; also CopyObjectRequest.colour",
        ),
    ]
    markdown = report_format.render_markdown(found)
    assert markdown.count("annotation_directive") == 2  # one line names both
    assert "member removed" not in markdown


def test_a_member_of_a_class_no_method_takes_is_still_listed() -> None:
    old = _request({"bucket": ["Bucket", "str", False, False, "d"]})
    old["classes"]["Other"] = {
        "roles": ["input"],
        "members": {"bucket": old["classes"]["CopyObjectRequest"]["members"]["bucket"]},
    }
    new = copy.deepcopy(old)
    del new["classes"]["Other"]["members"]["bucket"]
    found = report.compare({M: old}, {M: new})
    assert [(c.kind, c.subject, c.detail) for c in found.changes] == [
        ("member removed", "Other.bucket", "")
    ]
