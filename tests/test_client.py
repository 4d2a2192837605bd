"""The typed clients against real botocore clients: moto in-process and Stubber.

For S3, DynamoDB, Secrets Manager and Rekognition: plain calls, pagination over
more than one page, waiters, modeled errors, streaming bodies, event streams, and
sensitive inputs kept out of every message the typed layer produces.
"""

from __future__ import annotations

import copy as copy_module
import inspect
import io
import json
import logging
import pickle
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import botocore.client
import botocore.session
import pytest
from botocore.eventstream import EventStream
from botocore.exceptions import ClientError, ParamValidationError
from botocore.response import StreamingBody
from botocore.stub import Stubber
from conftest import generate_package, import_generated, mypy
from moto import mock_aws
from rest_check import fields, rest_problems

TARGETS = [
    "s3:CreateBucket,HeadBucket,PutObject,GetObject,ListObjectsV2,DeleteObject,Bucket,"
    "SelectObjectContent,CopyObject,ListParts",
    "dynamodb:CreateTable,DescribeTable,PutItem,GetItem,Scan",
    "secretsmanager:CreateSecret,GetSecretValue,PutSecretValue,ListSecrets",
    "rekognition:DetectLabels,GetFaceLivenessSessionResults",
    "sqs:CreateQueue,GetQueueUrl",
]
SECRET = "hunter2-very-secret"
SESSION = "0b1d2c3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    package, _ = generate_package(tmp_path_factory.mktemp("client"), TARGETS)
    return package


@pytest.fixture(scope="module")
def s3m(package: Path) -> ModuleType:
    return import_generated(package, "s3")


@pytest.fixture(scope="module")
def ddb(package: Path) -> ModuleType:
    return import_generated(package, "dynamodb")


@pytest.fixture(scope="module")
def sm(package: Path) -> ModuleType:
    return import_generated(package, "secretsmanager")


@pytest.fixture(scope="module")
def rek(package: Path) -> ModuleType:
    return import_generated(package, "rekognition")


@pytest.fixture(scope="module")
def sqs(package: Path) -> ModuleType:
    return import_generated(package, "sqs")


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        yield


def stub_client(service: str) -> Any:
    return botocore.session.get_session().create_client(
        service,
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
    )


def test_what_is_not_a_botocore_client_is_refused_at_construction(
    s3m: ModuleType,
) -> None:
    for wrong in (object(), "not a client", None):
        with pytest.raises(TypeError) as caught:
            s3m.S3Client(wrong)
        assert str(caught.value) == (
            "S3Client wraps a botocore client, such as boto3.client('s3'); "
            f"got {type(wrong).__qualname__}"
        )
    assert s3m.S3Client(stub_client("s3")).client is not None  # the real thing


def _aiobotocore_like(namespace: dict[str, Any]) -> Any:
    """A botocore client class as aiobotocore makes one, without aiobotocore:
    it derives from botocore's ``BaseClient``; made without ``__init__``."""
    cls = type("AioS3", (botocore.client.BaseClient,), namespace)
    return object.__new__(cls)


def test_an_aiobotocore_client_is_refused_at_construction(s3m: ModuleType) -> None:
    """It would fail only at the first call (``expected a mapping, got coroutine``)."""

    async def _make_api_call(self: Any, name: str, params: Any) -> Any:
        return {}

    by_module = _aiobotocore_like({"__module__": "aiobotocore.client"})
    by_coroutine = _aiobotocore_like({"_make_api_call": _make_api_call})
    for client in (by_module, by_coroutine):
        with pytest.raises(TypeError) as caught:
            s3m.S3Client(client)
        assert str(caught.value) == (
            "S3Client wraps a synchronous botocore client, such as "
            "boto3.client('s3'); got an aiobotocore client (AioS3), whose calls are "
            "coroutines: pass a botocore or boto3 client instead"
        )


