"""The incremental cache: a service module is rebuilt only when one of its inputs changed.

An entry is keyed by a hash of everything the module's text depends on: the
model files' bytes, the roots, the line length, the generator's own source and
templates, and the versions of botocore, black and Jinja2. Entries carry a hash
of their own text and are written atomically, so a corrupt or truncated entry
is simply a miss; a stale one can never match a key.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

_GENERATOR_ROOT = Path(__file__).resolve().parent
CACHE_FORMAT = "2"


def default_cache_dir() -> Path:
    explicit = os.environ.get("CODEGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"
    )
    return Path(base) / "codegen"


@functools.cache
def generator_fingerprint() -> str:
    """A hash of the generator itself: its code, its templates, its dependencies."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    from codegen.render import TEMPLATES

    sources = sorted(_GENERATOR_ROOT.glob("*.py")) + sorted(TEMPLATES.glob("*.jinja"))
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for package in ("botocore", "black", "jinja2"):
        digest.update(f"{package}={version(package)}\0".encode())
    return digest.hexdigest()


def entry_key(model_fingerprint: str, roots: tuple[str, ...], line_length: int) -> str:
    text = json.dumps(
        [generator_fingerprint(), model_fingerprint, list(roots), line_length]
    )
    return hashlib.sha256(text.encode()).hexdigest()


class Cache:
    """Entries as JSON files under ``directory``; ``read=False`` only writes (``--force``)."""

    def __init__(self, directory: Path, *, read: bool = True) -> None:
        self.directory = directory
        self.read = read

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if not self.read:
            return None
        try:
            entry: dict[str, Any] = json.loads(
                self._path(key).read_text(encoding="utf-8")
            )
            checksum = entry.pop("sha256")
            if entry["key"] != key or _checksum(entry) != checksum:
                return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Store an entry; a cache that cannot be written only costs speed."""
        record = {**entry, "key": key}
        record["sha256"] = _checksum(record)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(record, handle)
            os.replace(temporary, path)
        except OSError:
            pass


def _checksum(entry: dict[str, Any]) -> str:
    """A hash over the whole entry, so no part of it can be damaged unnoticed."""
    return hashlib.sha256(
        json.dumps(entry, sort_keys=True).encode("utf-8", "surrogatepass")
    ).hexdigest()
