"""The manifest: data encoded by the JSON library, small for a catalogue, readable for a service."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, codegen, service_model, write_model

from codegen.build import manifest, pipeline
from codegen.config import Target
from codegen.output import report, report_format
from codegen.output.changes import Report


def thing_model(name: str, uid: str) -> dict[str, Any]:
    shapes = {
        "Thing": {
            "type": "structure",
            "members": {"Name": {"shape": "S"}},
            "documentation": "<p>A thing.</p>",
        },
        "S": {"type": "string"},
    }
    return service_model(shapes, name=name, uid=uid)


@pytest.mark.parametrize(
    "uid", ["\x00evil2.py", 'x"\x00evil2.py', "\x00", "a\\u0000evil2.py"]
)
def test_a_uid_cannot_write_another_entry_into_the_manifest(
    model_dir: Path, uid: str
) -> None:
    write_model(model_dir, "evil", thing_model("evil", uid))
    write_model(model_dir, "evil2", thing_model("evil2", "evil2-2020-01-01"))
    output = pipeline.build(
        [Target.parse("evil"), Target.parse("evil2")], model_dirs=[model_dir]
    )
    data = json.loads(output.manifest())
    assert data == output.manifest_data()
    assert data["files"]["evil.py"]["uid"] == uid
    assert data["files"]["evil2.py"]["uid"] == "evil2-2020-01-01"
    for name in ("evil.py", "evil2.py"):
        assert data["files"][name]["surface"] == output.surfaces()[name]


def test_the_command_writes_a_valid_manifest_for_a_nul_in_the_uid(
    tmp_path: Path, model_dir: Path
) -> None:
    write_model(model_dir, "evil", thing_model("evil", "\x00evil2.py"))
    write_model(model_dir, "evil2", thing_model("evil2", "evil2-2020-01-01"))
    args = ["evil", "evil2", "--model-dir", str(model_dir), "--out", "out"]
    run = codegen(*args, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    data = json.loads((tmp_path / "out" / manifest.MANIFEST).read_text())
    assert data["files"]["evil.py"]["uid"] == "\x00evil2.py"
    check = codegen(*args, "--check", cwd=tmp_path)
    assert (check.returncode, check.stderr) == (0, "")


def test_a_service_manifest_has_one_line_per_class_and_alias() -> None:
    text = (ROOT / "generated" / manifest.MANIFEST).read_text()
    data = json.loads(text)
    surface = data["files"]["rekognition.py"]["surface"]
    assert isinstance(surface, dict)
    lines = text.splitlines()
    for kind in ("classes", "aliases"):
        names = list(surface[kind])
        assert names == sorted(names) and names
        for name in names:
            (line,) = [
                x for x in lines if x.lstrip().startswith(json.dumps(name) + ":")
            ]
            value = line.split(": ", 1)[1].rstrip(",")
            assert json.loads(value) == surface[kind][name]


def _rich_change(shapes: dict[str, Any]) -> dict[str, Any]:
    """Version 2 of :func:`_rich_shapes`: one of each kind of change."""
    new = copy.deepcopy(shapes)
    request, response = new["PutThingRequest"], new["PutThingResponse"]
    request["required"] = ["Name", "Size"]  # became required (input)
    request["members"]["Extra"] = {"shape": "String"}  # member added
    del request["members"]["Colour"]  # member removed
    response["required"] = []  # became optional (output)
    response["members"]["Note"]["documentation"] = "<p>Another note.</p>"
    response["members"]["Secret"] = {"shape": "Password"}  # sensitive added
    response["members"]["Id"] = {"shape": "Integer"}  # type changed
    new["Colour"]["enum"] = ["red", "blue"]  # value removed and added
    new["Password"] = {"type": "string", "sensitive": True}
    new["Shade"] = {"type": "string", "enum": ["dark"]}  # enum added
    response["members"]["Shade"] = {"shape": "Shade"}
    return new


def _rich_shapes() -> dict[str, Any]:
    return {
        "PutThingRequest": {
            "type": "structure",
            "required": ["Name"],
            "members": {
                "Name": {"shape": "String"},
                "Size": {"shape": "Integer"},
                "Colour": {"shape": "Colour"},
            },
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


def _operations(data: dict[str, Any]) -> dict[str, Any]:
    data["operations"] = {
        "PutThing": {
            "name": "PutThing",
            "input": {"shape": "PutThingRequest"},
            "output": {"shape": "PutThingResponse"},
        }
    }
    return data


def test_packed_surfaces_give_exactly_the_same_change_report(
    model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report over a known change, from a readable and from a packed manifest."""
    targets = [Target.parse("demo"), Target.parse("rekognition")]
    write_model(
        model_dir, "demo", _operations(service_model(_rich_shapes(), name="demo"))
    )
    before = pipeline.build(targets, model_dirs=[model_dir])
    readable = json.loads(before.manifest())
    monkeypatch.setattr(manifest, "READABLE_LIMIT", 0)
    packed_text = before.manifest()
    packed = json.loads(packed_text)
    assert all(
        isinstance(packed["files"][n]["surface"], str)
        for n in ("demo.py", "rekognition.py")
    )
    assert len(packed_text) < len(json.dumps(readable)) / 2
    write_model(
        model_dir,
        "demo",
        _operations(service_model(_rich_change(_rich_shapes()), name="demo")),
    )
    after = pipeline.build(targets, model_dirs=[model_dir])

    def changes(recorded: dict[str, Any]) -> Report:
        old = {
            name: manifest.recorded_surface(entry.get("surface"))
            for name, entry in recorded["files"].items()
            if entry.get("surface") is not None
        }
        return report.compare(old, after.surfaces())

    from_readable, from_packed = changes(readable), changes(packed)
    assert from_packed == from_readable
    assert report_format.render_text(from_packed) == report_format.render_text(
        from_readable
    )
    kinds = {c.kind for c in from_readable.changes}
    # A request member's change is told once, as the parameter's (test_report.py).
    assert {
        "parameter became required",
        "became optional",
        "member added",
        "parameter removed",
        "sensitive member added",
        "type changed",
        "enum value removed",
        "enum value added",
        "enum added",
    } <= kinds
    assert from_readable.documentation == {"demo.py": 1}


def test_packing_is_deterministic_and_lossless() -> None:
    text = manifest.surface_text({"classes": {"A\x00\ud800": {"doc": "é"}}})
    assert manifest.pack(text) == manifest.pack(text)
    assert manifest.recorded_surface(manifest.pack(text)) == json.loads(text)
    assert manifest.recorded_surface("bz2:not base64!") is None
    assert manifest.recorded_surface("something else") is None
