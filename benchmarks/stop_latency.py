"""How fast a signal stops a whole-catalogue run, workers included (target: < 2 s).

Run: ``.venv/bin/python benchmarks/stop_latency.py [--repeat N]``. Each trial
starts ``codegen --all`` with an empty cache over an existing output tree,
waits until it is generating (for ``-j 2``, until both workers exist), sends
the signal after a delay that varies between trials, and measures from the
signal to the exit of the last process of the run. Every trial also checks
what the tests check: the exit status (130, 143) and the tree left as it was.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DELAYS = (0.3, 1.5, 4.0)  # seconds after the run started generating


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _tree(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def trial(work: Path, jobs: int, signum: int, group: bool, delay: float) -> float:
    out = work / "out"
    before = _tree(out)
    cache = tempfile.mkdtemp(dir=work, prefix="cache-")
    process = subprocess.Popen(
        [sys.executable, "-m", "codegen", "--all", "-j", str(jobs), "--out", str(out)],
        cwd=work,
        env={**os.environ, "PYTHONPATH": str(ROOT), "CODEGEN_CACHE_DIR": cache},
        stderr=subprocess.DEVNULL,
        start_new_session=group,
    )
    wanted = jobs if jobs > 1 else 0
    while len(_children(process.pid)) < wanted and process.poll() is None:
        time.sleep(0.02)
    time.sleep(delay if wanted else delay + 1.0)  # -j 1: past loading the catalogue
    workers = _children(process.pid)
    sent = time.perf_counter()
    if group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    process.wait()
    while any(_alive(pid) for pid in workers):
        time.sleep(0.005)
    latency = time.perf_counter() - sent
    if process.returncode != 128 + signum:
        raise SystemExit(f"exit status {process.returncode}, not {128 + signum}")
    if _tree(out) != before:
        raise SystemExit("the output tree changed")
    return latency


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=len(DELAYS))
    args = parser.parse_args()
    cases = [
        ("SIGINT to the main process, --all -j 2", 2, signal.SIGINT, False),
        ("SIGTERM to the main process, --all -j 2", 2, signal.SIGTERM, False),
        ("SIGINT to the process group (Ctrl-C), -j 2", 2, signal.SIGINT, True),
        ("SIGTERM to the main process, --all -j 1", 1, signal.SIGTERM, False),
    ]
    with tempfile.TemporaryDirectory(prefix="codegen-stop-") as directory:
        work = Path(directory)
        subprocess.run(
            [sys.executable, "-m", "codegen", "rekognition:S3Object", "--out", "out"],
            cwd=work,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=True,
            capture_output=True,
        )
        print(f"| {'stop latency':<46} | {'median':>8} | {'max':>8} | {'target':>6} |")
        print(f"|{'-' * 48}|{'-' * 10}|{'-' * 10}|{'-' * 8}|")
        for name, jobs, signum, group in cases:
            figures = [
                trial(work, jobs, signum, group, DELAYS[i % len(DELAYS)])
                for i in range(args.repeat)
            ]
            print(
                f"| {name:<46} | {statistics.median(figures):>6.2f} s "
                f"| {max(figures):>6.2f} s | {'< 2 s':>6} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
