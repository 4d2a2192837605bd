"""The command-line contract CI relies on: --check, --diff, exit codes, config, manifest.

What the writer does to the tree on disk is tested in test_writer.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, codegen, service_model, write_model

TARGET = "rekognition:GetFaceLivenessSessionResultsResponse"


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A user's repository: a pyproject with [tool.codegen] and a generated tree."""
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.codegen]\ntargets = ["{TARGET}"]\nout = "bindings"\n', encoding="utf-8"
    )
    result = codegen(cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


def test_check_is_quiet_and_zero_on_the_committed_tree() -> None:
    before = snapshot(ROOT / "generated")
    result = codegen("--check", cwd=ROOT)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert snapshot(ROOT / "generated") == before


def test_check_names_each_edited_file_and_diff_shows_the_change(project: Path) -> None:
    module = project / "bindings" / "rekognition.py"
    module.write_text(
        module.read_text().replace(
            "class S3Object(Struct):", "class S3Object(Struct):  # edited"
        )
    )
    (project / "bindings" / "py.typed").unlink()
    before = snapshot(project / "bindings")

    check = codegen("--check", cwd=project)
    assert check.returncode == 1
    assert check.stderr.splitlines() == [
        "would create bindings/py.typed",
        "would update bindings/rekognition.py (was edited since codegen wrote it)",
    ]
    forced = codegen("--check", "--force", cwd=project)  # --force: the cache only
    assert forced.stderr == check.stderr
    overwrite = codegen("--check", "--overwrite", cwd=project)
    assert overwrite.stderr.splitlines()[1] == (
        "would overwrite hand-edited bindings/rekognition.py"
    )

    diff = codegen("--diff", cwd=project)
    assert diff.returncode == 1  # --diff is --check with the diff
    assert diff.stderr == check.stderr
    assert (
        "--- a/bindings/rekognition.py\n+++ b/bindings/rekognition.py\n" in diff.stdout
    )
    assert (
        "-class S3Object(Struct):  # edited\n+class S3Object(Struct):\n" in diff.stdout
    )

    both = codegen("--check", "--diff", cwd=project)
    assert both.returncode == 1 and both.stdout == diff.stdout
    assert snapshot(project / "bindings") == before  # neither wrote anything


def test_check_with_explicit_targets_and_out(tmp_path: Path) -> None:
    assert codegen("rekognition:S3Object", "--out", "pkg", cwd=tmp_path).returncode == 0
    assert (
        codegen(
            "rekognition:S3Object", "--out", "pkg", "--check", cwd=tmp_path
        ).returncode
        == 0
    )
    changed = codegen(
        "rekognition:S3Object,BoundingBox", "--out", "pkg", "--check", cwd=tmp_path
    )
    assert (
        changed.returncode == 1 and "would update pkg/rekognition.py" in changed.stderr
    )


def test_check_explains_a_botocore_version_mismatch(project: Path) -> None:
    manifest_path = project / "bindings" / "codegen-manifest.json"
    manifest = json.loads(manifest_path.read_text())
    installed = manifest["botocore"]
    manifest["botocore"] = "1.0.0"
    manifest_path.write_text(json.dumps(manifest))
    result = codegen("--check", cwd=project)
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[0]
        == f"bindings was generated from botocore 1.0.0, installed {installed}: run codegen"
    )


def git(*args: str, cwd: Path, stdin: str | None = None) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_diff_applies_with_git_apply_from_the_project_root(project: Path) -> None:
    """Paths relative to the directory of pyproject.toml, wherever codegen runs;
    created and deleted files as /dev/null, as git apply expects them."""
    git("init", "-q", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "bindings", cwd=project)
    module = project / "bindings" / "rekognition.py"
    module.write_text(module.read_text().replace("class S3Object(", "class S3Obj("))
    (project / "bindings" / "_runtime.py").unlink()
    (project / "src").mkdir()

    diff = codegen("--diff", cwd=project)
    assert diff.returncode == 1
    assert "--- /dev/null\n+++ b/bindings/_runtime.py\n" in diff.stdout
    assert codegen("--diff", cwd=project / "src").stdout == diff.stdout
    git("apply", cwd=project, stdin=diff.stdout)
    assert git("status", "--porcelain", cwd=project) == ""  # as committed
    assert codegen("--check", cwd=project).returncode == 0


