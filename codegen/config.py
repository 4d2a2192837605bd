"""Settings: ``[tool.codegen]`` in ``pyproject.toml``, overridden by the command line."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from codegen.errors import CodegenError

DEFAULT_OUT = "generated"
DEFAULT_LINE_LENGTH = 88
DEFAULT_CACHE_MAX_MB = 1024
CLIENT_KINDS = ("sync", "async")
# Synchronous only, unless asked: the output of a project that says nothing
# stays as it was, and an asynchronous client is only of use with aiobotocore.
DEFAULT_CLIENTS: tuple[str, ...] = ("sync",)
_KEYS = {
    "clients",
    "targets",
    "out",
    "line-length",
    "model-dirs",
    "botocore",
    "templates",
    "cache-max-mb",
}


@dataclass(frozen=True)
class Target:
    """A service, and the shapes whose closure to generate (none: every shape)."""

    service: str
    shapes: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Target:
        service, colon, shapes = text.strip().partition(":")
        names = tuple(s.strip() for s in shapes.split(",") if s.strip())
        if not service.strip() or (colon and not names):
            raise CodegenError(
                f"invalid target {text!r}: expected SERVICE or SERVICE:Shape[,Shape...]"
            )
        return cls(service.strip(), names)


@dataclass(frozen=True)
class Config:
    """What ``[tool.codegen]`` says, with paths made absolute."""

    targets: tuple[Target, ...] = ()
    out: Path = Path(DEFAULT_OUT)
    line_length: int = DEFAULT_LINE_LENGTH
    model_dirs: tuple[Path, ...] = field(default=())
    # The botocore version the committed output is made from; None: any.
    botocore: str | None = None
    templates: Path | None = None  # a directory of template overrides
    cache_max_mb: int | None = None  # None: $CODEGEN_CACHE_MAX_MB or the default
    clients: tuple[str, ...] = DEFAULT_CLIENTS  # which client classes: sync, async
    source: Path | None = None  # the pyproject.toml it came from


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.codegen]`` table, like black's search."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise CodegenError(f"{candidate}: invalid TOML: {exc}") from exc
            if "codegen" in data.get("tool", {}):
                return candidate
    return None


def load_config(start: Path) -> Config:
    path = find_pyproject(start)
    if path is None:
        return Config(out=start / DEFAULT_OUT)
    table = tomllib.loads(path.read_text(encoding="utf-8"))["tool"]["codegen"]
    where = f"{path}: [tool.codegen]"
    if not isinstance(table, dict):
        raise CodegenError(f"{where} must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise CodegenError(
            f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})"
        )
    targets = table.get("targets", [])
    if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
        raise CodegenError(f"{where}: 'targets' must be a list of strings")
    out = table.get("out", DEFAULT_OUT)
    if not isinstance(out, str) or not out:
        raise CodegenError(f"{where}: 'out' must be a path")
    line_length = table.get("line-length", DEFAULT_LINE_LENGTH)
    if (
        not isinstance(line_length, int)
        or isinstance(line_length, bool)
        or line_length < 40
    ):
        raise CodegenError(
            f"{where}: 'line-length' must be a whole number of at least 40"
        )
    model_dirs = table.get("model-dirs", [])
    if not isinstance(model_dirs, list) or not all(
        isinstance(d, str) and d.strip() for d in model_dirs
    ):
        raise CodegenError(f"{where}: 'model-dirs' must be a list of paths")
    pinned = table.get("botocore")
    if pinned is not None and (not isinstance(pinned, str) or not pinned.strip()):
        raise CodegenError(
            f"{where}: 'botocore' must be a version string such as \"1.44.8\""
        )
    templates = table.get("templates")
    if templates is not None and (not isinstance(templates, str) or not templates):
        raise CodegenError(f"{where}: 'templates' must be a directory path")
    cache_max_mb = table.get("cache-max-mb")
    if cache_max_mb is not None:
        cache_max_mb = check_cache_max_mb(cache_max_mb, f"{where}: 'cache-max-mb'")
    clients = DEFAULT_CLIENTS
    if "clients" in table:
        clients = check_clients(table["clients"], f"{where}: 'clients'")
    base = path.parent
    return Config(
        targets=tuple(Target.parse(t) for t in targets),
        out=base / out,
        line_length=line_length,
        model_dirs=tuple(base / d for d in model_dirs),
        botocore=pinned.strip() if pinned is not None else None,
        templates=base / templates if templates is not None else None,
        cache_max_mb=cache_max_mb,
        clients=clients,
        source=path,
    )


def check_cache_max_mb(value: object, what: str) -> int:
    """A cache size cap in MB: a whole number, 0 meaning "keep nothing"."""
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            pass
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise CodegenError(f"{what} must be a whole number of megabytes (0 or more)")
    return value


def check_clients(value: object, what: str) -> tuple[str, ...]:
    """Which client classes to generate: a list of "sync" and "async" (or their
    comma-separated text), in the order given by :data:`CLIENT_KINDS`."""
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    expected = 'a list of "sync" and "async", such as ["sync", "async"]'
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CodegenError(f"{what} must be {expected}")
    unknown = [v for v in value if v not in CLIENT_KINDS]
    if unknown:
        raise CodegenError(
            f"{what}: unknown client kind {unknown[0]!r} (known: sync, async)"
        )
    if not value:
        raise CodegenError(f"{what} must name at least one of sync, async")
    return tuple(kind for kind in CLIENT_KINDS if kind in value)
