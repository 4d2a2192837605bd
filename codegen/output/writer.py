"""The generated tree on disk: diffing it, and replacing files without losing any.

Ownership. :func:`codegen.output.ownership.plan` decides, before anything is touched,
what changes and whether the generator may make each change: a file is
overwritten or deleted only when the manifest (or an interrupted run's journal)
records its current hash; anything else is a conflict that stops the run
(``overwrite`` overrides). A directory that holds a project (``.git``,
``pyproject.toml``, ...) is never an output directory.

Protocol. The output directory stays the same directory (same inode, so a
shell inside it, a bind mount or a Docker volume all keep working, and its
parent may be read-only); files are replaced one by one, each atomically:

1. the journal ``.codegen-journal.json`` is written (staged, fsynced, renamed):
   for every file about to change, the hashes it may legitimately have while
   the run is under way, old and new;
2. each new file is staged as ``.<name>.codegen-new`` beside its target and
   fsynced; then the directory is fsynced;
3. every file to replace or delete is checked to still have the hash seen when
   planning (a save made during the run stops it with nothing changed);
4. commit: each staged file is renamed over its target (``os.replace``) and
   each dropped file unlinked, the manifest last -- the manifest is the
   commit point; the directory is fsynced around the manifest;
5. the journal is removed.

Until step 4 a failure or stop request removes what steps 1-2 created, so the
tree is exactly as it was. A run killed at any step leaves every file old or
new (a rename is atomic) plus the journal; the next run accepts the journal's
hashes as the generator's own, removes the staged leftovers it lists, and
completes to its own target; ``--check`` reports the interrupted run.
"""

from __future__ import annotations

import difflib
import errno
import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from codegen.build import signals
from codegen.build.manifest import MANIFEST
from codegen.errors import CodegenError
from codegen.output.ownership import (
    JOURNAL,
    JOURNAL_FORMAT,
    PROJECT_MARKERS,
    STAGED_SUFFIX,
    Change,
    Conflict,
    Plan,
    check_output_dir,
    conflict_message,
    hash_file,
    plan,
    read_journal,
    read_manifest,
    safe_name,
    sha256,
    staged_path,
)

__all__ = [
    "JOURNAL",
    "PROJECT_MARKERS",
    "STAGED_SUFFIX",
    "Change",
    "Conflict",
    "Plan",
    "check_output_dir",
    "conflict_message",
    "fault_hook",
    "plan",
    "read_journal",
    "read_manifest",
    "unified_diff",
    "write",
]

# Called with the name of each step before it is taken; tests inject faults here.
fault_hook: Callable[[str], None] | None = None


def _step(label: str) -> None:
    if fault_hook is not None:
        fault_hook(label)


def unified_diff(
    out: Path, files: Mapping[str, str], changes: list[Change], label: str
) -> str:
    """The diff of ``changes``; ``label`` is the output directory as the headers name it."""
    chunks: list[str] = []
    for change in changes:
        old = "" if change.action == "create" else _read_text(out / change.name)
        new = "" if change.action == "delete" else files[change.name]
        chunks.extend(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                # /dev/null, as git and diff write them: how patch and
                # git apply tell a created or deleted file
                fromfile=(
                    "/dev/null"
                    if change.action == "create"
                    else f"a/{label}/{change.name}"
                ),
                tofile=(
                    "/dev/null"
                    if change.action == "delete"
                    else f"b/{label}/{change.name}"
                ),
            )
        )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in chunks
    )


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""


def write(
    out: Path, files: Mapping[str, str], planned: Plan, *, overwrite: bool = False
) -> None:
    """Apply ``planned`` to ``out`` by the protocol in this module's docstring.

    A conflict raises :class:`CodegenError` with nothing touched, unless
    ``overwrite`` and it is overridable. A stop request raises
    :class:`codegen.build.signals.Interrupted`: before the commit with the tree as it
    was, after it (``completed``) with the new tree.
    """
    blocking = [c for c in planned.conflicts if not (overwrite and c.overridable)]
    if blocking:
        raise CodegenError(conflict_message(blocking, str(out)))
    if not planned.changes and not planned.interrupted:
        return
    _make_directory(out)
    with signals.deferred():
        _discard_staged(out, planned.journal)
        writes = [c.name for c in planned.changes if c.action != "delete"]
        staged: list[Path] = []
        journal = _journal(planned, files)
        try:
            signals.poll()
            _put(out, JOURNAL, json.dumps(journal, indent=1, sort_keys=True) + "\n")
            for name in writes:
                signals.poll()
                staged.append(_stage(out, name, files[name], planned.seen.get(name)))
            _step("fsync directory")
            _fsync_directories(out, writes)
            _verify_unchanged(out, planned)
            signals.poll()
        except BaseException:
            _abandon(out, staged, writes, keep_journal=planned.interrupted)
            raise
        _commit(out, planned)
        received = signals.take()
    if received is not None:
        raise signals.Interrupted(received, completed=True)


