"""The worker pool: every result, the first error, and no hang when it ends the
workers, even one blocked writing a result nobody reads."""

from __future__ import annotations

import os
import time
from typing import Any

import pytest

from codegen.build import workers
from codegen.errors import CodegenError


def job(name: str) -> Any:
    if name == "big":  # blocks in the middle of writing a result: the pipe fills
        return b"x" * (64 << 20)
    if name == "fail":
        time.sleep(0.3)  # the big result is being written by now
        raise CodegenError("boom")
    if name == "unpicklable":
        raise CodegenError(lambda: None)
    return (name, os.getpid())


def test_every_result_comes_back_from_more_than_one_worker() -> None:
    results = list(workers.run(job, [f"j{i}" for i in range(20)], 3, lambda: None))
    assert sorted(name for name, _ in results) == sorted(f"j{i}" for i in range(20))
    assert len({pid for _, pid in results}) > 1 and os.getpid() not in dict(results)


def test_an_error_ends_a_worker_blocked_mid_result_without_a_hang() -> None:
    started = time.monotonic()
    with pytest.raises(CodegenError, match="^boom$"):
        list(workers.run(job, ["big", "fail"], 2, lambda: None))
    assert time.monotonic() - started < 30  # a hang guard, not a speed target
    assert not [c for c in _children() if c != os.getpid()]


def test_an_error_that_does_not_pickle_still_arrives() -> None:
    with pytest.raises(RuntimeError, match="^PicklingError|^AttributeError"):
        list(workers.run(job, ["unpicklable", "j"], 2, lambda: None))


def _children() -> list[int]:
    """The live child processes of this one (zombies aside)."""
    found = []
    for task in os.listdir("/proc"):
        if not task.isdigit():
            continue
        try:
            stat = open(f"/proc/{task}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat[1]) == os.getpid() and stat[0] not in ("Z", "X"):
            found.append(int(task))
    return found
