"""What every fuzzed model must give: correct code, or a clean refusal.

``check_model`` generates one model in-process and checks the output the way a
user would meet it: every file compiles and is exactly what black writes; the
module imports; every structure loads a valid example (checked by botocore's
``ParamValidator``) and gives it back unchanged; no sensitive value shows in
``repr``; no docstring links anywhere but to http(s), mail or a relative target. A refusal must be a :class:`~codegen.errors.CodegenError` (exit 2,
one line) and is only accepted for a model that really cannot be generated.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import black
from black.mode import TargetVersion
from botocore.model import ServiceModel, Shape
from botocore.validate import ParamValidator
from conftest import dict_structures, import_generated, write_model
from fuzz_models import random_model
from rest_check import docstrings, rest_problems, unsafe_targets

from codegen.build import pipeline
from codegen.config import Target
from codegen.errors import CodegenError
from codegen.model.loader import ModelSource
from codegen.model.naming import module_name
from codegen.model.resolver import Resolver
from codegen.render.partition import SPLIT_ABOVE

SECRET_TEXT = "\u00a7"  # a value under a sensitive member or shape: must never show
SECRET_BYTES = b"\xa7"
_MAX_DEPTH = 8


class Unbuildable(Exception):
    """The model allows no finite value here (a required member loops back)."""


@dataclass
class Outcome:
    seed: int
    service: str
    refused: str = ""
    files: dict[str, str] = field(default_factory=dict)
    package: Path | None = None
    faults: list[str] = field(default_factory=list)
    # classes whose shape is sensitive as a whole, with the repr of an example
    whole_sensitive_reprs: dict[str, str] = field(default_factory=dict)
    structures_checked: int = 0


@functools.cache
def _black_mode(line_length: int) -> black.Mode:
    return black.Mode(target_versions={TargetVersion.PY310}, line_length=line_length)


def black_clean(text: str, line_length: int = 88) -> bool:
    return black.format_str(text, mode=_black_mode(line_length)) == text


def example(
    shape: Shape,
    secret: bool = False,
    depth: int = 0,
    seen: frozenset[str] = frozenset(),
) -> Any:
    """A valid value of ``shape``; strings and blobs under anything sensitive are secrets."""
    if depth > _MAX_DEPTH:
        raise Unbuildable(shape.name)
    secret = secret or bool(shape.metadata.get("sensitive"))
    kind = shape.type_name
    low = int(shape.metadata.get("min", 0) or 0)
    seen = seen | {shape.name}
    if kind == "structure":
        if shape.metadata.get("document"):
            return {SECRET_TEXT: SECRET_TEXT} if secret else {"doc": [1, "two", None]}
        members = {
            n: m
            for n, m in shape.members.items()
            if not m.serialization.get("eventstream")
        }
        names = sorted(members)
        if shape.metadata.get("union"):
            fresh = [n for n in names if members[n].name not in seen]
            names = (fresh or names)[:1]
        elif depth >= 2:
            names = [n for n in names if n in shape.required_members]
        return {n: example(members[n], secret, depth + 1, seen) for n in names}
    if kind == "list":
        count = max(low, 0 if depth >= 2 or shape.member.name in seen else 1)
        return [example(shape.member, secret, depth + 1, seen) for _ in range(count)]
    if kind == "map":
        if depth >= 2 and not low:
            return {}
        key = example(shape.key, secret, depth + 1, seen)
        return {key: example(shape.value, secret, depth + 1, seen)}
    if kind == "string":
        if shape.enum:
            return shape.enum[0]
        return (SECRET_TEXT if secret else "x") * max(low, 1)
    if kind in ("integer", "long"):
        return max(low, min(7, int(shape.metadata.get("max", 7))))
    if kind in ("float", "double"):
        return 0.5
    if kind == "boolean":
        return True
    if kind == "blob":
        return (SECRET_BYTES if secret else b"b") * max(low, 1)
    if kind == "timestamp":
        return datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)
    raise AssertionError(kind)


def shows_secret(text: str) -> bool:
    return SECRET_TEXT in text or "\\xa7" in text


def model_too_deep(model: dict[str, Any]) -> bool:
    """Whether lists and maps nest deeper than the generator can write."""
    from codegen.model.resolver import MAX_NESTING

    shapes = model["shapes"]

    def depth(name: str, seen: frozenset[str]) -> int:
        shape = shapes[name]
        if shape["type"] not in ("list", "map") or name in seen:
            return 0
        refs = [shape["member"]] if shape["type"] == "list" else [shape["value"]]
        return 1 + max(depth(r["shape"], seen | {name}) for r in refs)

    return any(depth(name, frozenset()) > MAX_NESTING for name in shapes)


@functools.lru_cache(maxsize=8)  # the runtime module is the same for every model
def file_faults(name: str, text: str) -> tuple[str, ...]:
    """What is wrong with one generated file: syntax, layout, reST, links."""
    try:
        compile(text, name, "exec")
    except SyntaxError as exc:
        return (f"{name} does not compile: {exc}",)
    faults = []
    if not black_clean(text):
        faults.append(f"{name} is not what black writes")
    texts = sorted({doc for _, doc in docstrings(text)})
    for doc, problem in rest_problems(texts)[:3]:
        faults.append(f"{name}: not valid reST: {problem} in {doc!r}")
    for doc, target in unsafe_targets(texts)[:3]:
        faults.append(f"{name}: links to {target!r} in {doc!r}")
    return tuple(faults)


def check_model(seed: int, root: Path) -> Outcome:
    service = f"fuzz{seed}"
    models = root / "models"
    model = random_model(seed, service)
    write_model(models, service, model)
    outcome = Outcome(seed, service)
    try:
        # Every other model is split into parts (codegen.render.partition), however small.
        split_above = 0 if seed % 2 else SPLIT_ABOVE
        output = pipeline.build(
            [Target(service)], model_dirs=[models], split_above=split_above
        )
    except CodegenError as exc:
        outcome.refused = str(exc)
        if "\n" in outcome.refused or exc.exit_code != 2:
            outcome.faults.append(f"refusal is not one line with exit 2: {exc!r}")
        elif "nested more than" not in outcome.refused or not model_too_deep(model):
            outcome.faults.append(f"refused a valid model: {exc}")
        return outcome
    outcome.files = dict(output.all_files())
    package = root / f"fuzzpkg{seed}"
    package.mkdir()
    for name, text in outcome.files.items():
        try:
            (package / name).parent.mkdir(parents=True, exist_ok=True)
            (package / name).write_text(text, encoding="utf-8")
        except UnicodeEncodeError as exc:
            outcome.faults.append(f"{name} cannot be written as UTF-8: {exc}")
            return outcome
        if name.endswith(".py"):
            faults = file_faults(name, text)
            outcome.faults.extend(faults)
            if any("does not compile" in f for f in faults):
                return outcome
    outcome.package = package
    try:
        module = import_generated(package, module_name(service))
    except Exception as exc:
        outcome.faults.append(f"import failed: {exc!r}")
        return outcome
    _check_structures(outcome, module, model, models)
    return outcome


def _check_structures(
    outcome: Outcome, module: Any, model: dict[str, Any], models: Path
) -> None:
    resolver = Resolver(ModelSource([str(models)]).load(outcome.service))
    service_model = ServiceModel(model, outcome.service)
    for name, shape in dict_structures(service_model):
        if shape.metadata.get("union") and not shape.members:
            continue
        cls = getattr(module, resolver.python_name(name))
        try:
            data = example(shape)
        except Unbuildable:
            continue
        report = ParamValidator().validate(data, shape)
        if report.has_errors():
            continue  # the example, not the generator, is at fault; the fuzzer skips it
        where = f"{cls.__name__} (shape {name!r})"
        try:
            instance = cls.from_dict(data)
            if instance.to_dict() != data:
                outcome.faults.append(f"{where}: to_dict() differs from the input")
            again = cls.from_dict(instance.to_dict())
            if _holds_error(instance):  # modeled errors compare by identity
                same = again.to_dict() == instance.to_dict()
            else:
                same = again == instance
            if not same:
                outcome.faults.append(f"{where}: does not round-trip")
            shown = repr(instance) + str(instance)
        except Exception as exc:
            outcome.faults.append(f"{where}: round trip raised {exc!r}")
            continue
        outcome.structures_checked += 1
        if shape.metadata.get("sensitive"):
            # The whole structure is sensitive: its own repr must hide everything.
            secret_data = example(shape, secret=True)
            outcome.whole_sensitive_reprs[where] = repr(cls.from_dict(secret_data))
        elif shows_secret(shown):
            outcome.faults.append(
                f"{where}: a sensitive value shows in repr: {shown[:200]}"
            )


def _holds_error(value: object) -> bool:
    """Whether a modeled error (an exception, compared by identity) is in ``value``."""
    if isinstance(value, BaseException):
        return True
    if isinstance(value, (list, tuple)):
        return any(_holds_error(v) for v in value)
    if isinstance(value, dict):
        return any(_holds_error(v) for v in value.values())
    fields = getattr(type(value), "_FIELDS", None)
    if fields is None:
        return False
    return any(_holds_error(getattr(value, f.attribute, None)) for f in fields)