def _set_generator(project: Path, version: str) -> None:
    path = project / "bindings" / "codegen-manifest.json"
    manifest = json.loads(path.read_text())
    manifest["generator"] = f"codegen {version}"
    path.write_text(json.dumps(manifest))


def test_output_of_another_generator_version_is_one_line(project: Path) -> None:
    """A manifest made by another codegen: --check names both versions and what
    to do in one line, not every file; a run says it too, and refuses to put an
    older generator's output over a newer one's without --overwrite."""
    from codegen import __version__

    _set_generator(project, "0.0.1")
    check = codegen("--check", cwd=project)
    assert (check.returncode, check.stderr) == (
        1,
        f"bindings was generated by codegen 0.0.1, this is codegen {__version__}: "
        "run codegen to regenerate it, or check with codegen 0.0.1 "
        "(in pre-commit: the hook's rev)\n",
    )
    assert codegen("--diff", cwd=project).stderr == check.stderr
    run = codegen(cwd=project)
    assert run.returncode == 0
    assert run.stderr.splitlines() == [
        f"bindings was generated by codegen 0.0.1: regenerating it with codegen "
        f"{__version__}",
        "updated bindings/codegen-manifest.json",
        "codegen: 1 updated, 5 unchanged",
    ]
    assert codegen("--check", cwd=project).returncode == 0

    _set_generator(project, "99.0.0")
    before = snapshot(project / "bindings")
    check = codegen("--check", cwd=project)
    assert (check.returncode, check.stderr) == (
        1,
        f"bindings was generated by codegen 99.0.0, newer than this codegen "
        f"{__version__}: check with codegen 99.0.0 (in pre-commit: the hook's rev)\n",
    )
    refused = codegen(cwd=project)
    assert (refused.returncode, refused.stderr) == (
        2,
        f"codegen: error: bindings was generated by codegen 99.0.0, newer than this "
        f"codegen {__version__}: install codegen 99.0.0, or run with --overwrite to "
        f"regenerate it with {__version__}\n",
    )
    assert snapshot(project / "bindings") == before
    assert codegen("--overwrite", cwd=project).returncode == 0
    assert codegen("--check", cwd=project).returncode == 0


def test_a_generator_mismatch_still_names_what_a_run_would_refuse(
    project: Path,
) -> None:
    _set_generator(project, "0.0.1")
    module = project / "bindings" / "rekognition.py"
    module.write_text(module.read_text() + "# mine\n")
    check = codegen("--check", cwd=project)
    assert check.returncode == 1
    assert check.stderr.splitlines()[1:] == [
        "would update bindings/rekognition.py (was edited since codegen wrote it)"
    ]


def test_version_option_names_the_generator_version() -> None:
    from codegen import __version__

    result = codegen("--version", cwd=ROOT)
    assert (result.returncode, result.stdout) == (0, f"codegen {__version__}\n")
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert f'\nversion = "{__version__}"\n' in pyproject  # one version, not two


def test_manifest_records_sources_and_hashes(project: Path) -> None:
    manifest = json.loads((project / "bindings" / "codegen-manifest.json").read_text())
    entry = manifest["files"]["rekognition.py"]
    assert (
        entry["service"] == "rekognition" and entry["uid"] == "rekognition-2016-06-27"
    )
    assert entry["shapes"] == ["GetFaceLivenessSessionResultsResponse"]
    assert len(entry["model_sha256"]) == 64
    import hashlib

    assert (
        entry["sha256"]
        == hashlib.sha256(
            (project / "bindings" / "rekognition.py").read_bytes()
        ).hexdigest()
    )
    assert set(manifest["files"]) == {
        "__init__.py",
        "_runtime.py",
        "py.typed",
        "rekognition.py",
        "rekognition.pyi",
    }


def test_removed_targets_are_deleted_and_foreign_files_kept(
    project: Path, model_dir: Path
) -> None:
    write_model(
        model_dir,
        "extra",
        service_model({"Thing": {"type": "structure", "members": {}}}, name="extra"),
    )
    (project / "bindings" / "NOTES.txt").write_text("mine")
    foreign_inode = (project / "bindings" / "NOTES.txt").stat().st_ino
    assert (
        codegen(
            TARGET,
            "extra",
            "--out",
            "bindings",
            "--model-dir",
            str(model_dir),
            cwd=project,
        ).returncode
        == 0
    )
    assert (project / "bindings" / "extra.py").is_file()
    result = codegen(cwd=project)  # back to the configured targets only
    assert result.returncode == 0
    assert "deleted bindings/extra.py" in result.stderr
    assert not (project / "bindings" / "extra.py").exists()
    assert (project / "bindings" / "NOTES.txt").read_text() == "mine"
    assert (project / "bindings" / "NOTES.txt").stat().st_ino == foreign_inode


