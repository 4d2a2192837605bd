"""The incremental cache: unchanged inputs skip all work; a bad cache never changes output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codegen import pipeline
from codegen.cache import Cache
from codegen.config import Target

from conftest import service_model, write_model

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
    assert (
        narrow.all_files()
        == build(models, Cache(tmp_path / "fresh"), line_length=88).all_files()
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
    calls = []
    original = pipeline.generate_service
    monkeypatch.setattr(
        pipeline,
        "generate_service",
        lambda job: calls.append(job.service) or original(job),
    )
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
