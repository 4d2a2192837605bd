"""The output under pyright (what VS Code's Pylance runs) in strict mode, its type
completeness (``--verifytypes``), and both checkers beside the stub packages.

pyright is the pinned release in package.json, installed by ``make install``
(``npm ci``) into node_modules/. The slow tests build whole split services
(s3, ec2), a package installed into a path pyright resolves through the
``python`` on PATH, and a throwaway environment with boto3-stubs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, generate_package

PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"
STRICT = {"typeCheckingMode": "strict", "pythonVersion": "3.11"}
# The stub packages a team moving from them keeps installed (pinned: their
# overloads of boto3.client are what the bindings must live beside).
STUBS = ["boto3-stubs==1.44.1", "botocore-stubs==1.43.126"]
CACHE = ROOT / ".codegen-cache" / "stubs-venv"


def pyright(
    *args: str,
    cwd: Path,
    python: str = sys.executable,
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """pyright's JSON report; its exit status alone says nothing useful."""
    assert PYRIGHT.exists(), f"{PYRIGHT} is missing: run `make install` (npm ci)"
    result = subprocess.run(
        [str(PYRIGHT), "--outputjson", "--pythonpath", python, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    try:
        report: dict[str, Any] = json.loads(result.stdout)
    except ValueError:
        raise AssertionError(result.stdout + result.stderr) from None
    return report


def errors(report: dict[str, Any]) -> list[str]:
    return [
        f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']} ({d.get('rule')})"
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]


def strict(tmp_path: Path, *paths: str) -> list[str]:
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(STRICT), encoding="utf-8")
    report = pyright(*paths, cwd=tmp_path)
    assert report["summary"]["filesAnalyzed"] > 0
    return errors(report)


@pytest.mark.pyright
def test_committed_output_is_pyright_strict_clean(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    assert strict(tmp_path, "generated") == []


@pytest.mark.pyright
def test_split_services_are_pyright_strict_clean(tmp_path: Path) -> None:
    package, files = generate_package(tmp_path, ["s3", "ec2"])
    assert any(name.startswith("_parts/ec2/") for name in files)  # split
    assert any(name.endswith(".pyi") for name in files)
    assert strict(tmp_path, package.name) == []  # what pyright reads: the stubs
    for stub in package.rglob("*.pyi"):
        stub.unlink()
    assert strict(tmp_path, package.name) == []  # the modules themselves


def verifytypes(root: Path, package: str) -> dict[str, Any]:
    """``--verifytypes`` resolves ``package`` through the ``python`` on PATH."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(root)
    return pyright("--verifytypes", package, "--ignoreexternal", cwd=root, env=env)


@pytest.mark.pyright
def test_every_exported_symbol_has_a_known_type(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    package, _ = generate_package(tmp_path, ["s3", "sqs"])
    for name in ("generated", package.name):
        completeness = verifytypes(tmp_path, name)["typeCompleteness"]
        assert completeness["exportedSymbolCounts"]["withKnownType"] > 50, name
        problems = [
            f"{s['name']}: {d['message']}"
            for s in completeness["symbols"]
            for d in s["diagnostics"]
            if d["severity"] == "error"
        ]
        assert completeness["completenessScore"] == 1, (name, problems[:20])


USER_SCRIPT = """\
from generated.rekognition import RekognitionClient, SessionNotFoundException

client = RekognitionClient.create(region_name="us-east-1")


def status(session_id: str) -> str | None:
    try:
        result = client.get_face_liveness_session_results(session_id=session_id)
    except SessionNotFoundException as error:
        print(error.response.get("Error", {}).get("Message"))
        return None
    return result.status
"""


def stubs_python() -> str:
    """A cached environment with boto3, botocore and the stub packages."""
    python = CACHE / "bin" / "python"
    stamp = CACHE / ".installed"
    wanted = " ".join(STUBS)
    if not (stamp.exists() and stamp.read_text(encoding="utf-8") == wanted):
        shutil.rmtree(CACHE, ignore_errors=True)
        venv.create(CACHE, with_pip=True)
        versions = [
            line
            for line in (ROOT / "requirements.txt").read_text().splitlines()
            if line.startswith(("boto3==", "botocore=="))
        ]
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", *versions, *STUBS],
            check=True,
        )
        stamp.write_text(wanted, encoding="utf-8")
    return str(python)


@pytest.mark.pyright
def test_clean_beside_boto3_stubs(tmp_path: Path) -> None:
    python = stubs_python()
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    (tmp_path / "use.py").write_text(USER_SCRIPT, encoding="utf-8")
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-executable", python]
        + ["--no-incremental", "use.py", "generated"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert mypy.returncode == 0, mypy.stdout
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(STRICT), encoding="utf-8")
    report = pyright("use.py", "generated", cwd=tmp_path, python=python)
    assert report["summary"]["filesAnalyzed"] > 0
    assert errors(report) == []
