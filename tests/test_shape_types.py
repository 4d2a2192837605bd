"""Every shape type, on a synthetic model: types, conversions, unions, sensitivity."""

from __future__ import annotations

import datetime
import io
import sys
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from botocore.model import ServiceModel
from botocore.validate import ParamValidator
from conftest import generate_package, import_generated, service_model, write_model

SHAPES: dict[str, Any] = {
    "Everything": {
        "type": "structure",
        "required": ["Name"],
        "documentation": "<p>A structure with <b>every</b> kind of member.</p>",
        "members": {
            "Name": {"shape": "String", "documentation": "<p>The name.</p>"},
            "Count": {"shape": "Integer"},
            "Total": {"shape": "Long"},
            "Ratio": {"shape": "Float"},
            "Precise": {"shape": "Double"},
            "Enabled": {"shape": "Boolean"},
            "Data": {"shape": "Blob"},
            "Created": {"shape": "Timestamp"},
            "Colour": {"shape": "Colour"},
            "Colours": {"shape": "ColourList"},
            "Tags": {"shape": "TagMap"},
            "Children": {"shape": "EverythingList"},
            "Matrix": {"shape": "ChildMatrix"},
            "ByName": {"shape": "ChildMap"},
            "Document": {"shape": "Document"},
            "Choice": {"shape": "Choice"},
            "Password": {"shape": "String", "sensitive": True},
            "Secret": {"shape": "SecretString"},
            "SecretGrid": {"shape": "SecretGrid"},
            "SecretValues": {"shape": "SecretValueMap"},
            "Str": {"shape": "String", "documentation": "<p>Shadows the builtin.</p>"},
            "Int": {"shape": "Integer"},
            "List": {"shape": "StringList"},
            "Dict": {"shape": "TagMap"},
            "Empty": {"shape": "Empty"},
        },
    },
    "Child": {
        "type": "structure",
        "members": {
            "Parent": {"shape": "Everything"},
            "Id": {"shape": "String"},
            "Shade": {
                "shape": "Colour",
                "documentation": "<p>Member doc of Shade.</p>",
            },
        },
    },
    "EverythingList": {"type": "list", "member": {"shape": "Everything"}},
    "ChildList": {"type": "list", "member": {"shape": "Child"}},
    "ChildMatrix": {"type": "list", "member": {"shape": "ChildList"}},
    "ChildMap": {
        "type": "map",
        "key": {"shape": "String"},
        "value": {"shape": "Child"},
    },
    "Choice": {
        "type": "structure",
        "union": True,
        "members": {
            "Text": {"shape": "String"},
            "Number": {"shape": "Integer"},
            "Child": {"shape": "Child"},
        },
    },
    "Empty": {"type": "structure", "members": {}},
    "Colour": {"type": "string", "enum": ["red", "green", "blue"]},
    "ColourList": {"type": "list", "member": {"shape": "Colour"}},
    "TagMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
    "StringList": {"type": "list", "member": {"shape": "String"}},
    "SecretString": {"type": "string", "sensitive": True},
    "SecretList": {"type": "list", "member": {"shape": "SecretString"}},
    "SecretGrid": {"type": "list", "member": {"shape": "SecretList"}},
    "SecretValueMap": {
        "type": "map",
        "key": {"shape": "String"},
        "value": {"shape": "SecretGrid"},
    },
    "Document": {"type": "structure", "members": {}, "document": True},
    "Vault": {
        "type": "structure",
        "sensitive": True,
        "members": {"PrivateKey": {"shape": "String"}, "Label": {"shape": "String"}},
    },
    "VaultList": {"type": "list", "member": {"shape": "Vault"}},
    "EmptyList": {"type": "list", "member": {"shape": "Empty"}},
    "SecretTagMap": {
        "type": "map",
        "key": {"shape": "String"},
        "value": {"shape": "String"},
        "sensitive": True,
    },
    "PinList": {"type": "list", "member": {"shape": "String"}, "sensitive": True},
    "AllRequired": {
        "type": "structure",
        "required": ["S", "I", "F", "B", "Y", "T", "E", "L", "M", "C"],
        "members": {
            "S": {"shape": "String"},
            "I": {"shape": "Integer"},
            "F": {"shape": "Double"},
            "B": {"shape": "Boolean"},
            "Y": {"shape": "Blob"},
            "T": {"shape": "Timestamp"},
            "E": {"shape": "Colour"},
            "L": {"shape": "StringList"},
            "M": {"shape": "TagMap"},
            "C": {"shape": "RequiredChild"},
        },
    },
    "RequiredChild": {
        "type": "structure",
        "required": ["Id"],
        "members": {"Id": {"shape": "String"}, "Note": {"shape": "String"}},
    },
    "Bounded": {
        "type": "structure",
        "members": {
            "Code": {"shape": "ShortString"},
            "Level": {"shape": "SmallInt"},
            "Few": {"shape": "FewList"},
            "When": {"shape": "Timestamp"},
            "Colour": {"shape": "Colour"},
        },
    },
    "ShortString": {"type": "string", "min": 2, "max": 4},
    "SmallInt": {"type": "integer", "min": 1, "max": 10},
    "FewList": {"type": "list", "member": {"shape": "ShortString"}, "max": 2},
    "Locker": {
        "type": "structure",
        "members": {
            "Owner": {"shape": "String"},
            "Vault": {"shape": "Vault"},
            "Vaults": {"shape": "VaultList"},
            "SecretTags": {"shape": "SecretTagMap"},
            "Pins": {"shape": "PinList"},
            "Empties": {"shape": "EmptyList"},
        },
    },
    "String": {"type": "string"},
    "Integer": {"type": "integer"},
    "Long": {"type": "long"},
    "Float": {"type": "float"},
    "Double": {"type": "double"},
    "Boolean": {"type": "boolean"},
    "Blob": {"type": "blob"},
    "Timestamp": {"type": "timestamp"},
    "StreamingBlob": {"type": "blob", "streaming": True},
    "Download": {
        "type": "structure",
        "members": {"Body": {"shape": "StreamingBlob"}},
        "payload": "Body",
    },
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    tmp = tmp_path_factory.mktemp("types")
    write_model(tmp / "models", "synthetic", service_model(SHAPES))
    package, _ = generate_package(tmp, ["synthetic"], tmp / "models")
    return import_generated(package, "synthetic")


def full_instance_dict() -> dict[str, Any]:
    child = {"Id": "c1", "Parent": {"Name": "inner"}}
    return {
        "Name": "outer",
        "Count": 3,
        "Total": 2**40,
        "Ratio": 0.5,
        "Precise": 1e-9,
        "Enabled": False,
        "Data": b"\x00\x01",
        "Created": datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
        "Colour": "red",
        "Colours": ["green", "blue"],
        "Tags": {"k": "v"},
        "Children": [{"Name": "kid", "Choice": {"Number": 7}}],
        "Matrix": [[child], [], [child, {"Id": "c2"}]],
        "ByName": {"one": child},
        "Document": {"any": ["json", 1, 2.5, None, True, {"nested": {}}]},
        "Choice": {"Child": child},
        "Password": "hunter2",
        "Secret": "s3cr3t",
        "SecretGrid": [["grid-secret"]],
        "SecretValues": {"k": [["map-secret"]]},
        "Str": "x",
        "Int": 1,
        "List": ["a"],
        "Dict": {"a": "b"},
        "Empty": {},
    }


def test_python_types(generated: ModuleType) -> None:
    hints = typing.get_type_hints(generated.Everything)
    # Classes of the package generated for the test: in type expressions, Any.
    Colour: Any = generated.Colour
    Child: Any = generated.Child
    assert hints["name"] is str
    assert hints["count"] == int | None and hints["total"] == int | None
    assert hints["ratio"] == float | None and hints["precise"] == float | None
    assert hints["enabled"] == bool | None and hints["data"] == bytes | None
    assert hints["created"] == datetime.datetime | None
    assert hints["colour"] == Colour | None
    assert hints["colours"] == list[Colour] | None
    assert hints["tags"] == dict[str, str] | None
    assert hints["matrix"] == list[list[Child]] | None
    assert hints["by_name"] == dict[str, Child] | None
    assert hints["str"] == str | None and hints["list"] == list[str] | None


def test_constructors_take_what_boto3_takes(generated: ModuleType) -> None:
    """The parameters are wider where boto3 takes more; the attributes are not."""
    hints = typing.get_type_hints(generated.Everything.__init__, vars(generated))
    runtime = sys.modules[generated.__name__.rpartition(".")[0] + "._runtime"]
    assert hints["name"] is str and hints["count"] == int | None
    assert hints["ratio"] == runtime.Double | None
    assert hints["data"] == runtime.Blob | None
    assert hints["created"] == runtime.Timestamp | None
    Colour: Any = generated.Colour
    assert hints["colours"] == list[Colour] | None  # nothing to widen


def test_every_type_round_trips(generated: ModuleType) -> None:
    data = full_instance_dict()
    obj = generated.Everything.from_dict(data)
    assert isinstance(obj.matrix[0][0], generated.Child)
    assert isinstance(obj.matrix[0][0].parent, generated.Everything)
    assert isinstance(obj.by_name["one"], generated.Child)
    assert isinstance(obj.choice, generated.Choice) and isinstance(
        obj.choice.child, generated.Child
    )
    assert isinstance(obj.empty, generated.Empty)
    assert obj.document == data["Document"]
    assert obj.to_dict() == data
    assert generated.Everything.from_dict(obj.to_dict()) == obj


def test_round_trip_passes_botocore_validation(generated: ModuleType) -> None:
    model = ServiceModel(service_model(SHAPES), "synthetic")
    obj = generated.Everything.from_dict(full_instance_dict())
    report = ParamValidator().validate(obj.to_dict(), model.shape_for("Everything"))
    assert not report.has_errors(), report.generate_report()


def test_sensitivity_at_any_depth(generated: ModuleType) -> None:
    assert generated.Everything.SENSITIVE == (
        "password",
        "secret",
        "secret_grid",
        "secret_values",
    )
    assert generated.Child.SENSITIVE == ()
    text = repr(generated.Everything.from_dict(full_instance_dict()))
    for secret in ("hunter2", "s3cr3t", "grid-secret", "map-secret"):
        assert secret not in text
    # Sensitive values in nested structures are hidden by the nested repr too.
    assert text.count("password=<sensitive>") == 1
    assert "password=None" in text  # the nested Everything has none set


def test_shapes_sensitive_as_a_whole(generated: ModuleType) -> None:
    """botocore's shape-level ``sensitive`` on a structure, list or map."""
    vault = generated.Vault(private_key="-----BEGIN PRIVATE KEY-----", label="k1")
    assert generated.Vault.SENSITIVE_SHAPE is True
    assert generated.Locker.SENSITIVE_SHAPE is False
    assert generated.Vault.SENSITIVE == ("private_key", "label")
    assert generated.Locker.SENSITIVE == ("vault", "vaults", "secret_tags", "pins")
    # On its own, the instance shows its class and which members are set, no value.
    for text in (repr(vault), str(vault), f"{vault!r}"):
        assert text == "Vault(private_key=<sensitive>, label=<sensitive>)"
    assert (
        repr(generated.Vault(label="x")) == "Vault(private_key=None, label=<sensitive>)"
    )
    locker = generated.Locker.from_dict(
        {
            "Owner": "me",
            "Vault": {"PrivateKey": "pk-1", "Label": "l-1"},
            "Vaults": [{"PrivateKey": "pk-2"}],
            "SecretTags": {"tag": "tag-secret"},
            "Pins": ["1234"],
        }
    )
    text = repr(locker)
    for secret in ("pk-1", "l-1", "pk-2", "tag-secret", "1234"):
        assert secret not in text and secret not in repr(locker.vaults)
    assert "owner='me'" in text
    assert locker.to_dict()["Vault"] == {"PrivateKey": "pk-1", "Label": "l-1"}


def test_union_takes_exactly_one_member(generated: ModuleType) -> None:
    assert generated.Choice(text="a").text == "a"
    with pytest.raises(ValueError, match="exactly one member, got none"):
        generated.Choice()
    with pytest.raises(ValueError, match="exactly one member, got text, number"):
        generated.Choice(text="a", number=1)
    # Loading forgives what a service gets wrong; validate() is strict.
    loaded = generated.Choice.from_dict({"Text": "a", "Number": 1})
    assert loaded.to_dict() == {"Text": "a", "Number": 1}
    with pytest.raises(ValueError, match="a union takes exactly one member, got 2"):
        loaded.validate()


def test_union_member_unknown_to_this_binding_survives(generated: ModuleType) -> None:
    for data in (
        {"FutureMember": {"X": 1}},
        {"SDK_UNKNOWN_MEMBER": {"name": "FutureMember"}},
    ):
        choice = generated.Choice.from_dict(data)
        assert choice.unknown_member == data
        assert choice.text is None and choice.to_dict() == data
        assert generated.Choice.from_dict(choice.to_dict()) == choice
        assert repr(choice) == f"Choice(unknown_member={list(data)!r})"
    wrapper = generated.Everything.from_dict(
        {"Name": "n", "Choice": {"FutureMember": 1}}
    )
    assert wrapper.to_dict() == {"Name": "n", "Choice": {"FutureMember": 1}}


def test_empty_structure(generated: ModuleType) -> None:
    assert generated.Empty() == generated.Empty.from_dict({})
    assert generated.Empty.from_dict({"Newer": 1}).to_dict() == {"Newer": 1}
    assert generated.Empty().to_dict() == {}
    assert repr(generated.Empty()) == "Empty()"


def test_streaming_blob_passes_botocore_object_through(generated: ModuleType) -> None:
    body = io.BytesIO(b"payload")
    download = generated.Download.from_dict({"Body": body})
    assert download.body is body and download.to_dict() == {"Body": body}


def test_builtin_names_as_attributes(generated: ModuleType) -> None:
    obj = generated.Everything(name="n", str="s", int=1, list=["a"], dict={"a": "b"})
    assert obj.to_dict() == {
        "Name": "n",
        "Str": "s",
        "Int": 1,
        "List": ["a"],
        "Dict": {"a": "b"},
    }
    assert generated.__file__ is not None
    source = Path(generated.__file__).read_text(encoding="utf-8")
    assert "str: builtins.str | None" in source and "import builtins" in source


def test_unions_pickle_with_and_without_an_unknown_member(
    generated: ModuleType,
) -> None:
    import pickle

    for choice in (
        generated.Choice(text="a"),
        generated.Choice.from_dict({"Future": 1}),
    ):
        assert pickle.loads(pickle.dumps(choice)) == choice


def test_classes_and_aliases_take_their_own_documentation(
    generated: ModuleType,
) -> None:
    """A member's documentation describes the member, never the class it points to."""
    assert "A structure with **every** kind of member." in (
        generated.Everything.__doc__ or ""
    )
    assert generated.__file__ is not None
    source = Path(generated.__file__).read_text(encoding="utf-8")
    assert '"""The ``Colour`` enum.' in source
    assert 'shade: Colour | None\n    """Member doc of Shade."""' in source
