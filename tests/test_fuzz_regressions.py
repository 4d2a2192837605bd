"""Faults the model fuzzer found, each as the smallest model that showed it.

Every case generates a real package and checks it with the real tools (black,
docutils, the import system, mypy), or compares graded change reports.
"""

from __future__ import annotations

from pathlib import Path
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
from fuzz_checks import file_faults
from rest_check import docstrings

from codegen.build import support
from codegen.model import naming
from codegen.model.loader import ModelSource
from codegen.model.resolver import MAX_NESTING, PYTHON_MAX_BRACKETS, Resolver
from codegen.model.surface import surface
from codegen.output import report
from codegen.render.imports import ImportCollector


def generate(
    tmp_path: Path, shapes: dict[str, Any], **metadata: Any
) -> tuple[Path, dict[str, str]]:
    documentation = metadata.pop("documentation", None)
    model = service_model(shapes, name="regress", **metadata)
    if documentation is not None:
        model["documentation"] = documentation
    write_model(tmp_path / "models", "regress", model)
    return generate_package(tmp_path, ["regress"], tmp_path / "models")


def assert_correct(package: Path, files: dict[str, str]) -> None:
    """Black-clean, valid reST in every docstring, and importable.

    Through the fuzzer's cached ``file_faults``: the support modules, the same
    for every model, are checked once, not once per test."""
    for name, text in files.items():
        if name.endswith(".py"):
            assert not file_faults(name, text), file_faults(name, text)
    import_generated(package, "regress")


def one_structure(documentation: str = "", **extra: Any) -> dict[str, Any]:
    return {
        "Thing": {
            "type": "structure",
            "members": {"Name": {"shape": "Text", "documentation": documentation}},
            "documentation": documentation,
            **extra,
        },
        "Text": {"type": "string"},
    }


AWKWARD_DOCUMENTATION = [
    "A\n\n:: \n\nB",  # a line ending in a space
    "A\n\n B",  # continuation lines indented more than the docstring
    "<note>x</note>",  # the same, from an admonition, with no "See also"
    " indented first line\n\nsecond",
    'ends in a quote "',
    '"',
    'x""',
    "back\\",
    "<p>unclosed <code>`` and a stray * and |bar| and word_ and [1]_</p>",
    "<note></note><important> </important>",
    "<b>bold</b>text<i>it</i>x<code>c</code>y",
    "- not a list\n1. not an enumeration\n.. not a directive\n::\n====",
    "\ud800 lone \udfff surrogates \x00 and controls",
    "日本語" * 40,
    "<ul><li>a list</li><li>first</li></ul><p>then text</p>",
    "<pre>code first</pre>",
    "Example::\n\n    literal",
    "* a bullet * and another",
]


@pytest.mark.parametrize("text", AWKWARD_DOCUMENTATION)
def test_documentation_gives_black_clean_valid_rest(tmp_path: Path, text: str) -> None:
    package, files = generate(
        tmp_path, one_structure(text), uid="", serviceFullName=text, documentation=text
    )
    assert_correct(package, files)


def test_wide_enum_values_are_measured_as_black_measures_them(tmp_path: Path) -> None:
    shapes = one_structure()
    shapes["Thing"]["members"]["Kind"] = {"shape": "Kind"}
    shapes["Kind"] = {"type": "string", "enum": ["日本語" * 14, "a"]}
    shapes["Thing"]["members"]["Inline"] = {"shape": "Text", "enum": ["全角" * 30]}
    package, files = generate(tmp_path, shapes)
    assert_correct(package, files)
    assert '    "日本語' in files["regress.py"]  # black's split: one value per line


def test_lone_surrogates_in_names_and_values_import(tmp_path: Path) -> None:
    shapes = {
        "\ud800": {
            "type": "structure",
            "members": {"a\udc80b": {"shape": "E"}},
            "documentation": "\udfff",
        },
        "E": {"type": "string", "enum": ["\ud800", "x"]},
    }
    package, files = generate(tmp_path, shapes, uid="a\udc80b")
    assert_correct(package, files)
    module = import_generated(package, "regress")
    cls = next(v for k, v in vars(module).items() if k.startswith("Shape__"))
    assert cls.from_dict({"a\udc80b": "\ud800"}).to_dict() == {"a\udc80b": "\ud800"}


def test_a_header_comment_cannot_be_broken_by_the_uid(tmp_path: Path) -> None:
    package, files = generate(tmp_path, one_structure(), uid="_\n")
    assert_correct(package, files)


