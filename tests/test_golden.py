"""Golden output: the package generated from a small model with every construct.

``tests/golden/models`` holds two hand-written botocore models: ``golden``, with
every construct the generator renders (see tests/golden/README.md for the list),
and ``global``, a small service. They are built with ``split_above=SPLIT_ABOVE``,
so ``golden`` is written split (face module, class parts, enums, client part) and
``global_`` as one module, and every rendering change shows up in review as a
diff of ``tests/golden/expected/``.

Both clients are generated, the synchronous and the asynchronous one.

The expected tree is the generated package but for four files not rendered from
the model: ``_runtime.py``, ``_client.py`` and ``_aio.py`` are the support modules'
fixed text, copied from ``codegen/runtime/``, and the manifest records
the botocore, black and codegen versions and a hash of every other file, so it
would change with each dependency bump and add nothing a reviewer can read. The
import, round-trip and mypy tests run on the whole package, those files included.

Regenerate with ``make golden``.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from botocore.model import ServiceModel, Shape
from conftest import dict_structures, import_generated, mypy

from codegen.build import pipeline
from codegen.build.manifest import MANIFEST
from codegen.config import Target
from codegen.model import naming
from codegen.model.loader import ModelSource

GOLDEN = Path(__file__).resolve().parent / "golden"
MODELS = GOLDEN / "models"
EXPECTED = GOLDEN / "expected"
SERVICES = ("golden", "global")
SPLIT_ABOVE = 16
"""Above ``global``'s 7 classes and enums, below ``golden``'s 36."""
NOT_GOLDEN = frozenset({"_runtime.py", "_client.py", "_aio.py", MANIFEST})
REGENERATE = "make golden  (or: pytest tests/test_golden.py --update-golden)"
SHOWN_FILES = 3
SHOWN_LINES = 120


def build() -> dict[str, str]:
    """Every file the ``codegen`` command would write for the golden models."""
    output = pipeline.build(
        [Target(service) for service in SERVICES],
        model_dirs=[MODELS],
        split_above=SPLIT_ABOVE,
        clients=("sync", "async"),  # both renderings under review
    )
    return dict(output.all_files())


def golden(files: dict[str, str]) -> dict[str, str]:
    return {name: text for name, text in files.items() if name not in NOT_GOLDEN}


def expected() -> dict[str, str]:
    return {
        path.relative_to(EXPECTED).as_posix(): path.read_bytes().decode("utf-8")
        for path in sorted(EXPECTED.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def rewrite(files: dict[str, str]) -> None:
    """Make ``EXPECTED`` hold exactly ``files``, written as the command writes them."""
    for name in set(expected()) - set(files):
        (EXPECTED / name).unlink()
    for name, text in files.items():
        path = EXPECTED / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    for directory in sorted(EXPECTED.rglob("*"), reverse=True):
        if directory.is_dir() and not any(directory.iterdir()):
            directory.rmdir()


def mismatch(actual: dict[str, str], committed: dict[str, str]) -> str:
    """What differs, with a diff of the first few files, and how to regenerate."""
    names = sorted(set(actual) | set(committed))
    differing = [n for n in names if actual.get(n) != committed.get(n)]
    if not differing:
        return ""
    lines = [f"generated output differs from tests/golden/expected in {differing}"]
    for name in differing[:SHOWN_FILES]:
        diff = list(
            difflib.unified_diff(
                committed.get(name, "").splitlines(),
                actual.get(name, "").splitlines(),
                fromfile=f"expected/{name}" if name in committed else "/dev/null",
                tofile=f"generated/{name}" if name in actual else "/dev/null",
                lineterm="",
            )
        )
        lines += diff[:SHOWN_LINES]
        if len(diff) > SHOWN_LINES:
            lines.append(f"... {len(diff) - SHOWN_LINES} more lines of diff")
    lines.append(f"If the change is intended, regenerate with: {REGENERATE}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return build()


@pytest.fixture(scope="module")
def package(files: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    package = tmp_path_factory.mktemp("golden") / "golden_package"
    for name, text in files.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_bytes(text.encode("utf-8"))
    return package


def test_output_is_the_committed_golden_output(
    files: dict[str, str], update_golden: bool
) -> None:
    if update_golden:
        rewrite(golden(files))
    problem = mismatch(golden(files), expected())
    if problem:
        pytest.fail(problem, pytrace=False)


def test_the_golden_set_has_a_split_module_and_a_single_one(
    files: dict[str, str],
) -> None:
    parts = sorted(n for n in files if n.startswith("_parts/golden/"))
    modules = [
        "_parts/golden/__init__.py",
        "_parts/golden/aio_client.py",
        "_parts/golden/client.py",
        "_parts/golden/enums.py",
        "_parts/golden/part_00.py",
        "_parts/golden/part_01.py",
    ]
    assert parts == sorted([*modules, *(f"{m}i" for m in modules)])  # each, its stub
    assert "lazy_module(" in files["golden.py"]
    assert "class GlobalServiceClient(" in files["global_.py"]
    assert "class AsyncGlobalServiceClient(" in files["global_.py"]
    assert not any(n.startswith("_parts/global") for n in files)
    assert NOT_GOLDEN <= set(files)  # what the golden set leaves out exists


# -- the golden package works ------------------------------------------------


SECRET = "SECRET-value"


def sample(shape: Shape, depth: int = 0) -> Any:
    """A value of ``shape`` within its bounds; sensitive strings hold :data:`SECRET`."""
    kind, low = shape.type_name, shape.metadata.get("min")
    high = shape.metadata.get("max")
    if kind == "structure":
        if shape.metadata.get("document"):
            return {"k": [1, "two", None, {"x": True}], "n": 2.5}
        return next(samples(shape, depth))
    if kind == "list":
        return [sample(shape.member, depth + 1)] * max(1, int(low or 0))
    if kind == "map":
        return {sample(shape.key, depth + 1): sample(shape.value, depth + 1)}
    if kind == "string":
        if shape.serialization.get("jsonvalue"):
            return {"json": ["value", 1]}
        if shape.enum:
            return shape.enum[-1]
        text = SECRET if shape.metadata.get("sensitive") else "text-value"
        return text[: int(high)] if high is not None else text
    if kind in ("integer", "long"):
        return int(high) if high is not None else 42
    if kind in ("float", "double"):
        return 0.25
    if kind == "boolean":
        return True
    if kind == "blob":
        return b"\x00\xffbytes"
    if kind == "timestamp":
        return datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    raise AssertionError(f"no sample for {kind}")


def samples(shape: Shape, depth: int = 0) -> Iterator[dict[str, Any]]:
    """A dict of every member (deep down, the required ones only); for a union,
    one dict per member."""
    members = shape.members
    if shape.metadata.get("union"):
        for name, member in members.items():
            yield {name: sample(member, depth + 1)}
        return
    required = set(shape.required_members)
    yield {
        name: sample(member, depth + 1)
        for name, member in members.items()
        if depth < 3 or name in required
    }


def holds_error(shape: Shape, seen: frozenset[str] = frozenset()) -> bool:
    """Whether ``shape`` is or holds (at any depth) an error shape."""
    if shape.name in seen:
        return False
    seen |= {shape.name}
    if shape.type_name == "structure":
        return bool(shape.metadata.get("exception")) or any(
            holds_error(m, seen) for m in shape.members.values()
        )
    if shape.type_name == "list":
        return holds_error(shape.member, seen)
    if shape.type_name == "map":
        return holds_error(shape.value, seen)
    return False


def modules(package: Path) -> Iterator[tuple[ModuleType, ServiceModel]]:
    source = ModelSource([str(MODELS)])
    for service in SERVICES:
        loaded = source.load(service)
        yield import_generated(package, naming.module_name(service)), loaded.model


def test_the_golden_package_imports_and_round_trips(package: Path) -> None:
    checked = []
    for module, model in modules(package):
        for name, shape in dict_structures(model):
            cls = getattr(module, naming.class_name(name))
            for data in samples(shape):
                instance = cls.from_dict(data)
                assert instance.to_dict() == data, name
                again = cls.from_dict(instance.to_dict())
                assert again.to_dict() == data, name
                if not holds_error(shape):  # an exception compares by identity
                    assert again == instance, name
                assert SECRET not in repr(instance), name
                checked.append(name)
    assert {"Thing", "Vault", "Hostile", "ThingNotFoundException", "Value"} <= set(
        checked
    )
    assert checked.count("ThingChoice") == 4  # a union: each member in turn


USAGE = """\
from __future__ import annotations

from .golden import Colour, GoldenClient, Thing, ThingChoice


def use(client: GoldenClient, colour: Colour) -> list[str]:
    ids = [t.id for t in client.list_things(max_results=5).things or []]
    for page in client.paginate_list_things(colour=colour):
        ids += [t.id for t in page.things or []]
    client.wait_thing_exists(thing_id="t", waiter_config={"Delay": 1})
    client.put_blob(key="k", body=b"data")
    body = client.get_blob(key="k").body
    if body is not None:
        ids.append(body.read().decode())
    client.import_(account_id="123456789012")
    thing = Thing(id="t", colour=colour, choice=ThingChoice(number=1))
    return [*ids, thing.id]
"""


def test_the_golden_package_passes_mypy_strict(package: Path) -> None:
    (package / "usage.py").write_text(USAGE, encoding="utf-8")
    try:
        result = mypy(package, cwd=package.parent)
    finally:
        (package / "usage.py").unlink()
    assert result.returncode == 0, result.stdout + result.stderr
