"""The generated runtime against pydantic v2, msgspec and a plain dict walk.

Two payloads, side by side in one process:

* a moto-built EC2 ``DescribeInstances`` response: 1,000 instances, each with 3
  volumes, 1 network interface and 5 tags;
* a DynamoDB ``Query`` response of 1,000 nested items, serialised by boto3's own
  ``TypeSerializer``.

The pydantic and msgspec models are generated from the same botocore shapes as
the bindings (same nesting, wire names as aliases), so every side does the same
work. Medians of ``--repeat`` rounds of CPU time; the table states each target as a ratio (at
most 1 meets it). Run with ``make bench-runtime``.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import boto3  # noqa: E402
import msgspec  # noqa: E402
import pydantic  # noqa: E402
from boto3.dynamodb.types import TypeSerializer  # noqa: E402
from botocore.model import Shape  # noqa: E402
from botocore.session import get_session  # noqa: E402
from moto import mock_aws  # noqa: E402

from codegen.build import pipeline  # noqa: E402
from codegen.config import Target  # noqa: E402

_SCALARS: dict[str, type] = {
    "string": str,
    "integer": int,
    "long": int,
    "float": float,
    "double": float,
    "boolean": bool,
    "blob": bytes,
    "timestamp": datetime.datetime,
}


def ec2_payload(count: int) -> dict[str, Any]:
    with mock_aws():
        ec2 = boto3.client("ec2", region_name="us-east-1")
        image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
        tags = [{"Key": f"tag-{i}", "Value": f"value-{i}"} for i in range(5)]
        disks = [
            {"DeviceName": f"/dev/sd{c}", "Ebs": {"VolumeSize": 8 + i}}
            for i, c in enumerate("fgh")
        ]
        for _ in range(0, count, 250):
            ec2.run_instances(
                ImageId=image,
                MinCount=250,
                MaxCount=250,
                InstanceType="t3.micro",
                BlockDeviceMappings=disks,
                TagSpecifications=[{"ResourceType": "instance", "Tags": tags}],
            )
        response: dict[str, Any] = ec2.describe_instances()
    response.pop("ResponseMetadata", None)
    return response


def dynamodb_payload(count: int) -> dict[str, Any]:
    serialize = TypeSerializer().serialize
    items = []
    for i in range(count):
        item = {
            "pk": f"user#{i}",
            "sk": f"order#{i:06d}",
            "total": i * 3,
            "paid": i % 2 == 0,
            "tags": {"gift", "express"},
            "address": {
                "street": f"{i} Main St",
                "city": "Springfield",
                "zip": "12345",
            },
            "lines": [
                {
                    "sku": f"sku-{j}",
                    "qty": j + 1,
                    "options": {"colour": "red", "size": j},
                }
                for j in range(3)
            ],
            "notes": None,
        }
        items.append({k: serialize(v) for k, v in item.items()})
    return {"Items": items, "Count": count, "ScannedCount": count}


def walk(value: Any) -> Any:
    """The floor: a plain recursive copy of the dict, converting nothing."""
    if type(value) is dict:
        return {k: walk(v) for k, v in value.items()}
    if type(value) is list:
        return [walk(v) for v in value]
    return value


class Models:
    """pydantic and msgspec classes for the closure of one botocore shape."""

    def __init__(self, service: str, root: str) -> None:
        self.model = get_session().get_service_model(service)
        self.pydantic_ns: dict[str, Any] = {"Any": Any, "Optional": Optional}
        self.msgspec_ns: dict[str, Any] = {}
        self.shapes: dict[str, Shape] = {}
        self._collect(self.model.shape_for(root))
        for name, shape in self.shapes.items():
            self._pydantic(name, shape)
        for name in self.shapes:
            self.pydantic_ns[name].model_rebuild(_types_namespace=self.pydantic_ns)
        module = type(sys)(f"msgspec_{service}")
        sys.modules[module.__name__] = module
        for name, shape in self.shapes.items():
            self._msgspec(name, shape, module)
        self.pydantic_root = self.pydantic_ns[root]
        self.msgspec_root = self.msgspec_ns[root]

    def _collect(self, shape: Shape) -> None:
        if shape.type_name == "structure":
            if shape.name in self.shapes:
                return
            self.shapes[shape.name] = shape
            for member in shape.members.values():
                self._collect(member)
        elif shape.type_name == "list":
            self._collect(shape.member)
        elif shape.type_name == "map":
            self._collect(shape.value)

    def _type(self, shape: Shape, names: dict[str, Any]) -> Any:
        kind = shape.type_name
        if kind == "structure":
            return names.get(shape.name, shape.name)
        if kind == "list":
            return list[self._type(shape.member, names)]  # type: ignore[misc]
        if kind == "map":
            return dict[str, self._type(shape.value, names)]  # type: ignore[misc]
        return _SCALARS[kind]

    def _annotation(self, shape: Shape) -> str:
        kind = shape.type_name
        if kind == "structure":
            return str(shape.name)  # botocore's Shape is untyped
        if kind == "list":
            return f"list[{self._annotation(shape.member)}]"
        if kind == "map":
            return f"dict[str, {self._annotation(shape.value)}]"
        return _SCALARS[kind].__name__ if kind != "timestamp" else "DateTime"

    def _pydantic(self, name: str, shape: Shape) -> None:
        fields: dict[str, Any] = {}
        for key, member in shape.members.items():
            annotation = f"Optional[{self._annotation(member)}]"
            fields[f"m_{key}"] = (annotation, pydantic.Field(default=None, alias=key))
        self.pydantic_ns["DateTime"] = datetime.datetime
        self.pydantic_ns[name] = pydantic.create_model(
            name, __config__=pydantic.ConfigDict(populate_by_name=True), **fields
        )

    def _msgspec(self, name: str, shape: Shape, module: Any) -> None:
        fields = [
            (f"m_{key}", Optional[self._annotation(member)], None)
            for key, member in shape.members.items()
        ]
        module.DateTime = datetime.datetime
        struct = msgspec.defstruct(
            name,
            fields,
            rename={f"m_{key}": key for key in shape.members},
            omit_defaults=True,
            kw_only=True,
            module=module.__name__,
        )
        setattr(module, name, struct)
        self.msgspec_ns[name] = struct


def generated_classes(work: Path, targets: list[str]) -> Any:
    output = pipeline.build([Target.parse(t) for t in targets], model_dirs=[])
    package = work / "bench_gen"
    package.mkdir(exist_ok=True)
    for name, text in output.all_files().items():
        (package / name).write_text(text, encoding="utf-8")
    sys.path.insert(0, str(work))
    importlib.invalidate_caches()
    return package


def side_by_side(repeat: int, *runs: Callable[[], Any]) -> list[float]:
    """Median CPU seconds of one call of each of ``runs``, taken in turn.

    CPU time of this process and interleaved rounds keep the ratios steady on a
    machine shared with other work.
    """
    for run in runs:
        run()  # warm: compiled converters, caches
    rounds = [
        [timeit.timeit(run, number=1, timer=time.process_time) for run in runs]
        for _ in range(repeat)
    ]
    return [statistics.median(column) for column in zip(*rounds)]


def old_repr(self: Any) -> str:
    """The ``repr`` of the runtime before the compiled converters (6b03735)."""
    sensitive = self.SENSITIVE
    shown = []
    for field in self._FIELDS:
        value = getattr(self, field.attribute)
        if value is not None and field.attribute in sensitive:
            shown.append(f"{field.attribute}=<sensitive>")
        else:
            shown.append(f"{field.attribute}={value!r}")
    return f"{type(self).__name__}({', '.join(shown)})"


_BUILD_EC2 = """
import pathlib, sys
try:
    from codegen.build import pipeline