@pytest.mark.slow
def test_output_is_identical_across_hash_seeds_directories_and_dates(
    tmp_path: Path,
) -> None:
    trees = []
    for index, seed in enumerate(["0", "12345", "random"]):
        workdir = tmp_path / f"run{index}"
        workdir.mkdir()
        env = {
            "PYTHONHASHSEED": seed,
            "TZ": ["UTC", "Asia/Tokyo", "America/Los_Angeles"][index],
        }
        result = codegen(
            "rekognition",
            "--force",
            "--out",
            str(tmp_path / f"out{index}"),
            cwd=workdir,
            env=env,
            subprocess=True,  # a hash seed and a time zone take a new interpreter
        )
        assert result.returncode == 0, result.stderr
        trees.append(snapshot(tmp_path / f"out{index}"))
    assert trees[0] == trees[1] == trees[2]


def test_every_generated_module_has_a_header(project: Path) -> None:
    for name in ("rekognition.py", "_runtime.py", "__init__.py"):
        lines = (project / "bindings" / name).read_text().splitlines()
        assert lines[0].startswith("# Generated by codegen from ")
        assert lines[1] == "# Do not edit: run `codegen` to regenerate."
    assert (
        "rekognition-2016-06-27"
        in (project / "bindings" / "rekognition.py").read_text().splitlines()[0]
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["rekognitio"],
            "codegen: error: unknown service 'rekognitio' (did you mean rekognition",
        ),
        (
            ["rekognition:GetFaceLivenessSessionResultsRespons"],
            "shape or operation 'GetFaceLivenessSessionResultsRespons' does not exist (did you mean GetFaceLivenessSessionResultsResponse",
        ),
        (
            ["rekognition:LivenessSessionStatus"],
            "shape 'LivenessSessionStatus' is a string, not a structure",
        ),
        (["rekognition:"], "invalid target 'rekognition:'"),
        ([TARGET, "--model-dir", "missing"], "--model-dir missing does not exist"),
        (
            [TARGET, "--model-dir", "/dev/null"],
            "--model-dir /dev/null is not a directory",
        ),
        (
            [TARGET, "--chek"],
            "codegen: error: unrecognized arguments: --chek (did you mean --check",
        ),
        ([TARGET, "--out="], "argument --out: an empty path"),
        (
            [TARGET, "--report", "out/rekognition.py"],
            "--report out/rekognition.py is inside the output directory out",
        ),
    ],
)
def test_user_errors_are_one_line_with_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    # An empty --out (an unset variable) must not mean the current directory.
    out = [] if any(a.startswith("--out") for a in args) else ["--out", "out"]
    result = codegen(*args, *out, cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert "Traceback" not in result.stderr and not any(tmp_path.iterdir())


def test_verbose_adds_the_traceback(tmp_path: Path) -> None:
    result = codegen("rekognitio", "--verbose", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" in result.stderr


def test_bad_configuration_is_reported(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.codegen]\ntargetz = ["x"]\n')
    result = codegen(cwd=tmp_path)
    assert result.returncode == 2 and "unknown key 'targetz'" in result.stderr
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.codegen]\ntargets = ["{TARGET}"]\nmodel-dirs = ["modles"]\n'
    )
    result = codegen(cwd=tmp_path)
    assert result.returncode == 2 and result.stderr == (
        f"codegen: error: {tmp_path / 'pyproject.toml'}: 'model-dirs' entry "
        f"{tmp_path / 'modles'} does not exist\n"
    )
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.codegen]\ntargets = ["{TARGET}"]\nmodel-dirs = [""]\n'
    )
    result = codegen(cwd=tmp_path)
    assert result.returncode == 2 and "'model-dirs' must be a list of paths" in (
        result.stderr
    )
    (tmp_path / "pyproject.toml").write_text("[tool.codegen\n")
    result = codegen(cwd=tmp_path)
    assert (
        result.returncode == 2
        and "invalid TOML" in result.stderr
        and len(result.stderr.splitlines()) == 1
    )


