"""The ``codegen`` command: settings in, pipeline run, result reported.

Exit codes: 0 success (or up to date), 1 ``--check`` or ``--diff`` found stale
files (or an interrupted run), 2 a user error, reported as one line on stderr (a file
codegen may not overwrite included), 3 ``--fail-on-breaking`` and the API
change report has a breaking change, 130 and 143 stopped by SIGINT or SIGTERM.
``codegen docs``: 0 built, 1 Sphinx reported an error (or, with ``--strict``, a
warning), 2 a user error (no package there, the docs extra not installed).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from codegen.build import pipeline, signals
from codegen.build.cache import Cache, default_cache_dir
from codegen.build.manifest import recorded_surface
from codegen.cli import arguments, versions
from codegen.config import (
    Config,
    Target,
    check_cache_max_mb,
    check_clients,
    load_config,
)
from codegen.errors import CodegenError
from codegen.model import discovery
from codegen.model.loader import ModelSource
from codegen.output import report, report_format, writer
from codegen.output.changes import Report
from codegen.render import templating


def _settings(
    args: argparse.Namespace, config: Config
) -> tuple[list[Target], Path, int, list[Path]]:
    model_dirs = _model_dirs(args, config)
    if args.all:
        if args.targets:
            raise CodegenError("--all generates every service: name no targets with it")
        services = ModelSource([str(d) for d in model_dirs]).available_services()
        targets = [Target(service) for service in services]
    else:
        targets = [Target.parse(t) for t in args.targets] or list(config.targets)
    if not targets:
        raise CodegenError(
            "no targets: name one (e.g. rekognition:GetFaceLivenessSessionResultsResponse) "
            "or list them in [tool.codegen] targets of pyproject.toml"
        )
    out = args.out if args.out is not None else config.out
    line_length = (
        args.line_length if args.line_length is not None else config.line_length
    )
    if line_length < 40:
        raise CodegenError("--line-length must be at least 40")
    if args.jobs < 1:
        raise CodegenError("--jobs must be at least 1")
    return targets, out, line_length, model_dirs


def _model_dirs(args: argparse.Namespace, config: Config) -> list[Path]:
    """The model directories, each checked: a mistyped one would otherwise fall
    through to botocore's own models without a word."""
    named = [(d, "--model-dir") for d in args.model_dir]
    named += [(d, f"{config.source}: 'model-dirs' entry") for d in config.model_dirs]
    for directory, where in named:
        if not directory.is_dir():
            problem = "is not a directory" if directory.exists() else "does not exist"
            raise CodegenError(f"{where} {directory} {problem}")
    return [directory for directory, _ in named]


