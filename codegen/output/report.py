"""What a regeneration changed in the API surface, and what that does to users.

Compares the surfaces recorded in the previous manifest with the new ones and
grades every change by its effect on code that uses the bindings:

* ``security`` -- a member became sensitive or stopped being sensitive; always
  listed first;
* ``breaking`` -- code that type-checked or ran before may not any more: a
  removed class, member, alias or enum value, a changed type, a new required
  member or a member that became required on a shape requests use (callers must
  now pass it), a member that became optional on a shape responses use
  (readers must now handle ``None``);
* ``compatible`` -- everything else that changes the surface.

Documentation-only changes are counted, not listed.
"""

from __future__ import annotations

import ast
import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

SECURITY, BREAKING, COMPATIBLE = "security", "breaking", "compatible"
_ORDER = {SECURITY: 0, BREAKING: 1, COMPATIBLE: 2}


@dataclass(frozen=True)
class Change:
    module: str
    severity: str
    kind: str
    subject: str
    detail: str = ""

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.module, _ORDER[self.severity], self.subject, self.kind)


@dataclass
class Report:
    changes: list[Change] = field(default_factory=list)
    documentation: dict[str, int] = field(default_factory=dict)  # module -> count

    def __bool__(self) -> bool:
        return bool(self.changes or any(self.documentation.values()))

    @property
    def breaking(self) -> list[Change]:
        return [c for c in self.changes if c.severity == BREAKING]

    def modules(self) -> list[str]:
        return sorted(
            {c.module for c in self.changes}
            | {m for m, n in self.documentation.items() if n}
        )


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> Report:
    """Compare ``{module file: surface}`` mappings; a missing surface is an absent module."""
    report = Report()
    for module in sorted(set(old) | set(new)):
        if module not in new:
            report.changes.append(Change(module, BREAKING, "module removed", module))
        elif module not in old:
            report.changes.append(Change(module, COMPATIBLE, "module added", module))
        else:
            _compare_module(module, old[module], new[module], report)
    report.changes.sort(key=Change.sort_key)
    return report


