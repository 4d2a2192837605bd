"""The asynchronous clients against real aiobotocore and a local moto server.

Run by tests/test_aio.py with pytest inside a pinned environment of
tests/aio_env.py -- aiobotocore's or aioboto3's botocore, not the project's --
on bindings generated from the project's botocore models: ``AIO_PACKAGE`` is
the generated package's directory, ``AIO_FLAVOUR`` ``aiobotocore`` or
``aioboto3``. Nothing here is mocked: moto's ``ThreadedMotoServer`` serves on
127.0.0.1, and a small HTTP server stands in for a service that echoes the
request in its error message.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import socket
import sys
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import pytest
from botocore.exceptions import ClientError, ParamValidationError
from moto.server import ThreadedMotoServer

PACKAGE = Path(os.environ["AIO_PACKAGE"])
FLAVOUR = os.environ.get("AIO_FLAVOUR", "aiobotocore")
SECRET = "hunter2-very-secret"
REGION = "us-east-1"
_T = TypeVar("_T")


def module(name: str) -> ModuleType:
    if str(PACKAGE.parent) not in sys.path:
        sys.path.insert(0, str(PACKAGE.parent))
    return importlib.import_module(f"{PACKAGE.name}.{name}")


def run(coroutine: Callable[[], Awaitable[_T]]) -> _T:
    async def main() -> _T:
        return await coroutine()

    return asyncio.run(main())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@asynccontextmanager
async def raw_client(service: str, endpoint: str) -> AsyncIterator[Any]:
    """An aiobotocore client, opened as each library's users open one."""
    if FLAVOUR == "aioboto3":
        import aioboto3

        session = aioboto3.Session()
        async with session.client(
            service, region_name=REGION, endpoint_url=endpoint
        ) as client:
            yield client
    else:
        from aiobotocore.session import get_session

        async with get_session().create_client(
            service, region_name=REGION, endpoint_url=endpoint
        ) as client:
            yield client


def test_versions_are_the_environment_s() -> None:
    """The bindings come from botocore 1.44.8's models; this is another botocore."""
    import botocore

    manifest = json.loads((PACKAGE / "codegen-manifest.json").read_text())
    assert manifest["botocore"] != botocore.__version__
    assert "async" in manifest["clients"]


def test_s3_put_get_pages_waiter_and_errors(endpoint: str) -> None:
    s3m = module("s3")

    async def scenario() -> None:
        async with raw_client("s3", endpoint) as raw:
            s3 = s3m.AsyncS3Client(raw)
            assert s3.client is raw
            async with s3:  # a wrapped client stays open on exit
                await s3.create_bucket(bucket="photos")
            await s3.wait_bucket_exists(
                bucket="photos", waiter_config={"Delay": 1, "MaxAttempts": 3}
            )
            put = await s3.put_object(bucket="photos", key="a.txt", body=b"hello " * 5)
            assert isinstance(put, s3m.PutObjectOutput) and put.e_tag
            assert put.response_metadata.http_status_code == 200

            got = await s3.get_object(bucket="photos", key="a.txt")
            assert isinstance(got, s3m.GetObjectOutput)
            assert got.content_length == 30 and got.response_metadata.request_id
            async with got.body as body:  # read at once
                assert body is not None
                assert await got.body.read() == b"hello " * 5

            got = await s3.get_object(bucket="photos", key="a.txt")
            chunks = [chunk async for chunk in got.body.iter_chunks(7)]
            assert b"".join(chunks) == b"hello " * 5 and len(chunks) == 5

            for n in range(5):
                await s3.put_object(bucket="photos", key=f"k{n}", body=b"x")
            pages = s3.paginate_list_objects_v2(
                bucket="photos", pagination_config={"MaxItems": 3, "PageSize": 2}
            )
            first = [page async for page in pages]
            assert len(first) == 2  # more than one page
            assert all(isinstance(p, s3m.ListObjectsV2Output) for p in first)
            keys = [o.key for p in first for o in p.contents or []]
            assert keys == ["a.txt", "k0", "k1"]
            assert pages.resume_token is not None
            rest = s3.paginate_list_objects_v2(
                bucket="photos",
                pagination_config={"StartingToken": pages.resume_token},
            )
            keys += [o.key async for p in rest for o in p.contents or []]
            assert keys == ["a.txt", "k0", "k1", "k2", "k3", "k4"]
            assert rest.resume_token is None

            with pytest.raises(s3m.NoSuchKey) as missing:
                await s3.get_object(bucket="photos", key="nope")
            assert isinstance(missing.value, ClientError)  # one class for both
            assert missing.value.response["Error"]["Code"] == "NoSuchKey"
            assert missing.value.operation_name == "GetObject"

    run(scenario)


