"""Each kind of member type, as its owner (codegen.model.types) describes it,
against the runtime that reads the notation the generator writes for it.

The runtime is imported as the generator's own module: no generating first.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest
from conftest import source_module

from codegen.model import types
from codegen.model.types import PyType
from codegen.runtime import _runtime

PROBE = "type_kinds_probe"
PROBE_SOURCE = """
from typing import Literal, TypeAlias

from codegen.runtime._runtime import Field, Struct

Colour: TypeAlias = Literal["red", "blue"]


class Thing(Struct):
    __slots__ = {"name": "The name.", "_extra": None}
    SENSITIVE = ()
    _FIELDS = (Field("name", "Name", "str", required=True),)
"""

STRING, INTEGER = PyType(types.STRING), PyType(types.INTEGER)
SAMPLES = {
    types.STRING: STRING,
    types.INTEGER: INTEGER,
    types.BOOLEAN: PyType(types.BOOLEAN),
    types.FLOAT: PyType(types.FLOAT),
    types.BLOB: PyType(types.BLOB),
    types.TIMESTAMP: PyType(types.TIMESTAMP),
    types.DOCUMENT: PyType(types.DOCUMENT),
    types.STREAMING_BLOB: PyType(types.STREAMING_BLOB),
    types.STREAMING_BODY: PyType(types.STREAMING_BODY),
    types.EVENT_STREAM: PyType(types.EVENT_STREAM),
    types.STRUCTURE: PyType(types.STRUCTURE, "Thing"),
    types.ENUM: PyType(types.ENUM, "Colour"),
    types.LITERAL: PyType(types.LITERAL, values=("a", 'b"')),
    types.LIST: PyType(types.LIST, args=(STRING,)),
    types.MAP: PyType(types.MAP, args=(STRING, INTEGER)),
}
JSON_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
    "any": lambda v: True,
}


@pytest.fixture(scope="module")
def probe() -> Iterator[ModuleType]:
    with source_module(PROBE, PROBE_SOURCE) as module:
        yield module


def parsed(t: PyType, probe: ModuleType) -> Any:
    return _runtime._Spec(t.notation(), _runtime._Names(probe)).parse()


def test_every_kind_has_a_sample() -> None:
    assert set(SAMPLES) == set(types.KINDS)
    assert len(set(types.KINDS)) == len(types.KINDS)


@pytest.mark.parametrize("kind", types.KINDS, ids=lambda k: k.name)
def test_the_runtime_fills_in_the_zero_the_kind_states(
    kind: types.Kind, probe: ModuleType
) -> None:
    zero = _runtime._zero_factory(parsed(SAMPLES[kind], probe))()
    if kind is types.STRUCTURE:
        assert isinstance(zero, probe.Thing) and zero.name == ""
        return
    expected = eval(kind.zero, {"datetime": datetime})
    assert zero == expected and type(zero) is type(expected)


@pytest.mark.parametrize("kind", types.KINDS, ids=lambda k: k.name)
def test_the_zero_is_written_as_the_json_form_the_kind_states(
    kind: types.Kind, probe: ModuleType
) -> None:
    zero = _runtime._zero_factory(parsed(SAMPLES[kind], probe))()
    value = zero.to_dict() if kind is types.STRUCTURE else zero
    written = json.loads(json.dumps(_runtime._jsonable(value)))
    assert JSON_TYPES[kind.json_form](written), (kind, written)


@pytest.mark.parametrize("kind", types.KINDS, ids=lambda k: k.name)
def test_the_annotation_names_only_what_the_kind_imports(
    kind: types.Kind, probe: ModuleType
) -> None:
    """The annotation evaluates with the builtins, the module's own names, the
    names the kind imports and ``_client``; with nothing else."""
    t = SAMPLES[kind]
    namespace: dict[str, Any] = {"Thing": probe.Thing, "Colour": probe.Colour}
    from typing import Literal

    from codegen.runtime import _client

    available = {
        "datetime": datetime,
        "Literal": Literal,
        "JSONValue": _runtime.JSONValue,
        "StreamingBody": _runtime.StreamingBody,
        "EventStream": _runtime.EventStream,
    }
    namespace.update({name: available[name] for name in t.imports()})
    if kind.needs_client:
        namespace["_client"] = _client
    assert eval(t.annotation(), namespace) is not None


def test_bounds_reach_the_runtime(probe: ModuleType) -> None:
    t = PyType(types.LIST, args=(STRING,), minimum=1, maximum=50)
    assert t.notation() == "[str](1..50)"
    runtime = parsed(t, probe)
    assert (runtime.kind, runtime.low, runtime.high) == ("list", 1, 50)


def test_the_old_map_notation_is_gone(probe: ModuleType) -> None:
    with pytest.raises(TypeError, match="bad member type"):
        _runtime._Spec("{int}", _runtime._Names(probe)).parse()
