"""Which files in the output directory the generator may touch, and what a run would change.

The previous manifest records the hash of every file the generator wrote; the
journal of an interrupted run (see :mod:`codegen.output.writer`) adds the hashes its
files may have mid-run. A file is the generator's to overwrite or delete only
when one of those hashes is its current content; anything else is a
:class:`Conflict`, refused unless ``--overwrite`` (never ``--force``, which
only ignores the cache: a run must not lose work because it was asked to skip a
cache). :func:`plan` decides all of it before anything is touched.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen.build.manifest import MANIFEST
from codegen.errors import CodegenError

JOURNAL = ".codegen-journal.json"
JOURNAL_FORMAT = 1
STAGED_SUFFIX = ".codegen-new"
PROJECT_MARKERS = (".git", ".hg", ".svn", "pyproject.toml", "setup.py", "setup.cfg")

_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Change:
    name: str  # relative to the output directory
    action: str  # "create", "update" or "delete"


@dataclass(frozen=True)
class Conflict:
    name: str
    reason: str  # completes "<path> ...": what is wrong
    advice: str = ""  # what to do about it
    overridable: bool = True
    # what --overwrite replaces, as its report line names it: "hand-edited",
    # "hand-written" (not codegen's), "unreadable" (a manifest)
    kind: str = ""


@dataclass
class Plan:
    """What a write would do, decided before anything is touched."""

    changes: list[Change] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    # name -> hash the file had when planned (None: absent); rechecked before commit
    seen: dict[str, str | None] = field(default_factory=dict)
    # what an interrupted run left: its journal, or None
    journal: dict[str, Any] | None = None

    @property
    def interrupted(self) -> bool:
        return self.journal is not None

    def summary(self) -> str:
        counts = {"update": 0, "create": 0, "delete": 0}
        for change in self.changes:
            counts[change.action] += 1
        parts = [
            f"{count} {verb}"
            for verb, count in (
                ("updated", counts["update"]),
                ("created", counts["create"]),
                ("deleted", counts["delete"]),
                ("unchanged", len(self.unchanged)),
            )
            if count
        ]
        if self.interrupted:
            parts.append("an interrupted run completed")
        return "codegen: " + ", ".join(parts)


def check_output_dir(out: Path) -> None:
    """Refuse an output directory that is not a directory, or that holds a project."""
    if out.exists() and not out.is_dir():
        raise CodegenError(f"{out}: output path exists and is not a directory")
    for marker in PROJECT_MARKERS:
        if (out / marker).exists() or (out / marker).is_symlink():
            raise CodegenError(
                f"{out}: holds a project ({marker}); generated files go in a directory "
                "of their own: set `out` to a subdirectory"
            )


def read_manifest(out: Path) -> dict[str, Any] | None:
    """The manifest of the previous run, or None when missing or unreadable."""
    data = _read_json(out / MANIFEST)
    return (
        data if isinstance(data, dict) and isinstance(data.get("files"), dict) else None
    )


def read_journal(out: Path) -> dict[str, Any] | None:
    """The journal an interrupted run left, or None; an unreadable one counts, empty.

    A staged journal alone means a run was killed before it touched anything
    else; it still counts, so that the leftover is removed.
    """
    path = out / JOURNAL
    if not path.exists():
        return (
            {"format": JOURNAL_FORMAT, "files": {}}
            if staged_path(out, JOURNAL).exists()
            else None
        )
    data = _read_json(path)
    if not (
        isinstance(data, dict)
        and data.get("format") == JOURNAL_FORMAT
        and isinstance(data.get("files"), dict)
    ):
        return {"format": JOURNAL_FORMAT, "files": {}}
    return data


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def safe_name(name: object) -> bool:
    """A relative path that cannot leave the output directory."""
    return isinstance(name, str) and all(
        _SAFE_SEGMENT.match(part) for part in name.split("/")
    )


def _owned(
    manifest: dict[str, Any] | None, journal: dict[str, Any] | None
) -> dict[str, set[str]]:
    """File -> the hashes it has when its content is the generator's own."""
    owned: dict[str, set[str]] = {}
    if manifest is not None:
        for name, entry in manifest["files"].items():
            if safe_name(name) and isinstance(entry, dict):
                digest = entry.get("sha256")
                owned.setdefault(name, set()).update(
                    [digest] if isinstance(digest, str) else []
                )
    if journal is not None:
        for name, hashes in journal["files"].items():
            if safe_name(name) and isinstance(hashes, list):
                owned.setdefault(name, set()).update(
                    h for h in hashes if isinstance(h, str)
                )
    return owned


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def hash_file(path: Path) -> str | None:
    """The file's hash; None when absent; OSError for what is not a regular file."""
    try:
        with open(path, "rb") as handle:
            return sha256(handle.read())
    except FileNotFoundError:
        if path.is_symlink():  # dangling: replacing it loses nothing
            return "symlink"
        return None


