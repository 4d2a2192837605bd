"""What the typed client layer costs: per call, and at import.

Run: ``.venv/bin/python benchmarks/client_bench.py``. Prints medians, measured
side by side in one run:

* per-call time of a raw botocore call and of the same call through the typed
  client (Rekognition ``GetFaceLivenessSessionResults``, botocore's Stubber, no
  network), and the overhead in microseconds and as a ratio;
* importing the ec2 module (700+ operations) with bytecode cached, in a fresh
  interpreter, the runtime and botocore's exceptions included: as generated (a
  module split into parts loaded on first use, see ``codegen/partition.py``) and
  as one module, for each first use -- the import alone, the client, one class,
  every class. The target is 100 ms for ec2 with its client.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SESSION = "0b1d2c3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"
RESPONSE = {
    "SessionId": SESSION,
    "Status": "SUCCEEDED",
    "Confidence": 99.5,
    "ReferenceImage": {
        "Bytes": b"x" * 1024,
        "BoundingBox": {"Width": 0.5, "Height": 0.5, "Left": 0.1, "Top": 0.1},
    },
    "AuditImages": [{"Bytes": b"y" * 256} for _ in range(3)],
}


def per_call(calls: int, repeat: int) -> list[tuple[str, float, str]]:
    import botocore.session
    from botocore.stub import Stubber

    from generated.rekognition import RekognitionClient

    raw = botocore.session.get_session().create_client(
        "rekognition",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
    )
    typed = RekognitionClient(raw)

    def measure(call: object) -> float:
        samples = []
        for _ in range(repeat):
            with Stubber(raw) as stubber:
                for _ in range(calls):
                    stubber.add_response(
                        "get_face_liveness_session_results",
                        RESPONSE,
                        {"SessionId": SESSION},
                    )
                started = time.perf_counter()
                for _ in range(calls):
                    call()  # type: ignore[operator]
                samples.append((time.perf_counter() - started) / calls)
        return statistics.median(samples) * 1e6

    def raw_call() -> object:
        return raw.get_face_liveness_session_results(SessionId=SESSION)

    def typed_call() -> object:
        return typed.get_face_liveness_session_results(session_id=SESSION)

    measure(raw_call)  # warm up both paths
    measure(typed_call)
    raw_us, typed_us = measure(raw_call), measure(typed_call)
    return [
        ("raw botocore call (Stubber)", raw_us, "us"),
        ("typed client call (Stubber)", typed_us, "us"),
        ("typed layer overhead per call", typed_us - raw_us, "us"),
        ("typed / raw", typed_us / raw_us, "x"),
    ]


_BUILD = """
import pathlib, sys
from codegen.build import pipeline
from codegen.config import Target
output = pipeline.build([Target.parse("ec2")], split_above=int(sys.argv[2]))
package = pathlib.Path(sys.argv[1])
for name, text in output.all_files().items():
    (package / name).parent.mkdir(parents=True, exist_ok=True)
    (package / name).write_text(text, encoding="utf-8")
"""

# What a program does first with the ec2 bindings, each in a fresh interpreter.
_USES = {
    "import ec2": "import {pkg}.ec2",
    "import ec2, use its client": "from {pkg}.ec2 import EC2Client",
    "import ec2, load one class": "from {pkg}.ec2 import DescribeInstancesResult",
    "import ec2, load every class": (
        "import {pkg}.ec2 as m; [getattr(m, n) for n in dir(m)]"
    ),
}


def imports(repeat: int) -> list[tuple[str, float, str]]:
    """ec2 split (as generated) and as one module, each use side by side."""
    with tempfile.TemporaryDirectory() as work:
        for package, split_above in (("split", 256), ("whole", 10**9)):
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    _BUILD,
                    str(Path(work) / package),
                    str(split_above),
                ],
                check=True,
                cwd=ROOT,
            )
        subprocess.run([sys.executable, "-m", "compileall", "-q", work], check=True)

        def run_ms(statement: str) -> float:
            code = (
                "import time; t = time.perf_counter(); "
                f"{statement}; print(time.perf_counter() - t)"
            )
            run = subprocess.run(
                [sys.executable, "-c", code],
                cwd=work,
                check=True,
                capture_output=True,
                text=True,
            )
            return 1000 * float(run.stdout)

        rows: list[tuple[str, float, str]] = []
        for use, statement in _USES.items():
            rounds = [
                (
                    run_ms(statement.format(pkg="split")),
                    run_ms(statement.format(pkg="whole")),
                )
                for _ in range(repeat)
            ]
            split, whole = (statistics.median(c) for c in zip(*rounds))
            rows.append((f"{use}: split module", split, "ms"))
            rows.append((f"{use}: one module (for comparison)", whole, "ms"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-import", action="store_true")
    args = parser.parse_args()
    rows = per_call(args.calls, args.repeat)
    if not args.no_import:
        rows += imports(args.repeat)
    width = max(len(name) for name, _, _ in rows)
    for name, value, unit in rows:
        print(f"{name:<{width}}  {value:10.2f} {unit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
