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

import dataclasses
from collections.abc import Mapping
from typing import Any

from codegen.output.changes import (
    BREAKING,
    COMPATIBLE,
    SECURITY,
    Change,
    Report,
    literal_changes,
)
from codegen.output.report_operations import compare_operations, once


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
                values = literal_changes(old_type, type_)
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
    old_ops, new_ops = old.get("operations", {}), new.get("operations", {})
    old_clients, new_clients = _clients(old), _clients(new)
    docs += compare_operations(
        module,
        old_ops if "sync" in old_clients else {},
        new_ops if "sync" in new_clients else {},
        add,
    )
    report.changes[first:] = once(report.changes[first:], old_ops, new_ops)
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
