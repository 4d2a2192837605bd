"""The runtime against real parts: hypothesis over whole services, botocore, moto.

* JSON is lossless for every structure of Rekognition and DynamoDB;
* ``validate()`` reports everything botocore's ``ParamValidator`` reports on the
  request shapes of both services, for hypothesis-made invalid input;
* real S3 and EC2 responses from moto, in process, survive ``to_dict`` and JSON.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import boto3
import pytest
from botocore.loaders import create_loader
from botocore.model import ServiceModel, Shape
from botocore.validate import ParamValidator
from conftest import generate_package, import_generated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from moto import mock_aws
from test_properties import structures_for

SERVICES = ("rekognition", "dynamodb")
MODELS = {
    name: ServiceModel(create_loader().load_service_model(name, "service-2"), name)
    for name in SERVICES
}


def structures(service: str) -> list[str]:
    model = MODELS[service]
    return sorted(
        name
        for name in model.shape_names
        if model.shape_for(name).type_name == "structure"
        and not model.shape_for(name).metadata.get("document")
        and not model.shape_for(name).serialization.get("eventstream")
    )


def request_shapes(service: str) -> list[str]:
    model = MODELS[service]
    return sorted(
        {
            op.input_shape.name
            for op in map(model.operation_model, model.operation_names)
            if op.input_shape is not None
        }
    )


@pytest.fixture(scope="module")
def modules(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModuleType]:
    package, _ = generate_package(tmp_path_factory.mktemp("services"), list(SERVICES))
    return {name: import_generated(package, name) for name in SERVICES}


CHUNK = 12
CHUNKS = [
    (service, tuple(names[i : i + CHUNK]))
    for service in SERVICES
    for names in [structures(service)]
    for i in range(0, len(names), CHUNK)
]


def test_every_class_is_covered() -> None:
    for service in SERVICES:
        covered = [n for s, chunk in CHUNKS if s == service for n in chunk]
        assert covered == structures(service) and len(covered) > 150


@pytest.mark.parametrize(
    "service,names", CHUNKS, ids=[f"{s}-{c[0]}" for s, c in CHUNKS]
)
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_json_is_lossless_for_every_class(
    modules: dict[str, ModuleType],
    service: str,
    names: tuple[str, ...],
    data: st.DataObject,
) -> None:
    module, model = modules[service], MODELS[service]
    for name in names:
        drawn = data.draw(structures_for(model.shape_for(name), 2), label=name)
        cls = getattr(module, name)
        obj = cls.from_dict(drawn)
        again = cls.from_json(obj.to_json())
        assert again == obj, name  # modeled errors too: by value
        assert again.to_dict() == drawn, name


# -- validate() against botocore's ParamValidator ------------------------------------

_WRONG: dict[str, Any] = {
    "string": 5,
    "integer": "5",
    "long": 2.5,
    "float": "x",
    "double": [],
    "boolean": "yes",
    "blob": 5,
    "timestamp": "not a date",
    "list": "not a list",
    "map": ["not", "a", "map"],
    "structure": 7,
}


def locations(
    value: Any, shape: Shape, path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], Shape]]:
    """Every place in ``value`` with its shape: where a mutation may go."""
    yield path, shape
    if shape.type_name == "structure" and isinstance(value, dict):
        if shape.metadata.get("document"):
            return
        for key, item in value.items():
            if key in shape.members:
                yield from locations(item, shape.members[key], (*path, key))
    elif shape.type_name == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            yield from locations(item, shape.member, (*path, index))
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            yield from locations(item, shape.value, (*path, key))


def mutate(root: dict[str, Any], path: tuple[Any, ...], shape: Shape, how: str) -> None:
    parent: Any = root
    for step in path[:-1]:
        parent = parent[step]
    if how == "wrong type" and path and not shape.metadata.get("document"):
        if not shape.serialization.get("jsonvalue"):
            parent[path[-1]] = _WRONG[shape.type_name]
    elif how == "too short" and path and shape.metadata.get("min", 0) > 0:
        current = parent[path[-1]]
        if isinstance(current, (str, bytes, list, dict)):
            parent[path[-1]] = type(current)()
    target = parent[path[-1]] if path else parent
    if shape.type_name == "structure" and isinstance(target, dict):
        if how == "unknown member":
            target["NotAMember"] = 1
        elif how == "drop required" and shape.required_members:
            target.pop(shape.required_members[0], None)
        elif how == "second member" and shape.is_tagged_union:
            for name in shape.members:
                if name not in target:
                    target[name] = None
                    break


def botocore_paths(report: Any) -> set[str]:
    paths = set()
    for kind, name, extra in report._errors:
        if kind == "missing required field":
            name = f"{name}.{extra['required_name']}"
        elif kind == "unknown field":
            name = f"{name}.{extra['unknown_param']}"
        paths.add(name)
    return paths


def our_paths(problems: list[tuple[str, str]]) -> set[str]:
    """Our paths in botocore's spelling: map entries as ``.key``, keys as (key: k)."""
    paths = set()
    for path, _ in problems:
        path = path[path.find(".") :] if "." in path else ""
        path = _KEY.sub(lambda m: f" (key: {_map_key(m[1])})", path)
        paths.add(_ENTRY.sub(lambda m: f".{_map_key(m[1])}", path))
    return paths


