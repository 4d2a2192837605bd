"""Compiled loaders, dumpers and reprs show their source, as attrs' methods do.

The runtime writes each class's converters as Python source and compiles it; a
traceback, ``pdb`` or a profiler inside one reads the line through linecache.
"""

from __future__ import annotations

import linecache
import traceback
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from conftest import source_module

PROBE = "runtime_sources_probe"
PROBE_SOURCE = """
from codegen.runtime._runtime import Field, Struct


class Box(Struct):
    __slots__ = {"items": "", "label": "", "secret": "", "_extra": None}
    SENSITIVE = ("secret",)
    _FIELDS = (
        Field("items", "Items", "[str]"),
        Field("label", "Label", "str"),
        Field("secret", "Secret", "str"),
    )

    def __init__(self, *, items=None, label=None, secret=None):
        self.items = items
        self.label = label
        self.secret = secret
        self._extra = None
"""


@pytest.fixture
def probe() -> Iterator[ModuleType]:
    with source_module(PROBE, PROBE_SOURCE) as module:
        yield module


def generated_frames(error: BaseException) -> list[traceback.FrameSummary]:
    frames: list[traceback.FrameSummary] = []
    seen: BaseException | None = error
    while seen is not None:
        frames += traceback.extract_tb(seen.__traceback__)
        seen = seen.__cause__ or seen.__context__
    return [f for f in frames if f.filename.startswith("<codegen ")]


def test_a_failing_loader_shows_its_line(probe: Any) -> None:
    with pytest.raises(Exception) as caught:
        probe.Box.from_dict({"Items": 5})
    (frame,) = generated_frames(caught.value)
    assert frame.filename.startswith(f"<codegen load {PROBE}.Box ")
    assert frame.line and "_as_list" in frame.line
    assert frame.line in "".join(traceback.format_exception(caught.value))


def test_a_failing_dumper_shows_its_line(probe: Any) -> None:
    box = probe.Box(items=["a"], label="x")
    box.items = 5  # not a list: the dumper fails inside its compiled body
    with pytest.raises(TypeError) as caught:
        box.to_dict()
    frames = generated_frames(caught.value)
    assert frames and frames[0].filename.startswith(f"<codegen dump {PROBE}.Box ")
    assert all(frame.line for frame in frames)


def test_each_compiled_function_has_its_own_source(probe: Any) -> None:
    box = probe.Box(items=["a"], label="x", secret="s")
    box.to_dict()
    box.to_dict(redact=True)
    repr(box)
    names = [n for n in linecache.cache if n.startswith("<codegen ") and PROBE in n]
    kinds = {name.split()[1] for name in names}
    assert {"dump", "dump_redacted", "repr"} <= kinds
    assert len(names) == len(set(names))
    redacted = next(n for n in names if n.split()[1] == "dump_redacted")
    assert "_R" in "".join(linecache.getlines(redacted))
    linecache.checkcache()  # what pdb and traceback call: must keep the entries
    assert all(linecache.getlines(name) for name in names)
