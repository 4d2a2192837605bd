"""The pre-commit hook, run by pre-commit itself, as the README configures it.

SLOW (about a minute): pre-commit builds the hook's environment from the
package index, as it does on a user's machine. The hook repository is a
throwaway git repository holding this checkout's files, so the test checks
the code as it is, not as last committed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import botocore
import pytest
from conftest import ROOT, codegen

pytestmark = pytest.mark.precommit

TARGET = "rekognition:S3Object"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=test", "-c", "user.email=test@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def hook_repository(tmp_path: Path) -> tuple[Path, str]:
    """This checkout's files, committed in a repository of their own."""
    repo = tmp_path / "hook-repo"
    for name in git("ls-files", "-z", cwd=ROOT).split("\0"):
        source = ROOT / name
        if name and source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "hook", cwd=repo)
    return repo, git("rev-parse", "HEAD", cwd=repo)


def test_the_pinned_hook_passes_fails_on_stale_output_and_on_a_pin_mismatch(
    tmp_path: Path,
) -> None:
    repo, rev = hook_repository(tmp_path)
    project = tmp_path / "project"
    project.mkdir()
    pins = [f"botocore=={botocore.__version__}", f"black=={version('black')}"]
    (project / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {repo}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: codegen-check\n"
        f"        additional_dependencies: {pins!r}\n".replace("'", '"')
    )
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        f'[tool.codegen]\ntargets = ["{TARGET}"]\nbotocore = "{botocore.__version__}"\n'
    )
    generated = codegen(cwd=project)
    assert generated.returncode == 0, generated.stderr
    git("init", "-q", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "bindings", cwd=project)

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color=never"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )

    first = hook()
    assert first.returncode == 0, first.stdout + first.stderr
    assert "codegen --check" in first.stdout and "Passed" in first.stdout

    module = project / "generated" / "rekognition.py"
    module.write_text(module.read_text() + "# edited\n")
    stale = hook()
    assert stale.returncode == 1
    assert (
        "would update generated/rekognition.py (was edited since codegen wrote it)"
        in stale.stdout
    )
    git("checkout", "--", ".", cwd=project)

    pyproject.write_text(pyproject.read_text().replace(botocore.__version__, "1.0.0"))
    mismatch = hook()
    assert mismatch.returncode == 1
    assert (
        f"[tool.codegen] pins botocore 1.0.0, but botocore {botocore.__version__} "
        "is installed: install botocore==1.0.0 in the hook's additional_dependencies, "
        f'or set botocore = "{botocore.__version__}" there and in the pre-commit '
        "hook's additional_dependencies, and run codegen to regenerate"
    ) in mismatch.stdout
