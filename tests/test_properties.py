"""Property-based round trips over every structure of the whole Rekognition service.

Hypothesis draws dicts that botocore's ``ParamValidator`` accepts for a shape;
each must survive ``from_dict`` -> ``to_dict`` (unchanged) -> validation -> ``from_dict``
(equal).
"""

from __future__ import annotations

import datetime
from types import ModuleType
from typing import Any

import pytest
from botocore.loaders import create_loader
from botocore.model import ServiceModel, Shape
from botocore.validate import ParamValidator
from conftest import generate_package, import_generated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SERVICE = "rekognition"
_MODEL = ServiceModel(create_loader().load_service_model(SERVICE, "service-2"), SERVICE)
STRUCTURES = sorted(
    name
    for name in _MODEL.shape_names
    if _MODEL.shape_for(name).type_name == "structure"
    and not _MODEL.shape_for(name).metadata.get("document")
)
MAX_DEPTH = 3

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)


def values_for(shape: Shape, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values of ``shape`` that botocore's validator accepts."""
    low = shape.metadata.get("min")
    kind = shape.type_name
    if kind == "structure":
        if shape.metadata.get("document"):
            return json_values
        return structures_for(shape, depth)
    if kind == "list":
        size = int(low or 0)
        return st.lists(
            values_for(shape.member, depth + 1),
            min_size=size,
            max_size=size + (2 if depth < MAX_DEPTH else 0),
        )
    if kind == "map":
        return st.dictionaries(
            values_for(shape.key, depth + 1),
            values_for(shape.value, depth + 1),
            max_size=2 if depth < MAX_DEPTH else 0,
        )
    if kind == "string":
        if shape.enum:
            return st.sampled_from(shape.enum)
        return st.text(min_size=int(low or 0), max_size=int(low or 0) + 8)
    if kind in ("integer", "long"):
        return st.integers(
            min_value=int(low) if low is not None else -(2**40), max_value=2**40
        )
    if kind in ("float", "double"):
        return st.floats(
            min_value=float(low) if low is not None else None,
            allow_nan=False,
            allow_infinity=False,
        )
    if kind == "boolean":
        return st.booleans()
    if kind == "blob":
        return st.binary(min_size=int(low or 0), max_size=int(low or 0) + 8)
    if kind == "timestamp":
        return st.datetimes(timezones=st.just(datetime.timezone.utc))
    raise AssertionError(f"no strategy for {kind}")


def structures_for(shape: Shape, depth: int) -> st.SearchStrategy[dict[str, Any]]:
    members = shape.members
    if shape.metadata.get("union"):
        return st.sampled_from(sorted(members)).flatmap(
            lambda name: values_for(members[name], depth + 1).map(lambda v: {name: v})
        )
    required = set(shape.required_members)
    fixed = {
        name: values_for(members[name], depth + 1)
        for name in members
        if name in required
    }
    optional = (
        {}
        if depth >= MAX_DEPTH
        else {
            name: values_for(members[name], depth + 1)
            for name in members
            if name not in required
        }
    )
    return st.fixed_dictionaries(fixed, optional=optional)


@pytest.fixture(scope="module")
def module(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    package, _ = generate_package(tmp_path_factory.mktemp("whole"), [SERVICE])
    return import_generated(package, SERVICE)


def test_every_structure_is_generated(module: ModuleType) -> None:
    assert len(STRUCTURES) > 300
    missing = [
        name for name in STRUCTURES if not isinstance(getattr(module, name, None), type)
    ]
    assert missing == []


@pytest.mark.parametrize("shape_name", STRUCTURES)
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_round_trip_through_botocore_validation(
    module: ModuleType, shape_name: str, data: st.DataObject
) -> None:
    shape = _MODEL.shape_for(shape_name)
    drawn = data.draw(structures_for(shape, 0), label=shape_name)
    cls = getattr(module, shape_name)
    instance = cls.from_dict(drawn)
    wire = instance.to_dict()
    assert wire == drawn
    report = ParamValidator().validate(wire, shape)
    assert not report.has_errors(), report.generate_report()
    again = cls.from_dict(wire)
    if issubclass(cls, BaseException):  # error classes compare by identity
        assert again.to_dict() == instance.to_dict()
    else:
        assert again == instance
