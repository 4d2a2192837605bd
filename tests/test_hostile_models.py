"""Models from anywhere: hostile text and names generate safe code; broken models stop cleanly.

Every case either generates a module that imports without running anything from
the model, round-trips and passes ``mypy --strict``, or stops with exit 2, one
line naming what is at fault, and nothing written.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import (
    codegen,
    generate_package,
    import_generated,
    mypy,
    service_model,
    write_model,
)

MARKER = "HOSTILE_MODEL_RAN"
PAYLOAD = f'open("{MARKER}", "w").close()'
ESCAPES = [
    '"""',
    "'''",
    '""""',
    '"',
    "\\",
    '\\"""',
    "\\N{LATIN SMALL LETTER A}",
    "\\x41 \\u0041 \\",
    "\x00\x07\x1b[31m\x7f\r\t\u2028\u2029\ufeff",
    "日本語 é 🎉 \U0001f600",
    "&amp; &lt;script&gt; &#x22;&#x22;&#x22; &quot;&quot;&quot;",
    '<p><b>unclosed <code>tags<a href=\'"""\'>',
    f'"""\n{PAYLOAD}\n"""',
    f"'''\n{PAYLOAD}\n'''",
    f'\\"""; {PAYLOAD}; """',
    f'"""+{PAYLOAD}#',
    f"\n# comment\n{PAYLOAD}",
]
HOSTILE_DOC = "<p>" + " ".join(ESCAPES) + "</p>" + "".join(ESCAPES)

NAMES = [
    "class",
    "def",
    "None",
    "True",
    "match",
    "case",
    "type",
    "_",
    "self",
    "cls",
    "to_dict",
    "from_dict",
    "SENSITIVE",
    "unknown_member",
    "_FIELDS",
    "__slots__",
    "__init__",
    "__class__",
    "datetime",
    "builtins",
    "str",
    "int",
    "list",
    "dict",
    "bytes",
    "Any",
    "Literal",
    "ClassVar",
    "Field",
    "FooBar",
    "foo_bar",
    "foo-bar",
    "1st",
    "ünïcödé",
    "",
    "名前",
    "a b",
    'x"y',
    "x'y\\z",
]


def hostile_shapes() -> dict[str, Any]:
    members = {name: {"shape": "Text", "documentation": HOSTILE_DOC} for name in NAMES}
    members["When"] = {"shape": "When"}
    members["Tags"] = {"shape": "Weird"}
    shapes: dict[str, Any] = {
        "Text": {"type": "string", "documentation": HOSTILE_DOC},
        "When": {"type": "timestamp"},
        "Weird": {"type": "string", "enum": ['"""', "'", "\\", "\n", PAYLOAD, ""]},
        "Names": {
            "type": "structure",
            "documentation": HOSTILE_DOC,
            "members": members,
        },
        "Recursive": {
            "type": "structure",
            "members": {
                "Self": {"shape": "Recursive"},
                "Many": {"shape": "RecursiveList"},
                "ByKey": {"shape": "RecursiveMap"},
            },
        },
        "RecursiveList": {"type": "list", "member": {"shape": "Recursive"}},
        "RecursiveMap": {
            "type": "map",
            "key": {"shape": "Text"},
            "value": {"shape": "Recursive"},
        },
        "Nothing": {"type": "structure", "members": {}},
        "OneOf": {
            "type": "structure",
            "union": True,
            "members": {"A": {"shape": "Text"}, "B": {"shape": "Recursive"}},
        },
        # Shapes named as builtins, used before their definition (mypy resolved these to the builtin).
        "AaaUsesBuiltinNames": {
            "type": "structure",
            "members": {
                "Warnings": {"shape": "WarningList"},
                "Error": {"shape": "EnvironmentError"},
            },
        },
        "WarningList": {"type": "list", "member": {"shape": "Warning"}},
        "Warning": {"type": "structure", "members": {"Value": {"shape": "Text"}}},
        "EnvironmentError": {
            "type": "structure",
            "members": {"Value": {"shape": "Text"}},
        },
    }
    for name in [
        "class",
        "None",
        "Any",
        "Literal",
        "ClassVar",
        "datetime",
        "Field",
        "Struct",
        "match",
        "Foo-Bar",
        "Foo_Bar",
        '"""',
        "x\ny",
    ]:
        shapes[name] = {
            "type": "structure",
            "documentation": HOSTILE_DOC,
            "members": {"Value": {"shape": "Text"}},
        }
    return shapes


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ModuleType]:
    tmp = tmp_path_factory.mktemp("hostile")
    model = service_model(
        hostile_shapes(),
        name="hostile",
        serviceFullName=HOSTILE_DOC,
        uid=f'x"""\n{PAYLOAD}',
    )
    model["documentation"] = HOSTILE_DOC
    write_model(tmp / "models", "hostile", model)
    package, _ = generate_package(tmp, ["hostile"], tmp / "models")
    cwd = os.getcwd()
    os.chdir(tmp)
    try:
        module = import_generated(package, "hostile")
    finally:
        os.chdir(cwd)
    assert not (tmp / MARKER).exists(), "importing the generated module ran model text"
    return package, module


