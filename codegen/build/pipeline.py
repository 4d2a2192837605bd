"""The generator as one pipeline: load, resolve, render, format -- all in memory.

Nothing here touches the output directory; :mod:`codegen.output.writer` decides what
the resulting files mean for the tree on disk (write, check or diff).
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen import __version__
from codegen.build import manifest, signals, support
from codegen.build.cache import Cache, entry_key
from codegen.build.files import PackedFiles
from codegen.build.manifest import MANIFEST, pack, surface_text
from codegen.build.workers import run as run_in_workers
from codegen.config import Target
from codegen.errors import CodegenError
from codegen.model.loader import ModelSource
from codegen.model.resolver import Resolver
from codegen.model.surface import surface
from codegen.render import templating
from codegen.render.formatting import (
    black_version,
    format_chunk,
    format_pieces,
    join_pieces,
)
from codegen.render.header import header
from codegen.render.module import ModuleRenderer, render_package_init
from codegen.render.partition import (
    PARTS_PACKAGE,
    SPLIT_ABOVE,
    ModuleSplitter,
    should_split,
)
from codegen.render.stubs import stub_module
from codegen.render.templating import Overrides


@dataclass
class Output:
    """The complete generated tree: relative path -> text, plus the manifest."""

    files: PackedFiles = field(default_factory=PackedFiles)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    # module file -> its API surface as canonical JSON (manifest.surface_text)
    surface_texts: dict[str, str] = field(default_factory=dict)
    # the same, packed (manifest.pack) by the worker that made it
    packed_surfaces: dict[str, str] = field(default_factory=dict)
    botocore_version: str = ""
    line_length: int = 88
    # template override file -> sha256 of its text
    templates: dict[str, str] = field(default_factory=dict)
    clients: tuple[str, ...] = ("sync",)

    def manifest_data(self) -> dict[str, Any]:
        files = {
            name: {"sha256": self.files.sha256(name), **self.sources.get(name, {})}
            for name in self.files
        }
        return manifest.manifest_data(
            generator=f"codegen {__version__}",
            botocore=self.botocore_version,
            black=black_version(),
            line_length=self.line_length,
            templates=self.templates,
            clients=self.clients,
            files=files,
            surfaces=self.surface_texts,
            packed=self.packed_surfaces,
        )

    def manifest(self) -> str:
        """The manifest's text: see :mod:`codegen.build.manifest`."""
        return manifest.dumps(self.manifest_data())

    def surfaces(self, names: Iterable[str] | None = None) -> dict[str, Any]:
        """Module file -> API surface (of ``names`` only, if given), for change reports."""
        wanted = (
            self.surface_texts
            if names is None
            else [n for n in names if n in self.surface_texts]
        )
        return {name: json.loads(self.surface_texts[name]) for name in wanted}

    def all_files(self) -> PackedFiles:
        """Every file to write, the manifest included."""
        files = self.files.copy()
        files[MANIFEST] = self.manifest()
        return files


