"""The asynchronous typed clients: their runtime, generation, typing and, in
pinned environments with aiobotocore and aioboto3, their calls against moto.

The development environment has no aiobotocore (its botocore pin is not the
project's): here the runtime ``codegen.runtime._aio`` is tested directly, the
generated modules are imported without it, and mypy checks the guide's example
and its misuses. The calls themselves run in tests/aio_checks.py, inside the
environments of tests/aio_env.py (slow: made once, then cached).
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aio_env
import pytest
from botocore.exceptions import ClientError, ParamValidationError
from conftest import ROOT, generate_package, mypy

from codegen.build import pipeline
from codegen.config import Target
from codegen.output import report
from codegen.runtime import _aio, _client
from codegen.runtime._runtime import Field, Struct

TARGETS = [
    "s3:CreateBucket,HeadBucket,PutObject,GetObject,ListObjectsV2,ListParts,"
    "SelectObjectContent",
    "dynamodb:CreateTable,PutItem,Query",
    "secretsmanager:CreateSecret,GetSecretValue,PutSecretValue",
]
SECRET = "hunter2-very-secret"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    package, _ = generate_package(
        tmp_path_factory.mktemp("aio"), TARGETS, clients=("sync", "async")
    )
    return package


# -- the runtime, directly ---------------------------------------------------------


class _Request(Struct):
    __slots__ = ("name", "secret", "_extra")
    SENSITIVE = ("secret",)
    _FIELDS = (Field("name", "Name", "str"), Field("secret", "Secret", "str"))


class _Result(Struct):
    __slots__ = ("items", "_extra")
    _FIELDS = (Field("items", "Items", "[str]"),)

    items: list[str] | None


class _Pages:
    """What an aiobotocore paginator gives: an async iterator of page dicts,
    with ``resume_token`` once ``MaxItems`` stopped it."""

    def __init__(self, pages: list[dict[str, Any]], error: Exception | None = None):
        self.pages, self.error = pages, error
        self.resume_token: str | None = None

    async def _iterate(self) -> AsyncIterator[dict[str, Any]]:
        for page in self.pages:
            yield page
        if self.error is not None:
            raise self.error
        self.resume_token = "next-token"

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        return self._iterate()


def test_pages_are_typed_as_iterated_and_resume() -> None:
    pages = _Pages([{"Items": ["a"]}, {"Items": ["b", "c"]}])
    typed = _aio.AsyncPageIterator(pages, _Result, lambda error: error)
    assert typed.resume_token is None

    async def collect() -> list[_Result]:
        return [page async for page in typed]

    got = asyncio.run(collect())
    assert [p.items for p in got] == [["a"], ["b", "c"]]
    assert typed.resume_token == "next-token"


def test_an_error_while_paging_is_translated() -> None:
    error = ParamValidationError(report="bad")
    seen: list[Exception] = []

    def translate(raised: Exception) -> BaseException:
        seen.append(raised)
        return ValueError("translated")

    typed = _aio.AsyncPageIterator(_Pages([], error), _Result, translate)

    async def collect() -> None:
        async for _ in typed:
            pass

    with pytest.raises(ValueError, match="translated"):
        asyncio.run(collect())
    assert seen == [error]


class _EchoingClient:
    """An aiobotocore-like client (its calls are coroutines) whose every call
    fails with the parameters in the message, as some services answer."""

    meta = None

    async def _make_api_call(self, name: str, params: dict[str, Any]) -> Any:
        raise AssertionError("not called")

    async def put_thing(self, **params: Any) -> Any:
        raise ClientError(
            {"Error": {"Code": "Unmodeled", "Message": f"bad {params}"}}, "PutThing"
        )

    def put_sync(self, **params: Any) -> Any:
        raise ClientError(
            {"Error": {"Code": "Unmodeled", "Message": f"bad {params}"}}, "PutThing"
        )


class _AsyncThing(_aio.AsyncTypedClient):
    __slots__ = ()
    _SERVICE = "thing"


def test_redaction_is_the_synchronous_layer_s() -> None:
    """One ``ClientCore._error`` serves both: the same error, the same text."""
    raw = _EchoingClient()
    typed = _AsyncThing(raw)  # type: ignore[arg-type]  # not a real client
    values = {"name": "n", "secret": SECRET}

    async def call() -> None:
        await typed._send("put_thing", _Request, values)

    with pytest.raises(ClientError) as async_error:
        asyncio.run(call())
    with pytest.raises(ClientError) as sync_error:
        try:
            raw.put_sync(Name="n", Secret=SECRET)
        except ClientError as error:
            raise _client.ClientCore()._error(error, _Request, values) from None
    assert str(async_error.value) == str(sync_error.value)
    assert async_error.value.response == sync_error.value.response
    assert SECRET not in str(async_error.value) and "<sensitive>" in str(
        async_error.value
    )
    assert SECRET not in repr(async_error.value.response)


def test_what_is_not_an_aiobotocore_client_is_refused() -> None:
    import botocore.session

    sync = botocore.session.get_session().create_client("s3", region_name="us-east-1")
    with pytest.raises(TypeError) as caught:
        _AsyncThing(sync)
    assert str(caught.value) == (
        "_AsyncThing wraps an aiobotocore client, such as "
        "session.create_client('thing'); got a synchronous botocore client (S3): "
        "pass it to the synchronous client class instead"
    )
    with pytest.raises(TypeError, match="got object"):
        _AsyncThing(object())  # type: ignore[arg-type]


def test_create_without_aiobotocore_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "aiobotocore", None)  # not installed
    monkeypatch.setitem(sys.modules, "aiobotocore.session", None)
    with pytest.raises(ImportError) as caught:
        _AsyncThing.create(region_name="us-east-1")
    assert str(caught.value) == (
        "the asynchronous clients need aiobotocore, which is not installed: "
        "pip install aiobotocore (or aioboto3)"
    )


# -- generated modules without aiobotocore --------------------------------------------

IMPORT_CHECK = """
import sys
sys.modules["aiobotocore"] = None  # as if not installed
import botocore.session
from {name}.s3 import AsyncS3Client, NoSuchKey, S3Client
assert not any(m.startswith("aiobotocore") for m in sys.modules if sys.modules[m])
raw = botocore.session.get_session().create_client("s3", region_name="us-east-1")
assert S3Client(raw).client is raw  # the synchronous parts work
try:
    AsyncS3Client.create(region_name="us-east-1")
