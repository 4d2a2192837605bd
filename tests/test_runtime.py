"""The runtime on the synthetic model: nothing lost, error correction, paths, checks.

Each test names the promise of the runtime it holds it to (see the runtime's
module docstring): unknown keys kept, zero values for missing required members,
errors with a path, ``validate()``, redacted and JSON forms, no aliasing, copies.
"""

from __future__ import annotations

import copy
import datetime
import pydoc
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import generate_package, import_generated, service_model, write_model
from test_shape_types import SHAPES, full_instance_dict

UTC = datetime.timezone.utc


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("runtime")
    write_model(tmp / "models", "synthetic", service_model(SHAPES))
    directory, _ = generate_package(tmp, ["synthetic"], tmp / "models")
    return directory


@pytest.fixture(scope="module")
def gen(package: Path) -> ModuleType:
    return import_generated(package, "synthetic")


@pytest.fixture(scope="module")
def runtime(package: Path, gen: ModuleType) -> ModuleType:
    return import_generated(package, "_runtime")


def test_unknown_keys_are_kept_at_every_depth(
    gen: ModuleType, runtime: ModuleType
) -> None:
    data = full_instance_dict()
    data["FutureMember"] = {"Nested": [1, {"x": None}]}
    data["Children"][0]["AddedLater"] = "new"
    data["Matrix"][0][0]["Parent"]["Newer"] = [b"bytes"]
    data["Choice"]["Child"]["Shade"] = "ultraviolet"  # unknown enum value
    obj = gen.Everything.from_dict({**data, "ResponseMetadata": {"RequestId": "r"}})
    assert obj.to_dict() == data
    assert runtime.unknown_members(obj) == {"FutureMember": data["FutureMember"]}
    assert runtime.unknown_members(obj.children[0]) == {"AddedLater": "new"}
    assert obj.choice.child.shade == "ultraviolet"
    assert gen.Everything.from_dict(obj.to_dict()) == obj
    assert obj != gen.Everything.from_dict(full_instance_dict())


def test_missing_required_members_take_zero_values(
    gen: ModuleType, runtime: ModuleType
) -> None:
    obj = gen.AllRequired.from_dict({})
    expected = {
        "s": "",
        "i": 0,
        "f": 0.0,
        "b": False,
        "y": b"",
        "t": datetime.datetime(1970, 1, 1, tzinfo=UTC),
        "e": "",
        "l": [],
        "m": {},
    }
    for attribute, value in expected.items():
        got = getattr(obj, attribute)
        assert got == value and type(got) is type(value), attribute
    assert obj.t.tzinfo is not None
    assert isinstance(obj.c, gen.RequiredChild)
    assert obj.c.id == "" and obj.c.note is None
    assert runtime.filled_members(obj) == {*expected, "c"}
    assert runtime.filled_members(obj.c) == {"id"}
    assert obj.to_dict() == {}  # filled members are left out: the round trip is exact
    assert gen.AllRequired.from_dict({"S": "given"}).to_dict() == {"S": "given"}
    with pytest.raises(runtime.ValidationError) as raised:
        obj.validate()
    assert len(raised.value.problems) == 10
    assert ("AllRequired.C", "required member is missing") in raised.value.problems
    # A corrected member the caller then sets is written out again.
    obj.s = "set later"
    assert obj.to_dict() == {"S": "set later"}
    # Zero values are fresh: filling one instance never touches another.
    other = gen.AllRequired.from_dict({})
    other.l.append("x")
    assert gen.AllRequired.from_dict({}).l == []
    with pytest.raises(TypeError):
        gen.AllRequired()  # constructors still require required members