def _compare_module(
    module: str, old: Mapping[str, Any], new: Mapping[str, Any], report: Report
) -> None:
    docs = 0
    first = len(report.changes)
    add = report.changes.append
    old_classes, new_classes = old.get("classes", {}), new.get("classes", {})
    for name in sorted(set(old_classes) | set(new_classes)):
        if name not in new_classes:
            add(Change(module, BREAKING, "class removed", name))
            continue
        if name not in old_classes:
            add(Change(module, COMPATIBLE, "class added", name))
            continue
        before, after = old_classes[name], new_classes[name]
        docs += before.get("doc") != after.get("doc")
        roles = set(after.get("roles", ())) | set(before.get("roles", ()))
        if before.get("union") != after.get("union"):
            add(
                Change(
                    module,
                    BREAKING,
                    "union changed",
                    name,
                    "now a union" if after.get("union") else "no longer a union",
                )
            )
        old_members, new_members = before.get("members", {}), after.get("members", {})
        for attribute in sorted(set(old_members) | set(new_members)):
            subject = f"{name}.{attribute}"
            if attribute not in new_members:
                add(Change(module, BREAKING, "member removed", subject))
                continue
            key, type_, required, sensitive, doc = new_members[attribute]
            if attribute not in old_members:
                if required and "input" in roles:
                    add(
                        Change(
                            module,
                            BREAKING,
                            "required member added",
                            subject,
                            f"{type_}; requests must now set it",
                        )
                    )
                else:
                    kind = "required member added" if required else "member added"
                    add(
                        Change(
                            module,
                            COMPATIBLE,
                            kind,
                            subject,
                            type_ if required else f"{type_} | None",
                        )
                    )
                if sensitive:
                    add(Change(module, SECURITY, "sensitive member added", subject))
                continue
            old_key, old_type, old_required, old_sensitive, old_doc = old_members[
                attribute
            ]
            docs += old_doc != doc
            if old_key != key:
                add(
                    Change(
                        module,
                        BREAKING,
                        "wire name changed",
                        subject,
                        f"{old_key} -> {key}",
                    )
                )
            if old_type != type_:
                values = _literal_changes(old_type, type_)
                if values is None:
                    add(
                        Change(
                            module,
                            BREAKING,
                            "type changed",
                            subject,
                            f"{old_type} -> {type_}",
                        )
                    )
                else:  # only the values of an inline Literal: graded as an enum's
                    added, removed = values
                    for value in sorted(removed):
                        add(
                            Change(
                                module, BREAKING, "enum value removed", subject, value
                            )
                        )
                    for value in sorted(added):
                        add(
                            Change(
                                module, COMPATIBLE, "enum value added", subject, value
                            )
                        )
            if required and not old_required:
                severity = BREAKING if "input" in roles else COMPATIBLE
                add(Change(module, severity, "became required", subject))
            elif old_required and not required:
                severity = BREAKING if "output" in roles else COMPATIBLE
                add(Change(module, severity, "became optional", subject))
            if sensitive != old_sensitive:
                kind = "became sensitive" if sensitive else "no longer sensitive"
                add(Change(module, SECURITY, kind, subject))
    old_aliases, new_aliases = old.get("aliases", {}), new.get("aliases", {})
    for name in sorted(set(old_aliases) | set(new_aliases)):
        if name not in new_aliases:
            add(Change(module, BREAKING, "enum removed", name))
        elif name not in old_aliases:
            add(Change(module, COMPATIBLE, "enum added", name))
        else:
            before, after = old_aliases[name], new_aliases[name]
            docs += before.get("doc") != after.get("doc")
            for value in before["values"]:
                if value not in after["values"]:
                    add(
                        Change(
                            module, BREAKING, "enum value removed", f"{name}.{value}"
                        )
                    )
            for value in after["values"]:
                if value not in before["values"]:
                    add(
                        Change(
                            module, COMPATIBLE, "enum value added", f"{name}.{value}"
                        )
                    )
    old_ops, new_ops = old.get("operations", {}), new.get("operations", {})
    old_clients, new_clients = _clients(old), _clients(new)
    docs += compare_operations(
        module,
        old_ops if "sync" in old_clients else {},
        new_ops if "sync" in new_clients else {},
        add,
    )
    report.changes[first:] = _once(report.changes[first:], old_ops, new_ops)
    if "async" in old_clients or "async" in new_clients:
        # The asynchronous client has the synchronous one's methods: graded
        # alike, each named with its class (``AsyncS3Client.get_object``).
        name = new_clients.get("async") or old_clients["async"]
        compare_operations(
            module,
            old_ops if "async" in old_clients else {},
            new_ops if "async" in new_clients else {},
            lambda change: add(
                dataclasses.replace(change, subject=f"{name}.{change.subject}")
            ),
        )
    if docs:
        report.documentation[module] = docs


def _clients(surface: Mapping[str, Any]) -> dict[str, str]:
    """Client kind ("sync", "async") -> class name in a surface; before they were
    recorded, the one synchronous client its operations name."""
    if "clients" in surface:
        return dict(surface["clients"])
    operations = surface.get("operations") or {}
    names = sorted({op.get("client", "") for op in operations.values()})
    return {"sync": names[-1]} if names else {}


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


def _once(
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
                min(kept.severity, change.severity, key=_ORDER.__getitem__),
                kept.kind,
                kept.subject,
                f"{kept.detail}; {also}" if kept.detail else also,
            )
    return [c for i, c in enumerate(merged) if i not in dropped]


def _value(change: Change) -> str:
    """What tells two enum value changes on one member apart: the value."""
    return change.detail if change.kind.startswith("enum value") else ""


def _literal_changes(old: str, new: str) -> tuple[set[str], set[str]] | None:
    """Values added to and removed from ``Literal[...]`` when two type expressions
    differ in nothing else (the order of values is no difference); else None.

    An inline ``Literal`` is an enum given on a member, so its values are graded
    as an enum alias's are: a new value is compatible, a removed one breaking.
    """
    try:
        before = ast.parse(old, mode="eval").body
        after = ast.parse(new, mode="eval").body
    except SyntaxError:
        return None
    added: set[str] = set()
    removed: set[str] = set()

    def same(a: object, b: object) -> bool:
        if isinstance(a, ast.AST) and isinstance(b, ast.AST):
            old_values, new_values = _literal_values(a), _literal_values(b)
            if old_values is not None and new_values is not None:
                added.update(new_values - old_values)
                removed.update(old_values - new_values)
                return True
            if type(a) is not type(b):
                return False
            return all(
                same(getattr(a, name), getattr(b, name))
                for name in a._fields
                if name != "ctx"
            )
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(map(same, a, b))
        return a == b

    return (added, removed) if same(before, after) else None


