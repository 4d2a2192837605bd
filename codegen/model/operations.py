"""Operations, paginators, waiters and modeled errors: the typed client's IR.

The resolver turns shapes into classes; this module adds what a client needs
on top of them: which operations a target asks for, the shapes they reach, and
then -- once the classes exist -- one :class:`~codegen.model.ir.Operation` per
operation, the paginators and waiters botocore defines for them, and the error
classes that become exceptions. Names follow botocore: methods are
``xform_name`` of the operation name, exactly what boto3 calls them, and the
client class is named as botocore names its own client class.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from botocore import xform_name

from codegen.errors import CodegenError
from codegen.model import naming, types
from codegen.model.deprecation import with_deprecation
from codegen.model.ir import (
    Client,
    Member,
    Operation,
    ServiceModule,
    StructClass,
    Waiter,
)
from codegen.model.loader import LoadedModel
from codegen.model.types import PyType

# Names the typed client class has itself: an operation with one of these names
# gets a trailing underscore (``client`` is the wrapped botocore client).
CLIENT_NAMES = frozenset({"client", "builtins", "datetime"})
# Attributes botocore's ClientError (and BaseException) have: an error shape's
# member with one of these names gets a trailing underscore.
ERROR_ATTRIBUTES = frozenset(
    {"response", "operation_name", "args", "with_traceback", "add_note"}
)
RESPONSE_METADATA = "ResponseMetadata"
_RESPONSE_METADATA_DOC = (
    "<p>What botocore reports about the HTTP exchange: request id, HTTP status code "
    "and headers, retry attempts. Set on results the typed client returns.</p>"
)


def operation_names(loaded: LoadedModel) -> list[str]:
    operations = loaded.raw.get("operations")
    if operations is None:
        return []
    if not isinstance(operations, dict):
        raise CodegenError(
            f"{loaded.path}: service {loaded.service_name!r}: 'operations' is not an object"
        )
    return sorted(operations)


def _operation(loaded: LoadedModel, name: str) -> dict[str, Any]:
    operation = loaded.raw["operations"][name]
    if not isinstance(operation, dict):
        raise CodegenError(
            f"{loaded.path}: service {loaded.service_name!r}: operation {name!r} is not an object"
        )
    return operation


def _ref(loaded: LoadedModel, name: str, ref: object, role: str) -> str:
    target = ref.get("shape") if isinstance(ref, dict) else None
    if not isinstance(target, str) or target not in loaded.raw["shapes"]:
        raise CodegenError(
            f"{loaded.path}: service {loaded.service_name!r}: operation {name!r} "
            f"{role} refers to missing shape {target!r}"
        )
    return target


def shapes_of(loaded: LoadedModel, names: Iterable[str]) -> list[str]:
    """The input, output and error shapes of operations: roots of the closure."""
    roots: list[str] = []
    for name in names:
        operation = _operation(loaded, name)
        for role in ("input", "output"):
            if operation.get(role) is not None:
                roots.append(_ref(loaded, name, operation[role], role))
        errors = operation.get("errors", [])
        if not isinstance(errors, list):
            raise CodegenError(
                f"{loaded.path}: service {loaded.service_name!r}: operation {name!r} "
                "'errors' is not a list"
            )
        roots.extend(_ref(loaded, name, ref, "error") for ref in errors)
    return roots


def client_class_name(loaded: LoadedModel) -> str:
    """botocore's client class name plus ``Client``: ``S3Client``, ``DynamoDBClient``.

    The same computation as :func:`botocore.utils.get_service_module_name`, which
    names the class of ``boto3.client(service)``.
    """
    metadata = loaded.raw.get("metadata", {})
    name = metadata.get("serviceAbbreviation", metadata.get("serviceFullName"))
    if not isinstance(name, str):
        name = loaded.service_name
    name = re.sub(r"\W+", "", name.replace("Amazon", "").replace("AWS", ""))
    return naming.class_name(name + "Client")


ASYNC_PREFIX = "Async"


def client_names(name: str, clients: tuple[str, ...]) -> tuple[str, ...]:
    """The client classes generated for a client named ``name``: ``S3Client``
    and ``AsyncS3Client``, as ``clients`` ("sync", "async") asks."""
    return tuple(
        f"{ASYNC_PREFIX}{name}" if kind == "async" else name for kind in clients
    )


def method_name(name: str) -> str:
    """What boto3 calls an operation's method, made a safe identifier."""
    method = naming.attribute_name(name)
    return method + "_" if method in CLIENT_NAMES else method