def test_mypy_rejects_what_is_not_a_client(package: Path) -> None:
    (package.parent / "use_client.py").write_text(
        "import boto3  # type: ignore[import-untyped]\n"
        f"from {package.name}.s3 import S3Client\n"
        "S3Client(object())\n"
        "S3Client('x')\n"
        "S3Client(boto3.client('s3'))\n",
        encoding="utf-8",
    )
    result = mypy("use_client.py", cwd=package.parent)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["3", "4"], result.stdout
    assert all('Argument 1 to "S3Client" has incompatible type' in e for e in errors)
    assert '"BotocoreClient"' in errors[0]


def test_client_class_names_follow_botocore(
    s3m: ModuleType, ddb: ModuleType, sm: ModuleType, rek: ModuleType
) -> None:
    for module, service in ((s3m, "s3"), (ddb, "dynamodb"), (sm, "secretsmanager")):
        raw = stub_client(service)
        typed = getattr(module, type(raw).__name__ + "Client")(raw)
        assert typed.client is raw
    assert {"S3Client", "DynamoDBClient", "SecretsManagerClient"} <= {
        *dir(s3m),
        *dir(ddb),
        *dir(sm),
    }
    assert rek.RekognitionClient.__name__ == "RekognitionClient"


def test_mixed_target_generates_operations_and_shapes(s3m: ModuleType) -> None:
    assert hasattr(s3m, "Bucket") and hasattr(s3m, "GetObjectOutput")
    assert not hasattr(s3m.S3Client, "put_bucket_acl")  # not a target
    assert hasattr(s3m.S3Client, "paginate_list_objects_v2")
    assert hasattr(s3m.S3Client, "wait_bucket_exists")  # HeadBucket's waiter


@pytest.mark.usefixtures("aws")
def test_s3_with_moto(s3m: ModuleType, package: Path, tmp_path: Path) -> None:
    runtime = import_generated(package, "_runtime")
    s3 = s3m.S3Client(boto3.client("s3"))
    s3.create_bucket(bucket="bucket")
    s3.wait_bucket_exists(bucket="bucket", waiter_config={"Delay": 1, "MaxAttempts": 2})
    path = tmp_path / "body.txt"
    path.write_bytes(b"line one\nline two\n")
    with path.open("rb") as body:  # a binary file object, as boto3 takes it
        put = s3.put_object(
            bucket="bucket", key="a.txt", body=body, expires="2030-01-01"
        )
    assert put.e_tag and put.response_metadata.http_status_code == 200
    assert put.response_metadata.request_id
    s3.put_object(bucket="bucket", key="b.txt", body="text is sent as UTF-8")
    s3.put_object(bucket="bucket", key="c.txt", body=b"bytes")
    # botocore takes CopySource as a dict too, and so does the typed method.
    s3.copy_object(
        bucket="bucket", key="c2.txt", copy_source={"Bucket": "bucket", "Key": "c.txt"}
    )
    with s3.get_object(bucket="bucket", key="c2.txt").body as copied:
        assert copied.read() == b"bytes"
    s3.delete_object(bucket="bucket", key="c2.txt")

    result = s3.get_object(bucket="bucket", key="a.txt")
    assert isinstance(result, s3m.GetObjectOutput)
    # botocore adds members the model lacks (S3's ExpiresString, and its own in
    # ResponseMetadata): a result's unknown members are no problem for validate().
    assert "ExpiresString" in runtime.unknown_members(result)
    assert result.validate() is None
    with pytest.raises(TypeError, match=r"^GetObjectOutput\.Body: a \w+ cannot be"):
        result.to_json()
    request = s3m.GetObjectRequest.from_dict({"Bucket": "b", "Key": "k", "Extra": 1})
    with pytest.raises(runtime.ValidationError, match="Extra: unknown member"):
        request.validate()
    # A response is told by its ResponseMetadata, not by its class (IdentityPool is
    # both UpdateIdentityPool's input and its output).
    with pytest.raises(runtime.ValidationError, match="Extra: unknown member"):
        s3m.GetObjectOutput.from_dict({"Extra": 1}).validate()
    assert list(result.body.iter_lines()) == [b"line one", b"line two"]
    result.body.close()
    with s3.get_object(bucket="bucket", key="b.txt").body as stream:
        assert stream.read() == b"text is sent as UTF-8"
    chunks = s3.get_object(bucket="bucket", key="c.txt").body
    assert b"".join(chunks.iter_chunks(2)) == b"bytes"
    chunks.close()

    pages = list(
        s3.paginate_list_objects_v2(bucket="bucket", pagination_config={"PageSize": 1})
    )
    assert len(pages) == 3
    assert all(isinstance(p, s3m.ListObjectsV2Output) for p in pages)
    assert [o.key for p in pages for o in p.contents or []] == [
        "a.txt",
        "b.txt",
        "c.txt",
    ]
    capped = s3.paginate_list_objects_v2(
        bucket="bucket", pagination_config={"MaxItems": 2, "PageSize": 1}
    )
    assert sum(len(p.contents or []) for p in capped) == 2
    assert capped.resume_token

    with pytest.raises(s3m.NoSuchKey) as caught:
        s3.get_object(bucket="bucket", key="missing")
    error = caught.value
    assert isinstance(error, ClientError)
    assert error.operation_name == "GetObject"
    assert error.response["Error"]["Code"] == "NoSuchKey"
    assert "NoSuchKey" in str(error) and repr(error) == "NoSuchKey()"
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is s3m.NoSuchKey and str(copy) == str(error)