def plan(out: Path, files: Mapping[str, str], manifest: dict[str, Any] | None) -> Plan:
    """What writing ``files`` to ``out`` would change, sorted by name.

    ``manifest`` is the one already in ``out`` (see :func:`read_manifest`).
    Every difference is a change; those the generator may not make on its own
    authority (files it did not write, or that were edited since) are also
    conflicts, which :func:`write` refuses without ``overwrite``.
    """
    result = Plan(journal=read_journal(out))
    owned = _owned(manifest, result.journal)
    for name in sorted(files):
        try:
            if _read_bytes(out / name) == files[name].encode("utf-8"):
                result.unchanged.append(name)  # the common case: no hashing at all
                continue
            current = hash_file(out / name)
        except (IsADirectoryError, NotADirectoryError):
            result.changes.append(Change(name, "update"))
            result.conflicts.append(
                Conflict(name, "is in the way and is not a file", overridable=False)
            )
            continue
        result.seen[name] = current
        if current is None:
            result.changes.append(Change(name, "create"))
            continue
        result.changes.append(Change(name, "update"))
        mine = (
            manifest is not None if name == MANIFEST else current in owned.get(name, ())
        )
        if not mine:
            if name == MANIFEST and _read_json(out / name) is None:
                reason = (
                    "is not a manifest codegen can read (not JSON: a merge conflict?)"
                )
                advice = "restore it, or run with --overwrite to rewrite the tree"
                kind = "unreadable"
            else:
                edited = name in owned
                reason = (
                    "was edited since codegen wrote it"
                    if edited
                    else "was not written by codegen"
                )
                advice = "move it away, or run with --overwrite to overwrite it"
                kind = "hand-edited" if edited else "hand-written"
            result.conflicts.append(Conflict(name, reason, advice, kind=kind))
    for name in sorted(set(owned) - set(files)):
        try:
            current = hash_file(out / name)
        except (IsADirectoryError, NotADirectoryError):
            continue  # not a file the generator wrote, whatever it is now
        if current is None:
            continue
        result.seen[name] = current
        result.changes.append(Change(name, "delete"))
        if current not in owned[name]:
            result.conflicts.append(
                Conflict(
                    name,
                    "was edited since codegen wrote it and its target is gone",
                    "move it away, or run with --overwrite to delete it",
                    kind="hand-edited",
                )
            )
    result.changes.sort(key=lambda c: c.name)
    return result


def conflict_message(conflicts: list[Conflict], label: str) -> str:
    """One line naming the first file at fault, and how many more there are."""
    # An unreadable manifest makes every changed file look foreign: name the cause.
    first = next((c for c in conflicts if c.name == MANIFEST), conflicts[0])
    more = f" (and {len(conflicts) - 1} more)" if len(conflicts) > 1 else ""
    advice = f": {first.advice}" if first.advice else ""
    return f"{label}/{first.name} {first.reason}{advice}{more}"


def staged_path(out: Path, name: str) -> Path:
    target = out / name
    dot = "" if target.name.startswith(".") else "."
    return target.with_name(f"{dot}{target.name}{STAGED_SUFFIX}")