def test_an_event_stream_is_iterated_with_async_for(endpoint: str) -> None:
    """S3 Select answers with an event stream: aiobotocore's, typed as such."""
    s3m = module("s3")

    async def scenario() -> None:
        async with raw_client("s3", endpoint) as raw:
            s3 = s3m.AsyncS3Client(raw)
            await s3.create_bucket(bucket="tables")
            await s3.put_object(bucket="tables", key="t.csv", body=b"ab\ncd\n")
            out = await s3.select_object_content(
                bucket="tables",
                key="t.csv",
                expression="SELECT * FROM S3Object",
                expression_type="SQL",
                input_serialization=s3m.InputSerialization(csv=s3m.CSVInput()),
                output_serialization=s3m.OutputSerialization(csv=s3m.CSVOutput()),
            )
            assert isinstance(out, s3m.SelectObjectContentOutput)
            assert out.response_metadata.http_status_code == 200
            assert hasattr(out.payload, "__aiter__")  # aiobotocore's own stream
            events = [event async for event in out.payload]
            records = b"".join(
                e["Records"]["Payload"] for e in events if "Records" in e
            )
            assert records.split() == [b"ab", b"cd"]
            assert any("End" in event for event in events)

    run(scenario)


def test_create_opens_and_closes_its_own_client(endpoint: str) -> None:
    s3m = module("s3")

    async def scenario() -> None:
        typed = s3m.AsyncS3Client.create(region_name=REGION, endpoint_url=endpoint)
        assert repr(typed) == "AsyncS3Client(unopened)"
        with pytest.raises(RuntimeError, match="async with AsyncS3Client.create"):
            _ = typed.client
        async with typed as s3:
            assert s3 is typed
            await s3.create_bucket(bucket="opened")
            raw = s3.client
            assert repr(typed) == f"AsyncS3Client({raw!r})"
            # aiobotocore's client closes its HTTP session on exit: seen here
            http = raw._endpoint.http_session
            exits: list[object] = []
            real_exit = http.__aexit__

            async def exit_(*args: Any) -> Any:
                exits.append(args)
                return await real_exit(*args)

            http.__aexit__ = exit_
        assert len(exits) == 1  # closed on exit
        with pytest.raises(RuntimeError):  # and forgotten
            _ = typed.client
        async with typed as again:  # opens a new one
            await again.head_bucket(bucket="opened")

    run(scenario)


def test_a_synchronous_client_is_refused(endpoint: str) -> None:
    import boto3

    s3m = module("s3")
    with pytest.raises(TypeError, match="got a synchronous botocore client"):
        s3m.AsyncS3Client(boto3.client("s3", region_name=REGION))

    async def scenario() -> None:
        from aiobotocore.session import get_session

        opener = get_session().create_client("s3", region_name=REGION)
        with pytest.raises(TypeError, match="async with"):
            s3m.AsyncS3Client(opener)
        async with opener as opened:  # as it should have been
            assert s3m.AsyncS3Client(opened).client is opened

    run(scenario)


def test_the_synchronous_client_works_under_this_botocore(endpoint: str) -> None:
    import boto3

    s3m = module("s3")
    s3 = s3m.S3Client(boto3.client("s3", region_name=REGION, endpoint_url=endpoint))
    s3.create_bucket(bucket="sync")
    s3.put_object(bucket="sync", key="k", body=b"data")
    assert s3.get_object(bucket="sync", key="k").body.read() == b"data"
    with pytest.raises(s3m.NoSuchKey):
        s3.get_object(bucket="sync", key="missing")


