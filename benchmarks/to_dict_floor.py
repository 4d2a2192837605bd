"""How far down ``to_dict`` can go in pure Python: the runtime beside a probe that
stores each instance's members in botocore's own dict.

Issue 9 asks ``to_dict`` for at most 0.5x the time of pydantic v2's ``model_dump``.
The generated dumpers are already unrolled per class; what is left is reading
every member of every instance and building the output dicts. This probe
measures a pure-Python design that skips most of the reading: each
instance keeps its scalar members in a dict keyed by wire name (copied in C by
``dict.copy``) and only its structure, list and map members in slots, so a dump
is one copy plus a test per nested member; a union keeps its one member as a
(key, value) pair, so its dump is one test of the key. It is a measurement, not
a runtime: attributes would have to become properties over that storage,
several times slower to read than slots, and the instances would carry no
unknown or filled members.

Side by side in one process, on the payloads of ``bench_runtime.py``: the
runtime's ``to_dict``, pydantic's ``model_dump(by_alias=True, exclude_none=True)``,
msgspec's C ``to_builtins`` and the probe. Medians of CPU time; ratios to pydantic.
``make bench-runtime`` runs it after ``bench_runtime.py``.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import itertools
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import msgspec
from bench_runtime import (
    Models,
    dynamodb_payload,
    ec2_payload,
    generated_classes,
    side_by_side,
)
from botocore.model import Shape

_INLINE_DEPTH = 4
"""Children are written into their parent's dumper down to this depth."""


def _nested(shape: Shape) -> bool:
    return shape.type_name in ("structure", "list", "map")


def _union(shape: Shape) -> bool:
    return bool(shape.metadata.get("union"))


