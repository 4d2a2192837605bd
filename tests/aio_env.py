"""The pinned environments the asynchronous clients are tested and measured in.

aiobotocore pins botocore exactly, to versions other than the project's
(requirements.txt pins botocore 1.44.8; aiobotocore 3.10.0 takes 1.43.115 to
1.43.117, aioboto3 15.5.0 brings aiobotocore 2.25.1 and botocore 1.40.x), so
the two cannot share the development environment. Each is a virtual
environment of its own under ``.codegen-cache/``, made on first use from the
pins below and reused while they stay the same (a stamp file holds them). The
bindings are generated in the development environment, from botocore 1.44.8's
models, and imported in these: exactly the version skew users meet.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".codegen-cache"
MOTO = "moto[server,s3,dynamodb,secretsmanager]==5.2.5"


def _pinned(name: str) -> str:
    """The version requirements.txt pins ``name`` to (pytest, say)."""
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{name}=="):
            return line.split()[0]
    raise LookupError(f"requirements.txt pins no {name}")


ENVIRONMENTS: dict[str, list[str]] = {
    # the newest aiobotocore, and the botocore it takes
    "aiobotocore": [
        "aiobotocore==3.10.0",
        "botocore==1.43.117",
        "boto3==1.43.117",
        MOTO,
        _pinned("pytest"),
    ],
    # aioboto3's newest, which holds aiobotocore (and botocore) further back
    "aioboto3": [
        "aioboto3==15.5.0",
        "aiobotocore==2.25.1",
        "botocore==1.40.61",
        "boto3==1.40.61",
        MOTO,
        _pinned("pytest"),
    ],
}


def python(name: str) -> Path:
    """The interpreter of environment ``name``, made (or remade) if its pins
    changed since it was made."""
    requirements = ENVIRONMENTS[name]
    directory = CACHE / f"aio-{name}"
    interpreter = directory / "bin" / "python"
    stamp = directory / ".installed"
    wanted = "\n".join(requirements)
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        if interpreter.exists():
            return interpreter
    shutil.rmtree(directory, ignore_errors=True)
    venv.create(directory, with_pip=True)
    result = subprocess.run(
        [str(interpreter), "-m", "pip", "install", "--quiet"]
        + ["--disable-pip-version-check", *requirements],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        shutil.rmtree(directory, ignore_errors=True)
        raise RuntimeError(
            f"cannot make the {name} environment: {result.stderr.strip()[-2000:]}"
        )
    stamp.write_text(wanted, encoding="utf-8")
    return interpreter


def run(
    name: str, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """``python args...`` in environment ``name``, with test credentials."""
    environment = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        **(env or {}),
    }
    environment.pop("PYTHONPATH", None)  # nothing of the development environment
    return subprocess.run(
        [str(python(name)), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


if __name__ == "__main__":  # make the environments: python tests/aio_env.py
    for environment in sys.argv[1:] or ENVIRONMENTS:
        print(environment, python(environment))