@pytest.mark.usefixtures("aws")
def test_event_stream_passes_through_with_moto(s3m: ModuleType) -> None:
    """S3 Select answers with an event stream (moto encodes it, botocore decodes it):
    the typed result holds botocore's own EventStream, not a copy or a dict."""
    s3 = s3m.S3Client(boto3.client("s3"))
    s3.create_bucket(bucket="bucket")
    s3.put_object(bucket="bucket", key="rows.csv", body=b"name,size\nalpha,1\nbeta,22")
    result = s3.select_object_content(
        bucket="bucket",
        key="rows.csv",
        expression="SELECT * FROM S3Object",
        expression_type="SQL",
        input_serialization=s3m.InputSerialization(
            csv=s3m.CSVInput(file_header_info="USE")
        ),
        output_serialization=s3m.OutputSerialization(json=s3m.JSONOutput()),
    )
    assert isinstance(result, s3m.SelectObjectContentOutput)
    assert type(result.payload) is EventStream
    headers = result.response_metadata.http_headers
    assert headers["content-type"] == "application/vnd.amazon.eventstream"
    events = list(result.payload)
    modeled = botocore.session.get_session().get_service_model("s3")
    kinds = modeled.shape_for("SelectObjectContentEventStream").members
    assert all(len(event) == 1 and next(iter(event)) in kinds for event in events)
    records = [e["Records"]["Payload"] for e in events if "Records" in e]
    rows = [json.loads(line) for line in b"".join(records).splitlines()]
    assert rows == [{"name": "alpha", "size": "1"}, {"name": "beta", "size": "22"}]
    assert "Records" in events[0] and events[-1] == {"End": {}}


@pytest.mark.usefixtures("aws")
def test_dynamodb_with_moto(ddb: ModuleType) -> None:
    db = ddb.DynamoDBClient(boto3.client("dynamodb"))
    db.create_table(
        table_name="t",
        key_schema=[ddb.KeySchemaElement(attribute_name="pk", key_type="HASH")],
        attribute_definitions=[
            ddb.AttributeDefinition(attribute_name="pk", attribute_type="S")
        ],
        billing_mode="PAY_PER_REQUEST",
    )
    db.wait_table_exists(table_name="t", waiter_config={"Delay": 1})
    for n in range(3):
        db.put_item(
            table_name="t",
            item={
                "pk": ddb.AttributeValue(s=f"k{n}"),
                "blob": ddb.AttributeValue(b=b"\x00\x01"),
            },
        )
    got = db.get_item(table_name="t", key={"pk": ddb.AttributeValue(s="k1")})
    assert got.item["blob"] == ddb.AttributeValue(b=b"\x00\x01")
    pages = list(db.paginate_scan(table_name="t", pagination_config={"PageSize": 1}))
    assert len(pages) >= 3
    assert sorted(i["pk"].s for p in pages for i in p.items or []) == ["k0", "k1", "k2"]
    with pytest.raises(ddb.ResourceNotFoundException) as caught:
        db.get_item(table_name="missing", key={"pk": ddb.AttributeValue(s="x")})
    assert caught.value.message and caught.value.message in str(caught.value)
    assert repr(caught.value).startswith("ResourceNotFoundException(message=")


