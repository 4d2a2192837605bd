"""The catalogue checks' shared parts: which services, one generation, valid examples.

``tests/test_catalogue.py`` runs them on the largest services and
``tests/test_catalogue_strange.py`` on every service with a union or a document
type (``CODEGEN_CATALOGUE=all``: on every other service). Two files, so the two
halves run on two workers; each generates its services once, through the
pipeline, and keeps what black must be compared with from that same run.
"""

from __future__ import annotations

import datetime
import gzip
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from botocore.loaders import create_loader
from botocore.model import ServiceModel, Shape
from botocore.validate import ParamValidator
from conftest import dict_structures, import_generated

from codegen.build import pipeline
from codegen.config import Target
from codegen.model.ir import ServiceModule, StructClass
from codegen.model.loader import ModelSource
from codegen.model.naming import module_name
from codegen.model.resolver import Resolver
from codegen.render.imports import ImportCollector
from codegen.render.module import ModuleChunks, ModuleRenderer
from codegen.render.partition import ModuleSplitter

LARGEST = ["ec2", "s3", "dynamodb", "lambda", "cognito-idp"]
_LOADER = create_loader()
_SOURCE = ModelSource()  # one for the module: botocore's loader caches what it read


# A union or document trait as botocore's JSON models write it (a shape's key).
_STRANGE_TRAIT = re.compile(rb'"(?:union|document)"\s*:\s*true')


def _strange(service: str) -> bool:
    """Whether a shape of the service is a union or a document.

    Searched for in the model's text: parsing every model took seconds of every
    worker's collection (the same 167 services either way with botocore 1.44.8).
    """
    path = _SOURCE.model_path(service)
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as handle:
        return _STRANGE_TRAIT.search(handle.read()) is not None


# The benchmark's --verify sets CODEGEN_CATALOGUE=all to run the same checks on every service.
if os.environ.get("CODEGEN_CATALOGUE") == "all":
    STRANGE = sorted(set(_LOADER.list_available_services("service-2")) - set(LARGEST))
else:
    STRANGE = sorted(
        s
        for s in _LOADER.list_available_services("service-2")
        if s not in LARGEST and _strange(s)
    )


@dataclass
class Catalogue:
    """Services generated into one importable package, and what the pipeline rendered."""

    package: Path
    # Python module name -> its rendered chunks (when every class is kept)
    modules: dict[str, ModuleChunks] = field(default_factory=dict)
    # Python module name -> the kept classes with their rendered chunks
    classes: dict[str, list[tuple[StructClass, str]]] = field(default_factory=dict)
    # file -> its chunks, for the modules split into parts (codegen.render.partition)
    files: dict[str, ModuleChunks] = field(default_factory=dict)

    def chunks_of(self, module: str) -> dict[str, ModuleChunks]:
        """Every file written for ``module`` (one, or the module and its parts)."""
        if module in self.modules:
            return {f"{module}.py": self.modules[module]}
        return {
            path: chunks
            for path, chunks in self.files.items()
            if path == f"{module}.py" or path.startswith(f"_parts/{module}/")
        }


def generate(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    services: Iterable[str],
    keep: Callable[[StructClass], bool] | None = None,
) -> Catalogue:
    """Generate ``services`` once, by the pipeline, in this process, as package ``name``.

    The renderer the pipeline uses is wrapped to keep what it rendered, so the
    black checks compare black with exactly what this run wrote, without
    rendering the services again: every module's chunks, or with ``keep`` only
    the classes it accepts.
    """
    package = tmp_path_factory.mktemp(name) / name
    catalogue = Catalogue(package)

    class Keeping(ModuleRenderer):
        def render_module(
            self,
            module: ServiceModule,
            qualifier: str = "",
            imports: ImportCollector | None = None,
        ) -> ModuleChunks:
            chunks = super().render_module(module, qualifier, imports)
            if keep is None:
                if not qualifier:  # a split module's files are kept below
                    catalogue.modules[module.module] = chunks
            else:
                catalogue.classes[module.module] = [
                    (cls, chunk)
                    for cls, chunk in zip(module.classes, chunks.classes)
                    if keep(cls)
                ]
            return chunks

    class KeepingParts(ModuleSplitter):
        def render(self) -> dict[str, ModuleChunks]:
            files = super().render()
            catalogue.files.update(files)
            return files

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "ModuleRenderer", Keeping)
        patch.setattr(pipeline, "ModuleSplitter", KeepingParts)
        # In process (jobs=1), so the wrapper sees every module; under xdist the
        # other core runs the other half of the catalogue.
        output = pipeline.build([Target(s) for s in services], jobs=1)
    package.mkdir()
    for name, text in output.all_files().items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    return catalogue


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


def check_round_trips(package: Path, service: str) -> None:
    """Every structure of ``service`` imports and round-trips a full example."""
    module: ModuleType = import_generated(package, module_name(service))
    resolver = Resolver(_SOURCE.load(service))
    model = ServiceModel(_LOADER.load_service_model(service, "service-2"), service)
    checked = 0
    for name, shape in dict_structures(model):
        cls = getattr(module, resolver.python_name(name))
        data = example(shape)
        report = ParamValidator().validate(data, shape)
        assert not report.has_errors(), report.generate_report()
        instance = cls.from_dict(data)
        assert instance.to_dict() == data, name
        again = cls.from_dict(instance.to_dict())
        assert again == instance, name  # modeled errors too: they compare by value
        checked += 1
    assert checked > 0
