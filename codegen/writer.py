"""The generated tree on disk: compare, diff, and replace it atomically.

The previous manifest says which files the generator wrote; only those are
ever updated or deleted. Everything else in the output directory is carried
over untouched (hard-linked, same inode) into the new tree.
"""

from __future__ import annotations

import ctypes
import difflib
import errno
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codegen.errors import CodegenError
from codegen.pipeline import MANIFEST

_SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Change:
    name: str  # relative to the output directory
    action: str  # "create", "update" or "delete"


def read_manifest(out: Path) -> dict[str, Any] | None:
    """The manifest of the previous run, or None when missing or unreadable."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return (
        data if isinstance(data, dict) and isinstance(data.get("files"), dict) else None
    )


def previously_written(manifest: dict[str, Any] | None) -> set[str]:
    """Files the generator wrote last time; names that could escape the directory are dropped."""
    if manifest is None:
        return set()
    return {
        name
        for name in manifest["files"]
        if isinstance(name, str) and _SAFE_NAME.match(name)
    }


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def plan(
    out: Path, files: dict[str, str], manifest: dict[str, Any] | None
) -> list[Change]:
    """What writing ``files`` to ``out`` would change, sorted by name.

    ``manifest`` is the one already in ``out`` (see :func:`read_manifest`).
    """
    changes = []
    for name, text in files.items():
        current = _read(out / name)
        if current is None and not (out / name).exists():
            changes.append(Change(name, "create"))
        elif current != text:
            changes.append(Change(name, "update"))
    for name in previously_written(manifest) - set(files):
        if (out / name).is_file():
            changes.append(Change(name, "delete"))
    return sorted(changes, key=lambda c: c.name)


def unified_diff(
    out: Path, files: dict[str, str], changes: list[Change], label: str
) -> str:
    chunks: list[str] = []
    for change in changes:
        old = "" if change.action == "create" else (_read(out / change.name) or "")
        new = "" if change.action == "delete" else files[change.name]
        chunks.extend(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{label}/{change.name}",
                tofile=f"b/{label}/{change.name}",
            )
        )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in chunks
    )


def write(out: Path, files: dict[str, str], changes: list[Change]) -> None:
    """Apply ``changes`` so that ``out`` switches from the old tree to the new in one step.

    The new tree is assembled in a sibling directory and exchanged with the old
    one by a single ``renameat2(RENAME_EXCHANGE)``; a run killed at any point
    leaves either the old tree or the new one, never a mix.
    """
    if not changes:
        return
    # Through a symlink, the real directory is replaced, next to itself.
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists() and not out.is_dir():
        raise CodegenError(f"{out}: output path exists and is not a directory")
    _remove_abandoned_staging(out)
    deleted = {c.name for c in changes if c.action == "delete"}
    written = {c.name for c in changes if c.action != "delete"}
    staging = Path(
        tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".codegen-new", dir=out.parent)
    )
    try:
        if out.exists():
            _link_tree(out, staging, skip=written | deleted)
            os.chmod(staging, out.stat().st_mode & 0o7777)
        else:
            os.chmod(staging, 0o777 & ~_umask())
        for name in sorted(written):  # unchanged files were linked over as they are
            _write_file(staging / name, files[name])
        _fsync_dir(staging)
        if out.exists():
            _exchange(staging, out)
        else:
            os.rename(staging, out)
        _fsync_dir(out.parent)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _remove_abandoned_staging(out: Path) -> None:
    """Drop what a killed run left next to ``out``; ``out`` itself was never touched."""
    for leftover in out.parent.glob(f".{out.name}.*.codegen-new"):
        shutil.rmtree(leftover, ignore_errors=True)


def _link_tree(source: Path, target: Path, skip: set[str]) -> None:
    """Recreate ``source`` in ``target`` with hard links, leaving out top-level ``skip``."""
    for entry in os.scandir(source):
        if entry.name in skip:
            continue
        destination = target / entry.name
        if entry.is_dir(follow_symlinks=False):
            destination.mkdir()
            _link_tree(Path(entry.path), destination, skip=set())
        elif entry.is_symlink():
            os.symlink(os.readlink(entry.path), destination)
        else:
            try:
                os.link(entry.path, destination)
            except OSError:
                shutil.copy2(entry.path, destination)


def _write_file(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> None:
    """Swap two directories atomically (Linux); elsewhere, two renames in a row."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        if (
            renameat2(
                _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
            )
            == 0
        ):
            return
        error = ctypes.get_errno()
        if error not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise OSError(error, os.strerror(error), str(b))
    # No atomic exchange on this system: the window between the renames is tiny.
    old = a.with_name(a.name + ".old")
    os.rename(b, old)
    os.rename(a, b)
    os.rename(old, a)
