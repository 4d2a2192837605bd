"""A change report written out: one summary line for a run, the full report as
text, Markdown for a pull request or JSON for tooling."""

from __future__ import annotations

import json
from dataclasses import asdict

from codegen.output.changes import BREAKING, COMPATIBLE, ORDER, SECURITY, Change, Report


def _line(change: Change) -> str:
    detail = f" ({change.detail})" if change.detail else ""
    return f"{change.kind}: {change.subject}{detail}"


def _summary(report: Report, module: str) -> str:
    counts = {
        s: sum(1 for c in report.changes if c.module == module and c.severity == s)
        for s in ORDER
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
    counts = {s: sum(1 for c in report.changes if c.severity == s) for s in ORDER}
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
