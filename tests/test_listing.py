"""Discovery (``--list``) and the botocore pin: what a new user meets first."""

from __future__ import annotations

import json
from pathlib import Path

import botocore
from conftest import ROOT, codegen, service_model, write_model

from codegen.model import discovery
from codegen.model.loader import ModelSource


def test_list_names_every_service_with_its_full_name(tmp_path: Path) -> None:
    result = codegen("--list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ModelSource().available_services()
    by_name = {line.split()[0]: line.split(None, 1)[1] for line in lines}
    assert by_name["s3"] == "Amazon Simple Storage Service"
    assert by_name["rekognition"] == "Amazon Rekognition"


def test_titles_read_from_the_head_match_the_full_model() -> None:
    source = ModelSource()
    for service in ("ec2", "s3", "sts", "rekognition"):
        assert (
            discovery._metadata(source, service) == source.load(service).raw["metadata"]
        )


def test_a_model_with_metadata_last_is_read_in_full(model_dir: Path) -> None:
    model = service_model({}, name="late")
    text = (
        '{"shapes": {}, "operations": {"Op": {"name": "Op", "documentation": "'
        + "x" * 100_000
        + '"}}, "version": "2.0", "metadata": '
        + json.dumps(model["metadata"])
        + "}"
    )
    write_model(model_dir, "late", None, raw=text)
    source = ModelSource([str(model_dir)])
    assert discovery._metadata(source, "late")["serviceFullName"] == "Synthetic late"
    lines = discovery.list_services(source)
    assert ["late", "Synthetic late"] in [line.split(None, 1) for line in lines]


def test_list_service_marks_operations_and_shapes(
    tmp_path: Path, model_dir: Path
) -> None:
    shapes = {
        "Thing": {"type": "structure", "members": {}},
        "Choice": {"type": "structure", "union": True, "members": {}},
        "Oops": {"type": "structure", "exception": True, "members": {}},
        "Colour": {"type": "string", "enum": ["red"]},
        "Plain": {"type": "string"},
    }
    model = service_model(shapes, name="demo")
    model["operations"] = {
        "GetThing": {"name": "GetThing", "output": {"shape": "Thing"}}
    }
    write_model(model_dir, "demo", model)
    result = codegen("--list", "demo", "--model-dir", str(model_dir), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "client    SyntheticdemoClient",
        "operation GetThing",
        "union     Choice",
        "enum      Colour",
        "error     Oops",
        "structure Thing",
    ]
    s3 = codegen("--list", "s3", cwd=tmp_path).stdout.splitlines()
    assert "operation GetObject" in s3 and "structure Bucket" in s3
    assert [line for line in s3 if line.startswith("client ")] == ["client    S3Client"]
    assert "error     NoSuchKey" in s3


def test_list_service_names_the_clients_asked_for(tmp_path: Path) -> None:
    """``--clients`` (or ``[tool.codegen] clients``) says which client classes a
    run writes; ``--list`` names those."""
    both = codegen("--list", "s3", "--clients", "sync,async", cwd=tmp_path)
    assert both.stdout.splitlines()[:3] == [
        "client    S3Client",
        "client    AsyncS3Client",
        "operation AbortMultipartUpload",
    ]
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codegen]\nclients = ["async"]\n', encoding="utf-8"
    )
    configured = codegen("--list", "dynamodb", cwd=tmp_path).stdout.splitlines()
    assert configured[0] == "client    AsyncDynamoDBClient"
    assert not configured[1].startswith("client")
    wrong = codegen("--list", "s3", "--clients", "sync,aio", cwd=tmp_path)
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == (
        "codegen: error: --clients: unknown client kind 'aio' (known: sync, async)"
    )


def test_list_of_an_unknown_service_suggests_one(tmp_path: Path) -> None:
    result = codegen("--list", "s33", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "codegen: error: unknown service 's33' (did you mean s3?)\n"


def test_a_pinned_botocore_that_differs_stops_codegen_and_check(tmp_path: Path) -> None:
    installed = botocore.__version__
    project = tmp_path / "project"
    project.mkdir()
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        f'[tool.codegen]\ntargets = ["rekognition:S3Object"]\nbotocore = "{installed}"\n'
    )
    assert codegen(cwd=project).returncode == 0
    assert codegen("--check", cwd=project).returncode == 0
    before = (project / "generated" / "rekognition.py").read_text()
    pyproject.write_text(pyproject.read_text().replace(installed, "1.0.0"))
    for args in ((), ("--check",), ("--diff",), ("rekognition",)):
        result = codegen(*args, cwd=project)
        assert (result.returncode, result.stdout) == (2, ""), args
        # Both ways out: the pinned botocore, or the pin moved and the output
        # regenerated (the usual intent during an upgrade).
        assert result.stderr == (
            f"codegen: error: {pyproject}: [tool.codegen] pins botocore 1.0.0, but "
            f"botocore {installed} is installed: install botocore==1.0.0, or set "
            f'botocore = "{installed}" there, and run codegen to regenerate\n'
        )
    assert (project / "generated" / "rekognition.py").read_text() == before
    # Inside a pre-commit hook, or in a project with one, the hook's pins are named.
    hooked = codegen("--check", cwd=project, env={"PRE_COMMIT": "1"})
    assert hooked.stderr.endswith(
        "install botocore==1.0.0 in the hook's additional_dependencies, or set "
        f'botocore = "{installed}" there and in the pre-commit hook\'s '
        "additional_dependencies, and run codegen to regenerate\n"
    )
    (project / ".pre-commit-config.yaml").write_text("repos: []\n")
    configured = codegen("--check", cwd=project)
    assert configured.stderr.endswith(
        "install botocore==1.0.0, or set "
        f'botocore = "{installed}" there and in the pre-commit hook\'s '
        "additional_dependencies, and run codegen to regenerate\n"
    )
    assert codegen("--list", cwd=project).returncode == 0  # listing needs no pin


def test_the_project_pins_the_botocore_requirements_pin() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["codegen"]
    requirements = (ROOT / "requirements.txt").read_text().splitlines()
    assert f"botocore=={config['botocore']}" in requirements