def test_every_member_is_reachable_under_a_distinct_name(
    hostile: tuple[Path, ModuleType],
) -> None:
    _, module = hostile
    fields = module.Names._FIELDS
    attributes = [f.attribute for f in fields]
    assert len(set(attributes)) == len(attributes) == len(NAMES) + 2
    assert [f.key for f in fields][: len(NAMES)] == NAMES
    assert all(a.isidentifier() and a.isascii() for a in attributes)
    by_key = {f.key: f.attribute for f in fields}
    assert (
        by_key["class"] == "class_"
        and by_key["self"] == "self_"
        and by_key["to_dict"] == "to_dict_"
    )
    assert by_key["FooBar"] == "foo_bar" and by_key["foo_bar"] == "foo_bar_"
    assert by_key["datetime"] == "datetime_" and by_key["str"] == "str"


def test_hostile_names_round_trip(hostile: tuple[Path, ModuleType]) -> None:
    _, module = hostile
    data: dict[str, Any] = {name: f"value of {name!r}" for name in NAMES}
    data["Tags"] = "\n"
    obj = module.Names.from_dict(data)
    assert obj.to_dict() == data
    assert module.Names.from_dict(obj.to_dict()) == obj


def test_shape_names_become_distinct_classes(hostile: tuple[Path, ModuleType]) -> None:
    _, module = hostile
    classes = {
        c.__name__
        for c in vars(module).values()
        if isinstance(c, type) and c.__module__ == module.__name__
    }
    assert {
        "Class_",
        "None_",
        "Any_",
        "Literal_",
        "ClassVar_",
        "Datetime_",
        "Field_",
        "Struct_",
        "Match_",
        "Foo_Bar",
        "Warning_",
        "EnvironmentError_",
    } <= classes
    # Names that are no plain identifier carry a hash of the exact shape name.
    hashed = {c.rsplit("__", 1)[0] for c in classes if "__" in c}
    assert {"Foo_Bar", "Shape", "X_y"} <= hashed
    assert module.Field_.from_dict({"Value": "v"}).to_dict() == {"Value": "v"}


def test_documentation_text_survives_as_data(hostile: tuple[Path, ModuleType]) -> None:
    _, module = hostile
    doc = module.Names.__doc__ or ""
    assert PAYLOAD in doc and '"""' in doc and "\\N{LATIN SMALL LETTER A}" in doc
    assert "\ufffd" in doc and "日本語" in doc  # a NUL is no text: U+FFFD
    assert module.Weird.__args__ == ('"""', "'", "\\", "\n", PAYLOAD, "")


def test_recursive_shapes_round_trip(hostile: tuple[Path, ModuleType]) -> None:
    _, module = hostile
    data = {"Self": {"Many": [{"ByKey": {"k": {}}}]}, "ByKey": {"x": {"Self": {}}}}
    obj = module.Recursive.from_dict(data)
    assert isinstance(obj.self_.many[0].by_key["k"], module.Recursive)
    assert obj.to_dict() == data
    assert module.OneOf.from_dict({"B": data}).b == obj


@pytest.mark.mypy
def test_hostile_module_passes_mypy_strict(hostile: tuple[Path, ModuleType]) -> None:
    package, _ = hostile
    result = mypy(package, cwd=package.parent)
    assert result.returncode == 0, result.stdout


BROKEN: list[tuple[str, Any, str]] = [
    (
        "missing-ref",
        service_model(
            {"A": {"type": "structure", "members": {"B": {"shape": "Nowhere"}}}}
        ),
        "shape 'A' member 'B' refers to missing shape 'Nowhere'",
    ),
    (
        "unknown-type",
        service_model({"A": {"type": "bigDecimal"}}),
        "shape 'A' has unknown type 'bigDecimal'",
    ),
    ("no-type", service_model({"A": {"members": {}}}), "shape 'A' has no 'type'"),
    ("invalid-json", '{"shapes": {', "cannot read model: Expecting property name"),
    (
        "not-a-model",
        ["a", "list"],
        "not a botocore service model (top level is not an object)",
    ),
    (
        "no-shapes",
        {"metadata": {}, "operations": {}},
        "not a botocore service model (no 'shapes' object)",
    ),
    (
        "list-loop",
        service_model(
            {
                "A": {"type": "structure", "members": {"L": {"shape": "L"}}},
                "L": {"type": "list", "member": {"shape": "L"}},
            }
        ),
        "list shape 'L' contains itself with no structure in between",
    ),
    (
        "bad-enum",
        service_model(
            {
                "A": {"type": "structure", "members": {"E": {"shape": "E"}}},
                "E": {"type": "string", "enum": [1, 2]},
            }
        ),
        "shape 'E': enum values must be strings",
    ),
    (
        "bad-doc",
        service_model(
            {"A": {"type": "structure", "members": {}, "documentation": ["x"]}}
        ),
        "shape 'A': 'documentation' must be a string",
    ),
    (
        "bad-required",
        service_model({"A": {"type": "structure", "members": {}, "required": "A"}}),
        "shape 'A': 'required' must be a list",
    ),
]


@pytest.mark.parametrize(
    ("case", "model", "message"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_broken_models_stop_with_one_line_and_write_nothing(
    tmp_path: Path, case: str, model: Any, message: str
) -> None:
    import json

    service = f"broken-{case}"
    path = write_model(
        tmp_path / "models",
        service,
        model,
        raw=model if isinstance(model, str) else json.dumps(model),
    )
    out = tmp_path / "out"
    result = codegen(
        service, "--model-dir", tmp_path / "models", "--out", out, cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"codegen: error: {path}: service '{service}': ")
    assert message in result.stderr
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["models"]
