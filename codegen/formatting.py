"""Formatting generated source with black, in-process, through its Python API."""

from __future__ import annotations

import functools

import black

from codegen.errors import CodegenError


@functools.cache
def _mode(line_length: int) -> black.Mode:
    return black.Mode(
        target_versions={black.TargetVersion.PY310},
        line_length=line_length,
    )


def format_source(source: str, line_length: int, filename: str) -> str:
    """``source`` as black writes it; a syntax error here is a generator bug."""
    try:
        return black.format_str(source, mode=_mode(line_length))
    except black.InvalidInput as exc:  # pragma: no cover - would be a template bug
        raise RuntimeError(f"generated {filename} is not valid Python: {exc}") from exc


def black_version() -> str:
    return str(black.__version__)


__all__ = ["CodegenError", "black_version", "format_source"]
