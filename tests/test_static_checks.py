"""Generated code is black-clean and passes ``mypy --strict``, both checked by the tools themselves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, generate_package, mypy, service_model, write_model
from test_shape_types import SHAPES

pytestmark = pytest.mark.mypy


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MYPYPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, env=env
    )


def test_black_check_on_committed_output() -> None:
    result = run("black", "--check", "--quiet", "generated", cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_mypy_strict_on_committed_and_synthetic_output(tmp_path: Path) -> None:
    """The committed output is at the default line length (88); the synthetic
    package is at the narrowest allowed (40), where black wraps nearly every
    annotation and default: both must still type-check."""
    write_model(tmp_path / "models", "synthetic", service_model(SHAPES))
    package, _ = generate_package(
        tmp_path, ["synthetic"], tmp_path / "models", line_length=40
    )
    # A user's code against the bindings: the types must be usable, not just valid.
    (package / "usage.py").write_text(
        "from .synthetic import Everything, Child\n"
        "def names(e: Everything) -> list[str]:\n"
        "    kids = e.children or []\n"
        "    first = Everything.from_dict({'Name': 'x'})\n"
        "    return [first.name, *(k.name for k in kids)]\n"
        "def child_id(c: Child) -> str | None:\n"
        "    return c.id\n",
        encoding="utf-8",
    )
    result = mypy("--python-version", "3.10", ROOT / "generated", package, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_rejects_misuse(tmp_path: Path) -> None:
    """The annotations have teeth: a wrong type or a missing required member fails."""
    (tmp_path / "misuse.py").write_text(
        "from generated.rekognition import S3Object, Challenge\n"
        "S3Object(bucket=1)\n"
        "Challenge(type='FaceMovementChallenge')\n"
        "Challenge(type='NotAChallenge', version='1')\n",
        encoding="utf-8",
    )
    result = mypy("misuse.py", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        'Argument "bucket" to "S3Object" has incompatible type "int"' in result.stdout
    )
    assert 'Missing named argument "version"' in result.stdout
    assert "Literal['NotAChallenge']" in result.stdout


NOT_OURS = ("generated/", "tests/golden/expected/", "tests/layout_cases/")
"""Python that is generated output, checked by its own tests."""


def test_the_generator_itself_is_typed_and_formatted() -> None:
    """The generator, its tests, benchmarks and docs builder: every Python file of
    the checkout but generated output, which mypy's configuration must not lose."""
    checked = run("mypy", "--strict", cwd=ROOT)  # files and settings: pyproject.toml
    assert checked.returncode == 0, checked.stdout
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    ours = [p for p in listed if not p.startswith(NOT_OURS) and (ROOT / p).is_file()]
    assert f"no issues found in {len(ours)} source files" in checked.stdout, (
        f"{checked.stdout.strip()}, of the project's {len(ours)} Python files: "
        "[tool.mypy] files/exclude in pyproject.toml must cover them all"
    )
    black = run(
        "black",
        "--check",
        "--quiet",
        "codegen",
        "tests",
        "benchmarks",
        "docs",
        cwd=ROOT,
    )
    assert black.returncode == 0, black.stderr
