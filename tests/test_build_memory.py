"""What keeps a catalogue run within its memory: files held compressed, models forgotten.

``make bench`` measures the whole run (docs/guide/performance.rst); these check
the two parts that make it hold.
"""

from __future__ import annotations

import hashlib

from codegen.build import pipeline
from codegen.build.files import PackedFiles
from codegen.config import Target
from codegen.model.loader import ModelSource


def test_packed_files_give_back_exactly_what_was_put() -> None:
    texts = {"a.py": "x = 1\n", "b.pyi": "ä’ — text\n" * 3, "py.typed": ""}
    files = PackedFiles(texts)
    assert dict(files) == texts and files == texts
    assert sorted(files) == sorted(texts) and len(files) == 3
    for name, text in texts.items():
        assert files.sha256(name) == hashlib.sha256(text.encode()).hexdigest()
    other = PackedFiles()
    other.take(files, "b.pyi")
    assert other == {"b.pyi": texts["b.pyi"]}
    copied = files.copy()
    copied["c.py"] = "y = 2\n"
    del copied["a.py"]
    assert "c.py" not in files and "a.py" in files  # a copy, not a view
    assert set(copied) == {"b.pyi", "py.typed", "c.py"}


def test_a_build_holds_its_files_compressed() -> None:
    output = pipeline.build([Target.parse("rekognition")])
    name = max(output.files, key=lambda n: len(output.files[n]))
    text = output.files[name]
    assert len(text) > 100_000
    packed = output.files._packed[name]
    assert len(packed) < len(text) / 4
    manifest = output.manifest_data()["files"][name]
    assert manifest["sha256"] == hashlib.sha256(text.encode()).hexdigest()


def test_a_released_service_leaves_nothing_in_botocores_loader() -> None:
    source = ModelSource()
    source.load("sqs")
    source.load("sns")
    cache = source._loader._cache
    assert any("sqs" in map(str, key) for key in cache)
    source.release("sqs")
    assert not any(
        arg == "sqs" or str(arg).startswith("sqs/") for key in cache for arg in key[1:]
    )
    assert any(str(arg).startswith("sns/") for key in cache for arg in key[1:])