def _map_key(literal: str) -> str:
    """A key as our paths spell it: a JSON string (``["a"]``, ``["\\u00e9"]``)."""
    key = json.loads(literal)
    assert isinstance(key, str)
    return key


# A map key in our paths is a JSON string in brackets.
_LITERAL = r"""("(?:[^"\\]|\\.)*")"""
_KEY = re.compile(rf"\[{_LITERAL}\] \(key\)")
_ENTRY = re.compile(rf"\[{_LITERAL}\]")


@pytest.mark.parametrize("service", SERVICES)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_validate_reports_whatever_botocore_reports(
    modules: dict[str, ModuleType], service: str, data: st.DataObject
) -> None:
    module, model = modules[service], MODELS[service]
    name = data.draw(st.sampled_from(request_shapes(service)), label="shape")
    shape = model.shape_for(name)
    params = data.draw(structures_for(shape, 1), label="valid")
    where: tuple[tuple[Any, ...], Shape] = data.draw(
        st.sampled_from(list(locations(params, shape))), label="where"
    )
    how = data.draw(
        st.sampled_from(
            [
                "wrong type",
                "too short",
                "unknown member",
                "drop required",
                "second member",
            ]
        ),
        label="how",
    )
    mutate(params, *where, how)
    report = ParamValidator().validate(params, shape)
    cls = getattr(module, name)
    try:
        obj = cls.from_dict(params)
    except ValueError:
        assert report.has_errors()  # a structural misfit botocore rejects as well
        return
    try:
        obj.validate()
        problems: list[tuple[str, str]] = []
    except ValueError as error:  # the runtime's ValidationError
        problems = error.problems  # type: ignore[attr-defined]
    expected = botocore_paths(report)
    assert expected <= our_paths(problems), (report.generate_report(), problems)


# -- real responses from moto ----------------------------------------------------------


@pytest.fixture(scope="module")
def aws_modules(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModuleType]:
    package, _ = generate_package(
        tmp_path_factory.mktemp("aws"),
        [
            "s3:ListObjectsV2Output,ListBucketsOutput,HeadObjectOutput,GetBucketTaggingOutput",
            "ec2:DescribeInstancesResult,DescribeVolumesResult",
        ],
    )
    return {name: import_generated(package, name) for name in ("s3", "ec2")}


def check_response(cls: type, response: dict[str, Any]) -> Any:
    expected = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    obj = cls.from_dict(response)  # type: ignore[attr-defined]
    assert obj.to_dict() == expected
    again = cls.from_json(obj.to_json())  # type: ignore[attr-defined]
    assert again == obj and again.to_dict() == expected
    return obj


@pytest.mark.wholeservice
def test_real_s3_and_ec2_responses(aws_modules: dict[str, ModuleType]) -> None:
    s3_module, ec2_module = aws_modules["s3"], aws_modules["ec2"]
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="bucket")
        s3.put_object(
            Bucket="bucket", Key="a/b.txt", Body=b"\x00data", Metadata={"who": "me"}
        )
        s3.put_bucket_tagging(
            Bucket="bucket", Tagging={"TagSet": [{"Key": "k", "Value": "v"}]}
        )
        listing = check_response(
            s3_module.ListObjectsV2Output, s3.list_objects_v2(Bucket="bucket")
        )
        assert listing.contents[0].key == "a/b.txt"
        assert isinstance(listing.contents[0].last_modified, datetime.datetime)
        check_response(s3_module.ListBucketsOutput, s3.list_buckets())
        head = check_response(
            s3_module.HeadObjectOutput, s3.head_object(Bucket="bucket", Key="a/b.txt")
        )
        assert head.metadata == {"who": "me"}
        check_response(
            s3_module.GetBucketTaggingOutput, s3.get_bucket_tagging(Bucket="bucket")
        )

        ec2 = boto3.client("ec2", region_name="us-east-1")
        image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
        ec2.run_instances(
            ImageId=image,
            MinCount=2,
            MaxCount=2,
            BlockDeviceMappings=[{"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": 8}}],
            TagSpecifications=[
                {"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "x"}]}
            ],
        )
        result = check_response(
            ec2_module.DescribeInstancesResult, ec2.describe_instances()
        )
        instance = result.reservations[0].instances[0]
        assert instance.tags[0].value == "x"
        assert instance.launch_time.tzinfo is not None
        check_response(ec2_module.DescribeVolumesResult, ec2.describe_volumes())
