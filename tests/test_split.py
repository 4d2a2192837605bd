"""Split service modules (codegen.render.partition): one module to import, parts on first use.

The same targets are generated twice, as one module per service and split, and
the split form must behave as the single module does: same classes, same
conversions, same client, and it must stay lazy. mypy on a split package is in
test_operations (the typed-call test runs on both forms).
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import black
import botocore.session
import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber
from conftest import generate_package, import_generated

from codegen.render.formatting import format_source
from codegen.render.partition import part_count, part_of

TARGETS = [
    "s3:GetObject,ListObjectsV2,HeadBucket,Bucket",
    "rekognition:GetFaceLivenessSessionResults",
]


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    return generate_package(tmp_path_factory.mktemp("split"), TARGETS, split_above=0)


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    return generate_package(tmp_path_factory.mktemp("whole"), TARGETS)


def classes(module: ModuleType) -> dict[str, Any]:
    return {
        name: value
        for name in dir(module)
        if isinstance(value := getattr(module, name), type)
        and value.__module__ == module.__name__
    }


def test_layout_one_module_and_its_parts(
    split: tuple[Path, dict[str, str]], whole: tuple[Path, dict[str, str]]
) -> None:
    files = split[1]
    assert "_parts/__init__.py" in files
    for service in ("s3", "rekognition"):
        assert f"{service}.py" in files
        assert {
            f"_parts/{service}/{p}.py" for p in ("__init__", "client", "enums")
        } <= (set(files))
    whole_s3 = import_generated(whole[0], "s3")
    names = sorted(classes(whole_s3))
    parts = {p for p in files if p.startswith("_parts/s3/part_") and p.endswith(".py")}
    count = part_count(len([n for n in names if not n.endswith("Client")]))
    for name in names:
        if name == "S3Client":
            continue
        home = f"_parts/s3/{part_of(name, count)}.py"
        assert home in parts, name
        assert f"\nclass {name}(" in files[home], name
        others = [p for p in parts - {home} if f"\nclass {name}(" in files[p]]
        assert not others, (name, others)


def test_every_split_file_is_as_black_writes_it(
    split: tuple[Path, dict[str, str]],
) -> None:
    stub = black.Mode(is_pyi=True, line_length=88)
    for path, text in split[1].items():
        if path.endswith(".py"):
            assert format_source(text, 88) == text, path
        elif path.endswith(".pyi"):  # black lays out a stub its own way
            assert black.format_str(text, mode=stub) == text, path


def test_importing_loads_no_part_until_a_name_is_used(
    split: tuple[Path, dict[str, str]],
) -> None:
    package = split[0]
    script = f"""
import json, sys
import {package.name}.s3 as s3
loaded = lambda: sorted(m for m in sys.modules if "._parts.s3." in m)
report = {{"after_import": loaded(), "botocore": "botocore" in sys.modules}}
cls = s3.GetObjectOutput
report["after_class"] = loaded()
report["module"] = cls.__module__
client = s3.S3Client
report["after_client"] = loaded()
try:
    s3.NoSuchName
except AttributeError as error:
    report["missing"] = str(error)
ns = {{}}
exec("from {package.name}.s3 import *", ns)
report["star"] = sorted(n for n in ns if not n.startswith("__"))
report["all"] = s3.__all__
report["dir"] = dir(s3)
print(json.dumps(report))
"""
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=package.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(run.stdout)
    assert report["after_import"] == [] and not report["botocore"]
    assert len(report["after_class"]) == 1
    assert report["after_class"][0].startswith(f"{package.name}._parts.s3.part_")
    assert report["module"] == f"{package.name}.s3"
    assert f"{package.name}._parts.s3.client" in report["after_client"]
    assert report["missing"] == (
        f"module '{package.name}.s3' has no attribute 'NoSuchName'"
    )
    assert "GetObjectOutput" in report["star"] and "S3Client" in report["star"]
    assert report["star"] == report["all"]
    assert set(report["all"]) <= set(report["dir"])


def stubbed(module: ModuleType) -> tuple[Any, Stubber]:
    raw = botocore.session.get_session().create_client(
        "s3",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
    )
    return module.S3Client(raw), Stubber(raw)


LISTING = {
    "Name": "bucket",
    "KeyCount": 1,
    "IsTruncated": False,
    "Contents": [{"Key": "a.txt", "Size": 3, "StorageClass": "STANDARD"}],
}


def test_split_client_and_classes_behave_as_one_module(
    split: tuple[Path, dict[str, str]], whole: tuple[Path, dict[str, str]]
) -> None:
    results = []
    for package in (split[0], whole[0]):
        module = import_generated(package, "s3")
        client, stubber = stubbed(module)
        with stubber:
            stubber.add_response("list_objects_v2", LISTING, {"Bucket": "bucket"})
            stubber.add_client_error(
                "get_object",
                "NoSuchKey",
                "gone",
                404,
                expected_params={"Bucket": "bucket", "Key": "k"},
            )
            listing = client.list_objects_v2(bucket="bucket")
            with pytest.raises(module.NoSuchKey) as caught:
                client.get_object(bucket="bucket", key="k")
        assert isinstance(caught.value, ClientError)
        assert type(listing) is module.ListObjectsV2Output
        assert type(listing.contents[0]) is module.Object
        results.append((listing.to_dict(), repr(listing), caught.value.to_dict()))
    assert results[0][0] == results[1][0] == {**LISTING}
    assert results[0][1:] == results[1][1:]


def test_split_classes_pickle_and_resolve_through_the_module(
    split: tuple[Path, dict[str, str]],
) -> None:
    module = import_generated(split[0], "rekognition")
    data = {
        "SessionId": "s",
        "Status": "SUCCEEDED",
        "AuditImages": [{"Bytes": b"x", "BoundingBox": {"Width": 0.5}}],
    }
    result = module.GetFaceLivenessSessionResultsResponse.from_dict(data)
    assert result.to_dict() == data
    assert type(result.audit_images[0]) is module.AuditImage
    again = pickle.loads(pickle.dumps(result))
    assert again == result and type(again) is type(result)
    assert "bytes=<sensitive>" in repr(result)
    assert module.AuditImage.__module__ == module.__name__


def test_names_split_modules_import_are_never_class_names() -> None:
    from codegen.model.naming import class_name

    assert class_name("TYPE_CHECKING") == "TYPE_CHECKING_"


def test_a_module_that_is_one_again_leaves_no_part_behind(tmp_path: Path) -> None:
    from codegen.build import pipeline
    from codegen.config import Target
    from codegen.output import writer

    out = tmp_path / "out"
    targets = [Target.parse("rekognition:GetFaceLivenessSessionResults")]

    def generate(split_above: int) -> None:
        files = pipeline.build(targets, split_above=split_above).all_files()
        writer.write(out, files, writer.plan(out, files, writer.read_manifest(out)))

    generate(0)
    assert (out / "_parts" / "rekognition" / "client.py").is_file()
    generate(256)
    assert (out / "rekognition.py").is_file() and not (out / "_parts").exists()
    generate(0)
    (out / "_parts" / "rekognition" / "notes.txt").write_text("mine")
    generate(256)
    # the user's file stays, and so does the directory holding it; nothing else
    left = sorted(p.relative_to(out).as_posix() for p in (out / "_parts").rglob("*"))
    assert left == ["_parts/rekognition", "_parts/rekognition/notes.txt"]
