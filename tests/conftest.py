"""Shared helpers: synthetic models on disk and generated packages imported from tmp dirs."""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from botocore.model import ServiceModel, Shape

from codegen.build import pipeline
from codegen.config import Target

ROOT = Path(__file__).resolve().parent.parent


def service_model(
    shapes: dict[str, Any], *, name: str = "synthetic", **metadata: Any
) -> dict[str, Any]:
    """A minimal botocore service-2 model around ``shapes``."""
    return {
        "version": "2.0",
        "metadata": {
            "apiVersion": "2020-01-01",
            "endpointPrefix": name,
            "protocol": "json",
            "serviceFullName": f"Synthetic {name}",
            "serviceId": name,
            "signatureVersion": "v4",
            "uid": f"{name}-2020-01-01",
            **metadata,
        },
        "operations": {},
        "shapes": shapes,
    }


def write_model(
    model_dir: Path, service: str, model: Any, *, raw: str | None = None
) -> Path:
    """Lay a model out as botocore's data directory does; ``raw`` writes text as is."""
    path = model_dir / service / "2020-01-01" / "service-2.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(raw if raw is not None else json.dumps(model), encoding="utf-8")
    return path


_counter = iter(range(1_000_000))


def generate_package(
    tmp_path: Path,
    targets: list[str],
    model_dir: Path | None = None,
    **build: Any,
) -> tuple[Path, dict[str, str]]:
    """Generate ``targets`` into a fresh importable package under ``tmp_path``;
    ``build`` goes to :func:`codegen.build.pipeline.build` (``split_above=0``...)."""
    output = pipeline.build(
        [Target.parse(t) for t in targets],
        model_dirs=[model_dir] if model_dir else [],
        **build,
    )
    package = tmp_path / f"gen_{next(_counter)}"
    package.mkdir()
    for name, text in output.all_files().items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    return package, dict(output.files)


def import_generated(package: Path, module: str) -> ModuleType:
    sys.path.insert(0, str(package.parent))
    try:
        importlib.invalidate_caches()
        return importlib.import_module(f"{package.name}.{module}")
    finally:
        sys.path.remove(str(package.parent))


def dict_structures(model: ServiceModel) -> Iterator[tuple[str, Shape]]:
    """The structures of ``model`` with a dict form to round-trip: not documents,
    not event streams, and holding none (botocore's EventStream object is passed
    through as it is)."""
    for name in model.shape_names:
        shape = model.shape_for(name)
        if (
            shape.type_name != "structure"
            or shape.metadata.get("document")
            or shape.serialization.get("eventstream")
            or any(m.serialization.get("eventstream") for m in shape.members.values())
        ):
            continue
        yield name, shape


def mypy(*paths: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` on ``paths`` from ``cwd``, with no cache (a test's package
    is new each time) and this project on ``MYPYPATH``."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            *map(str, paths),
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(ROOT)},
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/expected and tests/layout_cases from the current "
        "generator instead of comparing with them (`make golden`)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether to rewrite the expected output instead of comparing with it."""
    return bool(request.config.getoption("--update-golden"))


def codegen(
    *args: str | Path,
    cwd: Path,
    env: Mapping[str, str] | None = None,
    subprocess: bool = False,
) -> subprocess.CompletedProcess[str]:
    """The ``codegen`` command with ``args``, run from ``cwd`` with ``env`` added to
    the environment: its exit code, stdout and stderr.

    In this process by default, which saves the second a new interpreter spends
    importing botocore, black and Jinja2 on every run. ``subprocess=True`` for a
    test about the process itself: the real entry point, its interpreter, signals.
    """
    argv = [str(a) for a in args]
    if subprocess:
        return _codegen_process(argv, cwd, env or {})
    return _codegen_in_process(argv, cwd, env or {})


def _codegen_process(
    argv: list[str], cwd: Path, env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codegen", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )


def _codegen_in_process(
    argv: list[str], cwd: Path, env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    """What the process would do, and nothing left behind: the working directory
    and the environment are put back, and an uncaught exception is a traceback on
    stderr and exit code 1, as the interpreter makes it."""
    from codegen.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    previous_cwd = os.getcwd()
    previous_env = {name: os.environ.get(name) for name in env}
    try:
        os.chdir(cwd)
        os.environ.update(env)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exit:  # argparse: --help, --version, usage errors
                if exit.code is None or isinstance(exit.code, int):
                    code = exit.code or 0
                else:
                    print(exit.code, file=sys.stderr)
                    code = 1
            except Exception:
                traceback.print_exc()
                code = 1
    finally:
        os.chdir(previous_cwd)
        for name, value in previous_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess(
        ["codegen", *argv], code, out.getvalue(), err.getvalue()
    )


@pytest.fixture(autouse=True, scope="session")
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests, and the codegen processes they start, never share the user's cache."""
    directory = tmp_path_factory.mktemp("codegen-cache")
    previous = os.environ.get("CODEGEN_CACHE_DIR")
    os.environ["CODEGEN_CACHE_DIR"] = str(directory)
    yield directory
    if previous is None:
        del os.environ["CODEGEN_CACHE_DIR"]
    else:
        os.environ["CODEGEN_CACHE_DIR"] = previous


@pytest.fixture
def model_dir(tmp_path: Path) -> Iterator[Path]:
    directory = tmp_path / "models"
    directory.mkdir()
    yield directory


@contextlib.contextmanager
def source_module(name: str, source: str) -> Iterator[ModuleType]:
    """``source`` run as the module ``name``, registered in ``sys.modules`` while
    in use: the runtime finds a class's module there, so hand-written classes
    stand beside generated ones without generating first."""
    module = ModuleType(name)
    sys.modules[name] = module
    try:
        exec(compile(textwrap.dedent(source), name, "exec"), module.__dict__)
        yield module
    finally:
        del sys.modules[name]
