"""From a botocore service model to the intermediate representation.

Walks botocore's own :class:`~botocore.model.Shape` objects, so member traits
(documentation, ``sensitive``, ``streaming``, ``jsonvalue``) merge over their
target shapes exactly as botocore merges them at run time.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence

from botocore.model import Shape

from codegen.errors import CodegenError
from codegen.model import naming, operations, types
from codegen.model.deprecation import with_deprecation
from codegen.model.ir import (
    EnumAlias,
    Member,
    ServiceModule,
    StructClass,
)
from codegen.model.loader import LoadedModel, suggest
from codegen.model.shapes import ShapeReader
from codegen.model.types import PyType

# Lists and maps inside each other. Python's tokenizer allows 200 brackets open at
# once; the deepest generated line opens three around a member's type: ``def
# __init__(``, the parentheses black wraps a long annotation in, and an inline
# ``Literal[``. Each list or map opens one.
PYTHON_MAX_BRACKETS = 200
MAX_NESTING = PYTHON_MAX_BRACKETS - 3


def _bound(value: object) -> int | float | None:
    """A min or max from the model, if it is a finite number (else ignored)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value if math.isfinite(value) else None


def _is_enum(shape: Shape) -> bool:
    return shape.type_name == "string" and bool(shape.metadata.get("enum"))