@pytest.mark.usefixtures("aws")
def test_secrets_manager_with_moto_keeps_secrets_out_of_messages(
    sm: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    secrets = sm.SecretsManagerClient(boto3.client("secretsmanager"))
    for n in range(3):
        secrets.create_secret(name=f"s{n}", secret_string=SECRET)
    value = secrets.get_secret_value(secret_id="s1")
    assert value.secret_string == SECRET
    assert SECRET not in repr(value) and SECRET not in str(value)
    pages = list(secrets.paginate_list_secrets(pagination_config={"PageSize": 1}))
    assert len(pages) == 3 and sum(len(p.secret_list or []) for p in pages) == 3

    messages: list[str] = []
    with pytest.raises(sm.ResourceNotFoundException) as missing:
        secrets.put_secret_value(secret_id="missing", secret_string=SECRET)
    messages += [str(missing.value), repr(missing.value)]
    with pytest.raises(ParamValidationError) as invalid:
        secrets.create_secret(
            name="x", secret_string=12345678
        )  # wrong type at run time
    messages += [str(invalid.value), repr(invalid.value), repr(invalid.value.kwargs)]
    assert "12345678" not in "".join(messages[-3:]) and "<sensitive>" in messages[-3]
    messages.append(caplog.text)
    assert all(SECRET not in m for m in messages)


def test_secret_echoed_by_the_service_is_redacted(sm: ModuleType) -> None:
    raw = stub_client("secretsmanager")
    secrets = sm.SecretsManagerClient(raw)
    with Stubber(raw) as stubber:
        for code in ("InvalidRequestException", "SomethingUnmodeled"):
            stubber.add_client_error(
                "put_secret_value", code, f"bad value {SECRET} given", 400
            )
        with pytest.raises(sm.InvalidRequestException) as modeled:
            secrets.put_secret_value(secret_id="s", secret_string=SECRET)
        with pytest.raises(ClientError) as plain:
            secrets.put_secret_value(secret_id="s", secret_string=SECRET)
    assert type(plain.value) is not sm.InvalidRequestException
    assert not isinstance(plain.value, sm._client.ModeledError)
    for error in (modeled.value, plain.value):
        assert SECRET not in str(error) and "<sensitive>" in str(error)
        # Every form of the error, also once it crossed a process boundary.
        for copy in (pickle.loads(pickle.dumps(error)), copy_module.copy(error)):
            assert type(copy) is type(error) and str(copy) == str(error)
        shown = [repr(error), repr(error.response), repr(vars(error))]
        assert all(SECRET not in text for text in shown)
    assert modeled.value.message == "bad value <sensitive> given"
    assert (
        "Error" not in modeled.value.to_dict()
    )  # botocore's envelope stays in response


def test_a_secret_inside_the_error_code_leaves_the_code_alone(sm: ModuleType) -> None:
    """What names the error and the request is never an echo: it stays as it is,
    so the typed error is still raised and ``Error.Code`` still compares."""
    raw = stub_client("secretsmanager")
    secrets = sm.SecretsManagerClient(raw)
    with Stubber(raw) as stubber:
        stubber.add_client_error(
            "put_secret_value",
            "ResourceNotFoundException",
            "NotFound: the secret is gone",
            404,
            response_meta={"RequestId": "NotFound-1"},
        )
        with pytest.raises(sm.ResourceNotFoundException) as caught:
            secrets.put_secret_value(secret_id="s", secret_string="NotFound")
    response = caught.value.response
    assert response["Error"]["Code"] == "ResourceNotFoundException"
    assert response["ResponseMetadata"]["RequestId"] == "NotFound-1"
    assert response["Error"]["Message"] == "<sensitive>: the secret is gone"


def test_a_paginator_keeps_secrets_out_of_parameter_errors(s3m: ModuleType) -> None:
    """botocore validates a paginator's parameters when the first page is fetched."""
    s3 = s3m.S3Client(stub_client("s3"))
    pages = s3.paginate_list_parts(
        bucket="b", key="k", upload_id="u", sse_customer_key=b"very-secret-key"
    )
    with pytest.raises(ParamValidationError) as caught:
        list(pages)
    assert "very-secret-key" not in str(caught.value)
    assert "<sensitive>" in str(caught.value)


def test_short_sensitive_values_leave_messages_readable(sm: ModuleType) -> None:
    """A secret shorter than 4 characters would match ordinary text: ids, regions."""
    raw = stub_client("secretsmanager")
    secrets = sm.SecretsManagerClient(raw)
    message = "not 'ecr': arn:aws:secretsmanager:us-east-1:123456789012:secret:s1"
    with Stubber(raw) as stubber:
        for _ in range(3):
            stubber.add_client_error("put_secret_value", "Unmodeled", message, 400)
        with pytest.raises(ClientError) as short:
            secrets.put_secret_value(secret_id="s1", secret_string="1")
        with pytest.raises(ClientError) as quoted:  # not even as Python quotes it
            secrets.put_secret_value(secret_id="s1", secret_string="ecr")
        with pytest.raises(ClientError) as longer:
            secrets.put_secret_value(secret_id="s1", secret_string="2345")
    assert str(short.value).endswith(message) and str(quoted.value).endswith(message)
    assert str(longer.value).endswith(message.replace("2345", "<sensitive>"))


@pytest.mark.usefixtures("aws")
def test_sqs_errors_are_matched_by_their_query_error_code(sqs: ModuleType) -> None:
    """SQS speaks JSON but names its errors as its old query protocol did, in
    ``QueryErrorCode``; botocore matches them by it, and so do the typed errors."""
    client = sqs.SQSClient(boto3.client("sqs"))
    with pytest.raises(sqs.QueueDoesNotExist) as missing:
        client.get_queue_url(queue_name="missing")
    error = missing.value.response["Error"]
    assert error["QueryErrorCode"] == "QueueDoesNotExist" != error["Code"]
    assert isinstance(missing.value, ClientError) and missing.value.message
    client.create_queue(queue_name="present")
    assert client.get_queue_url(queue_name="present").queue_url.endswith("/present")


@pytest.mark.usefixtures("aws")
def test_rekognition_with_moto(rek: ModuleType) -> None:
    client = rek.RekognitionClient(boto3.client("rekognition"))
    labels = client.detect_labels(image=rek.Image(bytes=b"\x89PNG"))
    assert isinstance(labels, rek.DetectLabelsResponse)
    assert labels.labels and labels.labels[0].name


def test_rekognition_with_stubber(rek: ModuleType) -> None:
    raw = stub_client("rekognition")
    client = rek.RekognitionClient(raw)
    with Stubber(raw) as stubber:
        stubber.add_response(
            "get_face_liveness_session_results",
            {
                "SessionId": SESSION,
                "Status": "SUCCEEDED",
                "ReferenceImage": {"Bytes": b"face-bytes"},
                "ResponseMetadata": {"RequestId": "req-1", "HTTPStatusCode": 200},
            },
            {"SessionId": SESSION},
        )
        stubber.add_client_error(
            "get_face_liveness_session_results",
            "SessionNotFoundException",
            "no such session",
            400,
        )
        result = client.get_face_liveness_session_results(session_id=SESSION)
        assert result.reference_image.bytes == b"face-bytes"
        assert "face-bytes" not in repr(result)
        assert result.response_metadata.request_id == "req-1"
        with pytest.raises(rek.SessionNotFoundException) as caught:
            client.get_face_liveness_session_results(session_id=SESSION)
    assert "no such session" in str(caught.value)
    assert caught.value.response["Error"]["Code"] == "SessionNotFoundException"


@pytest.mark.parametrize("fixture", ["s3m", "ddb", "sm", "rek", "sqs"])
def test_method_docstrings_document_parameters_returns_and_errors(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    """What an editor shows on hover: every parameter, the result and the modeled
    errors, as reST fields (the errors as botocore's model lists them)."""
    module = request.getfixturevalue(fixture)
    client_class: Any  # a generated class: its _SERVICE and _ERRORS, at run time
    (client_class,) = [
        c
        for c in vars(module).values()
        if isinstance(c, type)
        and c.__module__ == module.__name__
        and issubclass(c, module._client.TypedClient)
    ]
    raw = stub_client(client_class._SERVICE)
    service = raw.meta.service_model
    texts = []
    for name, method in vars(client_class).items():
        if name.startswith("_") or not inspect.isfunction(method):
            continue
        doc = inspect.getdoc(method)
        assert doc is not None, name
        texts.append(doc)
        found = fields(doc)  # as docutils reads them: names unescaped, roles as text
        names = [field for field, _ in found]
        bodies = dict(found)
        signature = inspect.signature(method)
        for param in list(signature.parameters.values())[1:]:
            assert names.count(f"param {param.name}") == 1, (name, param.name)
            required = param.default is inspect.Parameter.empty
            body = bodies[f"param {param.name}"]
            assert body.startswith("(required) ") == required, (name, param.name)
        returns = str(signature.return_annotation)
        if returns.startswith("_client.PageIterator["):
            page = returns.removeprefix("_client.PageIterator[")[:-1]
            expected = f"An iterator of pages, each a {page}"
            assert f":class:`{page}`" in doc
        else:
            expected = returns
            assert returns == "None" or f":returns: :class:`{returns}`" in doc
        assert names.count("returns") == 1 and bodies["returns"] == expected, name
        if name.startswith("wait_"):
            assert "raises botocore.exceptions.WaiterError" in names, name
            continue
        operation = service.operation_model(
            raw.meta.method_to_api_mapping[name.removeprefix("paginate_")]
        )
        for shape in operation.error_shapes:
            code = shape.metadata.get("error", {}).get("code", shape.name)
            error = client_class._ERRORS[code].__name__
            assert f"raises {error}" in names, (name, error)
        assert "raises botocore.exceptions.ClientError" in names, name
    assert texts
    assert rest_problems(texts) == []
    if fixture == "rek":
        (doc,) = [t for t in texts if ":param image: " in t]
        assert ":param image: (required) The input image as base64-encoded bytes" in (
            " ".join(doc.split())
        )


def test_stubbed_pagination_and_page_types(s3m: ModuleType) -> None:
    raw = stub_client("s3")
    s3 = s3m.S3Client(raw)
    with Stubber(raw) as stubber:
        stubber.add_response(
            "list_objects_v2",
            {
                "IsTruncated": True,
                "NextContinuationToken": "t1",
                "Contents": [{"Key": "a"}],
            },
            {"Bucket": "b", "MaxKeys": 1},
        )
        stubber.add_response(
            "list_objects_v2",
            {"IsTruncated": False, "Contents": [{"Key": "b"}]},
            {"Bucket": "b", "MaxKeys": 1, "ContinuationToken": "t1"},
        )
        pages = list(
            s3.paginate_list_objects_v2(bucket="b", pagination_config={"PageSize": 1})
        )
    assert [o.key for p in pages for o in p.contents] == ["a", "b"]


def test_streaming_body_protocol_matches_botocore(package: Path) -> None:
    """Every member of the protocol exists on botocore's StreamingBody and works."""
    client_module = import_generated(package, "_client")
    members = {
        name
        for name in vars(client_module.StreamingBody)
        if not name.startswith("_")
        or name in {"__iter__", "__next__", "__enter__", "__exit__"}
    } - {"_is_protocol", "_is_runtime_protocol"}
    assert members >= {"read", "iter_lines", "iter_chunks", "close", "__enter__"}
    body = StreamingBody(io.BytesIO(b"a\nb\n"), 4)
    for name in members:
        assert callable(getattr(body, name)), name
    assert list(body) == [b"a\nb\n"]
    with StreamingBody(io.BytesIO(b"xyz"), 3) as raw:
        assert raw.read() == b"xyz"
    assert raw.closed