except ImportError:  # a baseline from before the staged layout
    from codegen import pipeline
from codegen.config import Target
output = pipeline.build([Target.parse("ec2")], model_dirs=[])
package = pathlib.Path(sys.argv[1])
package.mkdir(exist_ok=True)
for name, text in output.all_files().items():
    (package / name).parent.mkdir(parents=True, exist_ok=True)
    (package / name).write_text(text, encoding="utf-8")
"""


def import_times(work: Path, repeat: int, baseline: str) -> tuple[float, float]:
    """Median CPU ms to import the whole ec2 module, bytecode cached: now and at
    ``baseline`` (a git revision of this repository, generated by its own code)."""
    subprocess.run([sys.executable, "-c", _BUILD_EC2, "now"], cwd=work, check=True)
    source = work / "baseline-src"
    source.mkdir()
    archive = subprocess.run(
        ["git", "archive", baseline], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    subprocess.run(
        [sys.executable, "-c", _BUILD_EC2, "before"],
        cwd=work,
        check=True,
        env={**os.environ, "PYTHONPATH": str(source)},
    )
    for package in ("now", "before"):
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(work / package)], check=True
        )

    def probe(package: str) -> float:
        code = (
            "import time, importlib; t = time.process_time(); "
            f"importlib.import_module('{package}.ec2'); "
            "print(time.process_time() - t)"
        )
        run = subprocess.run(
            [sys.executable, "-c", code],
            cwd=work,
            check=True,
            capture_output=True,
            text=True,
        )
        return float(run.stdout) * 1000

    rounds = [(probe("now"), probe("before")) for _ in range(repeat)]
    now, before = (statistics.median(column) for column in zip(*rounds))
    return now, before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument(
        "--baseline",
        default="6b03735",
        help="git revision whose ec2 import time is measured beside this one's",
    )
    args = parser.parse_args()
    rows: list[tuple[str, str, float, float, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        package = generated_classes(
            work, ["ec2:DescribeInstancesResult", "dynamodb:QueryOutput"]
        )
        ec2 = importlib.import_module(f"{package.name}.ec2")
        dynamodb = importlib.import_module(f"{package.name}.dynamodb")
        started = time.perf_counter()
        payloads = [
            (
                "EC2 DescribeInstances",
                ec2_payload(args.count),
                ec2.DescribeInstancesResult,
                Models("ec2", "DescribeInstancesResult"),
            ),
            (
                "DynamoDB Query",
                dynamodb_payload(args.count),
                dynamodb.QueryOutput,
                Models("dynamodb", "QueryOutput"),
            ),
        ]
        print(
            f"payloads built in {time.perf_counter() - started:.1f} s", file=sys.stderr
        )
        for title, data, cls, models in payloads:
            obj = cls.from_dict(data)
            assert obj.to_dict() == data, f"{title}: the round trip is not exact"
            model = models.pydantic_root.model_validate(data)
            dumped = model.model_dump(by_alias=True, exclude_none=True)
            assert dumped == data, f"{title}: the pydantic models are not equivalent"
            spec = msgspec.convert(data, models.msgspec_root)
            builtins_ = (datetime.datetime, bytes)
            assert msgspec.to_builtins(spec, builtin_types=builtins_) == data
            ours_load, pyd_load, msg_load, walk_time = side_by_side(
                args.repeat,
                lambda: cls.from_dict(data),
                lambda: models.pydantic_root.model_validate(data),
                lambda: msgspec.convert(data, models.msgspec_root),
                lambda: walk(data),
            )
            ours_dump, pyd_dump, msg_dump = side_by_side(
                args.repeat,
                lambda: obj.to_dict(),
                lambda: model.model_dump(by_alias=True, exclude_none=True),
                lambda: msgspec.to_builtins(spec, builtin_types=builtins_),
            )
            rows.append(
                ("from_dict", title, ours_load, pyd_load, msg_load, walk_time, 0.7)
            )
            rows.append(
                ("to_dict", title, ours_dump, pyd_dump, msg_dump, walk_time, 0.5)
            )
            struct: Any = type(obj).__mro__[-2]  # the runtime's Struct, patched below
            saved = struct.__repr__

            def repr_before() -> str:
                struct.__repr__ = old_repr
                try:
                    return repr(obj)
                finally:
                    struct.__repr__ = saved

            new_repr, before = side_by_side(args.repeat, lambda: repr(obj), repr_before)
            rows.append(("repr", title, new_repr, before, 0.0, 0.0, 1.0))
        imported, imported_before = import_times(work, args.repeat, args.baseline)

    print(
        "| operation | payload | ours (ms) | pydantic v2 (ms) | msgspec (ms) "
        "| dict walk (ms) | ours / pydantic | target | ours / dict walk |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    failed = []
    for operation, title, ours, pyd, msg, walked, target in rows:
        if operation == "repr":
            ratio = ours / pyd
            print(
                f"| repr | {title} | {ours * 1e3:.1f} | (before: {pyd * 1e3:.1f}) | | "
                f"| {ratio:.2f} (vs before) | <= 1.00 | |"
            )
            if ratio > 1.0:
                failed.append(f"repr {title}")
            continue
        ratio = ours / pyd
        floor = ours / walked
        print(
            f"| {operation} | {title} | {ours * 1e3:.1f} | {pyd * 1e3:.1f} | "
            f"{msg * 1e3:.1f} | {walked * 1e3:.1f} | {ratio:.2f} | <= {target:.1f} "
            f"| {floor:.2f} (<= 1.5) |"
        )
        if ratio > target:
            failed.append(f"{operation} {title} vs pydantic")
        if floor > 1.5:
            failed.append(f"{operation} {title} vs dict walk")
    print(
        f"| import ec2, bytecode cached | | {imported:.1f} "
        f"| (before: {imported_before:.1f}) | | "
        f"| {imported / imported_before:.2f} (vs before) | < 100 ms | |"
    )
    if imported >= 100:
        failed.append("import ec2")
    if failed:
        print("targets not met: " + ", ".join(failed), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
