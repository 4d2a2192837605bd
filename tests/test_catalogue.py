"""The largest and strangest services: import, black stability, mypy, round trips.

ec2, s3, dynamodb, lambda and cognito-idp, plus every service with a union or a
document type. Each structure gets a fully populated (depth-limited) example
that must pass botocore's ``ParamValidator`` and survive ``from_dict`` /
``to_dict`` unchanged.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from botocore.loaders import create_loader
from botocore.model import ServiceModel, Shape
from botocore.validate import ParamValidator

from codegen import pipeline
from codegen.config import Target
from codegen.formatting import format_module
from codegen.loader import ModelSource
from codegen.naming import module_name
from codegen.partition import ModuleSplitter, should_split
from codegen.render import ModuleRenderer
from codegen.resolver import Resolver

from conftest import import_generated

LARGEST = ["ec2", "s3", "dynamodb", "lambda", "cognito-idp"]
_LOADER = create_loader()


def _strange(service: str) -> bool:
    shapes = _LOADER.load_service_model(service, "service-2")["shapes"].values()
    return any(s.get("union") or s.get("document") for s in shapes)


STRANGE = sorted(
    s
    for s in _LOADER.list_available_services("service-2")
    if s not in LARGEST and _strange(s)
)
# The benchmark's --verify sets CODEGEN_CATALOGUE=all to run the same checks on every service.
if os.environ.get("CODEGEN_CATALOGUE") == "all":
    SERVICES = LARGEST + sorted(
        set(_LOADER.list_available_services("service-2")) - set(LARGEST)
    )
else:
    SERVICES = LARGEST + STRANGE


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    package = tmp_path_factory.mktemp("catalogue") / "catalogue"
    output = pipeline.build([Target(s) for s in SERVICES], jobs=2)
    package.mkdir()
    for name, text in output.all_files().items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    return package


def example(shape: Shape, depth: int = 0, seen: frozenset[str] = frozenset()) -> Any:
    """A valid value of ``shape`` with every member set, down to a fixed depth.

    Shapes already being built further up (``seen``) are avoided where the model
    allows, so recursive unions and lists end.
    """
    kind = shape.type_name
    seen = seen | {shape.name}
    minimum = shape.metadata.get("min", 0) or 0
    low = int(minimum)
    if kind == "structure":
        if shape.metadata.get("document"):
            return {"doc": [1, "two", None, {"three": 3.5}]}
        members = shape.members
        names = sorted(members)
        if shape.metadata.get("union"):
            scalar = [
                n
                for n in names
                if members[n].type_name not in ("structure", "list", "map")
            ]
            fresh = [n for n in names if members[n].name not in seen]
            names = (scalar or fresh or names)[:1] if depth >= 2 else names[:1]
        elif depth >= 3:
            names = [n for n in names if n in shape.required_members]
        return {
            n: example(members[n], depth + 1, seen)
            for n in names
            if not members[n].serialization.get("eventstream")
        }
    if kind == "list":
        deep = depth >= 3 or shape.member.name in seen
        return [
            example(shape.member, depth + 1, seen)
            for _ in range(max(low, 0 if deep else 1))
        ]
    if kind == "map":
        return (
            {example(shape.key, depth + 1, seen): example(shape.value, depth + 1, seen)}
            if depth < 3 or low
            else {}
        )
    if kind == "string":
        return shape.enum[0] if shape.enum else "x" * max(low, 1)
    if kind in ("integer", "long"):
        return max(low, 7)
    if kind in ("float", "double"):
        return max(float(minimum), 0.5)
    if kind == "boolean":
        return True
    if kind == "blob":
        return b"b" * max(low, 1)
    if kind == "timestamp":
        return datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)
    raise AssertionError(kind)


@pytest.mark.parametrize("service", SERVICES)
def test_every_structure_imports_and_round_trips(catalogue: Path, service: str) -> None:
    module: ModuleType = import_generated(catalogue, module_name(service))
    resolver = Resolver(ModelSource().load(service))
    model = ServiceModel(_LOADER.load_service_model(service, "service-2"), service)
    checked = 0
    for name in model.shape_names:
        shape = model.shape_for(name)
        if (
            shape.type_name != "structure"
            or shape.metadata.get("document")
            or shape.serialization.get("eventstream")
        ):
            continue
        if any(m.serialization.get("eventstream") for m in shape.members.values()):
            continue  # botocore's EventStream object is passed through; it has no dict form
        cls = getattr(module, resolver.python_name(name))
        data = example(shape)
        report = ParamValidator().validate(data, shape)
        assert not report.has_errors(), report.generate_report()
        instance = cls.from_dict(data)
        assert instance.to_dict() == data, name
        again = cls.from_dict(instance.to_dict())
        if isinstance(instance, BaseException):  # error classes compare by identity
            assert again.to_dict() == instance.to_dict()
        else:
            assert again == instance
        checked += 1
    assert checked > 0


@pytest.mark.parametrize("service", LARGEST)
def test_largest_services_are_exactly_what_black_writes(service: str) -> None:
    module = Resolver(ModelSource().load(service)).resolve()
    renderer = ModuleRenderer(88)
    assert should_split(module)  # as the pipeline writes them: a module and its parts
    for path, chunks in ModuleSplitter(renderer, module).render().items():
        assert format_module(chunks, 88) == format_module(chunks, 88, always=True), path


def test_unions_and_documents_are_exactly_what_black_writes() -> None:
    """Every union class and every class with a document member, in all those services."""
    source = ModelSource()
    checked = 0
    for service in STRANGE:
        module = Resolver(source.load(service)).resolve()
        renderer = ModuleRenderer(88)
        chunks = renderer.render_module(module)
        for cls, chunk in zip(module.classes, chunks.classes):
            if cls.is_union or any(m.type.kind.value == "json" for m in cls.members):
                assert format_module(
                    type(chunks)("", (), (chunk,)), 88
                ) == format_module(
                    type(chunks)("", (), (chunk,)), 88, always=True
                ), f"{service}: {cls.name}"
                checked += 1
    assert checked > 300


def test_mypy_strict_on_the_largest_services(catalogue: Path) -> None:
    files = [str(catalogue / f"{module_name(s)}.py") for s in LARGEST]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            *files,
            str(catalogue / "_runtime.py"),
        ],
        cwd=catalogue.parent,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
