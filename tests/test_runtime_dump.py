"""``to_dict``'s compiled dumpers: inlined children, first-call samples, fallbacks.

A class's dumper is written on its first call, with the bodies of its child
classes inlined and shaped by the instance of that call (which members it has
set). Each test starts from a fresh import of the generated package, so it
chooses that first instance; later calls with other instances must give exactly
what they would have given had they come first.
"""

from __future__ import annotations

import copy
import itertools
import shutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import generate_package, import_generated, service_model, write_model
from test_shape_types import SHAPES, full_instance_dict

_copies = itertools.count()


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("dump")
    write_model(tmp / "models", "synthetic", service_model(SHAPES))
    directory, _ = generate_package(tmp, ["synthetic"], tmp / "models")
    return directory


@pytest.fixture
def fresh(package: Path) -> Callable[[], tuple[ModuleType, ModuleType]]:
    """A new import of the package (module and runtime): no dumper written yet."""

    def load() -> tuple[ModuleType, ModuleType]:
        copied = package.parent / f"{package.name}_{next(_copies)}"
        shutil.copytree(package, copied)
        return import_generated(copied, "synthetic"), import_generated(
            copied, "_runtime"
        )

    return load


def shapes_of_everything() -> list[dict[str, Any]]:
    """Everything dicts whose nested members are set differently from each other."""
    full = full_instance_dict()
    sparse = {
        "Name": "sparse",
        "Children": [{"Name": "kid"}, {"Name": "kid2", "Count": 2, "List": []}],
        "Matrix": [[{"Id": "only"}]],
        "ByName": {"a": {"Parent": {"Name": "p", "Tags": {}}}},
        "Choice": {"Text": "t"},
    }
    deep: dict[str, Any] = {"Name": "0", "Children": [{"Name": "1"}]}
    tail = deep["Children"][0]
    for depth in range(2, 9):  # deeper than the classes are unrolled
        tail["Children"] = [{"Name": str(depth), "Choice": {"Child": {"Id": "c"}}}]
        tail = tail["Children"][0]
    extra = copy.deepcopy(full)
    extra["Children"][0]["AddedLater"] = {"new": [1, None]}
    extra["Matrix"][2][1]["Unknown"] = None
    extra["ByName"]["one"]["Parent"]["Count"] = None  # a known key given as null
    extra["Choice"]["Child"]["Shade"] = "ultraviolet"
    return [full, sparse, deep, extra, {"Name": "bare"}]


def test_every_instance_dumps_exactly_whichever_came_first(
    fresh: Callable[[], tuple[ModuleType, ModuleType]],
) -> None:
    cases = shapes_of_everything()
    for first in cases:
        gen, _ = fresh()
        assert gen.Everything.from_dict(first).to_dict() == first
        for data in cases:
            obj = gen.Everything.from_dict(data)
            assert obj.to_dict() == data
            # As many set members as the first instance, but others.
            nested = gen.Everything.from_dict({"Name": "n", "Children": [data]})
            assert nested.to_dict() == {"Name": "n", "Children": [data]}


def test_a_list_whose_items_differ_from_the_first_item(
    fresh: Callable[[], tuple[ModuleType, ModuleType]],
) -> None:
    gen, _ = fresh()
    children = shapes_of_everything()
    data = {"Name": "root", "Children": children, "ByName": {}}
    obj = gen.Everything.from_dict(data)
    assert obj.to_dict() == data
    children.reverse()
    assert gen.Everything.from_dict(data).to_dict() == data
    obj.children[0].count = 5  # changed after loading
    assert obj.to_dict()["Children"][0]["Count"] == 5


def test_filled_members_are_left_out_at_every_depth(
    fresh: Callable[[], tuple[ModuleType, ModuleType]],
) -> None:
    gen, _ = fresh()
    full = {
        "S": "s",
        "I": 1,
        "F": 1.5,
        "B": True,
        "Y": b"y",
        "T": full_instance_dict()["Created"],
        "E": "red",
        "L": ["a"],
        "M": {"k": "v"},
        "C": {"Id": "id", "Note": "n"},
    }
    assert gen.AllRequired.from_dict(full).to_dict() == full  # the first call
    corrected = gen.AllRequired.from_dict({"S": "x", "C": {"Note": "n"}})
    assert corrected.c.id == ""  # filled, so set as the first instance's was
    assert corrected.to_dict() == {"S": "x", "C": {"Note": "n"}}
    corrected.c.id = "given"
    assert corrected.to_dict() == {"S": "x", "C": {"Note": "n", "Id": "given"}}


def test_redaction_reaches_inlined_children(
    fresh: Callable[[], tuple[ModuleType, ModuleType]],
) -> None:
    gen, runtime = fresh()
    data = full_instance_dict()
    data["Children"] = [
        {"Name": "a", "Password": "p1", "SecretGrid": [["g"]]},
        {"Name": "b", "Secret": "s2", "SecretValues": {"k": [["m"]]}},
    ]
    data["ByName"]["one"]["Parent"]["Password"] = "p3"
    obj = gen.Everything.from_dict(data)
    for _ in range(2):  # the first call writes the dumper, the second uses it
        redacted = obj.to_dict(redact=True)
        text = repr(redacted)
        for secret in ("hunter2", "s3cr3t", "p1", "g", "s2", "m", "p3"):
            assert repr(secret) not in text
        assert redacted["Children"][0]["Password"] == runtime.REDACTED
        assert redacted["Children"][1]["SecretValues"] == runtime.REDACTED
        assert redacted["ByName"]["one"]["Parent"]["Password"] == runtime.REDACTED
    assert obj.to_dict() == data
    vault = {"PrivateKey": "key", "Label": "l", "Extra": "kept"}
    locker = gen.Locker.from_dict({"Vault": vault, "Vaults": [vault], "Owner": "o"})
    hidden = runtime.REDACTED
    assert locker.to_dict(redact=True) == {
        "Vault": hidden,
        "Vaults": hidden,
        "Owner": "o",
    }
    for data in ({"Label": "l"}, vault):  # a wholly sensitive shape, extra key or not
        assert gen.Vault.from_dict(data).to_dict(redact=True) == dict.fromkeys(
            data, hidden
        )


