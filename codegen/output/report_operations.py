"""Changes to the typed client's methods, graded as the classes' are; a change
to a request class's member that a method's parameter change already says is
reported once, as the parameter's."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from codegen.output.changes import (
    BREAKING,
    COMPATIBLE,
    ORDER,
    SECURITY,
    Change,
    literal_changes,
)

# The same change seen on a request class's member and on the client method's
# parameter (the parameters are the request's members): kind -> what it is.
_MEMBER_KINDS = {
    "member removed": "removed",
    "member added": "added",
    "required member added": "added",
    "type changed": "type",
    "enum value removed": "enum value removed",
    "enum value added": "enum value added",
    "became required": "required",
    "became optional": "optional",
    "became sensitive": "became sensitive",
    "no longer sensitive": "no longer sensitive",
}
_PARAMETER_KINDS = {
    "parameter removed": "removed",
    "parameter added": "added",
    "required parameter added": "added",
    "parameter type changed": "type",
    "enum value removed": "enum value removed",
    "enum value added": "enum value added",
    "parameter became required": "required",
    "parameter became optional": "optional",
    "became sensitive": "became sensitive",
    "no longer sensitive": "no longer sensitive",
}


def once(
    changes: list[Change], old_ops: Mapping[str, Any], new_ops: Mapping[str, Any]
) -> list[Change]:
    """``changes`` with each change to a request member that a client method's
    parameter change already says left out: the parameter's line names the
    member too, at the graver of the two severities."""
    methods: dict[str, set[str]] = {}  # request class -> the methods taking it
    for ops in (old_ops, new_ops):
        for method, op in ops.items():
            if op.get("input"):
                methods.setdefault(op["input"], set()).add(method)
    parameters: dict[tuple[str, str, str], int] = {}
    for index, change in enumerate(changes):
        what = _PARAMETER_KINDS.get(change.kind)
        if what is not None and change.subject.endswith(")"):
            parameters[(what, change.subject, _value(change))] = index
    merged = list(changes)
    dropped: set[int] = set()
    for index, change in enumerate(changes):
        what = _MEMBER_KINDS.get(change.kind)
        cls, dot, attribute = change.subject.partition(".")
        if what is None or not dot or "(" in change.subject:
            continue
        found = [
            parameters[key]
            for method in sorted(methods.get(cls, ()))
            if (key := (what, f"{method}({attribute})", _value(change))) in parameters
        ]
        if not found:
            continue
        dropped.add(index)
        for at in found:
            kept = merged[at]
            also = f"also {change.subject}"
            merged[at] = Change(
                kept.module,
                min(kept.severity, change.severity, key=ORDER.__getitem__),
                kept.kind,
                kept.subject,
                f"{kept.detail}; {also}" if kept.detail else also,
            )
    return [c for i, c in enumerate(merged) if i not in dropped]


def _value(change: Change) -> str:
    """What tells two enum value changes on one member apart: the value."""
    return change.detail if change.kind.startswith("enum value") else ""


def compare_operations(
    module: str,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    add: Callable[[Change], None],
) -> int:
    """Changes to the typed client's methods; returns documentation changes.

    Calls that worked may break when a method goes, a parameter goes or changes
    type, a parameter becomes required, or the result class, paginator or a
    waiter goes; new methods, optional parameters and waiters are compatible.
    """
    docs = 0
    for method in sorted(set(old) | set(new)):
        if method not in new:
            add(Change(module, BREAKING, "operation removed", method))
            continue
        if method not in old:
            add(Change(module, COMPATIBLE, "operation added", method))
            continue
        before, after = old[method], new[method]
        docs += before.get("doc") != after.get("doc")
        for key, kind in (("output", "result changed"), ("paginator", "paginator")):
            if before.get(key) != after.get(key):
                gone = key == "paginator" and not after.get(key)
                severity = BREAKING if key == "output" or gone else COMPATIBLE
                text = f"{before.get(key) or '-'} -> {after.get(key) or '-'}"
                label = (
                    kind
                    if key == "output"
                    else f"{kind} {'removed' if gone else 'added'}"
                )
                add(Change(module, severity, label, method, text))
        for waiter in sorted(
            set(before.get("waiters", [])) - set(after.get("waiters", []))
        ):
            add(Change(module, BREAKING, "waiter removed", waiter))
        for waiter in sorted(
            set(after.get("waiters", [])) - set(before.get("waiters", []))
        ):
            add(Change(module, COMPATIBLE, "waiter added", waiter))
        old_params, new_params = before.get("params", {}), after.get("params", {})
        for name in sorted(set(old_params) | set(new_params)):
            subject = f"{method}({name})"
            if name not in new_params:
                add(Change(module, BREAKING, "parameter removed", subject))
                continue
            _, type_, required, sensitive = new_params[name][:4]
            if name not in old_params:
                severity = BREAKING if required else COMPATIBLE
                kind = "required parameter added" if required else "parameter added"
                add(Change(module, severity, kind, subject, type_))
                continue
            _, old_type, old_required, old_sensitive = old_params[name][:4]
            values = literal_changes(old_type, type_) if old_type != type_ else None
            if old_type != type_ and values is None:
                add(
                    Change(
                        module,
                        BREAKING,
                        "parameter type changed",
                        subject,
                        f"{old_type} -> {type_}",
                    )
                )
            elif values is not None:  # an inline Literal's values, as for a member
                added, removed = values
                for value in sorted(removed):
                    add(Change(module, BREAKING, "enum value removed", subject, value))
                for value in sorted(added):
                    add(Change(module, COMPATIBLE, "enum value added", subject, value))
            if required and not old_required:
                add(Change(module, BREAKING, "parameter became required", subject))
            elif old_required and not required:
                add(Change(module, COMPATIBLE, "parameter became optional", subject))
            if sensitive != old_sensitive:
                kind = "became sensitive" if sensitive else "no longer sensitive"
                add(Change(module, SECURITY, kind, subject))
    return docs