def boto_method(name: str) -> str:
    try:
        return str(xform_name(name))
    except Exception:  # xform_name only knows CamelCase, as in naming
        return name


def attach(
    module: ServiceModule,
    loaded: LoadedModel,
    names: Sequence[str],
    error_code: Callable[[str], str],
) -> ServiceModule:
    """``module`` with its client: operations ``names`` and what they bring.

    Error classes become exceptions (``error_code`` gives botocore's code for an
    error shape), output classes gain ``response_metadata``, and streaming
    results take the client layer's streaming-body type.
    """
    classes = {c.shape_name: c for c in module.classes}

    def typed(name: str) -> bool:
        """Input and output are generated classes: not so for a document structure,
        which no AWS model uses there; such an operation is left to ``.client``."""
        operation = _operation(loaded, name)
        return all(
            _ref(loaded, name, operation[role], role) in classes
            for role in ("input", "output")
            if operation.get(role) is not None
        )

    names = [name for name in names if typed(name)]
    if not names:
        return module
    taken_classes = {c.name for c in module.classes} | {a.name for a in module.aliases}
    metadata_class = naming.deduplicate([RESPONSE_METADATA], taken_classes)[0]
    client_name = naming.deduplicate(
        [client_class_name(loaded)], taken_classes | {metadata_class}
    )[0]

    errors: dict[str, str] = {}  # shape name -> code
    outputs: set[str] = set()
    for name in names:
        operation = _operation(loaded, name)
        for ref in operation.get("errors", []):
            shape = _ref(loaded, name, ref, "error")
            if shape in classes and not classes[shape].is_union:
                errors[shape] = error_code(shape)
        if operation.get("output") is not None:
            shape = _ref(loaded, name, operation["output"], "output")
            if not classes[shape].is_union and shape not in errors:
                outputs.add(shape)

    for shape, code in errors.items():
        classes[shape] = _as_error(classes[shape], code)
    for shape in outputs:
        classes[shape] = _as_output(classes[shape], metadata_class)

    methods = [method_name(n) for n in names]
    operations = []
    for name, method in zip(names, methods):
        operation = _operation(loaded, name)
        input_cls = (
            classes[_ref(loaded, name, operation["input"], "input")]
            if operation.get("input") is not None
            else None
        )
        output_cls = (
            classes[_ref(loaded, name, operation["output"], "output")]
            if operation.get("output") is not None
            else None
        )
        documentation = operation.get("documentation", "")
        operations.append(
            Operation(
                name=name,
                method=method,
                boto_method=boto_method(name),
                input=input_cls.name if input_cls else "",
                output=output_cls.name if output_cls else "",
                parameters=input_cls.members if input_cls else (),
                errors=tuple(
                    sorted(
                        {
                            classes[shape].name
                            for r in operation.get("errors", [])
                            if (shape := _ref(loaded, name, r, "error")) in classes
                        }
                    )
                ),
                documentation=with_deprecation(
                    documentation if isinstance(documentation, str) else "", operation
                ),
            )
        )
    operations = _with_paginators(loaded, operations, set(methods))
    taken = {*methods, *(o.paginator for o in operations if o.paginator)}
    waiters = _waiters(loaded, {o.name: o for o in operations}, taken)

    codes: dict[str, str] = {}
    for shape in sorted(errors):
        codes.setdefault(errors[shape], classes[shape].name)
    synthetic = [_response_metadata_class(metadata_class)] if outputs else []
    return dataclasses.replace(
        module,
        classes=tuple(sorted([*classes.values(), *synthetic], key=lambda c: c.name)),
        client=Client(
            name=client_name,
            operations=tuple(operations),
            waiters=waiters,
            errors=tuple(sorted(codes.items())),
        ),
    )