except ImportError as error:
    print(error)
"""


def test_a_module_with_an_async_client_imports_without_aiobotocore(
    package: Path,
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_CHECK.format(name=package.name)],
        cwd=package.parent,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "the asynchronous clients need aiobotocore, which is not installed: "
        "pip install aiobotocore (or aioboto3)"
    )


def test_which_clients_a_run_writes(tmp_path: Path) -> None:
    target = [Target.parse("s3:GetObject")]
    both = pipeline.build(target, clients=("sync", "async"))
    only_async = pipeline.build(target, clients=("async",))
    only_sync = pipeline.build(target)  # the default
    assert "class S3Client(" in both.files["s3.py"]
    assert "class AsyncS3Client(_aio.AsyncTypedClient)" in both.files["s3.py"]
    assert "class S3Client(" not in only_async.files["s3.py"]
    assert "class AsyncS3Client(" in only_async.files["s3.py"]
    assert "_aio" not in only_sync.files["s3.py"] and "_aio.py" not in only_sync.files
    assert {"_aio.py", "_client.py"} <= set(only_async.files)
    manifests = [json.loads(o.manifest()) for o in (both, only_async, only_sync)]
    assert [m["clients"] for m in manifests] == [["sync", "async"], ["async"], ["sync"]]
    surface = json.loads(both.surface_texts["s3.py"])
    assert surface["clients"] == {"sync": "S3Client", "async": "AsyncS3Client"}


def test_clients_in_the_configuration_and_on_the_command_line(tmp_path: Path) -> None:
    def codegen(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "codegen", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )

    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[tool.codegen]\ntargets = ["s3:GetObject"]\nclients = ["async"]\n'
    )
    assert codegen().returncode == 0
    text = (tmp_path / "generated" / "s3.py").read_text()
    assert "class AsyncS3Client(" in text and "class S3Client(" not in text
    assert codegen("--clients", "sync").returncode == 0  # the command line wins
    text = (tmp_path / "generated" / "s3.py").read_text()
    assert "class AsyncS3Client(" not in text and "class S3Client(" in text
    config.write_text('[tool.codegen]\ntargets = ["s3:GetObject"]\nclients = "both"\n')
    wrong = codegen()
    assert wrong.returncode == 2
    assert wrong.stderr == (
        f"codegen: error: {config}: [tool.codegen]: 'clients': unknown client kind "
        "'both' (known: sync, async)\n"
    )


def _surface(clients: tuple[str, ...], params: dict[str, Any]) -> dict[str, Any]:
    names = {"sync": "S3Client", "async": "AsyncS3Client"}
    return {
        "classes": {},
        "aliases": {},
        "clients": {kind: names[kind] for kind in clients},
        "operations": {
            "get_object": {
                "operation": "GetObject",
                "client": "S3Client",
                "input": "GetObjectRequest",
                "output": "GetObjectOutput",
                "params": params,
            }
        },
    }


def test_the_change_report_grades_async_methods_like_sync_ones() -> None:
    old_params = {"bucket": ["Bucket", "str", True, False]}
    new_params = {"bucket": ["Bucket", "int", True, False]}
    both = ("sync", "async")
    changed = report.compare(
        {"s3.py": _surface(both, old_params)}, {"s3.py": _surface(both, new_params)}
    )
    assert [(c.severity, c.kind, c.subject) for c in changed.changes] == [
        ("breaking", "parameter type changed", "AsyncS3Client.get_object(bucket)"),
        ("breaking", "parameter type changed", "get_object(bucket)"),
    ]
    dropped = report.compare(
        {"s3.py": _surface(both, old_params)},
        {"s3.py": _surface(("sync",), old_params)},
    )
    assert [(c.severity, c.kind, c.subject) for c in dropped.changes] == [
        ("breaking", "operation removed", "AsyncS3Client.get_object")
    ]
    added = report.compare(
        {"s3.py": _surface(("sync",), old_params)},
        {"s3.py": _surface(both, old_params)},
    )
    assert [(c.severity, c.kind) for c in added.changes] == [
        ("compatible", "operation added")
    ]


# -- typing ------------------------------------------------------------------------


def guide_example() -> str:
    """The S3 example of docs/guide/async.rst, as written (the guide's examples
    test checks the others against the committed output, which has no S3)."""
    text = (ROOT / "docs" / "guide" / "async.rst").read_text(encoding="utf-8")
    blocks = text.split(".. code-block:: python\n\n")[1:]
    block = next(b for b in blocks if "AsyncS3Client" in b.split("\n\n\n")[0])
    lines = []
    for line in block.splitlines():
        if line and not line.startswith("   "):
            break
        lines.append(line[3:])
    return "\n".join(lines).strip() + "\n"


def test_mypy_accepts_the_guide_example(package: Path, tmp_path: Path) -> None:
    example = guide_example().replace("myapp.aws.", f"{package.name}.")
    (package.parent / "example_async.py").write_text(example, encoding="utf-8")
    result = mypy("example_async.py", package.name, cwd=package.parent)
    assert result.returncode == 0, result.stdout


MISUSES = {
    "missing await": (
        "    result = s3.get_object(bucket='b', key='k')\n    print(result.body)\n",
        'has no attribute "body"',
    ),
    "unawaited call": ("    s3.put_object(bucket='b', key='k')\n", "unused-coroutine"),
    "wrong parameter type": (
        "    await s3.get_object(bucket=1, key='k')\n",
        'incompatible type "int"; expected "str"',
    ),
    "misspelled parameter": (
        "    await s3.get_object(buckett='b', key='k')\n",
        'Unexpected keyword argument "buckett"',
    ),
    "plain for over pages": (
        "    for page in s3.paginate_list_objects_v2(bucket='b'):\n        print(page)\n",
        '"__aiter__"',
    ),
    "body read without await": (
        "    out = await s3.get_object(bucket='b', key='k')\n"
        "    if out.body is not None:\n"
        "        data: bytes = out.body.read()\n"
        "        print(data)\n",
        'expression has type "Coroutine[Any, Any, bytes]"',
    ),
    "plain for over an event stream": (
        "    out = await s3.select_object_content(bucket='b', key='k', expression='e',"
        " expression_type='SQL', input_serialization=InputSerialization(),"
        " output_serialization=OutputSerialization())\n"
        "    if out.payload is not None:\n"
        "        for event in out.payload:\n"
        "            print(event)\n",
        '"__aiter__"',
    ),
}


EVENTS = """\
from PACKAGE.s3 import (
    AsyncS3Client,
    CSVInput,
    CSVOutput,
    InputSerialization,
    OutputSerialization,
    S3Client,
)