class WireDictProbe:
    """Classes that keep scalar members in a wire-keyed dict, and their dumpers."""

    def __init__(self, models: Models) -> None:
        self.classes: dict[str, type] = {}
        self.dumpers: dict[str, Callable[[Any], Any]] = {}
        self.names = itertools.count()
        for name, shape in models.shapes.items():
            if _union(shape):
                slots = ["_key", "_value"]
            else:
                slots = ["_w"] + [
                    f"m_{k}" for k, m in shape.members.items() if _nested(m)
                ]
            self.classes[name] = type(f"Wire{name}", (), {"__slots__": tuple(slots)})

    def load(self, shape: Shape, value: Any) -> Any:
        kind = shape.type_name
        if value is None:
            return None
        if kind == "structure" and _union(shape):
            instance = self.classes[shape.name]()
            [(key, member)] = value.items()
            instance._key = key
            instance._value = self.load(shape.members[key], member)
            return instance
        if kind == "structure":
            instance = self.classes[shape.name]()
            scalars = {}
            for key, member in shape.members.items():
                if _nested(member):
                    setattr(instance, f"m_{key}", self.load(member, value.get(key)))
                elif key in value:
                    scalars[key] = value[key]
            instance._w = scalars
            return instance
        if kind == "list":
            return [self.load(shape.member, item) for item in value]
        if kind == "map":
            return {k: self.load(shape.value, item) for k, item in value.items()}
        return value

    def dumper(self, shape: Shape) -> Callable[[Any], Any]:
        dumper = self.dumpers.get(shape.name)
        if dumper is None:
            lines = ["def dump(o):"]
            env: dict[str, Any] = {}
            result = self._expr(shape, "o", lines, "    ", env, 0)
            lines.append(f"    return {result}")
            exec("\n".join(lines), env)
            dumper = self.dumpers[shape.name] = env["dump"]
        return dumper

    def _expr(
        self,
        shape: Shape,
        value: str,
        lines: list[str],
        pad: str,
        env: dict[str, Any],
        depth: int,
    ) -> str:
        """An expression for ``value`` (not None) as botocore's dict, after the
        statements it needs."""
        n = next(self.names)
        kind = shape.type_name
        if kind == "structure":
            nested = [(k, m) for k, m in shape.members.items() if _nested(m)]
            if not nested and not _union(shape):
                return f"{value}._w.copy()"
            if depth > _INLINE_DEPTH:
                name = f"_dump{n}"

                def first_call(
                    instance: Any, shape: Shape = shape, name: str = name
                ) -> Any:
                    function = env[name] = self.dumper(shape)  # later calls go direct
                    return function(instance)

                env[name] = first_call
                return f"{name}({value})"
            data = f"d{n}"
            if _union(shape):
                return self._union(shape, value, data, lines, pad, env, depth)
            lines.append(f"{pad}{data} = {value}._w.copy()")
            for key, member in nested:
                child = f"v{next(self.names)}"
                body: list[str] = []
                expr = self._expr(member, child, body, pad + "    ", env, depth + 1)
                lines.append(f"{pad}if ({child} := {value}.m_{key}) is not None:")
                lines.extend(body)
                lines.append(f"{pad}    {data}[{key!r}] = {expr}")
            return data
        if kind in ("list", "map"):
            item, body = f"x{n}", []
            inner = shape.member if kind == "list" else shape.value
            expr = self._expr(inner, item, body, pad + "    ", env, depth + 1)
            if expr == item:
                return f"{kind if kind == 'list' else 'dict'}({value})"
            result = f"r{n}"
            if kind == "list":
                lines += [f"{pad}{result} = []", f"{pad}for {item} in {value}:"]
                lines += body + [f"{pad}    {result}.append({expr})"]
            else:
                lines += [
                    f"{pad}{result} = {{}}",
                    f"{pad}for k{n}, {item} in {value}.items():",
                ]
                lines += body + [f"{pad}    {result}[k{n}] = {expr}"]
            return result
        return value

    def _union(
        self,
        shape: Shape,
        value: str,
        data: str,
        lines: list[str],
        pad: str,
        env: dict[str, Any],
        depth: int,
    ) -> str:
        """A union's one member: kept as it is, or converted by its key."""
        key, simple = f"k{data}", f"_simple{data}"
        env[simple] = frozenset(k for k, m in shape.members.items() if not _nested(m))
        lines.append(f"{pad}if ({key} := {value}._key) in {simple}:")
        lines.append(f"{pad}    {data} = {{{key}: {value}._value}}")
        for name, member in shape.members.items():
            if _nested(member):
                child, body = f"v{next(self.names)}", list[str]()
                expr = self._expr(member, child, body, pad + "    ", env, depth + 1)
                lines.append(f"{pad}elif {key} == {name!r}:")
                lines.append(f"{pad}    {child} = {value}._value")
                lines.extend(body)
                lines.append(f"{pad}    {data} = {{{name!r}: {expr}}}")
        return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    print(
        "| payload | ours (ms) | pydantic v2 (ms) | msgspec (ms) | wire-dict probe (ms) "
        "| ours / pydantic | msgspec / pydantic | probe / pydantic |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        package = generated_classes(
            Path(tmp), ["ec2:DescribeInstancesResult", "dynamodb:QueryOutput"]
        )
        ec2 = importlib.import_module(f"{package.name}.ec2")
        dynamodb = importlib.import_module(f"{package.name}.dynamodb")
        for title, data, cls, root in (
            (
                "EC2 DescribeInstances",
                ec2_payload(args.count),
                ec2.DescribeInstancesResult,
                ("ec2", "DescribeInstancesResult"),
            ),
            (
                "DynamoDB Query",
                dynamodb_payload(args.count),
                dynamodb.QueryOutput,
                ("dynamodb", "QueryOutput"),
            ),
        ):
            models = Models(*root)
            shape = models.model.shape_for(root[1])
            obj = cls.from_dict(data)
            model = models.pydantic_root.model_validate(data)
            spec = msgspec.convert(data, models.msgspec_root)
            probe = WireDictProbe(models)
            wire = probe.load(shape, data)
            dump = probe.dumper(shape)
            builtins_ = (datetime.datetime, bytes)
            assert obj.to_dict() == data and dump(wire) == data
            ours, pyd, msg, wired = side_by_side(
                args.repeat,
                lambda: obj.to_dict(),
                lambda: model.model_dump(by_alias=True, exclude_none=True),
                lambda: msgspec.to_builtins(spec, builtin_types=builtins_),
                lambda: dump(wire),
            )
            print(
                f"| {title} | {ours * 1e3:.1f} | {pyd * 1e3:.1f} | {msg * 1e3:.1f} "
                f"| {wired * 1e3:.1f} | {ours / pyd:.2f} | {msg / pyd:.2f} "
                f"| {wired / pyd:.2f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