class Progress:
    """A one-line ``[done/total] service`` display for terminals, erased when done."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, done: int, total: int, service: str) -> None:
        if total > 1:
            sys.stderr.write(f"\r\033[K[{done}/{total}] {service}")
            sys.stderr.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _display(path: Path) -> str:
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _cache(args: argparse.Namespace, config: Config) -> Cache:
    max_mb = (
        check_cache_max_mb(args.cache_max_mb, "--cache-max-mb")
        if args.cache_max_mb is not None
        else config.cache_max_mb
    )
    return Cache(
        args.cache_dir or default_cache_dir(), read=not args.force, max_mb=max_mb
    )


def _clients(args: argparse.Namespace, config: Config) -> tuple[str, ...]:
    if args.clients is not None:
        return check_clients(args.clients, "--clients")
    return config.clients


def _list(args: argparse.Namespace, config: Config) -> int:
    source = ModelSource([str(d) for d in _model_dirs(args, config)])
    if args.list:
        lines = discovery.list_service(source, args.list, _clients(args, config))
    else:
        lines = discovery.list_services(source)
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


def run(args: argparse.Namespace) -> int:
    config = load_config(Path.cwd())
    if args.command == arguments.DOCS_COMMAND:
        return _docs(args, config)
    if args.clear_cache:
        cache = _cache(args, config)
        count, size = cache.clear()
        print(
            f"codegen: removed {count} cache entries ({size / 1024 / 1024:.1f} MB) "
            f"from {cache.directory}",
            file=sys.stderr,
        )
        return 0
    if args.list is not None:
        return _list(args, config)
    versions.check_pinned_botocore(config)
    targets, out, line_length, model_dirs = _settings(args, config)
    writer.check_output_dir(out)
    if args.report is not None and out.resolve() in args.report.resolve().parents:
        raise CodegenError(
            f"--report {args.report} is inside the output directory {out}, which "
            "holds generated files only: write the report elsewhere"
        )
    cache = _cache(args, config)
    templates_dir = args.templates if args.templates is not None else config.templates
    overrides = (
        templating.load_overrides(templates_dir) if templates_dir is not None else ()
    )
    clients = _clients(args, config)
    progress = Progress() if sys.stderr.isatty() else None
    try:
        output = pipeline.build(
            targets,
            model_dirs=model_dirs,
            line_length=line_length,
            jobs=args.jobs,
            cache=cache,
            progress=progress,
            templates=overrides,
            clients=clients,
        )
    finally:
        if progress:
            progress.close()
    cache.prune()
    files = output.all_files()
    previous = writer.read_manifest(out)
    planned = writer.plan(out, files, previous)
    changes = planned.changes
    label = _display(out)
    api_changes = _api_changes(previous, output, changes) if changes else Report()
    if args.report:
        _write_report(args.report, args.report_format, api_changes)
    overwritten = {
        c.name: c for c in planned.conflicts if args.overwrite and c.overridable
    }
    blocking = [c for c in planned.conflicts if c.name not in overwritten]
    generator = versions.generator_mismatch(previous, label) if changes else None
    if args.check or args.diff:  # --diff is --check with the diff on stdout
        if args.diff:
            root = _project_root(config)
            sys.stdout.write(
                writer.unified_diff(out, files, changes, _diff_label(out, root))
            )
        if planned.interrupted:
            print(
                f"{label}: a codegen run was interrupted here and left it partly "
                "written: run codegen to complete it",
                file=sys.stderr,
            )
        if changes:
            made_with = previous.get("botocore") if previous else None
            if made_with and made_with != output.botocore_version:
                print(
                    f"{label} was generated from botocore {made_with}, installed "
                    f"{output.botocore_version}: run codegen",
                    file=sys.stderr,
                )
            if generator is not None:
                print(generator.check_message, file=sys.stderr)
            # What a run would refuse is said here too, so --check and the run agree;
            # under another generator, that is all that is listed.
            refused = {c.name: c.reason for c in blocking}
            for change in changes:
                if change.name in overwritten:
                    kind = overwritten[change.name].kind
                    verb = "delete" if change.action == "delete" else "overwrite"
                    line = f"would {verb} {kind} {label}/{change.name}"
                elif change.name in refused:
                    line = (
                        f"would {change.action} {label}/{change.name} "
                        f"({refused[change.name]})"
                    )
                elif generator is None:
                    line = f"would {change.action} {label}/{change.name}"
                else:
                    continue
                print(line, file=sys.stderr)
        sys.stderr.write(report_format.render_summary(api_changes, args.report))
    else:
        if blocking:
            raise CodegenError(writer.conflict_message(blocking, label))
        if generator is not None:
            if generator.newer and not args.overwrite:
                raise CodegenError(generator.refusal)
            print(generator.run_message, file=sys.stderr)
        writer.write(out, files, planned, overwrite=args.overwrite)
        for change in changes:
            print(
                _written(change, overwritten.get(change.name), label), file=sys.stderr
            )
        sys.stderr.write(report_format.render_summary(api_changes, args.report))
        if changes or planned.interrupted:
            print(planned.summary(), file=sys.stderr)
    if args.fail_on_breaking and api_changes.breaking:
        return 3
    checking = args.check or args.diff
    return 1 if checking and (changes or planned.interrupted) else 0


def _docs(args: argparse.Namespace, config: Config) -> int:
    """``codegen docs``: the reference of the configured output, at the project root."""
    from codegen.reference import builder

    package = args.package if args.package is not None else config.out
    out = args.out if args.out is not None else _project_root(config) / "build" / "docs"
    if args.jobs < 1:
        raise CodegenError("--jobs must be at least 1")
    status = builder.build(package, out, jobs=args.jobs, strict=args.strict)
    if status == 0:
        print(
            f"codegen: the reference of {_display(package)} is in "
            f"{_display(out / 'index.html')}",
            file=sys.stderr,
        )
    return 1 if status else 0


def _written(
    change: writer.Change, replaced: writer.Conflict | None, label: str
) -> str:
    """The line for one change a run made; a file that was not codegen's to
    replace is named as such (``overwrote hand-edited ...``), never ``updated``."""
    if replaced is not None:
        verb = "deleted" if change.action == "delete" else "overwrote"
        return f"{verb} {replaced.kind} {label}/{change.name}"
    past = {"create": "created", "update": "updated", "delete": "deleted"}
    return f"{past[change.action]} {label}/{change.name}"


def _project_root(config: Config) -> Path:
    """Where ``git apply`` is run: the directory of pyproject.toml, else this one."""
    if config.source is not None:
        return config.source.parent
    cwd = Path.cwd()
    for directory in (cwd, *cwd.parents):
        if (directory / "pyproject.toml").is_file():
            return directory
    return cwd


def _diff_label(out: Path, root: Path) -> str:
    """The output directory as diff headers name it: relative to the project root,
    so that the diff applies there; one outside it, relative to its parent."""
    try:
        return out.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return os.path.basename(os.path.abspath(out)) or "."


def _api_changes(
    previous: dict[str, Any] | None,
    output: pipeline.Output,
    changes: list[writer.Change],
) -> Report:
    """The report for the changed modules against the surfaces recorded last time.

    None on a first run, or against a manifest from before surfaces were recorded.
    """
    if previous is None:
        return Report()
    recorded = {
        name: entry
        for name, entry in previous["files"].items()
        if isinstance(entry, dict)
    }
    if any("service" in e for e in recorded.values()) and not any(
        "surface" in e for e in recorded.values()
    ):
        return Report()
    changed = {c.name for c in changes}
    old = {}
    for name, entry in recorded.items():
        if name in changed:
            found = recorded_surface(entry.get("surface"))
            if found is not None:
                old[name] = found
    return report.compare(old, output.surfaces(changed))


def _write_report(path: Path, form: str, api_changes: Report) -> None:
    text = (
        report_format.render_json(api_changes)
        if form == "json"
        else report_format.render_markdown(api_changes)
    )
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CodegenError(f"{path}: cannot write the report: {exc.strerror}") from exc


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments.parse(sys.argv[1:] if argv is None else argv)
    try:
        with signals.handled():
            return _main(args)
    except signals.Interrupted as stop:  # landed just outside _main
        return stop.exit_code


def _main(args: argparse.Namespace) -> int:
    try:
        return run(args)
    except signals.Interrupted as stop:
        name = signal.Signals(stop.signum).name
        print(
            f"codegen: stopped by {name}; "
            + (
                "the files were already written, completely"
                if stop.completed
                else "nothing was written"
            ),
            file=sys.stderr,
        )
        return stop.exit_code
    except CodegenError as exc:
        if args.verbose:
            traceback.print_exc()
        print(f"codegen: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        if args.verbose:
            traceback.print_exc()
        print(f"codegen: error: {exc}", file=sys.stderr)
        return 2
