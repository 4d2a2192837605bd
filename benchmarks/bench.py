"""Speed and size of the generator, against the targets of the catalogue issue.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/bench.py``). Every figure
is a median of ``--repeat`` runs of the real command in a fresh interpreter,
printed with its target and the ratio figure/target (below 1 meets the target).
``--compare`` adds a side-by-side run of mypy-boto3-builder for Rekognition,
installed into its own virtual environment; ``--verify`` puts the whole
catalogue through ``black --check``, ``mypy --strict``, and the import and
round-trip tests of ``tests/test_catalogue*.py`` for every service.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BUILDER_VERSION = "7.26.1"


def run(
    args: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    check: bool = True,
) -> float:
    """Wall time of one command, interpreter start included."""
    started = time.perf_counter()
    result = subprocess.run(
        list(args),
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if check and result.returncode != 0:
        raise SystemExit(
            f"{' '.join(args)} failed ({result.returncode}):\n{result.stderr[-2000:]}"
        )
    return elapsed


def median(repeat: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(repeat))


def codegen(*args: str) -> list[str]:
    return [PYTHON, "-m", "codegen", *args]


class PeakMemory:
    """Peak resident memory of a process and all its descendants, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as handle:
                        ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry))
        tree, stack = [], [self.pid]
        while stack:
            pid = stack.pop()
            tree.append(pid)
            stack.extend(children.get(pid, []))
        return tree

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            total = 0
            for pid in self._tree():
                try:
                    with open(f"/proc/{pid}/status") as handle:
                        total += (
                            next(
                                int(line.split()[1])
                                for line in handle
                                if line.startswith("VmRSS:")
                            )
                            * 1024
                        )
                except (OSError, StopIteration):
                    continue
            self.peak = max(self.peak, total)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def builder_python(work: Path) -> str:
    """A virtual environment with mypy-boto3-builder and this project's botocore."""
    venv = ROOT / "benchmarks" / ".venv-builder"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        import botocore

        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                f"mypy-boto3-builder=={BUILDER_VERSION}",
                f"botocore=={botocore.__version__}",
                f"boto3=={botocore.__version__}",
            ],
            check=True,
        )
    return str(python)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per small figure (default 5)"
    )
    parser.add_argument(
        "--catalogue-repeat",
        type=int,
        default=1,
        help="runs per whole-catalogue figure (default 1)",
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--compare",
        action="store_true",
        help="also time mypy-boto3-builder on Rekognition",
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help="also run mypy --strict and black --check on the catalogue",
    )
    parser.add_argument("--skip-catalogue", action="store_true")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="codegen-bench-"))
    rows: list[tuple[str, float, float, str]] = []

    def cache(name: str) -> dict[str, str]:
        return {"CODEGEN_CACHE_DIR": str(work / name)}

    def cold(name: str) -> dict[str, str]:
        shutil.rmtree(work / name, ignore_errors=True)
        return cache(name)

    try:
        out = work / "default"
        rows.append(
            (
                "default target, cold (whole command)",
                median(
                    args.repeat,
                    lambda: run(codegen("--out", str(out), "-j1"), env=cold("c0")),
                ),
                1.0,
                "s",
            )
        )
        rows.append(
            (
                "default target, no-op rerun",
                median(
                    args.repeat,
                    lambda: run(codegen("--out", str(out), "-j1"), env=cache("c0")),
                ),
                1.0,
                "s",
            )
        )
        rek = work / "rekognition"
        ours = median(
            args.repeat,
            lambda: run(
                codegen("rekognition", "--out", str(rek), "-j1"), env=cold("c1")
            ),
        )
        rows.append(("whole Rekognition, cold", ours, 2.0, "s"))
        if args.compare:
            python = builder_python(work)
            theirs = median(
                args.repeat,
                lambda: run(
                    [
                        python,
                        "-m",
                        "mypy_boto3_builder",
                        str(work / "builder"),
                        "--product",
                        "boto3-services",
                        "-s",
                        "rekognition",
                        "--no-smart-version",
                        "-b",
                        "1.0.0",
                    ]
                ),
            )
            rows.append(
                (
                    f"mypy-boto3-builder {BUILDER_VERSION}, Rekognition",
                    theirs,
                    float("nan"),
                    "s",
                )
            )
            rows.append(
                ("speed-up over mypy-boto3-builder (x)", theirs / ours, 5.0, "x>=")
            )

        if not args.skip_catalogue:
            everything = work / "all"
            jobs = str(args.jobs)

            def whole_cold() -> float:
                shutil.rmtree(everything, ignore_errors=True)
                env = cold("c2")
                started = time.perf_counter()
                process = subprocess.Popen(
                    codegen("--all", "--out", str(everything), "-j", jobs),
                    cwd=ROOT,
                    env={**os.environ, **env},
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
                memory = PeakMemory(process.pid)
                _, err = process.communicate()
                elapsed = time.perf_counter() - started
                peaks.append(memory.stop())
                if process.returncode:
                    raise SystemExit(f"--all failed: {err.decode()[-2000:]}")
                return elapsed

            peaks: list[int] = []
            rows.append(
                (
                    f"whole catalogue, cold, -j {jobs}",
                    median(args.catalogue_repeat, whole_cold),
                    120.0,
                    "s",
                )
            )
            rows.append(
                (
                    "whole catalogue, peak memory (all processes)",
                    max(peaks) / 2**20,
                    1024.0,
                    "MiB",
                )
            )
            rows.append(
                (
                    "whole catalogue, manifest size",
                    (everything / "codegen-manifest.json").stat().st_size / 2**20,
                    8.0,
                    "MiB",
                )
            )
            rows.append(
                (
                    "whole catalogue, no-op rerun",
                    median(
                        args.catalogue_repeat,
                        lambda: run(
                            codegen("--all", "--out", str(everything), "-j", jobs),
                            env=cache("c2"),
                        ),
                    ),
                    10.0,
                    "s",
                )
            )
            rows.append(
                (
                    "whole catalogue, --check, empty cache",
                    median(
                        args.catalogue_repeat,
                        lambda: run(
                            codegen(
                                "--all", "--out", str(everything), "-j", jobs, "--check"
                            ),
                            env=cold("c3"),
                        ),
                    ),
                    60.0,
                    "s",
                )
            )
            files = sorted(everything.glob("*.py"))
            lines = sum(p.read_text().count("\n") for p in files)
            print(
                f"catalogue: {len(files) - 2} service modules, {lines:,} lines",
                file=sys.stderr,
            )

            # Import of the largest module with its bytecode cached (written explicitly:
            # PYTHONDONTWRITEBYTECODE may be set).
            subprocess.run(
                [PYTHON, "-m", "compileall", "-q", str(everything)], check=True
            )
            probe = "import time, importlib; t = time.perf_counter(); importlib.import_module('all.ec2'); print(time.perf_counter() - t)"
            timings = [
                float(
                    subprocess.run(
                        [PYTHON, "-c", probe],
                        cwd=work,
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout
                )
                for _ in range(args.repeat)
            ]
            rows.append(
                (
                    "import ec2 module, bytecode cached",
                    statistics.median(timings) * 1000,
                    150.0,
                    "ms",
                )
            )

            if args.verify:
                rows.append(
                    (
                        "black --check, whole catalogue",
                        run(
                            [
                                PYTHON,
                                "-m",
                                "black",
                                "--check",
                                "--quiet",
                                "-W",
                                jobs,
                                str(everything),
                            ]
                        ),
                        float("nan"),
                        "s",
                    )
                )
                rows.append(
                    (
                        "mypy --strict, whole catalogue",
                        run(
                            [
                                PYTHON,
                                "-m",
                                "mypy",
                                "--strict",
                                "--no-incremental",
                                str(everything),
                            ],
                            cwd=work,
                        ),
                        float("nan"),
                        "s",
                    )
                )
                rows.append(
                    (
                        "import and round-trip every service (pytest)",
                        run(
                            [
                                PYTHON,
                                "-m",
                                "pytest",
                                "-q",
                                "-p",
                                "no:cacheprovider",
                                "tests/test_catalogue.py",
                                "tests/test_catalogue_strange.py",
                                "-k",
                                "round_trips",
                            ],
                            env={"CODEGEN_CATALOGUE": "all"},
                        ),
                        float("nan"),
                        "s",
                    )
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"| {'figure':<48} | {'measured':>12} | {'target':>10} | {'ratio':>6} |")
    print(f"|{'-' * 50}|{'-' * 14}|{'-' * 12}|{'-' * 8}|")
    for name, value, target, unit in rows:
        if unit == "x>=":
            measured, goal, ratio = (
                f"{value:.1f}x",
                f">= {target:.0f}x",
                f"{target / value:.2f}",
            )
        else:
            measured = f"{value:.2f} {unit}"
            goal = "" if target != target else f"< {target:g} {unit}"
            ratio = "" if target != target else f"{value / target:.2f}"
        print(f"| {name:<48} | {measured:>12} | {goal:>10} | {ratio:>6} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