def test_errors_name_the_path_in_wire_names(
    gen: ModuleType, runtime: ModuleType
) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        (
            {"Matrix": [[{"Id": "a"}], "oops"]},
            "Everything.Matrix[1]: expected a list, got str",
        ),
        (
            {"ByName": {"one": "x"}},
            'Everything.ByName["one"]: expected a mapping, got str',
        ),
        ({"Colours": "red"}, "Everything.Colours: expected a list, got str"),
        ({"Tags": ["k"]}, "Everything.Tags: expected a mapping, got list"),
        (
            {"Children": [{}, {"Choice": {"Child": {"Parent": {"Empty": 3}}}}]},
            "Everything.Children[1].Choice.Child.Parent.Empty: expected a mapping, got int",
        ),
    ]
    for data, message in cases:
        with pytest.raises(runtime.MemberError) as raised:
            gen.Everything.from_dict({"Name": "n", **data})
        assert str(raised.value) == message
        assert raised.value.path == message.split(":")[0][len("Everything") :]
    with pytest.raises(ValueError, match="^Everything: expected a mapping, got list$"):
        gen.Everything.from_dict([])


def test_validate_reports_every_problem_with_its_path(
    gen: ModuleType, runtime: ModuleType
) -> None:
    assert issubclass(runtime.ValidationError, ValueError)
    assert gen.Bounded(code="ab", level=1, few=["abc"]).validate() is None
    bounded = gen.Bounded(
        code="x",
        level=11,
        few=["a", "bb", 3],
        when=datetime.datetime(2024, 1, 1),
        colour="purple",
    )
    with pytest.raises(runtime.ValidationError) as raised:
        bounded.validate()
    assert raised.value.problems == [
        ("Bounded.Code", "length 1 is below the minimum 2"),
        ("Bounded.Level", "value 11 is above the maximum 10"),
        ("Bounded.Few", "length 3 is above the maximum 2"),
        ("Bounded.Few[0]", "length 1 is below the minimum 2"),
        ("Bounded.Few[2]", "expected str, got int"),
        ("Bounded.When", "expected an aware datetime, got a naive one"),
        ("Bounded.Colour", "unknown enum value 'purple'"),
    ]
    assert str(raised.value).startswith("7 problems:\n  Bounded.Code: length 1")
    everything = gen.Everything.from_dict(
        {"Name": "n", "Count": "3", "Choice": {"Text": "a", "Number": 1}, "X": 1}
    )
    with pytest.raises(runtime.ValidationError) as raised:
        everything.validate()
    assert raised.value.problems == [
        ("Everything.Count", "expected int, got str"),
        ("Everything.Choice", "a union takes exactly one member, got 2"),
        ("Everything.X", "unknown member"),
    ]
    empty_union = gen.Choice.from_dict({})
    with pytest.raises(runtime.ValidationError) as raised:
        empty_union.validate()
    assert raised.value.problems == [
        ("Choice", "a union takes exactly one member, got 0")
    ]
    keyed = gen.Everything.from_dict(
        {"Name": "n", "Tags": {"k": 1}, "ByName": {"c": {"Shade": "ultraviolet"}}}
    )
    with pytest.raises(runtime.ValidationError) as raised:
        keyed.validate()
    assert raised.value.problems == [
        ('Everything.Tags["k"]', "expected str, got int"),
        ('Everything.ByName["c"].Shade', "unknown enum value 'ultraviolet'"),
    ]


def test_redacted_forms_hide_every_sensitive_value(gen: ModuleType) -> None:
    obj = gen.Everything.from_dict(full_instance_dict())
    obj.children[0].password = "nested-secret"
    redacted = obj.to_dict(redact=True)
    assert redacted["Password"] == redacted["Secret"] == "<sensitive>"
    assert redacted["SecretGrid"] == redacted["SecretValues"] == "<sensitive>"
    assert redacted["Children"][0]["Password"] == "<sensitive>"
    assert redacted["Name"] == "outer" and redacted["Tags"] == {"k": "v"}
    text = obj.to_json(redact=True)
    for secret in ("hunter2", "s3cr3t", "grid-secret", "map-secret", "nested-secret"):
        assert secret not in str(redacted) and secret not in text
    assert obj.to_dict()["Password"] == "hunter2"  # the plain form is untouched
    vault = gen.Vault.from_dict({"PrivateKey": "pk", "Newer": "also-secret"})
    assert vault.to_dict(redact=True) == {
        "PrivateKey": "<sensitive>",
        "Newer": "<sensitive>",
    }