def _as_error(cls: StructClass, code: str) -> StructClass:
    """An error class: its members must not hide what ClientError has."""
    attributes = naming.deduplicate(
        m.attribute + "_" if m.attribute in ERROR_ATTRIBUTES else m.attribute
        for m in cls.members
    )
    return dataclasses.replace(
        cls,
        error_code=code,
        members=tuple(
            dataclasses.replace(m, attribute=a) for m, a in zip(cls.members, attributes)
        ),
    )


def _as_output(cls: StructClass, metadata_class: str) -> StructClass:
    """A result class: streams typed as botocore's body, response metadata kept."""
    members = [
        (
            dataclasses.replace(m, type=PyType(types.STREAMING_BODY))
            if m.type == PyType(types.STREAMING_BLOB)
            else m
        )
        for m in cls.members
    ]
    attribute = naming.deduplicate(
        ["response_metadata"], (m.attribute for m in members)
    )[0]
    if any(m.wire_name == RESPONSE_METADATA for m in members):
        return dataclasses.replace(cls, members=tuple(members))
    members.append(
        Member(
            attribute=attribute,
            wire_name=RESPONSE_METADATA,
            type=PyType(types.STRUCTURE, metadata_class),
            required=False,
            sensitive=False,
            documentation=_RESPONSE_METADATA_DOC,
        )
    )
    return dataclasses.replace(cls, members=tuple(members))


def _response_metadata_class(name: str) -> StructClass:
    def member(attribute: str, key: str, t: PyType, doc: str) -> Member:
        return Member(attribute, key, t, False, False, f"<p>{doc}</p>")

    text, number = PyType(types.STRING), PyType(types.INTEGER)
    return StructClass(
        name=name,
        shape_name="",
        members=(
            member("request_id", "RequestId", text, "The request id AWS assigned."),
            member(
                "host_id", "HostId", text, "The host id, where the service sends one."
            ),
            member(
                "http_status_code", "HTTPStatusCode", number, "The HTTP status code."
            ),
            member(
                "http_headers",
                "HTTPHeaders",
                PyType(types.MAP, args=(text, text)),
                "The HTTP response headers, names in lower case.",
            ),
            member("retry_attempts", "RetryAttempts", number, "Retries botocore made."),
        ),
        documentation=_RESPONSE_METADATA_DOC,
        roles=("output",),
    )


def _section(
    loaded: LoadedModel, model: dict[str, Any], key: str, kind: str
) -> dict[str, Any]:
    section = model.get(key, {})
    if not isinstance(section, dict) or not all(
        isinstance(v, dict) for v in section.values()
    ):
        raise CodegenError(
            f"{loaded.path}: service {loaded.service_name!r}: {kind} model: "
            f"{key!r} is not an object of objects"
        )
    return section


def _with_paginators(
    loaded: LoadedModel, operations: list[Operation], taken: set[str]
) -> list[Operation]:
    paginators = _section(loaded, loaded.paginators, "pagination", "paginator")
    wanted = [o for o in operations if o.name in paginators]
    names = naming.deduplicate(
        [f"paginate_{o.method.rstrip('_')}" for o in wanted], taken
    )
    by_name = dict(zip((o.name for o in wanted), names))
    result = []
    for operation in operations:
        if operation.name not in by_name:
            result.append(operation)
            continue
        config = paginators[operation.name]
        tokens = config.get("input_token", [])
        keys = set(tokens if isinstance(tokens, list) else [tokens])
        keys.add(config.get("limit_key"))
        result.append(
            dataclasses.replace(
                operation,
                paginator=by_name[operation.name],
                paginator_skips=tuple(
                    p.attribute for p in operation.parameters if p.wire_name in keys
                ),
            )
        )
    return result


def _waiters(
    loaded: LoadedModel, operations: dict[str, Operation], taken: set[str]
) -> tuple[Waiter, ...]:
    waiters = _section(loaded, loaded.waiters, "waiters", "waiter")
    wanted = sorted(
        name for name, w in waiters.items() if w.get("operation") in operations
    )
    snake = [boto_method(name) for name in wanted]
    methods = naming.deduplicate(
        [f"wait_{naming.attribute_name(s).rstrip('_')}" for s in snake], taken
    )
    return tuple(
        Waiter(
            name=name,
            method=method,
            boto_name=boto_name,
            operation=operations[waiters[name]["operation"]],
        )
        for name, method, boto_name in zip(wanted, methods, snake)
    )
