"""Operations as typed methods: targets, hostile names, mypy's view, change reports."""

from __future__ import annotations

import copy
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from botocore.client import BaseClient
from conftest import (
    codegen,
    generate_package,
    import_generated,
    mypy,
    service_model,
    write_model,
)

from codegen.build import pipeline
from codegen.config import Target
from codegen.output import report
from codegen.output.changes import BREAKING, COMPATIBLE, Change
from codegen.render.partition import SPLIT_ABOVE

STRING = {"shape": "String"}


def hostile_model() -> dict[str, Any]:
    shapes: dict[str, Any] = {
        "String": {"type": "string"},
        "Blob": {"type": "blob"},
        "Time": {"type": "timestamp"},
        "Secret": {"type": "string", "sensitive": True},
        "Items": {"type": "list", "member": STRING},
        "XInput": {
            "type": "structure",
            "required": ["Self"],
            "members": {
                "Self": STRING,
                "Client": STRING,
                "Locals": STRING,
                "PaginationConfig": STRING,
                "WaiterConfig": STRING,
                "NextToken": STRING,
                "Data": {"shape": "Blob"},
                "When": {"shape": "Time"},
                "Password": {"shape": "Secret"},
            },
        },
        "XOutput": {
            "type": "structure",
            "members": {"Items": {"shape": "Items"}, "NextToken": STRING},
        },
        "ListInput": {"type": "structure", "members": {"List": STRING}},
        "Response": {
            "type": "structure",
            "exception": True,
            "error": {"code": "AltCode", "httpStatusCode": 400},
            "members": {
                "Response": STRING,
                "OperationName": STRING,
                "Args": STRING,
                "WithTraceback": STRING,
                "Message": {"shape": "Secret"},
            },
        },
        "ClientError": {"type": "structure", "exception": True, "members": {}},
    }
    model = service_model(shapes, name="hostileops")
    x = {"input": {"shape": "XInput"}, "output": {"shape": "XOutput"}}
    model["operations"] = {
        "X": {**x, "errors": [{"shape": "Response"}, {"shape": "ClientError"}]},
        "PaginateX": x,
        "WaitXReady": x,
        "Client": x,
        "Import": {"input": {"shape": "ListInput"}},
        "List": {"input": {"shape": "ListInput"}, "output": {"shape": "XOutput"}},
        "Datetime": {},
    }
    return model


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ModuleType]:
    tmp = tmp_path_factory.mktemp("hostileops")
    models = tmp / "models"
    write_model(models, "hostileops", hostile_model())
    version = models / "hostileops" / "2020-01-01"
    (version / "paginators-1.json").write_text(
        '{"pagination": {"X": {"input_token": "NextToken", "output_token": '
        '"NextToken", "result_key": "Items"}}}'
    )
    (version / "waiters-2.json").write_text(
        '{"version": 2, "waiters": {"XReady": {"operation": "X", "delay": 1, '
        '"maxAttempts": 2, "acceptors": []}}}'
    )
    package, _ = generate_package(tmp, ["hostileops"], models)
    return package, import_generated(package, "hostileops")