class Resolver(ShapeReader):
    """Resolves shapes of one loaded model; one instance per service."""

    def __init__(self, loaded: LoadedModel) -> None:
        super().__init__(loaded)
        self._shape_names = list(self._model.shape_names)
        # Python names for every named structure and enum, computed over the whole
        # model so a class keeps its name whichever subset is generated.
        named = sorted(
            name
            for name in self._shape_names
            if self._raw(name).get("type") == "structure"
            or (self._raw(name).get("type") == "string" and self._raw(name).get("enum"))
        )
        self._python_names: dict[str, str] = dict(
            zip(named, naming.deduplicate([naming.class_name(n) for n in named]))
        )
        self._roles: dict[str, set[str]] = {}

    # -- public ---------------------------------------------------------------

    def python_name(self, shape_name: str) -> str:
        """The class or alias name a structure or enum shape is generated as."""
        return self._python_names[shape_name]

    def resolve(self, roots: Sequence[str] = ()) -> ServiceModule:
        """The module for the closure of ``roots``, or for every shape when empty.

        A root names a structure shape or an operation (a shape of that name wins);
        a whole service includes every operation.
        """
        all_operations = operations.operation_names(self._loaded)
        shape_roots: list[str] = []
        operation_roots: list[str] = []
        for root in roots:
            if (
                root in self._python_names
                and self._raw(root).get("type") == "structure"
            ):
                shape_roots.append(root)
            elif root in all_operations:
                operation_roots.append(root)
            else:
                kind = (
                    self._raw(root).get("type") if root in self._shape_names else None
                )
                detail = f"is a {kind}, not a structure" if kind else "does not exist"
                hint = "" if kind else suggest(root, self._shape_names + all_operations)
                what = "shape" if kind else "shape or operation"
                raise CodegenError(f"{self._where}: {what} {root!r} {detail}{hint}")
        if not roots:
            for name in self._shape_names:
                self._shape(name)  # a whole service must be readable throughout
            operation_roots = all_operations
        structures, enums = self._closure(
            [*shape_roots, *operations.shapes_of(self._loaded, operation_roots)]
            if roots
            else sorted(self._python_names)
        )
        self._roles = self._operation_roles()
        metadata = self._loaded.raw.get("metadata", {})
        module = ServiceModule(
            module=naming.module_name(self._loaded.service_name),
            service_name=self._loaded.service_name,
            api_version=self._loaded.api_version,
            uid=str(metadata.get("uid", "")),
            full_name=str(metadata.get("serviceFullName", self._loaded.service_name)),
            documentation=self._model.documentation or "",
            classes=tuple(
                sorted(
                    (self._struct_class(s) for s in structures), key=lambda c: c.name
                )
            ),
            aliases=tuple(
                sorted((self._enum_alias(s) for s in enums), key=lambda a: a.name)
            ),
            roots=tuple(roots),
        )
        return operations.attach(
            module, self._loaded, sorted(set(operation_roots)), self._error_code
        )

    def _error_code(self, shape_name: str) -> str:
        """botocore's code for an error shape: its ``error.code`` trait, else its name."""
        code = getattr(self._shape(shape_name), "error_code", None)
        return code if isinstance(code, str) and code else shape_name

    # -- closure --------------------------------------------------------------

    def _closure(self, roots: Iterable[str]) -> tuple[list[Shape], list[Shape]]:
        """Structures and enums reachable from ``roots``; cycles end at seen shapes."""
        structures: list[Shape] = []
        enums: list[Shape] = []
        seen: set[str] = set()
        pending = [self._shape(name) for name in roots]
        while pending:
            shape = pending.pop()
            if shape.name in seen:
                continue
            seen.add(shape.name)
            # ``shape`` may carry a member's traits (its documentation, an inline
            # enum); a class or alias is made from the shape as the model defines it.
            if shape.type_name == "structure":
                if shape.metadata.get("document"):
                    continue
                structures.append(self._shape(shape.name))
                pending.extend(self._members(shape).values())
            elif shape.type_name == "list":
                pending.append(self._child(shape, "member"))
            elif shape.type_name == "map":
                pending.append(self._child(shape, "key"))
                pending.append(self._child(shape, "value"))
            elif shape.name in self._python_names:
                enums.append(self._shape(shape.name))
        return structures, enums

    def _operation_roles(self) -> dict[str, set[str]]:
        """Which structures requests reach ("input") and responses reach ("output").

        Read from the raw model and tolerant of anything odd in it: the roles only
        grade change reports, they never decide what is generated.
        """
        operations = self._loaded.raw.get("operations")
        roots: dict[str, list[str]] = {"input": [], "output": []}
        for operation in operations.values() if isinstance(operations, dict) else ():
            if not isinstance(operation, dict):
                continue
            for key, role in (("input", "input"), ("output", "output")):
                ref = operation.get(key)
                if isinstance(ref, dict) and isinstance(ref.get("shape"), str):
                    roots[role].append(ref["shape"])
            errors = operation.get("errors")
            for ref in errors if isinstance(errors, list) else ():
                if isinstance(ref, dict) and isinstance(ref.get("shape"), str):
                    roots["output"].append(ref["shape"])
        roles: dict[str, set[str]] = {}
        for role, names in roots.items():
            seen: set[str] = set()
            pending = list(names)
            while pending:
                name = pending.pop()
                if name in seen:
                    continue
                seen.add(name)
                raw = self._raw(name)
                if raw.get("type") == "structure":
                    roles.setdefault(name, set()).add(role)
                members = raw.get("members")
                refs = list(members.values()) if isinstance(members, dict) else []
                refs += [raw.get(k) for k in ("member", "key", "value")]
                pending.extend(
                    r["shape"]
                    for r in refs
                    if isinstance(r, dict) and isinstance(r.get("shape"), str)
                )
        return roles

    # -- shapes to IR -----------------------------------------------------------

    def _struct_class(self, shape: Shape) -> StructClass:
        members = self._members(shape)
        raw = self._raw(shape.name)
        refs = raw.get("members")
        refs = refs if isinstance(refs, dict) else {}  # checked by _members
        required = set(shape.metadata.get("required", ()))
        attributes = naming.deduplicate(naming.attribute_name(name) for name in members)
        wholly_sensitive = bool(shape.metadata.get("sensitive"))
        return StructClass(
            name=self._python_names[shape.name],
            shape_name=shape.name,
            members=tuple(
                Member(
                    attribute=attribute,
                    wire_name=wire_name,
                    type=self._type(
                        member, f"shape {shape.name!r} member {wire_name!r}"
                    ),
                    required=wire_name in required,
                    sensitive=wholly_sensitive or self._is_sensitive(member, set()),
                    documentation=with_deprecation(
                        member.documentation or "", refs.get(wire_name)
                    ),
                )
                for attribute, (wire_name, member) in zip(attributes, members.items())
            ),
            documentation=with_deprecation(shape.documentation or "", raw),
            is_union=bool(shape.metadata.get("union")),
            roles=tuple(sorted(self._roles.get(shape.name, ()))),
            sensitive_shape=wholly_sensitive,
        )

    def _enum_alias(self, shape: Shape) -> EnumAlias:
        values = shape.metadata["enum"]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise CodegenError(
                f"{self._where}: shape {shape.name!r}: enum values must be strings"
            )
        return EnumAlias(
            name=self._python_names[shape.name],
            shape_name=shape.name,
            values=tuple(dict.fromkeys(values)),
            documentation=shape.documentation or "",
        )

    def _type(
        self, shape: Shape, where: str, _path: frozenset[str] = frozenset()
    ) -> PyType:
        """The Python type of a (member-merged) shape, with its min and max."""
        bare = self._bare_type(shape, where, _path)
        if bare.kind is types.STRUCTURE or bare.kind is types.DOCUMENT:
            return bare
        low, high = _bound(shape.metadata.get("min")), _bound(shape.metadata.get("max"))
        if low is None and shape.serialization.get("hostLabel"):
            low = 1  # botocore's validator applies this implicit minimum
        if low is None and high is None:
            return bare
        return dataclasses.replace(bare, minimum=low, maximum=high)

    def _bare_type(self, shape: Shape, where: str, _path: frozenset[str]) -> PyType:
        kind = shape.type_name
        if kind == "structure":
            if shape.metadata.get("document"):
                return PyType(types.DOCUMENT)
            if shape.serialization.get("eventstream"):
                return PyType(types.EVENT_STREAM)
            return PyType(types.STRUCTURE, self._python_names[shape.name])
        if kind in ("list", "map"):
            if shape.name in _path:
                raise CodegenError(
                    f"{self._where}: {where}: {kind} shape {shape.name!r} contains "
                    "itself with no structure in between"
                )
            inner = _path | {shape.name}  # the lists and maps around this type
            if len(inner) > MAX_NESTING:
                raise CodegenError(
                    f"{self._where}: {where}: lists and maps nested more than "
                    f"{MAX_NESTING} deep (Python allows {PYTHON_MAX_BRACKETS} brackets)"
                )
        if kind == "list":
            return PyType(
                types.LIST,
                args=(self._type(self._child(shape, "member"), where, inner),),
            )
        if kind == "map":
            return PyType(
                types.MAP,
                args=(
                    self._type(self._child(shape, "key"), where, inner),
                    self._type(self._child(shape, "value"), where, inner),
                ),
            )
        if kind == "string" and shape.serialization.get("jsonvalue"):
            return PyType(types.DOCUMENT)
        if _is_enum(shape):
            if self._raw(shape.name).get("enum"):
                return PyType(types.ENUM, self._python_names[shape.name])
            values = shape.metadata["enum"]
            if not isinstance(values, list) or not all(
                isinstance(v, str) for v in values
            ):
                raise CodegenError(
                    f"{self._where}: {where}: enum values must be strings"
                )
            return PyType(types.LITERAL, values=tuple(dict.fromkeys(values)))
        if kind == "blob" and shape.serialization.get("streaming"):
            return PyType(types.STREAMING_BLOB)
        if kind in types.SCALARS:
            return PyType(types.SCALARS[kind])
        raise CodegenError(
            f"{self._where}: {where}: shape {shape.name!r} has unknown type {kind!r}"
        )

    def _is_sensitive(self, shape: Shape, seen: set[str]) -> bool:
        """Sensitive itself, or a list or map holding sensitive values at any depth.

        A structure sensitive as a whole counts as sensitive: its parent hides it.
        """
        if shape.metadata.get("sensitive"):
            return True
        if shape.name in seen:
            return False
        seen.add(shape.name)
        if shape.type_name == "list":
            return self._is_sensitive(self._child(shape, "member"), seen)
        if shape.type_name == "map":
            return self._is_sensitive(
                self._child(shape, "key"), seen
            ) or self._is_sensitive(self._child(shape, "value"), seen)
        return False
