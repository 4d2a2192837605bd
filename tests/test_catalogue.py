"""The largest services: import, round trips, black stability, mypy.

ec2, s3, dynamodb, lambda and cognito-idp are generated once, by the pipeline.
Each structure gets a fully populated (depth-limited) example that must pass
botocore's ``ParamValidator`` and survive ``from_dict`` / ``to_dict`` unchanged;
every chunk the pipeline rendered, laid out by :mod:`codegen.render.layout`, must be
what black writes; the modules pass ``mypy --strict``, with their stubs and without. The services with union
and document types are ``tests/test_catalogue_strange.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from catalogue_checks import LARGEST, Catalogue, check_round_trips, generate
from conftest import mypy

from codegen.model.naming import module_name
from codegen.render.formatting import format_module

pytestmark = pytest.mark.catalogue


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    return generate(tmp_path_factory, "largest", LARGEST)


@pytest.mark.parametrize("service", LARGEST)
def test_every_structure_imports_and_round_trips(
    catalogue: Catalogue, service: str
) -> None:
    check_round_trips(catalogue.package, service)


@pytest.mark.parametrize("service", LARGEST)
def test_largest_services_are_exactly_what_black_writes(
    catalogue: Catalogue, service: str
) -> None:
    files = catalogue.chunks_of(module_name(service))
    assert len(files) > 1  # split into parts, as large modules are
    for path, chunks in files.items():
        written = (catalogue.package / path).read_text("utf-8")
        assert format_module(chunks, 88) == written, path  # this very file's chunks
        assert written == format_module(chunks, 88, always=True), path


def test_mypy_strict_on_the_largest_services(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """The stubs, as checkers read them; then the modules alone, stubs taken away."""
    package = catalogue.package
    assert len(list(package.rglob("*.pyi"))) > len(LARGEST)
    result = mypy(package.name, cwd=package.parent)
    assert result.returncode == 0, result.stdout[-3000:]
    alone = tmp_path / package.name
    shutil.copytree(
        package, alone, ignore=shutil.ignore_patterns("*.pyi", "__pycache__")
    )
    result = mypy(alone.name, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
