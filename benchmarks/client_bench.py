"""What the typed client layer costs: per call, and at import.

Run: ``.venv/bin/python benchmarks/client_bench.py``. Prints medians, measured
side by side in one run:

* per-call time of a raw botocore call and of the same call through the typed
  client (Rekognition ``GetFaceLivenessSessionResults``, botocore's Stubber, no
  network), and the overhead in microseconds and as a ratio;
* importing the ec2 module (700+ operations) with bytecode cached: the module
  as generated (classes and client) against the same module without its client
  class, plus ``_client`` with the part of botocore it needs, against the
  100 ms target.
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


def imports(repeat: int) -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "pkg"
        subprocess.run(
            [sys.executable, "-m", "codegen", "ec2", "--out", str(out), "--force"],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        text = (out / "ec2.py").read_text(encoding="utf-8")
        cut = text.index("\nclass EC2Client(")
        (out / "ec2_classes.py").write_text(text[:cut], encoding="utf-8")
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(out)], check=True)
        probe = (
            "import time, importlib; import pkg._runtime; t = time.perf_counter(); "
            "importlib.import_module('pkg.{}'); print(time.perf_counter() - t)"
        )

        def median_ms(module: str) -> float:
            return 1000 * statistics.median(
                float(
                    subprocess.run(
                        [sys.executable, "-c", probe.format(module)],
                        cwd=work,
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout
                )
                for _ in range(repeat)
            )

        classes, client, whole = (
            median_ms("ec2_classes"),
            median_ms("_client"),
            median_ms("ec2"),
        )
    return [
        ("import ec2 classes only (cached bytecode)", classes, "ms"),
        ("import _client and botocore.exceptions", client, "ms"),
        ("import ec2 with its client (both above)", whole, "ms"),
        ("ec2 with client / ec2 classes only", whole / classes, "x"),
        ("ec2 with client / 100 ms target", whole / 100, ""),
    ]


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