def _packed(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry with its files as :class:`PackedFiles`, still compressed."""
    return {**entry, "files": PackedFiles.from_json(entry["files"])}


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
    templates: Overrides = ()
    split_above: int = SPLIT_ABOVE
    clients: tuple[str, ...] = ("sync",)


def generate_service(job: ServiceJob) -> dict[str, Any]:
    """Load, resolve, render and format one service: the cache entry for it."""
    source = _source(job.model_dirs, job.run)
    loaded = source.load(job.service)
    module = Resolver(loaded).resolve(job.roots)
    source.release(job.service)
    renderer = ModuleRenderer(job.line_length, job.templates, job.clients)
    if should_split(module, job.split_above):
        chunks = ModuleSplitter(renderer, module).render()
    else:
        chunks = {f"{module.module}.py": renderer.render_module(module)}
    files = PackedFiles()
    for path, module_chunks in sorted(chunks.items()):
        pieces = format_pieces(module_chunks, job.line_length)
        files[path] = join_pieces(pieces)
        files[f"{path}i"] = stub_module(pieces, job.line_length)  # what type checkers read
    text = surface_text(surface(module, job.clients))
    return {
        "service": job.service,
        "module": module.module,
        "full_name": module.full_name,
        "files": files.to_json(),  # packed here, in the worker
        "source": {
            "service": job.service,
            "api_version": loaded.api_version,
            "uid": module.uid,
            "model_sha256": job.model_sha256,
            "shapes": list(job.roots) or "*",
        },
        "surface": text,
        "packed_surface": pack(text),
        "client": module.client is not None and "sync" in job.clients,
        "async_client": module.client is not None and "async" in job.clients,
        # a class names _client without a client (an event stream, say)
        "uses_client": any(c.uses_client for c in module.classes),
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
    templates: Overrides = (),
    split_above: int = SPLIT_ABOVE,
    clients: tuple[str, ...] = ("sync",),
) -> Output:
    """Generate every file for ``targets`` and return them, writing nothing.

    Services whose inputs are unchanged come from ``cache``; the rest are
    generated in ``jobs`` worker processes, largest model first. A module with
    more than ``split_above`` classes and enums is split (:mod:`codegen.render.partition`).
    ``clients`` says which client classes a module with operations gets:
    ``"sync"`` (``S3Client``), ``"async"`` (``AsyncS3Client``), or both.
    """
    dirs = tuple(str(d) for d in model_dirs)
    run = next(_runs)
    source = _source(dirs, run)
    output = Output(
        botocore_version=source.botocore_version,
        line_length=line_length,
        templates=templating.fingerprints(templates),
        clients=clients,
    )
    overrides_key = templating.fingerprint(templates)
    entries: dict[str, dict[str, Any]] = {}
    pending: list[ServiceJob] = []
    for service, roots in merge_targets(targets).items():
        fingerprint = source.fingerprint(service)
        key = entry_key(
            fingerprint, roots, line_length, overrides_key, split_above, clients
        )
        hit = cache.get(key) if cache else None
        if hit is not None:
            entries[service] = _packed(hit)
        else:
            pending.append(
                ServiceJob(
                    service,
                    roots,
                    dirs,
                    line_length,
                    key,
                    fingerprint,
                    run,
                    templates,
                    split_above,
                    clients,
                )
            )
    pending.sort(key=lambda job: (-source.model_size(job.service), job.service))
    keys = {job.service: job.key for job in pending}
    for done, entry in enumerate(_run(pending, jobs), start=1):
        if cache:
            cache.put(keys[entry["service"]], entry)
        entries[entry["service"]] = _packed(entry)
        if progress:
            progress(done, len(pending), entry["service"])

    written_by: dict[str, str] = {}
    for service in sorted(entries):
        entry = entries[service]
        filename = f"{entry['module']}.py"
        for path in entry["files"]:
            if path in output.files:
                raise CodegenError(
                    f"services {written_by[path]!r} and {service!r} would both be "
                    f"written to {path}"
                )
            written_by[path] = service
            output.files.take(entry["files"], path)
        output.sources[filename] = entry["source"]
        output.surface_texts[filename] = entry["surface"]
        output.packed_surfaces[filename] = entry["packed_surface"]
    listing = sorted((e["module"], e["full_name"]) for e in entries.values())
    forced = templating.overridden(templates)
    output.files["__init__.py"] = format_chunk(
        render_package_init(listing, line_length, templates),
        line_length,
        override=forced.get("init.py.jinja"),
    )
    output.files[support.RUNTIME] = support.support_module(support.RUNTIME, line_length)
    if any(
        entry.get("client") or entry.get("async_client") or entry.get("uses_client")
        for entry in entries.values()
    ):
        output.files[support.CLIENT] = support.support_module(
            support.CLIENT, line_length
        )
    if any(entry.get("async_client") for entry in entries.values()):
        output.files[support.AIO] = support.support_module(support.AIO, line_length)
    if any(path.startswith(f"{PARTS_PACKAGE}/") for path in output.files):
        output.files[f"{PARTS_PACKAGE}/__init__.py"] = (
            f"{header('the configured targets')}\n"
            '"""Parts of the split service modules: import from those modules."""\n'
        )
    output.files["py.typed"] = ""
    return output


def _run(jobs: list[ServiceJob], workers: int) -> Iterator[dict[str, Any]]:
    """Results in completion order; the first error, or a stop request, ends every worker.

    Workers ignore SIGINT (see :func:`codegen.build.signals.worker_init`): the main
    process receives the stop and terminates them at once, instead of waiting
    for the services they are generating. A worker that dies (out of memory,
    killed) is a clean error, not a hang.
    """
    if workers <= 1 or len(jobs) <= 1:
        yield from map(generate_service, jobs)
        return
    yield from run_in_workers(generate_service, jobs, workers, signals.worker_init)