def test_command_line_overrides_config(project: Path) -> None:
    result = codegen("--line-length", "100", "--out", "wide", cwd=project)
    assert result.returncode == 0
    manifest = json.loads((project / "wide" / "codegen-manifest.json").read_text())
    assert manifest["line_length"] == 100 and manifest["files"]["rekognition.py"][
        "shapes"
    ] == ["GetFaceLivenessSessionResultsResponse"]


def test_console_script_and_module_agree(project: Path) -> None:
    script = Path(sys.executable).with_name("codegen")
    result = subprocess.run(
        [str(script), "--check"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_models_from_aws_data_path_and_model_dir(
    tmp_path: Path, model_dir: Path
) -> None:
    """Both resolve like botocore's own loader; --model-dir wins over AWS_DATA_PATH."""
    env_models, cli_models = tmp_path / "env-models", model_dir
    write_model(
        env_models,
        "custom",
        service_model({"FromEnv": {"type": "structure", "members": {}}}, name="custom"),
    )
    result = codegen(
        "custom", "--out", "a", cwd=tmp_path, env={"AWS_DATA_PATH": str(env_models)}
    )
    assert result.returncode == 0, result.stderr
    assert "class FromEnv(Struct):" in (tmp_path / "a" / "custom.py").read_text()
    write_model(
        cli_models,
        "custom",
        service_model(
            {"FromFlag": {"type": "structure", "members": {}}}, name="custom"
        ),
    )
    result = codegen(
        "custom",
        "--out",
        "b",
        "--model-dir",
        str(cli_models),
        cwd=tmp_path,
        env={"AWS_DATA_PATH": str(env_models)},
    )
    assert result.returncode == 0, result.stderr
    assert "class FromFlag(Struct):" in (tmp_path / "b" / "custom.py").read_text()


def test_all_takes_no_targets(tmp_path: Path) -> None:
    result = codegen("--all", "rekognition", cwd=tmp_path)
    assert result.returncode == 2 and "--all generates every service" in result.stderr


def test_an_installed_copy_carries_its_templates(tmp_path: Path) -> None:
    """A wheel (what pre-commit installs) works without the repository's templates/."""
    import zipfile

    source = (
        tmp_path / "source"
    )  # build from a copy: setuptools writes build/ into its source
    for name in ("codegen", "templates"):
        shutil.copytree(
            ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("*.whl")
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    assert sorted(
        p.name for p in (site / "codegen" / "templates").glob("*.jinja")
    ) == sorted(p.name for p in (ROOT / "templates").glob("*.jinja"))
    result = codegen(
        "rekognition:S3Object",
        "--out",
        "out",
        cwd=tmp_path,
        env={"PYTHONPATH": str(site)},
        subprocess=True,
    )
    assert result.returncode == 0, result.stderr
    assert (
        "class S3Object(Struct):" in (tmp_path / "out" / "rekognition.py").read_text()
    )


def test_output_directory_behind_a_symlink(project: Path) -> None:
    real = project / "real-bindings"
    (project / "bindings").rename(real)
    (project / "bindings").symlink_to(real)
    result = codegen("rekognition:S3Object", "--out", "bindings", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "bindings").is_symlink()
    assert "class S3Object(Struct):" in (real / "rekognition.py").read_text()
    assert "class AuditImage(Struct):" not in (real / "rekognition.py").read_text()


def test_an_in_process_run_leaves_the_test_process_as_it_was(tmp_path: Path) -> None:
    """conftest.codegen runs the command in this process: nothing it changes for
    the run (directory, environment, signal handlers) may leak into later tests."""
    before = (os.getcwd(), dict(os.environ), signal.getsignal(signal.SIGINT))
    env = {"AWS_DATA_PATH": str(tmp_path), "CODEGEN_CACHE_DIR": str(tmp_path / "c")}
    runs = [(["rekognition:S3Object", "--out", "out"], 0), (["--chek"], 2), (["x"], 2)]
    for args, exit_code in runs:  # a run, an argparse exit, a CodegenError
        assert codegen(*args, cwd=tmp_path, env=env).returncode == exit_code, args
    assert (os.getcwd(), dict(os.environ), signal.getsignal(signal.SIGINT)) == before