def test_no_aliasing_between_input_instance_and_output(gen: ModuleType) -> None:
    data = full_instance_dict()
    data["Unknown"] = {"deep": [1]}
    obj = gen.Everything.from_dict(data)
    data["Colours"].append("red")
    data["Tags"]["new"] = "x"
    data["Document"]["any"].append("more")
    data["Matrix"][0].clear()
    data["Unknown"]["deep"].append(2)
    fresh = full_instance_dict()
    assert obj.colours == fresh["Colours"] and obj.tags == fresh["Tags"]
    assert obj.document == fresh["Document"] and len(obj.matrix[0]) == 1
    out = obj.to_dict()
    assert out["Unknown"] == {"deep": [1]}
    out["Colours"].append("blue")
    out["Document"]["any"].clear()
    out["Matrix"][2].pop()
    out["Unknown"]["deep"].clear()
    assert obj.to_dict() == {**fresh, "Unknown": {"deep": [1]}}


def test_document_null_survives_the_round_trip(gen: ModuleType) -> None:
    data = {"Name": "n", "Document": None}
    obj = gen.Everything.from_dict(data)
    assert obj.document is None and obj.to_dict() == data
    assert gen.Everything.from_json(obj.to_json()).to_dict() == data
    assert obj.validate() is None


def test_subclass_in_another_module_loads(package: Path, gen: ModuleType) -> None:
    (package / "mine.py").write_text(
        "from .synthetic import Child\n\n"
        "class MyChild(Child):\n"
        "    __slots__ = ()\n\n"
        "    def label(self) -> str:\n"
        "        return f'child {self.id}'\n",
        encoding="utf-8",
    )
    mine = import_generated(package, "mine")
    child = mine.MyChild.from_dict({"Id": "c", "Parent": {"Name": "p"}, "Extra": 1})
    assert type(child) is mine.MyChild and child.label() == "child c"
    assert isinstance(child.parent, gen.Everything)
    assert child.to_dict() == {"Id": "c", "Parent": {"Name": "p"}, "Extra": 1}
    assert repr(child).startswith("MyChild(parent=Everything(")


def test_replace_returns_a_changed_copy(gen: ModuleType, runtime: ModuleType) -> None:
    obj = gen.Everything.from_dict({"Name": "a", "Count": 1, "Later": True})
    changed = obj.replace(name="b")
    assert changed.name == "b" and changed.count == 1 and obj.name == "a"
    assert changed.to_dict() == {"Name": "b", "Count": 1, "Later": True}
    assert obj.__replace__(count=2).count == 2
    if hasattr(copy, "replace"):  # Python 3.13
        assert copy.replace(obj, count=3).count == 3
    with pytest.raises(TypeError, match="no member 'colour_'"):
        obj.replace(colour_="red")
    corrected = gen.AllRequired.from_dict({})
    assert corrected.replace(s="x").to_dict() == {"S": "x"}


def test_to_json_names_the_path_of_what_json_cannot_hold(
    gen: ModuleType,
) -> None:
    """A streaming body not read yet, say: one line naming where, not json's own
    ``Object of type ... is not JSON serializable``."""
    stream = type("StreamingBody", (), {})()
    obj = gen.Everything.from_dict(
        {"Name": "n", "Children": [{"Name": "a"}, {"Name": "b", "Document": stream}]}
    )
    message = r"^Everything\.Children\[1\]\.Document: a StreamingBody cannot be written"
    with pytest.raises(TypeError, match=message):
        obj.to_json()


def test_json_paths_name_map_keys_as_every_other_path_does(tmp_path: Path) -> None:
    shapes = {
        "Box": {"type": "structure", "members": {"Blobs": {"shape": "BlobMap"}}},
        "BlobMap": {"type": "map", "key": {"shape": "Key"}, "value": {"shape": "Data"}},
        "Key": {"type": "string"},
        "Data": {"type": "blob"},
    }
    write_model(tmp_path / "models", "boxed", service_model(shapes, name="boxed"))
    directory, _ = generate_package(tmp_path, ["boxed"], tmp_path / "models")
    module = import_generated(directory, "boxed")
    with pytest.raises(ValueError, match=r'^Box\.Blobs\["c"\]: not a valid bytes'):
        module.Box.from_json('{"Blobs": {"c": "not base64!"}}')