class Recorder(BaseClient):  # type: ignore[misc]  # botocore has no types
    """Stands in for a botocore client: records what the typed layer sends (a
    BaseClient, which the typed client checks for, without botocore's set-up)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        def call(**params: Any) -> dict[str, Any]:
            self.calls.append((name, params))
            return {"Items": ["a"]}

        return call


def test_hostile_operation_names_get_distinct_methods(
    hostile: tuple[Path, ModuleType],
) -> None:
    _, module = hostile
    cls = module.SynthetichostileopsClient
    for name in (
        "x",
        "paginate_x",
        "paginate_x_",
        "wait_x_ready",
        "wait_x_ready_",
        "client_",
        "import_",
        "list",
        "datetime_",
    ):
        assert callable(getattr(cls, name)), name
    recorder = Recorder()
    client = cls(recorder)
    assert client.client is recorder  # the wrapped client is not hidden by Client
    client.client_(self_="s", client="c", locals="l")
    client.paginate_x(self_="s")  # the operation PaginateX, named as boto3 names it
    client.list(list="l")
    assert recorder.calls == [
        ("client", {"Self": "s", "Client": "c", "Locals": "l"}),
        ("paginate_x", {"Self": "s"}),
        ("list", {"List": "l"}),
    ]


def test_error_classes_keep_client_error_attributes(
    hostile: tuple[Path, ModuleType],
) -> None:
    _, module = hostile
    response = {
        "Error": {"Code": "AltCode", "Message": "hunter2"},
        "Response": "r",
        "OperationName": "o",
        "Args": "a",
        "WithTraceback": "w",
    }
    assert module.SynthetichostileopsClient._ERRORS == {
        "AltCode": module.Response,
        "ClientError": module.ClientError,
    }
    error = module.Response.from_response(response, "X")
    assert error.operation_name == "X" and error.response is response
    assert (error.response_, error.operation_name_, error.args_) == ("r", "o", "a")
    assert error.with_traceback_ == "w" and callable(error.with_traceback)
    assert error.message == "hunter2"
    assert "hunter2" not in str(error) + repr(error) + repr(error.args)


@pytest.mark.mypy
def test_hostile_client_passes_mypy_strict(hostile: tuple[Path, ModuleType]) -> None:
    package, _ = hostile
    usage = package / "usage.py"
    usage.write_text(
        "import io\n"
        "from .hostileops import SynthetichostileopsClient, XOutput\n"
        "def use(c: SynthetichostileopsClient) -> list[str]:\n"
        "    out: XOutput = c.x(self_='s', data=io.BytesIO(b'x'), when='2030-01-01')\n"
        "    c.x(self_='s', data='text', when=0, password='p')\n"
        "    pages = c.paginate_x_(self_='s', pagination_config_={'MaxItems': 1})\n"
        "    c.wait_x_ready_(self_='s', waiter_config_={'Delay': 1})\n"
        "    c.import_(list='x')\n"
        "    c.datetime_()\n"
        "    return [i for p in pages for i in p.items or []] + (out.items or [])\n",
        encoding="utf-8",
    )
    result = mypy(package, cwd=package.parent)
    assert result.returncode == 0, result.stdout


GOOD = """\
import datetime
import io
from typing import Protocol
from {pkg}.s3 import GetObjectOutput, NoSuchKey, S3Client
from {pkg}.s3 import CSVInput, InputSerialization, JSONOutput, OutputSerialization
from {pkg}._client import StreamingBody
from {pkg}.rekognition import AuditImage, RekognitionClient
from {pkg}.dynamodb import AttributeValue
from {pkg}.sagemaker_geospatial import PolygonGeometryInput
from decimal import Decimal

def use(s3: S3Client, rek: RekognitionClient) -> int:
    rings: list[list[list[float]]] = [[[1.0, 2.0]]]
    PolygonGeometryInput(coordinates=rings)
    PolygonGeometryInput(coordinates=[[[Decimal("1.5"), 2]]])
    blobs: list[bytes] = [b"x"]
    AttributeValue(bs=blobs)  # a list[bytes] is still taken as it is
    sent: list[bytes] = AttributeValue(bs=["text", io.BytesIO(b"y")]).bs or []
    image = AuditImage(bytes=io.BytesIO(b"x"))  # a class takes what boto3 takes
    held: bytes = (image.bytes or b"") + (AuditImage(bytes="text").bytes or b"")
    then = GetObjectOutput(last_modified="2030-01-01T00:00:00Z").last_modified
    assert then is None or then.tzinfo is not None and len(held) > 0
    s3.put_object(bucket="b", key="k", body=io.BytesIO(b"x"), expires="2030-01-01")
    s3.put_object(bucket="b", key="k", body=b"x", expires=datetime.datetime.now())
    s3.put_object(bucket="b", key="k", body="text", expires=1700000000)
    s3.copy_object(bucket="b", key="k2", copy_source="b/k")
    s3.copy_object(bucket="b", key="k2", copy_source={{"Bucket": "b", "Key": "k"}})
    try:
        result: GetObjectOutput = s3.get_object(bucket="b", key="k")
    except NoSuchKey as error:
        return len(error.response["Error"].get("Message", "") + error.operation_name)
    assert result.body is not None  # optional in the model
    body: StreamingBody = result.body
    with body as raw:
        raw.read()
    body.close()
    for line in body.iter_lines():
        line.decode()
    total = 0
    for page in s3.paginate_list_objects_v2(
        bucket="b", pagination_config={{"MaxItems": 10, "PageSize": 5}}
    ):
        total += len(page.contents or [])
    s3.wait_bucket_exists(bucket="b", waiter_config={{"Delay": 1, "MaxAttempts": 3}})
    live = rek.get_face_liveness_session_results(session_id="x")
    status: str = live.status
    meta = live.response_metadata
    return total + (meta.http_status_code or 0 if meta else 0) + len(status)

def select(s3: S3Client) -> bytes:
    result = s3.select_object_content(
        bucket="b",
        key="k",
        expression="SELECT * FROM S3Object",
        expression_type="SQL",
        input_serialization=InputSerialization(csv=CSVInput(file_header_info="USE")),
        output_serialization=OutputSerialization(json=JSONOutput()),
    )
    records = b""
    for event in result.payload or []:
        if "Records" in event:
            records += event["Records"]["Payload"]
    return records
"""

BAD = """\
from {pkg}.s3 import S3Client; from {pkg}.dynamodb import AttributeValue
from {pkg}.rekognition import AuditImage, RekognitionClient

