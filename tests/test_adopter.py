"""The README's "Use it in your project", followed as a user follows it.

SLOW (one to two minutes): a fresh virtual environment gets the generator from a
copy of this checkout, as ``pip install "./aws-typed-codegen[docs]"`` (not
editable), with its dependencies from the package index at the versions
requirements.txt pins; pre-commit builds the hook's environment the same way. A
fresh git repository holds the README's ``[tool.codegen]`` and pre-commit
configuration, and every step below runs the installed ``codegen``, never this
checkout's code.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, mypy
from test_precommit import git, hook_repository
from test_readme import block

pytestmark = pytest.mark.slow

APP = '''\
"""The adopter's own code: typed S3 calls through the package codegen wrote."""

from myapp.aws.s3 import S3Client


def bucket_names(s3: S3Client, new: str) -> list[str]:
    s3.create_bucket(bucket=new)
    listing = s3.list_buckets()
    return [bucket.name for bucket in listing.buckets or [] if bucket.name]
'''

RUN_APP = """\
from moto import mock_aws

with mock_aws():
    from app import bucket_names
    from myapp.aws.s3 import S3Client

    print(bucket_names(S3Client.create(region_name="us-east-1"), "adopter-bucket"))
"""


def constraints(tmp_path: Path) -> Path:
    """requirements.txt as pip constraints (which take no extras)."""
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    pins = [re.sub(r"\[[^]]*\]", "", line) for line in lines if "==" in line]
    path = tmp_path / "constraints.txt"
    path.write_text("\n".join(pins) + "\n")
    return path


def test_an_adopter_follows_the_readme(tmp_path: Path) -> None:
    started = time.monotonic()
    checkout, rev = hook_repository(tmp_path)  # this checkout's files, committed

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / "bin"
    installed = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet"]
        + [f"{checkout}[docs]", "moto[s3]", "-c", str(constraints(tmp_path))],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr
    shown = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "show", "-f", "aws-typed-codegen"],
        capture_output=True,
        text=True,
    ).stdout
    assert "Editable project location" not in shown  # a real install, not a link
    assert "codegen/reference/static/awsshapes.css" in shown

    project = tmp_path / "project"
    (project / "myapp").mkdir(parents=True)
    (project / "myapp" / "__init__.py").write_text('"""The app."""\n')
    pyproject = project / "pyproject.toml"
    pyproject.write_text(block("toml", "## Use it in your project"))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    env |= {
        "PATH": f"{bin_dir}{os.pathsep}{env['PATH']}",
        "CODEGEN_CACHE_DIR": str(tmp_path / "cache"),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=project, env=env, input=stdin, capture_output=True, text=True
        )

    def codegen(*args: str) -> subprocess.CompletedProcess[str]:
        return run(str(bin_dir / "codegen"), *args)

    git("init", "-q", cwd=project)
    generated = codegen()
    assert generated.returncode == 0, generated.stderr
    assert "created myapp/aws/s3.py" in generated.stderr.splitlines()
    assert "created myapp/aws/rekognition.py" in generated.stderr.splitlines()

    # The app imports the client from its own package and calls it, against moto.
    (project / "app.py").write_text(APP)
    (project / "run_app.py").write_text(RUN_APP)
    called = run(str(bin_dir / "python"), "run_app.py")
    assert called.returncode == 0, called.stderr
    assert called.stdout.strip() == "['adopter-bucket']"
    checked = mypy(
        "app.py", "--python-executable", str(bin_dir / "python"), cwd=project
    )
    assert checked.returncode == 0, checked.stdout

    # The README's hook, at this checkout's commit, run by pre-commit itself.
    hook = block("yaml", "Keep it fresh")
    hook = hook.replace("https://github.com/OWNER/aws-typed-codegen", str(checkout))
    (project / ".pre-commit-config.yaml").write_text(hook.replace("v0.2.0", rev))
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "bindings", cwd=project)
    precommit = run(sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert precommit.returncode == 0, precommit.stdout + precommit.stderr
    assert "codegen --check" in precommit.stdout and "Passed" in precommit.stdout

    clean = codegen("--check")
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "")

    config = tomllib.loads(pyproject.read_text())["tool"]["codegen"]
    assert config["out"] == "myapp/aws"
    more = '"dynamodb:ListTables", "s3:CreateBucket,'
    pyproject.write_text(pyproject.read_text().replace('"s3:CreateBucket,', more))
    stale = codegen("--check")
    assert stale.returncode == 1
    assert "would create myapp/aws/dynamodb.py" in stale.stderr.splitlines()
    diff = codegen("--diff")
    assert diff.returncode == 1 and "+++ b/myapp/aws/dynamodb.py" in diff.stdout
    applied = run("git", "apply", stdin=diff.stdout)
    assert applied.returncode == 0, applied.stderr
    assert codegen("--check").returncode == 0

    module = project / "myapp" / "aws" / "s3.py"
    module.write_text(module.read_text() + "# edited by hand\n")
    refused = codegen("--force")
    assert refused.returncode == 2
    assert "myapp/aws/s3.py" in refused.stderr and "--overwrite" in refused.stderr
    assert module.read_text().endswith("# edited by hand\n")
    overwritten = codegen("--overwrite")
    assert overwritten.returncode == 0, overwritten.stderr
    assert "overwrote hand-edited myapp/aws/s3.py" in overwritten.stderr.splitlines()
    assert not module.read_text().endswith("# edited by hand\n")
    assert codegen("--check").returncode == 0

    docs = codegen("docs")
    assert docs.returncode == 0, docs.stderr
    assert "WARNING" not in docs.stderr and "ERROR" not in docs.stderr
    site = project / "build" / "docs"
    page = (site / "s3.html").read_text(encoding="utf-8")
    classes = re.findall(
        r'<dl class="py class">\s*<dt class="sig sig-object py" id="myapp\.aws\.s3\.(\w+)"',
        page,
    )
    assert "S3Client" in classes and "Bucket" in classes and classes == sorted(classes)
    assert "``myapp.aws.s3``" not in page and ">myapp.aws.s3</span>" in page
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="dynamodb.html"' in index and 'href="rekognition.html"' in index
    print(f"adopter test: {time.monotonic() - started:.0f} s")