def _make_directory(out: Path) -> None:
    if out.is_dir():
        return
    try:
        out.mkdir(parents=True)
    except FileExistsError:
        if not out.is_dir():
            raise CodegenError(
                f"{out}: output path exists and is not a directory"
            ) from None
    _fsync_directory(out.parent)


def _journal(planned: Plan, files: Mapping[str, str]) -> dict[str, Any]:
    """Every hash a changing file may have until the commit; an earlier journal's too."""
    hashes: dict[str, set[str]] = {}
    if planned.journal is not None:
        for name, known in planned.journal["files"].items():
            if safe_name(name) and isinstance(known, list):
                hashes[name] = {h for h in known if isinstance(h, str)}
    for change in planned.changes:
        known = hashes.setdefault(change.name, set())
        before = planned.seen.get(change.name)
        if before is not None:
            known.add(before)
        if change.action != "delete":
            known.add(sha256(files[change.name].encode("utf-8")))
    return {
        "format": JOURNAL_FORMAT,
        "files": {name: sorted(known) for name, known in sorted(hashes.items())},
    }


def _discard_staged(out: Path, journal: dict[str, Any] | None) -> None:
    """Remove the staged files a killed run left: only names its journal lists."""
    names = [JOURNAL] + [
        name for name in (journal or {}).get("files", {}) if safe_name(name)
    ]
    for name in names:
        try:
            staged_path(out, name).unlink()
        except FileNotFoundError:
            pass
    _remove_emptied(out, names)  # the directories the killed run made for them


def _stage(out: Path, name: str, text: str, before: str | None) -> Path:
    """Write ``text`` beside ``name``, durable, keeping the mode of the file it replaces."""
    target = out / name
    staged = staged_path(out, name)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o7777 if before is not None else None
    except OSError:
        mode = None
    _step(f"stage {name}: open")
    try:
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise CodegenError(
            f"{staged}: in the way of codegen's staging file; remove it"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            _step(f"stage {name}: fsync")
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(staged, mode)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged


def _put(out: Path, name: str, text: str) -> None:
    """Stage and rename one file in a single step (the journal)."""
    staged = _stage(out, name, text, None)
    _step(f"replace {name}")
    os.replace(staged, out / name)
    _fsync_directory(out)


def _verify_unchanged(out: Path, planned: Plan) -> None:
    """Files to replace or delete still hold what was planned: no save is lost."""
    for change in planned.changes:
        try:
            current = hash_file(out / change.name)
        except OSError:
            current = "not a file"
        if current != planned.seen.get(change.name):
            raise CodegenError(
                f"{out / change.name}: changed while codegen ran; nothing was "
                "written: run codegen again"
            )


def _abandon(
    out: Path, staged: Iterable[Path], writes: list[str], *, keep_journal: bool
) -> None:
    """Undo steps 1-2: the tree is as it was (an earlier run's journal stays, merged),
    without the directories made for ``writes``, staged or not."""
    for path in staged:
        path.unlink(missing_ok=True)
    _remove_emptied(out, writes)
    staged_path(out, JOURNAL).unlink(missing_ok=True)
    if not keep_journal:
        (out / JOURNAL).unlink(missing_ok=True)
    _fsync_directory(out)


def _commit(out: Path, planned: Plan) -> None:
    """Step 4 and 5: rename staged files in, unlink dropped ones, manifest last."""
    changes = sorted(planned.changes, key=lambda c: (c.name == MANIFEST, c.name))
    for change in changes:
        if change.name == MANIFEST:
            _step("fsync directory")
            _fsync_directories(out, [c.name for c in changes])
        target = out / change.name
        if change.action == "delete":
            _step(f"delete {change.name}")
            target.unlink(missing_ok=True)
        else:
            _step(f"replace {change.name}")
            os.replace(staged_path(out, change.name), target)
    _step("fsync directory")
    _fsync_directories(out, [c.name for c in changes])
    _remove_emptied(out, [c.name for c in changes if c.action == "delete"])
    _step(f"delete {JOURNAL}")
    (out / JOURNAL).unlink(missing_ok=True)
    _fsync_directory(out)


def _remove_emptied(out: Path, deleted: list[str]) -> None:
    """Remove the directories under ``out`` that deleting ``deleted`` left empty
    (a split module's parts when it is one module again, or those a stopped run
    made for its staged files). Only empty ones: ``rmdir`` refuses anything that
    still holds a file, ours or not."""
    directories = {
        parent
        for name in deleted
        for parent in (out / name).parents
        if parent != out and out in parent.parents
    }
    for directory in sorted(directories, key=lambda d: -len(d.parts)):
        try:
            directory.rmdir()
        except OSError:
            pass


def _fsync_directories(out: Path, names: Iterable[str]) -> None:
    for directory in sorted({(out / name).parent for name in names} | {out}):
        _fsync_directory(directory)


def _fsync_directory(path: Path) -> None:
    """Make renames in ``path`` durable; a directory that cannot be opened is skipped."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.EROFS, errno.EBADF):
            raise
    finally:
        os.close(fd)
