"""The incremental cache: unchanged inputs skip all work; a bad cache never changes output."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from conftest import codegen, service_model, write_model

from codegen.build import cache, pipeline
from codegen.build.cache import Cache
from codegen.config import Target
from codegen.render import templating

TARGETS = [
    Target.parse("rekognition:GetFaceLivenessSessionResultsResponse"),
    Target.parse("synthetic"),
]


@pytest.fixture
def models(model_dir: Path) -> Path:
    shapes = {
        "Thing": {"type": "structure", "members": {"Name": {"shape": "S"}}},
        "S": {"type": "string"},
    }
    write_model(model_dir, "synthetic", service_model(shapes))
    return model_dir


def build(models: Path, cache: Cache, **kwargs: object) -> pipeline.Output:
    return pipeline.build(TARGETS, model_dirs=[models], cache=cache, **kwargs)  # type: ignore[arg-type]


def forbid_generation(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(job: pipeline.ServiceJob) -> dict[str, object]:
        raise AssertionError(f"{job.service} was regenerated")

    monkeypatch.setattr(pipeline, "generate_service", fail)


def test_unchanged_inputs_do_no_work(
    models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    first = build(models, cache)
    forbid_generation(monkeypatch)
    assert build(models, cache).all_files() == first.all_files()


def test_a_changed_model_regenerates_only_that_service(
    models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    build(models, cache)
    shapes = {
        "Thing": {
            "type": "structure",
            "members": {"Name": {"shape": "S"}, "Size": {"shape": "I"}},
        },
        "S": {"type": "string"},
        "I": {"type": "integer"},
    }
    write_model(models, "synthetic", service_model(shapes))
    regenerated = []
    original = pipeline.generate_service

    def spy(job: pipeline.ServiceJob) -> dict[str, object]:
        regenerated.append(job.service)
        return original(job)

    monkeypatch.setattr(pipeline, "generate_service", spy)
    output = build(models, cache)
    assert regenerated == ["synthetic"]
    assert "size: int | None" in output.files["synthetic.py"]


def test_options_are_part_of_the_key(models: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    narrow = build(models, cache, line_length=88)
    wide = build(models, cache, line_length=120)
    assert json.loads(wide.manifest())["line_length"] == 120
    assert wide.files["synthetic.py"] != narrow.files["synthetic.py"]
    assert (
        narrow.all_files()
        == build(models, Cache(tmp_path / "fresh"), line_length=88).all_files()
    )


BASE_KEY = {
    "model_fingerprint": "m" * 64,
    "roots": ("Thing",),
    "line_length": 88,
    "templates": "",
    "split_above": 256,
    "clients": ("sync",),
}


def key_now(**changes: object) -> str:
    cache.generator_fingerprint.cache_clear()
    return cache.entry_key(**{**BASE_KEY, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "component",
    [
        "model_fingerprint",
        "roots",
        "line_length",
        "templates",
        "split_above",
        "clients",
        "generator source",
        "template source",
        "cache format",
        "python version",
        "python implementation",
        "botocore",
        "black",
        "jinja2",
    ],
)
def test_each_input_of_the_output_changes_the_key(
    component: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Change one input at a time: the key must change (so no input can be dropped)."""
    before = key_now()
    assert key_now() == before  # deterministic
    changes: dict[str, object] = {}
    if component in BASE_KEY:
        changes[component] = {
            "model_fingerprint": "n" * 64,
            "roots": ("Thing", "Other"),
            "line_length": 89,
            "templates": "t" * 64,
            "split_above": 0,
            "clients": ("sync", "async"),
        }[component]
    elif component in ("generator source", "template source"):
        copy = tmp_path / "copy"
        shutil.copytree(cache._GENERATOR_ROOT, copy / "codegen")
        shutil.copytree(templating.TEMPLATES, copy / "templates")
        edited = (
            copy / "codegen" / "render" / "layout.py"
            if component == "generator source"
            else copy / "templates" / "class.py.jinja"
        )
        edited.write_text(edited.read_text() + "\n")
        monkeypatch.setattr(cache, "_GENERATOR_ROOT", copy / "codegen")
        monkeypatch.setattr(templating, "TEMPLATES", copy / "templates")
    elif component == "cache format":
        monkeypatch.setattr(cache, "CACHE_FORMAT", cache.CACHE_FORMAT + "x")
    elif component == "python version":
        monkeypatch.setattr(sys, "version_info", (3, 99, 0, "final", 0))
    elif component == "python implementation":
        monkeypatch.setattr(platform, "python_implementation", lambda: "PyPy")
    else:
        real = version
        monkeypatch.setattr(
            cache,
            "version",
            lambda package: real(package) + ("+x" if package == component else ""),
        )
    try:
        assert key_now(**changes) != before
    finally:
        monkeypatch.undo()
        cache.generator_fingerprint.cache_clear()