def test_the_result_shares_nothing_with_inlined_children(
    fresh: Callable[[], tuple[ModuleType, ModuleType]],
) -> None:
    gen, _ = fresh()
    data = full_instance_dict()
    data["Children"] = [copy.deepcopy(data)]
    obj = gen.Everything.from_dict(data)
    out = obj.to_dict()
    child, dumped = obj.children[0], out["Children"][0]
    for attribute, key in (("tags", "Tags"), ("list", "List"), ("colours", "Colours")):
        assert dumped[key] == getattr(child, attribute)
        assert dumped[key] is not getattr(child, attribute)
    assert dumped["Matrix"][0] is not child.matrix[0]
    assert dumped["Document"]["any"] is not child.document["any"]
    assert dumped["Document"]["any"][3] is None  # JSON null kept in documents
    dumped["Tags"]["new"] = "x"
    assert child.tags == {"k": "v"}


def test_constructors_and_bare_instances(
    fresh: Callable[[], tuple[ModuleType, ModuleType]],
) -> None:
    gen, _ = fresh()
    built = gen.Everything(
        name="n", children=[gen.Everything(name="c", tags={"a": "b"})]
    )
    assert built._extra is None
    expected = {"Name": "n", "Children": [{"Name": "c", "Tags": {"a": "b"}}]}
    assert built.to_dict() == expected
    bare = gen.Everything.__new__(gen.Everything)  # no _extra, as a subclass may do
    for field in gen.Everything._FIELDS:
        setattr(bare, field.attribute, None)
    bare.name = "c"
    bare.tags = {"a": "b"}
    built.children = [bare]
    assert built.to_dict() == expected
    assert gen.Everything.from_dict(expected).to_dict() == expected


def test_a_subclass_where_its_base_is_declared_dumps_itself(
    fresh: Callable[[], tuple[ModuleType, ModuleType]], package: Path
) -> None:
    gen, _ = fresh()
    module = ModuleType("mine")
    exec(
        "class Labelled(Child):\n"
        "    __slots__ = ()\n\n"
        "    def to_dict(self, *, redact=False):\n"
        "        return {**super().to_dict(redact=redact), 'Label': 'mine'}\n\n"
        "class Plain(Child):\n"
        "    __slots__ = ()\n",
        {"Child": gen.Child, "__name__": "mine"},
        vars(module),
    )
    data = full_instance_dict()
    obj = gen.Everything.from_dict(data)
    assert obj.to_dict() == data  # the dumper is written for plain Child instances
    labelled = module.Labelled(id="l", parent=gen.Everything(name="p"))
    obj.by_name = {"one": labelled, "two": module.Plain(id="p")}
    obj.matrix = [[module.Plain(id="q"), labelled]]
    obj.choice = gen.Choice(child=labelled)
    out = obj.to_dict()
    mine = {"Id": "l", "Parent": {"Name": "p"}, "Label": "mine"}
    assert out["ByName"] == {"one": mine, "two": {"Id": "p"}}
    assert out["Matrix"] == [[{"Id": "q"}, mine]]
    assert out["Choice"] == {"Child": mine}


@pytest.mark.parametrize(
    ("member", "value", "message"),
    [
        ("choice", {"Text": "t"}, "Everything.Choice: expected Choice, got dict"),
        ("children", [{"Name": "x"}], r"Everything.Children\[0\]: expected Everything"),
        (
            "by_name",
            {"k": "Child"},
            r'Everything.ByName\["k"\]: expected Child, got str',
        ),
        ("tags", ["k"], "^Everything.Tags: expected a dict, got list$"),
        ("matrix", [[{}]], r"^Everything.Matrix\[0\]\[0\]: expected Child, got dict$"),
        ("empty", None, ""),
    ],
)
def test_a_member_of_the_wrong_type_is_named(
    fresh: Callable[[], tuple[ModuleType, ModuleType]],
    member: str,
    value: Any,
    message: str,
) -> None:
    gen, _ = fresh()
    obj = gen.Everything.from_dict(full_instance_dict())
    obj.to_dict()
    if not message:  # another generated class where Empty is declared
        obj.empty = gen.Child(id="x")
        message = "Everything.Empty: expected Empty, got Child"
    else:
        setattr(obj, member, value)
    with pytest.raises(TypeError, match=message):
        obj.to_dict()


def test_children_past_the_inlining_budget_are_called(
    fresh: Callable[[], tuple[ModuleType, ModuleType]],
) -> None:
    cases = shapes_of_everything()
    for budget in (0, 40):
        gen, runtime = fresh()
        vars(runtime)["_INLINE_LINES"] = budget
        for data in cases:
            assert gen.Everything.from_dict(data).to_dict() == data
            redacted = gen.Everything.from_dict(data).to_dict(redact=True)
            assert "hunter2" not in repr(redacted)