CSV_IN = InputSerialization(csv=CSVInput())
CSV_OUT = OutputSerialization(csv=CSVOutput())


async def rows(s3: AsyncS3Client) -> list[bytes]:
    out = await s3.select_object_content(
        bucket="b",
        key="k",
        expression="SELECT * FROM S3Object",
        expression_type="SQL",
        input_serialization=CSV_IN,
        output_serialization=CSV_OUT,
    )
    found: list[bytes] = []
    if out.payload is not None:
        async for event in out.payload:
            found.append(event["Records"]["Payload"])
    return found


def rows_sync(s3: S3Client) -> list[object]:
    out = s3.select_object_content(
        bucket="b",
        key="k",
        expression="SELECT * FROM S3Object",
        expression_type="SQL",
        input_serialization=CSV_IN,
        output_serialization=CSV_OUT,
    )
    return [event for event in out.payload or []]
"""


def test_mypy_accepts_event_streams_as_each_client_iterates_them(
    package: Path,
) -> None:
    (package.parent / "events.py").write_text(
        EVENTS.replace("PACKAGE", package.name), encoding="utf-8"
    )
    result = mypy("events.py", cwd=package.parent)
    assert result.returncode == 0, result.stdout


def test_mypy_rejects_misuse(package: Path) -> None:
    names = []
    for index, (code, _) in enumerate(MISUSES.values()):
        name = f"misuse_{index}.py"
        names.append(name)
        (package.parent / name).write_text(
            f"from {package.name}.s3 import AsyncS3Client, InputSerialization,"
            " OutputSerialization\n\n\n"
            f"async def misuse(s3: AsyncS3Client) -> None:\n{code}",
            encoding="utf-8",
        )
    result = mypy(*names, cwd=package.parent)
    for name, (what, (_, expected)) in zip(names, MISUSES.items()):
        found = [line for line in result.stdout.splitlines() if line.startswith(name)]
        assert any(expected in line for line in found), (what, found)


# -- against aiobotocore and aioboto3 -------------------------------------------------


def _checks(flavour: str, package: Path) -> None:
    result = aio_env.run(
        flavour,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        str(ROOT / "tests" / "aio_checks.py"),
        env={"AIO_PACKAGE": str(package), "AIO_FLAVOUR": flavour},
        cwd=package.parent,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    passed = re.search(r"(\d+) passed", result.stdout)
    assert passed and int(passed.group(1)) >= 9, result.stdout[-2000:]
    assert " skipped" not in result.stdout


@pytest.mark.slow
def test_against_aiobotocore_and_a_moto_server(package: Path) -> None:
    _checks("aiobotocore", package)


@pytest.mark.slow
def test_through_aioboto3_and_its_older_botocore(package: Path) -> None:
    _checks("aioboto3", package)