@pytest.mark.parametrize(
    "source",
    [
        "runtime/_runtime.py",
        "runtime/_client.py",
        "runtime/_aio.py",
        "cli/main.py",
        "output/writer.py",
    ],
)
def test_sources_no_module_text_depends_on_keep_the_key(
    source: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The support modules are copied whole and the CLI and writer only place the
    text: editing them must not regenerate every service."""
    before = key_now()
    copy = tmp_path / "copy" / "codegen"
    shutil.copytree(cache._GENERATOR_ROOT, copy)
    edited = copy / source
    edited.write_text(edited.read_text() + "\n# edited\n")
    monkeypatch.setattr(cache, "_GENERATOR_ROOT", copy)
    try:
        assert key_now() == before
    finally:
        monkeypatch.undo()
        cache.generator_fingerprint.cache_clear()


def _entry_files(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.json"))


def test_other_generations_are_pruned_after_a_run_that_stored_something(
    models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "cache"
    build(models, Cache(directory))
    old = _entry_files(directory)
    assert len(old) == 2
    (directory / "README.txt").write_text("not the cache's")
    (directory / "ab").mkdir()
    (directory / "ab" / "notes.json").write_text("{}")  # not an entry's name

    real = version
    monkeypatch.setattr(
        cache, "version", lambda p: real(p) + ("+new" if p == "botocore" else "")
    )
    cache.generator_fingerprint.cache_clear()
    try:
        bumped = Cache(directory)
        build(models, bumped)
        bumped.prune()
        now = _entry_files(directory)
        assert not set(old) & set(now)
        assert {p.name for p in now} == {"notes.json"} | {
            p.name for p in now if p.parent.parent.name == bumped.generation
        }
        assert len([p for p in now if p.name != "notes.json"]) == 2
        assert (directory / "README.txt").read_text() == "not the cache's"
    finally:
        monkeypatch.undo()
        cache.generator_fingerprint.cache_clear()


def test_the_size_cap_drops_least_recently_used_entries(
    models: Path, tmp_path: Path
) -> None:
    directory = tmp_path / "cache"
    first = Cache(directory)
    build(models, first)
    entries = _entry_files(directory)
    sizes = {p: p.stat().st_size for p in entries}
    # the synthetic entry is the smaller; make it the one used least recently
    small = min(entries, key=sizes.__getitem__)
    os.utime(small, (1, 1))
    capped = Cache(directory, max_mb=0)
    capped.max_bytes = max(sizes.values())  # room for the larger entry only
    capped.stored = 1
    capped.prune()
    assert _entry_files(directory) == [max(entries, key=sizes.__getitem__)]
    unbounded = Cache(directory)
    build(models, unbounded)  # the pruned entry is a miss, and stored again
    unbounded.prune()
    assert len(_entry_files(directory)) == 2


def test_a_no_op_run_does_not_walk_the_cache(
    models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(models, Cache(tmp_path / "cache"))
    again = Cache(tmp_path / "cache", max_mb=0)
    build(models, again)
    again.prune()  # nothing stored: nothing pruned, even with a cap of 0
    assert len(_entry_files(tmp_path / "cache")) == 2


def test_clear_cache_empties_it_and_the_cap_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codegen]\ntargets = ["rekognition:S3Object"]\ncache-max-mb = 0\n'
    )
    env = {"CODEGEN_CACHE_DIR": str(tmp_path / "c")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return codegen(*args, cwd=tmp_path, env=env)

    assert run().returncode == 0
    assert _entry_files(tmp_path / "c") == []  # a cap of 0 keeps nothing
    assert run("--force", "--cache-max-mb", "5").returncode == 0
    assert len(_entry_files(tmp_path / "c")) == 1
    cleared = run("--clear-cache")
    assert cleared.returncode == 0
    assert cleared.stderr.startswith("codegen: removed 1 cache entries")
    assert _entry_files(tmp_path / "c") == []
    bad = run("--cache-max-mb", "lots")
    assert bad.returncode == 2
    assert bad.stderr == (
        "codegen: error: --cache-max-mb must be a whole number of megabytes (0 or more)\n"
    )


def test_corrupt_or_tampered_entries_are_misses(models: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    expected = build(models, cache).all_files()
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 2
    entries[0].write_text("{not json")
    tampered = json.loads(entries[1].read_text())
    tampered["surface"] = tampered["surface"].replace("false", "true")
    entries[1].write_text(json.dumps(tampered))
    assert build(models, cache).all_files() == expected


def test_force_ignores_the_cache(
    models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    build(models, cache)
    calls: list[str] = []
    original = pipeline.generate_service

    def recording(job: pipeline.ServiceJob) -> dict[str, Any]:
        calls.append(job.service)
        return original(job)

    monkeypatch.setattr(pipeline, "generate_service", recording)
    build(models, Cache(tmp_path / "cache", read=False))
    assert sorted(calls) == ["rekognition", "synthetic"]


def test_parallel_and_serial_runs_agree(models: Path, tmp_path: Path) -> None:
    targets = [Target.parse(s) for s in ("rekognition", "s3", "synthetic", "sts")]
    serial = pipeline.build(targets, model_dirs=[models], jobs=1)
    parallel = pipeline.build(targets, model_dirs=[models], jobs=2)
    assert serial.all_files() == parallel.all_files()


def test_an_error_in_a_worker_is_the_same_one_line_error(
    tmp_path: Path, model_dir: Path
) -> None:
    from codegen.errors import CodegenError

    write_model(
        model_dir,
        "broken",
        service_model(
            {"A": {"type": "structure", "members": {"B": {"shape": "Gone"}}}}
        ),
    )
    with pytest.raises(
        CodegenError, match="shape 'A' member 'B' refers to missing shape 'Gone'"
    ):
        pipeline.build(
            [Target.parse("broken"), Target.parse("sts")],
            model_dirs=[model_dir],
            jobs=2,
        )
