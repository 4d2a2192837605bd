"""The incremental cache: a service module is rebuilt only when one of its inputs changed.

An entry is keyed by a hash of everything the module's text depends on: the
model files' bytes, the roots, the line length, the template overrides, the
generator's own source and templates, the versions of botocore, black and
Jinja2, and the Python version and implementation (``str.isprintable``, for
one, differs between Python versions). Entries carry a hash of their own text
and are written atomically, so a corrupt or truncated entry is simply a miss; a
stale one can never match a key.

Entries live under a directory per *generation* -- one generator build with one
botocore on one Python. A generation other than the running one can never be
hit again by this installation, so a run that stored something removes them,
and then drops the least recently used entries of its own generation until the
cache fits its size cap. Only files the cache itself names are ever deleted,
so a ``--cache-dir`` pointed at the wrong directory loses nothing else.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import re
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

from codegen.config import DEFAULT_CACHE_MAX_MB, check_cache_max_mb

_GENERATOR_ROOT = Path(__file__).resolve().parent.parent
# Sub-packages no service module's text depends on: the support modules are
# copied whole (codegen.build.support), the command line and the writer only
# decide what happens to the text. Editing them keeps the cache valid.
_NOT_IN_MODULE_TEXT = frozenset({"runtime", "cli", "output"})
CACHE_FORMAT = "4"
_GENERATION = re.compile(r"^g[0-9a-f]{16}$")
_ENTRY = re.compile(r"^[0-9a-f]{64}\.json$|^[0-9a-f]{64}\.json\.[^/]*\.tmp$")
_BUCKET = re.compile(r"^[0-9a-f]{2}$")
_MB = 1024 * 1024


def default_cache_dir() -> Path:
    explicit = os.environ.get("CODEGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    return Path(base) / "codegen"


def default_max_mb() -> int:
    """``$CODEGEN_CACHE_MAX_MB``, else the built-in cap."""
    explicit = os.environ.get("CODEGEN_CACHE_MAX_MB")
    if explicit is None or not explicit.strip():
        return DEFAULT_CACHE_MAX_MB
    return check_cache_max_mb(explicit, "$CODEGEN_CACHE_MAX_MB")


def interpreter() -> str:
    """The Python the output was made with: implementation and full version."""
    return (
        f"{platform.python_implementation()}-{'.'.join(map(str, sys.version_info[:3]))}"
    )


def key_components() -> dict[str, str]:
    """What, besides a job's own inputs, decides the text of every module."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    from codegen.render.templating import TEMPLATES

    sources = {
        path.relative_to(_GENERATOR_ROOT).as_posix(): path
        for path in _GENERATOR_ROOT.rglob("*.py")
        if path.relative_to(_GENERATOR_ROOT).parts[0] not in _NOT_IN_MODULE_TEXT
    }
    sources.update((f"templates/{p.name}", p) for p in TEMPLATES.glob("*.jinja"))
    for name, path in sorted(sources.items()):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    components = {"generator": digest.hexdigest(), "python": interpreter()}
    for package in ("botocore", "black", "jinja2"):
        components[package] = version(package)
    return components


@functools.cache
def generator_fingerprint() -> str:
    """A hash of the generator itself: its code, its templates, its dependencies, Python."""
    return hashlib.sha256(
        json.dumps(key_components(), sort_keys=True).encode()
    ).hexdigest()


