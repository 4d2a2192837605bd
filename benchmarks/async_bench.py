"""What the asynchronous typed client costs: per call on a local moto server, and
at import.

Run: ``.venv/bin/python benchmarks/async_bench.py``. In the development
environment it generates the bindings (S3 and the whole of ec2, both clients,
from the project's botocore models) and runs itself again in the pinned
aiobotocore environment of ``tests/aio_env.py`` (made on first use), which has
aiobotocore and moto's server. Prints, side by side:

* the median time of a raw aiobotocore call and of the same call through
  ``AsyncS3Client`` (``head_object`` and ``list_objects_v2`` of 20 keys, on a
  ``ThreadedMotoServer`` on 127.0.0.1), interleaved call by call so both see
  the same machine, and their ratio (the target: at most 1.10);
* importing ec2 with bytecode cached, in a fresh interpreter, the runtime
  included: the module alone, with its asynchronous client, with its
  synchronous client (the target: under 100 ms with the asynchronous client).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ["s3:CreateBucket,PutObject,HeadObject,ListObjectsV2", "ec2"]


def generate(directory: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from codegen.build import pipeline
    from codegen.config import Target

    output = pipeline.build(
        [Target.parse(t) for t in TARGETS], clients=("sync", "async"), jobs=2
    )
    package = directory / "benchpkg"
    for name, text in output.all_files().items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(directory)], check=True
    )
    return package


async def per_call(endpoint: str, calls: int) -> list[tuple[str, float, str]]:
    from aiobotocore.session import get_session
    from benchpkg.s3 import AsyncS3Client

    async with get_session().create_client(
        "s3", region_name="us-east-1", endpoint_url=endpoint
    ) as raw:
        typed = AsyncS3Client(raw)
        await raw.create_bucket(Bucket="bench")
        for n in range(20):
            await raw.put_object(Bucket="bench", Key=f"k{n:02}", Body=b"x" * 100)

        pairs: dict[str, tuple[Any, Any]] = {
            "head_object": (
                lambda: raw.head_object(Bucket="bench", Key="k00"),
                lambda: typed.head_object(bucket="bench", key="k00"),
            ),
            "list_objects_v2 (20 keys)": (
                lambda: raw.list_objects_v2(Bucket="bench"),
                lambda: typed.list_objects_v2(bucket="bench"),
            ),
        }
        rows: list[tuple[str, float, str]] = []
        for name, (raw_call, typed_call) in pairs.items():
            for _ in range(20):  # warm up both paths
                await raw_call()
                await typed_call()
            raw_times: list[float] = []
            typed_times: list[float] = []
            for n in range(calls):  # interleaved, the order alternating
                order = [(raw_call, raw_times), (typed_call, typed_times)]
                for call, times in order if n % 2 else order[::-1]:
                    started = time.perf_counter()
                    await call()
                    times.append(time.perf_counter() - started)
            raw_us = statistics.median(raw_times) * 1e6
            typed_us = statistics.median(typed_times) * 1e6
            rows += [
                (f"{name}: raw aiobotocore", raw_us, "us"),
                (f"{name}: AsyncS3Client", typed_us, "us"),
                (f"{name}: typed / raw (target <= 1.10)", typed_us / raw_us, "x"),
            ]
        return rows


_USES = {
    "import ec2": "import benchpkg.ec2",
    "import ec2, use its async client (target < 100 ms)": (
        "from benchpkg.ec2 import AsyncEC2Client"
    ),
    "import ec2, use its sync client": "from benchpkg.ec2 import EC2Client",
}


def imports(work: Path, repeat: int) -> list[tuple[str, float, str]]:
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

    rows = []
    for use, statement in _USES.items():
        run_ms(statement)  # bytecode of anything not compiled yet
        rounds = [run_ms(statement) for _ in range(repeat)]
        rows.append((use, statistics.median(rounds), "ms"))
    return rows


def measure(package: Path, calls: int, repeat: int) -> int:
    """Inside the aiobotocore environment."""
    import aiobotocore
    import botocore
    from moto.server import ThreadedMotoServer

    sys.path.insert(0, str(package.parent))
    sys.path.insert(0, str(ROOT / "tests"))
    from aio_env import free_port

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # a line per request
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        rows = asyncio.run(per_call(f"http://127.0.0.1:{port}", calls))
    finally:
        server.stop()
    rows += imports(package.parent, repeat)
    print(f"aiobotocore {aiobotocore.__version__}, botocore {botocore.__version__}")
    width = max(len(name) for name, _, _ in rows)
    for name, value, unit in rows:
        print(f"{name:<{width}}  {value:10.2f} {unit}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--package", type=Path, help="(set when run in the environment)"
    )
    args = parser.parse_args()
    if args.package is not None:
        return measure(args.package, args.calls, args.repeat)
    sys.path.insert(0, str(ROOT / "tests"))
    import aio_env

    with tempfile.TemporaryDirectory() as work:
        package = generate(Path(work))
        result = aio_env.run(
            "aiobotocore",
            str(Path(__file__).resolve()),
            "--package",
            str(package),
            "--calls",
            str(args.calls),
            "--repeat",
            str(args.repeat),
        )
        sys.stdout.write(result.stdout)
        if result.returncode:
            sys.stderr.write(result.stderr[-3000:])
        return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