@pytest.mark.mypy
def test_shapes_named_as_class_attributes_pass_mypy(tmp_path: Path) -> None:
    shapes = {
        "Holder": {
            "type": "structure",
            "members": {"Secret": {"shape": "SENSITIVE"}, "Other": {"shape": "Other"}},
        },
        "SENSITIVE": {"type": "structure", "members": {"V": {"shape": "Text"}}},
        "Other": {"type": "structure", "members": {"V": {"shape": "Text"}}},
        "Text": {"type": "string"},
    }
    package, files = generate(tmp_path, shapes)
    assert "secret: SENSITIVE_ | None" in files["regress.py"]
    result = mypy(package, cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_every_upper_case_class_attribute_of_the_runtime_is_reserved() -> None:
    """A class named like one would be shadowed by it in annotations inside classes."""
    import ast

    tree = ast.parse((support.RUNTIME_SOURCES / support.RUNTIME).read_text())
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name in ("Struct", "UnionStruct"):
            for statement in node.body:
                targets = (
                    [statement.target]
                    if isinstance(statement, ast.AnnAssign)
                    else getattr(statement, "targets", [])
                )
                names.update(t.id for t in targets if isinstance(t, ast.Name))
    upper = {n for n in names if n[:1].isupper()}
    assert "SENSITIVE" in upper
    assert upper <= naming.RESERVED_CLASS_ATTRIBUTES


def nested(depth: int) -> dict[str, Any]:
    """A structure holding ``depth`` lists and maps inside each other, an inline Literal last."""
    shapes: dict[str, Any] = {"Text": {"type": "string"}}
    inner: dict[str, Any] = {"shape": "Text", "enum": ["a", "b"]}
    for level in range(depth):
        name = f"Level{level}"
        if level % 2:
            shapes[name] = {"type": "list", "member": inner}
        else:
            shapes[name] = {"type": "map", "key": {"shape": "Text"}, "value": inner}
        inner = {"shape": name}
    shapes["Deep"] = {"type": "structure", "members": {"Deep": inner}}
    return shapes


def test_the_nesting_limit_is_pythons_bracket_limit() -> None:
    compile("(" * PYTHON_MAX_BRACKETS + ")" * PYTHON_MAX_BRACKETS, "limit", "eval")
    with pytest.raises(SyntaxError, match="too many nested parentheses"):
        too_many = PYTHON_MAX_BRACKETS + 1
        compile("(" * too_many + ")" * too_many, "limit", "eval")


def test_the_deepest_allowed_nesting_compiles_with_black_s_parentheses(
    tmp_path: Path,
) -> None:
    """At the limit, the deepest line with the parentheses black would add still parses.

    Black itself takes long on such a line; ``make fuzz`` runs it (see README).
    """
    write_model(
        tmp_path / "models",
        "regress",
        service_model(nested(MAX_NESTING), name="regress"),
    )
    module = Resolver(ModelSource([str(tmp_path / "models")]).load("regress")).resolve()
    (deep,) = module.classes
    annotation = ImportCollector().annotation(deep.members[0].type, set())
    assert annotation.count("[") == MAX_NESTING + 1  # the Literal's own bracket too
    compile(
        f"def __init__(self, *, deep: (\n{annotation} | None\n) = None): pass",
        "x",
        "exec",
    )


def test_one_level_deeper_is_refused_with_one_line(tmp_path: Path) -> None:
    write_model(
        tmp_path / "models",
        "regress",
        service_model(nested(MAX_NESTING + 1), name="regress"),
    )
    result = codegen("regress", "--model-dir", "models", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert f"lists and maps nested more than {MAX_NESTING} deep" in result.stderr
    assert not (tmp_path / "out").exists()


def class_names(tmp_path: Path, shapes: dict[str, Any]) -> dict[str, str]:
    write_model(tmp_path / "models", "regress", service_model(shapes, name="regress"))
    resolver = Resolver(ModelSource([str(tmp_path / "models")]).load("regress"))
    return {name: resolver.python_name(name) for name in shapes if name != "Text"}


def test_a_new_shape_never_takes_an_existing_class_name(tmp_path: Path) -> None:
    member = {"members": {"V": {"shape": "Text"}}, "type": "structure"}
    before = class_names(
        tmp_path / "v1", {"foo": member, "Foo-Bar": member, "Text": {"type": "string"}}
    )
    after = class_names(
        tmp_path / "v2",
        {
            "foo": member,
            "Foo-Bar": member,
            "Foo": member,
            "Foo_": member,
            "Foo.Bar": member,
            "Foo_Bar": member,
            "Text": {"type": "string"},
        },
    )
    assert {k: after[k] for k in before} == before
    assert len(set(after.values())) == len(after)
    assert after["Foo"] == "Foo" and after["foo"] == "Foo_"


def test_class_names_are_one_to_one() -> None:
    names = [
        "Foo", "foo", "Foo_", "foo_", "FOO", "Foo_Bar", "Foo__Bar", "Foo-Bar", "Foo.Bar",
        "None", "none", "SENSITIVE", "sensitive", "Warning", "warning", "_", "", "1st",
        "名前", "\ud800", "class", "Class", "Class_", "x\ny", "Shape", "shape",
    ]  # fmt: skip
    mapped = [naming.class_name(n) for n in names]
    assert len(set(mapped)) == len(names)
    assert all(m.isidentifier() and m.isascii() and m[0].isupper() for m in mapped)


def surface_of(tmp_path: Path, shapes: dict[str, Any]) -> dict[str, Any]:
    write_model(tmp_path / "models", "regress", service_model(shapes, name="regress"))
    module = Resolver(ModelSource([str(tmp_path / "models")]).load("regress")).resolve()
    return {"regress.py": surface(module)}


def graded(
    tmp_path: Path, old: dict[str, Any], new: dict[str, Any]
) -> list[tuple[str, str, str, str]]:
    changes = report.compare(
        surface_of(tmp_path / "old", old), surface_of(tmp_path / "new", new)
    )
    return [(c.severity, c.kind, c.subject, c.detail) for c in changes.changes]


def enum_shapes(inline: list[str], alias: list[str]) -> dict[str, Any]:
    return {
        "Thing": {
            "type": "structure",
            "members": {
                "Inline": {"shape": "Text", "enum": inline},
                "Many": {"shape": "Many"},
                "Alias": {"shape": "Colour"},
            },
        },
        "Many": {"type": "list", "member": {"shape": "Text", "enum": inline}},
        "Colour": {"type": "string", "enum": alias},
        "Text": {"type": "string"},
    }


def test_adding_a_value_to_an_inline_literal_is_compatible(tmp_path: Path) -> None:
    found = graded(
        tmp_path, enum_shapes(["a", "b"], ["r"]), enum_shapes(["a", "b", "c"], ["r"])
    )
    assert found == [
        ("compatible", "enum value added", "Thing.inline", "c"),
        ("compatible", "enum value added", "Thing.many", "c"),
    ]


def test_removing_a_value_from_an_inline_literal_is_breaking(tmp_path: Path) -> None:
    found = graded(tmp_path, enum_shapes(["a", "b"], ["r"]), enum_shapes(["a"], ["r"]))
    assert found == [
        ("breaking", "enum value removed", "Thing.inline", "b"),
        ("breaking", "enum value removed", "Thing.many", "b"),
    ]


def test_reordering_enum_values_changes_nothing(tmp_path: Path) -> None:
    found = graded(
        tmp_path,
        enum_shapes(["a", "b"], ["r", "g"]),
        enum_shapes(["b", "a"], ["g", "r"]),
    )
    assert found == []


def test_a_literal_that_became_another_type_is_still_breaking(tmp_path: Path) -> None:
    old = enum_shapes(["a"], ["r"])
    new = enum_shapes(["a"], ["r"])
    new["Thing"]["members"]["Inline"] = {"shape": "Text"}
    found = graded(tmp_path, old, new)
    assert [f[:3] for f in found] == [("breaking", "type changed", "Thing.inline")]


def test_a_method_split_with_only_self_left_is_black_clean(tmp_path: Path) -> None:
    """The ``def`` line fits, the return annotation does not: black splits the
    signature at its bracket with ``self`` alone inside, and gives it a comma."""
    name = "GetTheCurrentlyConfiguredOrganizationWideDefaults"
    output = f"{name}ResultWithALongName"
    model = service_model(
        {output: {"type": "structure", "members": {}}}, name="regress"
    )
    model["operations"] = {
        name: {
            "name": name,
            "http": {"method": "POST", "requestUri": "/"},
            "output": {"shape": output},
        }
    }
    write_model(tmp_path / "models", "regress", model)
    package, files = generate_package(tmp_path, ["regress"], tmp_path / "models")
    method = "get_the_currently_configured_organization_wide_defaults"
    assert len(f"    def {method}(self) -> {output}:") > 88
    assert (
        f"    def {method}(\n        self,\n    ) -> {output}:" in files["regress.py"]
    )
    assert_correct(package, files)


@pytest.mark.parametrize("text", AWKWARD_DOCUMENTATION)
def test_parameter_fields_of_any_documentation_are_valid_rest(
    tmp_path: Path, text: str
) -> None:
    """A member's first paragraph, whatever it holds, as a method's field body."""
    shapes = one_structure(text)
    shapes["Thing"]["members"]["Other"] = {"shape": "Text", "documentation": text}
    shapes["Thing"]["required"] = ["Name"]
    model = service_model(shapes, name="regress")
    model["operations"] = {
        "PutThing": {
            "name": "PutThing",
            "http": {"method": "POST", "requestUri": "/"},
            "input": {"shape": "Thing"},
            "documentation": text,
        }
    }
    write_model(tmp_path / "models", "regress", model)
    package, files = generate_package(tmp_path, ["regress"], tmp_path / "models")
    (method,) = [d for w, d in docstrings(files["regress.py"]) if w == "put_thing"]
    assert "\n:param name: (required)" in method and "\n:param other:" in method
    assert_correct(package, files)


def test_an_event_stream_in_a_module_without_a_client_imports(tmp_path: Path) -> None:
    """Seed 18: a structure holding an event stream, generated with no operation,
    names ``_client`` (its base is generic in the stream's type): the module
    imports it and the package has it."""
    shapes = {
        "Thing": {
            "type": "structure",
            "members": {"Events": {"shape": "Stream"}},
        },
        "Stream": {
            "type": "structure",
            "eventstream": True,
            "members": {"Tick": {"shape": "Tick"}},
        },
        "Tick": {"type": "structure", "members": {}, "event": True},
    }
    package, files = generate(tmp_path, shapes)
    assert support.CLIENT in files and "regress.py" in files
    assert "from . import _client" in files["regress.py"]
    assert_correct(package, files)
    module = import_generated(package, "regress")
    assert module.Thing.from_dict({}).events is None