def misuse(s3: S3Client, rek: RekognitionClient) -> None:
    s3.get_object(bucket="b", keyy="k")
    s3.get_object(bucket="b", key=1)
    s3.get_object(bucket="b")
    s3.get_object(bucket="b", key="k").body + 1
    rek.get_face_liveness_session_results(session_id="x").nonexistent
    s3.paginate_list_objects_v2(bucket="b", pagination_config={{"MaxItem": 1}})
    s3.put_object(bucket="b", key="k", body=1)
    s3.wait_bucket_exists(bucket="b", waiter_config={{"Delay": "1"}})
    AuditImage(bytes=1)
    AttributeValue(bs=[1])
    for event in s3.select_object_content(bucket="b", key="k").payload:
        event.keys()
    s3.copy_object(bucket="b", key="k2", copy_source={{"Bucket": "b"}})
"""

# line of bad.py -> what mypy says there
BAD_EXPECTED = {
    5: 'Unexpected keyword argument "keyy" for "get_object" of "S3Client"',
    6: 'Argument "key" to "get_object" of "S3Client" has incompatible type "int"',
    7: 'Missing named argument "key" for "get_object" of "S3Client"',
    8: "Unsupported operand types for +",
    9: 'has no attribute "nonexistent"',
    10: 'Argument "pagination_config" to "paginate_list_objects_v2"',
    11: 'Argument "body" to "put_object" of "S3Client" has incompatible type "int"',
    12: 'Argument "waiter_config" to "wait_bucket_exists"',
    13: 'Argument "bytes" to "AuditImage" has incompatible type "int"',
    14: 'List item 0 has incompatible type "int"',
    15: 'Item "None" of "EventStream | None" has no attribute "__iter__"',
    17: 'Argument "copy_source" to "copy_object" of "S3Client" has incompatible type',
}


@pytest.mark.mypy
@pytest.mark.parametrize(
    "split_above", [SPLIT_ABOVE, 0], ids=["one-module", "split-modules"]
)
def test_mypy_accepts_correct_calls_and_rejects_wrong_ones(
    tmp_path: Path, split_above: int
) -> None:
    package, _ = generate_package(
        tmp_path,
        [
            "s3:PutObject,GetObject,ListObjectsV2,HeadBucket,SelectObjectContent,"
            "CopyObject",
            "rekognition:GetFaceLivenessSessionResults",
            "dynamodb:AttributeValue",
            "sagemaker-geospatial:PolygonGeometryInput",
        ],
        split_above=split_above,
    )
    (tmp_path / "good.py").write_text(GOOD.format(pkg=package.name), encoding="utf-8")
    (tmp_path / "bad.py").write_text(BAD.format(pkg=package.name), encoding="utf-8")
    result = mypy(tmp_path / "good.py", tmp_path / "bad.py", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith("good.py")], result.stdout
    for line, message in BAD_EXPECTED.items():
        assert any(
            text.startswith(f"bad.py:{line}:") and message in text for text in lines
        ), (line, message, result.stdout)


def test_operation_targets_and_unknown_names(model_dir: Path, tmp_path: Path) -> None:
    write_model(model_dir, "hostileops", hostile_model())
    output = pipeline.build(
        [Target.parse("hostileops:List,XInput")], model_dirs=[model_dir]
    )
    assert "def list(" in output.files["hostileops.py"]
    assert "def x(" not in output.files["hostileops.py"]
    result = codegen("hostileops:Lisst", "--model-dir", model_dir, cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "'Lisst' does not exist (did you mean List" in result.stderr
    assert not (tmp_path / "generated").exists()


def test_change_report_grades_operations(model_dir: Path) -> None:
    old_model = hostile_model()
    new_model = copy.deepcopy(old_model)
    del new_model["operations"]["Import"]
    new_model["operations"]["Added"] = {"input": {"shape": "ListInput"}}
    new_model["shapes"]["ListInput"]["required"] = ["List"]
    new_model["shapes"]["ListInput"]["members"]["Extra"] = STRING
    surfaces = []
    for data in (old_model, new_model):
        write_model(model_dir, "hostileops", data)
        output = pipeline.build([Target.parse("hostileops")], model_dirs=[model_dir])
        surfaces.append(output.surfaces())
    changes = report.compare(*surfaces).changes
    m = "hostileops.py"
    assert Change(m, BREAKING, "operation removed", "import_") in changes
    assert Change(m, COMPATIBLE, "operation added", "added") in changes
    # The request class's changes are the parameters': told once, naming both.
    assert (
        Change(
            m,
            BREAKING,
            "parameter became required",
            "list(list)",
            "also ListInput.list",
        )
        in changes
    )
    assert (
        Change(
            m, COMPATIBLE, "parameter added", "list(extra)", "str; also ListInput.extra"
        )
        in changes
    )
    assert not [c for c in changes if c.subject.startswith("ListInput.")]
