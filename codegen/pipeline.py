"""The generator as one pipeline: load, resolve, render, format -- all in memory.

Nothing here touches the output directory; :mod:`codegen.writer` decides what
the resulting files mean for the tree on disk (write, check or diff).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen import __version__
from codegen.config import Target
from codegen.errors import CodegenError
from codegen.formatting import black_version, format_chunk, format_module
from codegen.ir import ServiceModule
from codegen.loader import ModelSource
from codegen.render import ModuleRenderer, render_package_init, render_runtime
from codegen.resolver import Resolver

MANIFEST = "codegen-manifest.json"
MANIFEST_FORMAT = 1


@dataclass
class Output:
    """The complete generated tree: relative path -> text, plus the manifest."""

    files: dict[str, str] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    botocore_version: str = ""
    line_length: int = 88

    def manifest(self) -> str:
        data = {
            "format": MANIFEST_FORMAT,
            "generator": f"codegen {__version__}",
            "botocore": self.botocore_version,
            "black": black_version(),
            "line_length": self.line_length,
            "files": {
                name: {"sha256": _sha256(text), **self.sources.get(name, {})}
                for name, text in sorted(self.files.items())
            },
        }
        return json.dumps(data, indent=2, sort_keys=True) + "\n"

    def all_files(self) -> dict[str, str]:
        """Every file to write, the manifest included."""
        return {**self.files, MANIFEST: self.manifest()}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def merge_targets(targets: Iterable[Target]) -> dict[str, tuple[str, ...]]:
    """Service -> sorted root shapes; an empty tuple means the whole service."""
    merged: dict[str, set[str] | None] = {}
    for target in targets:
        if not target.shapes:
            merged[target.service] = None
        elif target.service not in merged or merged[target.service] is not None:
            current = merged.get(target.service) or set()
            merged[target.service] = current | set(target.shapes)
    return {service: tuple(sorted(shapes or ())) for service, shapes in sorted(merged.items())}


def build(
    targets: Sequence[Target],
    *,
    model_dirs: Sequence[Path] = (),
    line_length: int = 88,
) -> Output:
    """Generate every file for ``targets`` and return them, writing nothing."""
    source = ModelSource([str(d) for d in model_dirs])
    output = Output(botocore_version=source.botocore_version, line_length=line_length)
    modules: list[ServiceModule] = []
    for service, roots in merge_targets(targets).items():
        loaded = source.load(service)
        module = Resolver(loaded).resolve(roots)
        filename = f"{module.module}.py"
        clash = next((m for m in modules if m.module == module.module), None)
        if clash:
            raise CodegenError(
                f"services {clash.service_name!r} and {service!r} would both be written to {filename}"
            )
        modules.append(module)
        output.files[filename] = format_module(
            ModuleRenderer(line_length).render_module(module), line_length
        )
        output.sources[filename] = {
            "service": service,
            "api_version": loaded.api_version,
            "uid": module.uid,
            "model_sha256": _sha256(json.dumps(loaded.raw, sort_keys=True)),
            "shapes": list(roots) or "*",
        }
    output.files["__init__.py"] = format_chunk(render_package_init(modules, line_length), line_length)
    output.files["_runtime.py"] = format_chunk(render_runtime(), line_length)
    output.files["py.typed"] = ""
    return output