def _literal_values(node: ast.AST) -> set[str] | None:
    """The values of a ``Literal[...]`` subscript, or None for anything else."""
    if not (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Literal"
    ):
        return None
    items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    values = {
        i.value
        for i in items
        if isinstance(i, ast.Constant) and isinstance(i.value, str)
    }
    return values if len(values) == len(items) else None


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
            values = _literal_changes(old_type, type_) if old_type != type_ else None
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


def _line(change: Change) -> str:
    detail = f" ({change.detail})" if change.detail else ""
    return f"{change.kind}: {change.subject}{detail}"


def _summary(report: Report, module: str) -> str:
    counts = {
        s: sum(1 for c in report.changes if c.module == module and c.severity == s)
        for s in _ORDER
    }
    parts = [f"{counts[s]} {s}" for s in (SECURITY, BREAKING, COMPATIBLE) if counts[s]]
    if report.documentation.get(module):
        parts.append(f"{report.documentation[module]} documentation")
    return ", ".join(parts)


def render_text(report: Report) -> str:
    """For a terminal or a CI log."""
    if not report:
        return ""
    lines = ["API changes:"]
    for change in (c for c in report.changes if c.severity == SECURITY):
        lines.append(f"  SECURITY    {change.module}: {_line(change)}")
    for module in report.modules():
        lines.append(f"  {module}: {_summary(report, module)}")
        for change in report.changes:
            if change.module == module and change.severity != SECURITY:
                lines.append(
                    f"    {change.severity.upper() if change.severity == BREAKING else change.severity:<11} {_line(change)}"
                )
    return "\n".join(lines) + "\n"


def render_summary(report: Report, path: object | None = None) -> str:
    """One line for a run or a check: the counts, and where the details are
    (``path``, the ``--report`` file, if one was asked for)."""
    if not report:
        return ""
    counts = {s: sum(1 for c in report.changes if c.severity == s) for s in _ORDER}
    parts = [f"{counts[s]} {s}" for s in (SECURITY, BREAKING, COMPATIBLE) if counts[s]]
    documentation = sum(report.documentation.values())
    if documentation:
        parts.append(f"{documentation} documentation")
    where = f"details in {path}" if path is not None else "--report FILE for details"
    return f"API changes: {', '.join(parts)}; {where}\n"


def render_markdown(report: Report) -> str:
    """For a pull-request description."""
    if not report:
        return "## API changes\n\nNo changes to the API surface.\n"
    breaking = len(report.breaking)
    lines = [
        "## API changes",
        "",
        (
            f"**{breaking} breaking change{'s' * (breaking != 1)}.**"
            if breaking
            else "No breaking changes."
        ),
        "",
    ]
    security = [c for c in report.changes if c.severity == SECURITY]
    if security:
        lines += (
            ["### Security notes", ""]
            + [f"- `{c.module}`: {c.kind}: `{c.subject}`" for c in security]
            + [""]
        )
    for module in report.modules():
        lines += [f"### `{module}`", "", f"{_summary(report, module)}.", ""]
        for severity, title in ((BREAKING, "Breaking"), (COMPATIBLE, "Compatible")):
            items = [
                c
                for c in report.changes
                if c.module == module and c.severity == severity
            ]
            if items:
                lines += [f"**{title}**", ""]
                lines += [
                    f"- {c.kind}: `{c.subject}`"
                    + (f" (`{c.detail}`)" if c.detail else "")
                    for c in items
                ]
                lines.append("")
    return "\n".join(lines)


def render_json(report: Report) -> str:
    """For tooling: the same content, as data."""
    data = {
        "breaking": len(report.breaking),
        "security": [asdict(c) for c in report.changes if c.severity == SECURITY],
        "modules": {
            module: {
                "breaking": [
                    asdict(c)
                    for c in report.changes
                    if c.module == module and c.severity == BREAKING
                ],
                "compatible": [
                    asdict(c)
                    for c in report.changes
                    if c.module == module and c.severity == COMPATIBLE
                ],
                "documentation_changes": report.documentation.get(module, 0),
            }
            for module in report.modules()
        },
    }
    return json.dumps(data, indent=2, sort_keys=True) + "\n"
