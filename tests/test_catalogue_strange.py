"""Every service with a union or a document type: import, round trips, black.

Generated once, by the pipeline. Each structure gets a fully populated
(depth-limited) example that must pass botocore's ``ParamValidator`` and
survive ``from_dict`` / ``to_dict`` unchanged; every union class and every
class with a document member, as the pipeline rendered it, must be what black
writes. ``CODEGEN_CATALOGUE=all`` runs the same on every service but the
largest (those are ``tests/test_catalogue.py``).
"""

from __future__ import annotations

import pytest
from catalogue_checks import STRANGE, Catalogue, check_round_trips, generate

from codegen.model import types
from codegen.model.ir import StructClass
from codegen.model.naming import module_name
from codegen.render.formatting import format_module
from codegen.render.module import ModuleChunks

pytestmark = pytest.mark.catalogue


def strange_class(cls: StructClass) -> bool:
    return cls.is_union or any(m.type.kind is types.DOCUMENT for m in cls.members)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    return generate(tmp_path_factory, "strange", STRANGE, keep=strange_class)


@pytest.mark.parametrize("service", STRANGE)
def test_every_structure_imports_and_round_trips(
    catalogue: Catalogue, service: str
) -> None:
    check_round_trips(catalogue.package, service)


def test_unions_and_documents_are_exactly_what_black_writes(
    catalogue: Catalogue,
) -> None:
    """Every union class and every class with a document member, in all those services."""
    checked = 0
    for service in STRANGE:
        for cls, chunk in catalogue.classes[module_name(service)]:
            alone = ModuleChunks("", (), (chunk,))
            assert format_module(alone, 88) == format_module(
                alone, 88, always=True
            ), f"{service}: {cls.name}"
            checked += 1
    assert checked > 300
