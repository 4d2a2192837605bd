"""The README, as a newcomer follows it: its configuration generates a project,
and its first example type-checks under ``mypy --strict`` as written, and runs."""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.stub import Stubber
from conftest import ROOT, codegen, mypy

SESSION = "0b1d2c3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(language: str, after: str) -> str:
    """The first ``language`` code block of the README after the heading ``after``."""
    section = README[README.index(after) :]
    match = re.search(rf"```{language}\n(.*?)```", section, re.DOTALL)
    assert match, f"no {language} block after {after!r} in the README"
    return match.group(1)


def example() -> str:
    return block("python", "## A first example")


def configuration() -> str:
    return block("toml", "## Use it in your project")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new project holding only the README's configuration, after ``codegen``."""
    root = tmp_path_factory.mktemp("newcomer")
    (root / "pyproject.toml").write_text(configuration(), encoding="utf-8")
    out = Path(tomllib.loads(configuration())["tool"]["codegen"]["out"])
    (root / out.parent).mkdir(parents=True)
    (root / out.parent / "__init__.py").write_text(
        '"""The project\'s own package."""\n'
    )
    result = codegen(cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("codegen: ")
    assert "created" in result.stderr
    (root / "example.py").write_text(example(), encoding="utf-8")
    return root


def test_the_readme_pins_the_botocore_this_project_generates_from() -> None:
    readme = tomllib.loads(configuration())["tool"]["codegen"]
    ours = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["codegen"]
    assert readme["botocore"] == ours["botocore"]
    assert f'"botocore=={ours["botocore"]}"' in README  # the pre-commit pin


def test_the_generated_project_is_up_to_date_for_codegen_check(project: Path) -> None:
    result = codegen("--check", cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.pyright
def test_readme_example_passes_pyright_strict(project: Path) -> None:
    """What VS Code's Pylance shows, in its strict mode, on the example as written."""
    from test_pyright import strict

    assert strict(project, "example.py") == []


@pytest.mark.mypy
def test_readme_example_passes_mypy_strict(project: Path) -> None:
    result = mypy("example.py", cwd=project)
    assert result.returncode == 0, result.stdout


@pytest.fixture
def importable(project: Path) -> Iterator[Path]:
    package = Path(tomllib.loads(configuration())["tool"]["codegen"]["out"]).parts[0]
    sys.path.insert(0, str(project))
    try:
        yield project
    finally:
        sys.path.remove(str(project))
        for name in [m for m in sys.modules if m.split(".")[0] == package]:
            del sys.modules[name]


def test_readme_example_runs(
    importable: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "y")
    namespace: dict[str, Any] = {}
    exec(compile(example(), "README.md", "exec"), namespace)
    assert namespace["rekognition"].__module__.startswith("myapp.aws.")
    client = namespace["rekognition"].client
    with Stubber(client) as stubber:
        stubber.add_response(
            "get_face_liveness_session_results",
            {
                "SessionId": SESSION,
                "Status": "SUCCEEDED",
                "ReferenceImage": {"Bytes": b"face"},
                "ResponseMetadata": {"RequestId": "req-1", "HTTPStatusCode": 200},
            },
        )
        stubber.add_client_error(
            "get_face_liveness_session_results", "SessionNotFoundException", "gone"
        )
        assert namespace["reference_image"](SESSION) == b"face"
        assert namespace["reference_image"](SESSION) is None
    out = capsys.readouterr().out
    assert "req-1" in out and "bytes=<sensitive>" in out and "gone" in out
    assert "face'" not in out


def test_the_test_command_is_the_one_ci_runs() -> None:
    assert "The test command is `make test`" in README
    assert "make test" in block("sh", "## Working on the generator")
    assert "\nmake test\n" in (ROOT / ".ci" / "run").read_text()
