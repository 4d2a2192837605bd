"""botocore's shapes, read with errors that name the culprit.

botocore accepts models it cannot make sense of and fails later, deep inside,
with a bare ``KeyError``; every shape and reference here is checked as it is
first read, so a broken model is one line naming the file, service, shape and
member at fault.
"""

from __future__ import annotations

from botocore.model import (
    InvalidShapeError,
    InvalidShapeReferenceError,
    NoShapeFoundError,
    Shape,
)

from codegen.errors import CodegenError
from codegen.model import types
from codegen.model.loader import LoadedModel

_KNOWN_TYPES = {*types.SCALARS, "structure", "list", "map"}
_SHAPE_ERRORS = (
    NoShapeFoundError,
    InvalidShapeError,
    InvalidShapeReferenceError,
    KeyError,
    TypeError,
)


class ShapeReader:
    """The shapes of one loaded model, checked and kept as they are read."""

    def __init__(self, loaded: LoadedModel) -> None:
        self._loaded = loaded
        self._model = loaded.model
        self._where = f"{loaded.path}: service {loaded.service_name!r}"
        self._shapes: dict[str, Shape] = {}
        self._member_shapes: dict[str, dict[str, Shape]] = {}

    def _raw(self, name: str) -> dict[str, object]:
        shape = self._loaded.raw["shapes"].get(name)
        return shape if isinstance(shape, dict) else {}

    def _shape(self, name: str) -> Shape:
        """The named shape; botocore makes a new one on every lookup, so kept."""
        shape = self._shapes.get(name)
        if shape is not None:
            return shape
        try:
            shape = self._model.shape_for(name)
        except _SHAPE_ERRORS as exc:
            raise CodegenError(
                f"{self._where}: shape {name!r} cannot be read: {exc}"
            ) from exc
        self._check_type(shape)
        self._shapes[name] = shape
        return shape

    def _members(self, shape: Shape) -> dict[str, Shape]:
        """The members of ``shape`` (of its definition, so kept by name)."""
        members = self._member_shapes.get(shape.name)
        if members is not None:
            return members
        raw_members = self._raw(shape.name).get("members", {})
        if not isinstance(raw_members, dict):
            raise CodegenError(
                f"{self._where}: shape {shape.name!r}: 'members' is not an object"
            )
        members = self._member_shapes[shape.name] = {
            name: self._resolve_ref(ref, f"shape {shape.name!r} member {name!r}")
            for name, ref in raw_members.items()
        }
        return members

    def _child(self, shape: Shape, role: str) -> Shape:
        """The member of a list, or the key or value of a map."""
        ref = self._raw(shape.name).get(role)
        return self._resolve_ref(ref, f"{shape.type_name} shape {shape.name!r} {role}")

    def _resolve_ref(self, ref: object, subject: str) -> Shape:
        """The shape a reference points to, with its member traits merged in."""
        target = ref.get("shape") if isinstance(ref, dict) else None
        if (
            not isinstance(ref, dict)
            or not isinstance(target, str)
            or target not in self._loaded.raw["shapes"]
        ):
            raise CodegenError(
                f"{self._where}: {subject} refers to missing shape {target!r}"
            )
        if len(ref) == 1:  # no traits of its own: the named shape, as botocore has it
            return self._shape(target)
        try:
            shape = self._model.resolve_shape_ref(ref)
        except _SHAPE_ERRORS as exc:
            raise CodegenError(f"{self._where}: {subject}: {exc}") from exc
        self._shape(target)  # the definition, checked
        self._check_type(shape, traits=ref)
        return shape

    def _check_type(
        self, shape: Shape, traits: dict[str, object] | None = None
    ) -> None:
        """Reject what botocore would accept but cannot mean anything sensible.

        With a reference's ``traits`` merged in, only what they change is checked
        again: the definition itself was checked once."""
        whole = traits is None or "type" in traits or "required" in traits
        where = f"{self._where}: shape {shape.name!r}"
        if whole and shape.type_name not in _KNOWN_TYPES:
            raise CodegenError(f"{where} has unknown type {shape.type_name!r}")
        if not isinstance(shape.documentation, str):
            raise CodegenError(f"{where}: 'documentation' must be a string")
        if not whole:
            return
        required = shape.metadata.get("required", [])
        if not isinstance(required, list) or not all(
            isinstance(r, str) for r in required
        ):
            raise CodegenError(f"{where}: 'required' must be a list of member names")