def test_dynamodb_put_query_and_a_conditional_check(endpoint: str) -> None:
    ddb = module("dynamodb")

    async def scenario() -> None:
        async with raw_client("dynamodb", endpoint) as raw:
            db = ddb.AsyncDynamoDBClient(raw)
            await db.create_table(
                table_name="t",
                attribute_definitions=[
                    ddb.AttributeDefinition(attribute_name="pk", attribute_type="S"),
                    ddb.AttributeDefinition(attribute_name="sk", attribute_type="N"),
                ],
                key_schema=[
                    ddb.KeySchemaElement(attribute_name="pk", key_type="HASH"),
                    ddb.KeySchemaElement(attribute_name="sk", key_type="RANGE"),
                ],
                billing_mode="PAY_PER_REQUEST",
            )
            for n in range(3):
                await db.put_item(
                    table_name="t",
                    item={
                        "pk": ddb.AttributeValue(s="a"),
                        "sk": ddb.AttributeValue(n=str(n)),
                    },
                )
            result = await db.query(
                table_name="t",
                key_condition_expression="pk = :pk",
                expression_attribute_values={":pk": ddb.AttributeValue(s="a")},
            )
            assert isinstance(result, ddb.QueryOutput) and result.count == 3
            assert [i["sk"].n for i in result.items or []] == ["0", "1", "2"]
            with pytest.raises(ddb.ConditionalCheckFailedException) as failed:
                await db.put_item(
                    table_name="t",
                    item={
                        "pk": ddb.AttributeValue(s="a"),
                        "sk": ddb.AttributeValue(n="0"),
                    },
                    condition_expression="attribute_not_exists(pk)",
                )
            assert failed.value.message and failed.value.message in str(failed.value)

    run(scenario)


def test_secrets_manager_create_get_and_redaction(endpoint: str) -> None:
    sm = module("secretsmanager")

    async def scenario() -> list[str]:
        shown: list[str] = []
        async with raw_client("secretsmanager", endpoint) as raw:
            secrets = sm.AsyncSecretsManagerClient(raw)
            await secrets.create_secret(name="s1", secret_string=SECRET)
            value = await secrets.get_secret_value(secret_id="s1")
            assert value.secret_string == SECRET
            shown += [repr(value), str(value)]
            with pytest.raises(sm.ResourceNotFoundException) as missing:
                await secrets.put_secret_value(secret_id="gone", secret_string=SECRET)
            shown += [str(missing.value), repr(missing.value)]
            with pytest.raises(ParamValidationError) as invalid:
                await secrets.create_secret(name="x", secret_string=12345678)
            text = str(invalid.value) + repr(invalid.value.kwargs)
            assert "12345678" not in text and "<sensitive>" in text
        return shown

    assert all(SECRET not in text for text in run(scenario))


class Echo(BaseHTTPRequestHandler):
    """A service that repeats the request in its error message, as some do."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        code = "InvalidRequestException" if "modeled" in body else "Unmodeled"
        payload = json.dumps({"__type": code, "message": f"bad request {body}"})
        self.send_response(400)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def echo() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_secret_echoed_by_the_service_is_never_shown(echo: str) -> None:
    sm = module("secretsmanager")

    async def scenario() -> tuple[BaseException, BaseException]:
        async with raw_client("secretsmanager", echo) as raw:
            secrets = sm.AsyncSecretsManagerClient(raw)
            with pytest.raises(sm.InvalidRequestException) as modeled:
                await secrets.put_secret_value(
                    secret_id="modeled", secret_string=SECRET
                )
            with pytest.raises(ClientError) as plain:
                await secrets.put_secret_value(secret_id="plain", secret_string=SECRET)
            return modeled.value, plain.value

    modeled, plain = run(scenario)
    assert type(plain) is not sm.InvalidRequestException
    for error in (modeled, plain):
        assert isinstance(error, ClientError)
        texts = [str(error), repr(error), repr(error.response), repr(vars(error))]
        assert all(SECRET not in text for text in texts), texts
        assert "<sensitive>" in str(error)
        assert "SecretString" in error.response["Error"]["Message"]  # the echo, kept
    assert isinstance(modeled, sm.InvalidRequestException)
    assert "<sensitive>" in (modeled.message or "")


def test_a_paginator_keeps_secrets_out_of_parameter_errors(endpoint: str) -> None:
    s3m = module("s3")

    async def scenario() -> None:
        async with raw_client("s3", endpoint) as raw:
            s3 = s3m.AsyncS3Client(raw)
            pages = s3.paginate_list_parts(
                bucket="b", key="k", upload_id="u", sse_customer_key=b"very-secret-key"
            )
            with pytest.raises(ParamValidationError) as caught:
                async for _ in pages:
                    pass
            assert "very-secret-key" not in str(caught.value)
            assert "<sensitive>" in str(caught.value)

    run(scenario)