def test_json_round_trip_of_blobs_and_timestamps(
    gen: ModuleType, runtime: ModuleType
) -> None:
    data = full_instance_dict()
    data["Created"] = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
    obj = gen.Everything.from_dict(data)
    text = obj.to_json()
    assert '"Data": "AAE="' in text and '"2024-05-06T07:08:09.123456+00:00"' in text
    assert gen.Everything.from_json(text) == obj
    assert gen.Everything.from_json(text.encode()).to_dict() == data
    with pytest.raises(
        runtime.MemberError, match=r"^Everything\.Data: not a valid bytes"
    ):
        gen.Everything.from_json('{"Name": "n", "Data": "not base64!"}')
    with pytest.raises(
        runtime.MemberError, match="^Everything: expected a JSON object"
    ):
        gen.Everything.from_json("[]")


def test_help_shows_what_each_member_is(gen: ModuleType) -> None:
    text = pydoc.plain(pydoc.render_doc(gen.Child))
    assert "shade\n |      Member doc of Shade." in text
    assert "_extra" not in text
    assert isinstance(gen.Child.__slots__, dict)


def test_help_summary_and_deprecation(tmp_path: Path) -> None:
    """A member whose documentation opens with a warning (SQS's AttributeNames)
    is summed up by its first paragraph of prose, not by ``..``; what the model
    marks deprecated leads with a notice."""
    shapes = {
        "Box": {
            "type": "structure",
            "members": {
                "Old": {
                    "shape": "Text",
                    "documentation": "<important><p>Discontinued.</p></important>"
                    "<p>What it returns. More.</p>",
                },
                "Noted": {
                    "shape": "Text",
                    "documentation": "<note><p>Only a note.</p></note>",
                },
                "Gone": {
                    "shape": "Text",
                    "deprecated": True,
                    "deprecatedMessage": "Use <Old> instead",
                    "documentation": "<p>What it was.</p>",
                },
            },
        },
        "Legacy": {"type": "structure", "members": {}, "deprecated": True},
        "Text": {"type": "string"},
    }
    model = service_model(shapes, name="noted")
    model["operations"] = {
        "Fetch": {"input": {"shape": "Box"}, "deprecated": True},
    }
    write_model(tmp_path / "models", "noted", model)
    directory, _ = generate_package(tmp_path, ["noted"], tmp_path / "models")
    module = import_generated(directory, "noted")
    assert module.Box.__slots__["old"] == "What it returns."
    assert module.Box.__slots__["noted"] == "Only a note."
    # What the model marks deprecated says so first, its message as text.
    source = (directory / "noted.py").read_text()
    assert module.Box.__slots__["gone"] == "**Deprecated.** Use <Old> instead"
    assert '"""**Deprecated.** Use <Old> instead\n\n    What it was.' in source
    assert (module.Legacy.__doc__ or "").startswith("**Deprecated.**")
    assert "**Deprecated.**" in (module.SyntheticnotedClient.fetch.__doc__ or "")


def test_repr_of_unset_and_set_members(gen: ModuleType) -> None:
    child = gen.Child(id="c", shade="red")
    assert repr(child) == "Child(parent=None, id='c', shade='red')"
    assert "password=<sensitive>" in repr(gen.Everything(name="n", password="pw"))


def test_hand_written_error_class_with_multiple_inheritance(package: Path) -> None:
    """What the client layer does: a Struct that is also an exception, no slots."""
    (package / "handmade.py").write_text(
        "from ._runtime import Field, Struct\n\n"
        "class NotFound(Struct, LookupError):\n"
        "    __slots__ = ()\n"
        "    SENSITIVE = ('token',)\n"
        "    _FIELDS = (\n"
        "        Field('message', 'Message', 'str', required=True),\n"
        "        Field('token', 'Token', 'str'),\n"
        "        Field('nested', 'Nested', '{str: NotFound}'),\n"
        "    )\n",
        encoding="utf-8",
    )
    handmade = import_generated(package, "handmade")
    data = {"Token": "t0k", "Nested": {"a": {"Message": "inner"}}, "Code": "404"}
    error = handmade.NotFound.from_dict(data)
    assert issubclass(type(error), LookupError) and error.message == ""
    assert error.nested["a"].message == "inner"
    assert error.to_dict() == data
    assert "t0k" not in repr(error) and "token=<sensitive>" in repr(error)
    with pytest.raises(LookupError):
        raise error


