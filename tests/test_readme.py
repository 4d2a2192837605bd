"""The README's usage example type-checks under ``mypy --strict`` as written, and runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from botocore.stub import Stubber
from conftest import ROOT, mypy

SESSION = "0b1d2c3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"


def example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Using the generated classes") :]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "no python block in the usage section"
    return match.group(1)


@pytest.mark.mypy
def test_readme_example_passes_mypy_strict(tmp_path: Path) -> None:
    (tmp_path / "example.py").write_text(example(), encoding="utf-8")
    result = mypy("example.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_readme_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "y")
    namespace: dict[str, Any] = {}
    exec(compile(example(), "README.md", "exec"), namespace)
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
