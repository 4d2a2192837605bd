"""How long ``make docs`` takes: the committed output and a whole large service.

Run: ``.venv/bin/python benchmarks/docs_build.py [SERVICE ...]`` (default: s3).
Each service is generated whole into a temporary package and its reference
built by ``docs/build.py`` in a fresh interpreter: cold (empty build directory),
then again with nothing changed. Wall time and CPU time (user + system of the
build process) are printed; CPU time is the steadier figure on a shared machine.
``--strict`` builds with warnings as errors, as ``make docs`` does; without it a
service whose docstrings still produce reST warnings is timed all the same.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def timed(args: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of one command, and what it printed on stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.stderr


def build(package: Path, out: Path, strict: bool) -> tuple[float, float, str]:
    args = [PYTHON, str(ROOT / "docs" / "build.py"), "--package", str(package)]
    return timed(args + ["--out", str(out)] + (["--strict"] if strict else []))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("services", nargs="*", default=["s3"])
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()

    rows: list[tuple[str, float, float]] = []
    warnings: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        out = work / "committed"
        rows.append(
            ("generated/ (committed), cold", *build(ROOT / "generated", out, True)[:2])
        )
        for service in args.services:
            package = work / service / "pkg"
            generate = [PYTHON, "-m", "codegen", service, "--out", str(package)]
            subprocess.run(
                generate,
                cwd=ROOT,
                check=True,
                capture_output=True,
                env={**os.environ, "CODEGEN_CACHE_DIR": str(work / "cache")},
            )
            lines = sum(len(p.read_text().splitlines()) for p in package.glob("*.py"))
            html = work / service / "html"
            wall, cpu, stderr = build(package, html, args.strict)
            rows.append((f"{service} ({lines:,} lines), cold", wall, cpu))
            warnings += [
                line
                for line in stderr.splitlines()
                if "WARNING" in line or "ERROR" in line
            ]
            wall, cpu, _ = build(package, html, args.strict)
            rows.append((f"{service}, nothing changed", wall, cpu))

    width = max(len(name) for name, _, _ in rows)
    print(f"| {'docs build'.ljust(width)} |   wall |    CPU |")
    print(f"|{'-' * (width + 2)}|--------|--------|")
    for name, wall, cpu in rows:
        print(f"| {name.ljust(width)} | {wall:5.1f}s | {cpu:5.1f}s |")
    if warnings:
        print(f"\n{len(warnings)} reST warnings (the converter's, not the build's):")
        print("\n".join(f"  {line}" for line in warnings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