def entry_key(
    model_fingerprint: str,
    roots: tuple[str, ...],
    line_length: int,
    templates: str = "",
    split_above: int = 0,
    clients: tuple[str, ...] = ("sync",),
    generator: str | None = None,
) -> str:
    """The key of one service module: every input its text depends on.

    ``templates`` is the fingerprint of the template overrides ("" for none);
    ``generator`` defaults to this installation's :func:`generator_fingerprint`.
    """
    text = json.dumps(
        [
            generator or generator_fingerprint(),
            model_fingerprint,
            list(roots),
            line_length,
            templates,
            split_above,
            list(clients),
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()


class Cache:
    """Entries as JSON files under ``directory``; ``read=False`` only writes (``--force``).

    ``max_mb`` caps the size of the whole directory; see :meth:`prune`.
    """

    def __init__(
        self, directory: Path, *, read: bool = True, max_mb: int | None = None
    ) -> None:
        self.directory = directory
        self.read = read
        self.max_bytes = (default_max_mb() if max_mb is None else max_mb) * _MB
        self.generation = "g" + generator_fingerprint()[:16]
        self.stored = 0

    def _path(self, key: str) -> Path:
        return self.directory / self.generation / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if not self.read:
            return None
        path = self._path(key)
        try:
            entry: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            checksum = entry.pop("sha256")
            if entry["key"] != key or _checksum(entry) != checksum:
                return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        try:
            os.utime(path)  # recently used: pruned last
        except OSError:
            pass
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Store an entry; a cache that cannot be written only costs speed."""
        # encoded once: the checksum is of this text, and it goes last in the file
        body = json.dumps({**entry, "key": key}, sort_keys=True)
        checksum = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(
                dir=path.parent, prefix=path.name + ".", suffix=".tmp"
            )
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(f'{body[:-1]}, "sha256": "{checksum}"}}')
            os.replace(temporary, path)
            self.stored += 1
        except OSError:
            pass

    def prune(self) -> None:
        """Drop other generations, then least recently used entries above the cap.

        Runs only after something was stored, so a no-op rerun costs nothing.
        """
        if not self.stored:
            return
        entries: list[tuple[float, int, str]] = []
        for generation in _children(self.directory):
            if generation.name == self.generation:
                entries.extend(_entries(generation))
            elif _GENERATION.match(generation.name) or _BUCKET.match(generation.name):
                _remove_entries(generation)  # older layouts kept buckets at the top
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            try:
                os.unlink(path)
                total -= size
            except OSError:
                pass

    def clear(self) -> tuple[int, int]:
        """Remove every entry of every generation: (entries, bytes) removed."""
        count = size = 0
        for child in _children(self.directory):
            if _GENERATION.match(child.name) or _BUCKET.match(child.name):
                removed = _remove_entries(child)
                count += removed[0]
                size += removed[1]
        return count, size


def _children(directory: Path) -> list[Path]:
    try:
        return [Path(e.path) for e in os.scandir(directory) if e.is_dir()]
    except OSError:
        return []


def _entries(generation: Path) -> list[tuple[float, int, str]]:
    """(last used, size, path) of every entry file in a generation directory."""
    found = []
    for bucket in _children(generation):
        if not _BUCKET.match(bucket.name):
            continue
        try:
            with os.scandir(bucket) as listing:
                for entry in listing:
                    if _ENTRY.match(entry.name):
                        stat = entry.stat()
                        found.append((stat.st_mtime, stat.st_size, entry.path))
        except OSError:
            continue
    return found


def _remove_entries(directory: Path) -> tuple[int, int]:
    """Delete the cache's own files under ``directory``; then the directories, if empty."""
    buckets = [directory] if _BUCKET.match(directory.name) else []
    buckets += [b for b in _children(directory) if _BUCKET.match(b.name)]
    count = size = 0
    for bucket in buckets:
        try:
            with os.scandir(bucket) as listing:
                for entry in listing:
                    if _ENTRY.match(entry.name) and entry.is_file():
                        size += entry.stat().st_size
                        os.unlink(entry.path)
                        count += 1
        except OSError:
            pass
    for empty in [*buckets, directory]:
        try:
            os.rmdir(empty)
        except OSError:
            pass
    return count, size


def _checksum(entry: dict[str, Any]) -> str:
    """A hash over the whole entry, so no part of it can be damaged unnoticed."""
    return hashlib.sha256(
        json.dumps(entry, sort_keys=True).encode("utf-8", "surrogatepass")
    ).hexdigest()