def test_compiled_converters_take_hostile_wire_names_as_data(tmp_path: Path) -> None:
    """Wire names reach the compiled source only through repr(): never as code."""
    nasty = "X\"'); __import__('os')._exit(3) #\n\\{x}"
    shapes = {
        "Box": {
            "type": "structure",
            "required": [nasty],
            "members": {
                nasty: {"shape": "Text"},
                "Inner": {"shape": "Box"},
                "Enum": {"shape": "Odd"},
            },
        },
        "Text": {"type": "string", "min": 1},
        "Odd": {"type": "string", "enum": ['a"b', "c\\d", "{e}"]},
    }
    write_model(tmp_path / "models", "hostile", service_model(shapes, name="hostile"))
    directory, _ = generate_package(tmp_path, ["hostile"], tmp_path / "models")
    module = import_generated(directory, "hostile")
    data = {nasty: "v", "Inner": {nasty: "w", "Enum": "{e}"}, "Enum": 'a"b'}
    box = module.Box.from_dict(data)
    assert box.to_dict() == data and module.Box.from_json(box.to_json()) == box
    assert module.Box.from_dict({}).to_dict() == {}
    with pytest.raises(ValueError) as raised:
        module.Box.from_dict({"Inner": {nasty: "", "Enum": "zzz"}}).validate()
    assert [text for _, text in raised.value.problems] == [  # type: ignore[attr-defined]
        "required member is missing",
        "length 0 is below the minimum 1",
        "unknown enum value 'zzz'",
    ]


def test_lists_and_maps_of_empty_structures(gen: ModuleType) -> None:
    """A class with no members of its own still loads as itself, also inside lists."""
    assert "_FIELDS" not in vars(gen.Empty)
    empty = gen.Empty.from_dict({"New": 1})
    assert type(empty) is gen.Empty and empty.to_dict() == {"New": 1}
    locker = gen.Locker.from_dict({"Empties": [{}, {"New": 2}]})
    assert [type(e) for e in locker.empties] == [gen.Empty, gen.Empty]
    assert locker.to_dict() == {"Empties": [{}, {"New": 2}]}


def test_a_structure_holding_a_modeled_error_equals_its_round_trip(
    tmp_path: Path,
) -> None:
    """An event stream's union holds errors as members: compared by value, as
    every member, or ``C.from_dict(x.to_dict())`` never equals itself."""
    shapes = {
        "Boom": {
            "type": "structure",
            "members": {"Message": {"shape": "Text"}, "Code": {"shape": "Text"}},
            "exception": True,
            "error": {"code": "Boom"},
        },
        "Text": {"type": "string"},
        "Event": {
            "type": "structure",
            "members": {"Boom": {"shape": "Boom"}, "Note": {"shape": "Text"}},
            "union": True,
        },
    }
    shapes["Out"] = {"type": "structure", "members": {"Event": {"shape": "Event"}}}
    model = service_model(shapes)
    model["operations"] = {
        "Go": {
            "name": "Go",
            "http": {"method": "POST", "requestUri": "/"},
            "output": {"shape": "Out"},
            "errors": [{"shape": "Boom"}],
        }
    }
    write_model(tmp_path / "models", "synthetic", model)
    directory, _ = generate_package(tmp_path, ["synthetic"], tmp_path / "models")
    gen = import_generated(directory, "synthetic")
    assert issubclass(gen.Boom, gen._client.ModeledError)
    data = {"Boom": {"Message": "bang", "Code": "x1"}}
    once, twice = gen.Event.from_dict(data), gen.Event.from_dict(data)
    assert once == twice and gen.Event.from_dict(once.to_dict()) == once
    assert once != gen.Event.from_dict({"Boom": {"Message": "other"}})
    error = twice.boom
    assert isinstance(error, Exception) and hash(error) == hash(once.boom)
    with pytest.raises(gen.Boom):
        raise error
