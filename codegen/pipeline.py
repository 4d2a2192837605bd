"""The generator as one pipeline: load, resolve, render, format -- all in memory.

Nothing here touches the output directory; :mod:`codegen.writer` decides what
the resulting files mean for the tree on disk (write, check or diff).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import multiprocessing
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen import __version__
from codegen.cache import Cache, entry_key
from codegen.config import Target
from codegen.errors import CodegenError
from codegen.formatting import black_version, format_chunk, format_module
from codegen.loader import ModelSource
from codegen.render import (
    ModuleRenderer,
    render_client_runtime,
    render_package_init,
    render_runtime,
)
from codegen.resolver import Resolver
from codegen.surface import surface, surface_json

MANIFEST = "codegen-manifest.json"
MANIFEST_FORMAT = 2
_PLACEHOLDER = re.compile(r'"\\u0000([^"]+)"')


@dataclass
class Output:
    """The complete generated tree: relative path -> text, plus the manifest."""

    files: dict[str, str] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    # module file -> its API surface, already laid out as manifest JSON
    surface_texts: dict[str, str] = field(default_factory=dict)
    botocore_version: str = ""
    line_length: int = 88

    def manifest(self) -> str:
        """The manifest as JSON: readable, with one line per class of each API surface."""
        files = {}
        for name, text in sorted(self.files.items()):
            entry: dict[str, Any] = {
                "sha256": _sha256(text),
                **self.sources.get(name, {}),
            }
            if name in self.surface_texts:
                entry["surface"] = f"\0{name}"
            files[name] = entry
        data = {
            "format": MANIFEST_FORMAT,
            "generator": f"codegen {__version__}",
            "botocore": self.botocore_version,
            "black": black_version(),
            "line_length": self.line_length,
            "files": files,
        }
        text = json.dumps(data, indent=2, sort_keys=True)
        return (
            _PLACEHOLDER.sub(lambda match: self.surface_texts[match.group(1)], text)
            + "\n"
        )

    def surfaces(self, names: Iterable[str] | None = None) -> dict[str, Any]:
        """Module file -> API surface (of ``names`` only, if given), for change reports."""
        wanted = (
            self.surface_texts
            if names is None
            else [n for n in names if n in self.surface_texts]
        )
        return {name: json.loads(self.surface_texts[name]) for name in wanted}

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
    return {
        service: tuple(sorted(shapes or ()))
        for service, shapes in sorted(merged.items())
    }


ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ServiceJob:
    """One service module to generate; everything a worker process needs."""

    service: str
    roots: tuple[str, ...]
    model_dirs: tuple[str, ...]
    line_length: int
    key: str
    model_sha256: str
    # Which build the job belongs to: model sources are shared within one build only.
    run: int


def generate_service(job: ServiceJob) -> dict[str, Any]:
    """Load, resolve, render and format one service: the cache entry for it."""
    loaded = _source(job.model_dirs, job.run).load(job.service)
    module = Resolver(loaded).resolve(job.roots)
    text = format_module(
        ModuleRenderer(job.line_length).render_module(module), job.line_length
    )
    return {
        "service": job.service,
        "module": module.module,
        "full_name": module.full_name,
        "text": text,
        "source": {
            "service": job.service,
            "api_version": loaded.api_version,
            "uid": module.uid,
            "model_sha256": job.model_sha256,
            "shapes": list(job.roots) or "*",
        },
        "surface": surface_json(surface(module), depth=3),
        "client": module.client is not None,
    }


@functools.lru_cache(maxsize=1)
def _source(model_dirs: tuple[str, ...], run: int) -> ModelSource:
    """One model source per build and process: botocore's loader caches what it read."""
    return ModelSource(model_dirs)


_runs = itertools.count()


def build(
    targets: Sequence[Target],
    *,
    model_dirs: Sequence[Path] = (),
    line_length: int = 88,
    jobs: int = 1,
    cache: Cache | None = None,
    progress: ProgressCallback | None = None,
) -> Output:
    """Generate every file for ``targets`` and return them, writing nothing.

    Services whose inputs are unchanged come from ``cache``; the rest are
    generated in ``jobs`` worker processes, largest model first.
    """
    dirs = tuple(str(d) for d in model_dirs)
    run = next(_runs)
    source = _source(dirs, run)
    output = Output(botocore_version=source.botocore_version, line_length=line_length)
    entries: dict[str, dict[str, Any]] = {}
    pending: list[ServiceJob] = []
    for service, roots in merge_targets(targets).items():
        fingerprint = source.fingerprint(service)
        key = entry_key(fingerprint, roots, line_length)
        hit = cache.get(key) if cache else None
        if hit is not None:
            entries[service] = hit
        else:
            pending.append(
                ServiceJob(service, roots, dirs, line_length, key, fingerprint, run)
            )
    pending.sort(key=lambda job: (-source.model_size(job.service), job.service))
    keys = {job.service: job.key for job in pending}
    for done, entry in enumerate(_run(pending, jobs), start=1):
        entries[entry["service"]] = entry
        if cache:
            cache.put(keys[entry["service"]], entry)
        if progress:
            progress(done, len(pending), entry["service"])

    modules: dict[str, str] = {}
    for service in sorted(entries):
        entry = entries[service]
        filename = f"{entry['module']}.py"
        if filename in output.files:
            raise CodegenError(
                f"services {modules[filename]!r} and {service!r} would both be written to {filename}"
            )
        modules[filename] = service
        output.files[filename] = entry["text"]
        output.sources[filename] = entry["source"]
        output.surface_texts[filename] = entry["surface"]
    listing = sorted((e["module"], e["full_name"]) for e in entries.values())
    output.files["__init__.py"] = format_chunk(
        render_package_init(listing, line_length), line_length
    )
    output.files["_runtime.py"] = format_chunk(render_runtime(), line_length)
    if any(entry.get("client") for entry in entries.values()):
        output.files["_client.py"] = format_chunk(render_client_runtime(), line_length)
    output.files["py.typed"] = ""
    return output


def _run(jobs: list[ServiceJob], workers: int) -> Iterator[dict[str, Any]]:
    """Results in completion order; the first error stops the rest."""
    if workers <= 1 or len(jobs) <= 1:
        yield from map(generate_service, jobs)
        return
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    with ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)), mp_context=context
    ) as pool:
        futures = [pool.submit(generate_service, job) for job in jobs]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
