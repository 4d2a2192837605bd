"""The ``.pyi`` beside each generated module (codegen/render/stubs.py).

Once a stub is beside a module, neither checker reads the module: so the stubs must
say what the modules do (mypy's ``stubtest`` imports the package and compares), and
the modules must stay clean on their own (``mypy --strict`` with the stubs taken away).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import black
import pytest
from conftest import ROOT, mypy
from test_golden import build

from codegen.build import support
from codegen.render.formatting import Piece
from codegen.render.stubs import stub_module, stub_piece

SUPPORT = {support.RUNTIME, support.CLIENT, support.AIO}


def test_a_function_keeps_its_signature_and_docstring_not_its_body() -> None:
    source = (
        "def f(\n"
        "    x: int,\n"
        ") -> int:\n"
        '    """Doc."""\n'
        "    y = x + 1\n"
        "    return y\n"
    )
    assert (
        stub_piece(source)
        == 'def f(\n    x: int,\n) -> int:\n    """Doc."""\n    ...\n'
    )
    assert stub_piece("def g(a: str) -> None:\n    print(a)\n") == (
        "def g(a: str) -> None: ...\n"
    )
    assert stub_piece("def h(): return 1\n") == "def h(): ...\n"


def test_a_class_loses_what_only_the_runtime_reads() -> None:
    source = (
        "class C(Struct):\n"
        '    """Doc."""\n'
        "\n"
        '    __slots__ = {"a": "doc", "_extra": None}\n'
        "\n"
        '    SENSITIVE: ClassVar[tuple[str, ...]] = ("a",)\n'
        '    _FIELDS = (Field("a", "A", "string"),)\n'
        "\n"
        "    a: str\n"
        '    """Member doc."""\n'
        "\n"
        "    def __init__(self, *, a: str) -> None:\n"
        "        self.a = a\n"
    )
    assert stub_piece(source) == (
        "class C(Struct):\n"
        '    """Doc."""\n'
        "\n"
        '    SENSITIVE: ClassVar[tuple[str, ...]] = ("a",)\n'
        "\n"
        "    a: str\n"
        '    """Member doc."""\n'
        "\n"
        "    def __init__(self, *, a: str) -> None: ...\n"
    )
    # A class left with nothing still has a body.
    assert (
        stub_piece("class E(Error):\n    __slots__ = ()\n")
        == "class E(Error):\n    ...\n"
    )


def test_overloads_keep_their_signatures_and_lose_the_implementation() -> None:
    source = (
        "class C:\n"
        "    @overload\n"
        "    def f(self, x: int) -> int: ...\n"
        "    @overload\n"
        "    def f(self, x: str) -> str: ...\n"
        "    def f(self, x: object) -> object:\n"
        "        return x\n"
    )
    stub = stub_piece(source)
    assert stub.count("def f(") == 2 and "return" not in stub and "object" not in stub


def test_a_method_piece_is_cut_as_indented_and_async_methods_too() -> None:
    method = (
        "    async def get(self, *, key: str) -> Out:\n"
        '        """Gets."""\n'
        "        return await self._call(key)\n"
    )
    assert stub_piece(method, indented=True) == (
        '    async def get(self, *, key: str) -> Out:\n        """Gets."""\n        ...\n'
    )


def test_imports_nothing_uses_are_left_out_and_re_exports_kept() -> None:
    header = (
        "# header\n"
        "from __future__ import annotations\n"
        "\n"
        "import builtins\n"
        "import datetime\n"
        "from typing import TYPE_CHECKING, ClassVar\n"
        "\n"
        "from ._runtime import Field, Struct, as_float\n"
        "\n"
        "if TYPE_CHECKING:\n"
        "    from .parts import A as A\n"
        "    from .parts import B, C\n"
        "else:\n"
        "    from ._runtime import lazy_module\n"
        "\n"
        "    __getattr__ = lazy_module()\n"
    )
    body = (
        "class D(Struct):\n"
        "    x: builtins.bytes | B\n"
        '    y: "list[C]"\n'
        "\n"
        "    def __init__(self, *, x: builtins.bytes) -> None:\n"
        "        self.x = as_float(datetime.datetime.now())\n"
    )
    stub = stub_module([Piece("", header), Piece("\n\n", body)], 88)
    assert stub == (
        "# header\n"
        "from __future__ import annotations\n"
        "\n"
        "import builtins\n"
        "\n"
        "from ._runtime import Struct\n"
        "\n"
        "from .parts import A as A\n"
        "from .parts import B, C\n"
        "\n" + stub_piece(body)
    )


def test_a_long_import_is_laid_out_as_black_does() -> None:
    names = [f"Name{i:02}" for i in range(12)]
    header = f"from .parts import {', '.join(names)}\n"
    body = "".join(f"x{i}: {name}\n" for i, name in enumerate(names[:-1]))
    stub = stub_module([Piece("", header), Piece("\n", body)], 88)
    assert stub == black.format_str(stub, mode=black.Mode(is_pyi=True))
    assert "Name11" not in stub and "    Name10,\n" in stub


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden package (every construct, a split module and a single one)."""
    package = tmp_path_factory.mktemp("stubs") / "golden_stubs"
    for name, text in build().items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_bytes(text.encode("utf-8"))
    return package


def modules(package: Path) -> list[Path]:
    return sorted(
        path
        for path in package.rglob("*.py")
        if path.relative_to(package).as_posix() not in SUPPORT
        and path.relative_to(package).as_posix()
        not in {"__init__.py", "_parts/__init__.py"}
    )


def test_every_service_module_and_part_has_a_stub_black_clean(package: Path) -> None:
    found = modules(package)
    assert len(found) >= 8  # golden's face, parts, enums, clients; global_
    mode = black.Mode(is_pyi=True, line_length=88)
    for module in found:
        stub = module.with_suffix(".pyi").read_text(encoding="utf-8")
        assert stub.startswith("# Generated by codegen"), module
        assert black.format_str(stub, mode=mode) == stub, module
    assert not (package / "_runtime.pyi").exists()  # read as it is


def test_committed_output_has_its_stub() -> None:
    generated = ROOT / "generated"
    assert (generated / "rekognition.pyi").is_file()
    tree = ast.parse((generated / "rekognition.pyi").read_text(encoding="utf-8"))
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    assert functions and all(
        isinstance(f.body[-1], ast.Expr) and f.body[-1].value.value is Ellipsis  # type: ignore[attr-defined]
        for f in functions
    )


def literal_aliases(package: Path) -> list[str]:
    """``X: TypeAlias = Literal[...]`` of every stub, as stubtest names them."""
    names = []
    for stub in package.rglob("*.pyi"):
        module = ".".join(stub.relative_to(package.parent).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        for node in ast.parse(stub.read_text(encoding="utf-8")).body:
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and ast.unparse(node.annotation) == "TypeAlias"
            ):
                names.append(f"{module}.{node.target.id}")
    return names


@pytest.mark.mypy
def test_stubs_say_what_the_modules_do(package: Path, tmp_path: Path) -> None:
    """mypy's stubtest imports every module and compares it with its stub."""
    name = package.name
    aliases = literal_aliases(package)
    assert aliases  # the golden models have enums
    allowlist = tmp_path / "allowlist.txt"
    allowlist.write_text(
        "\n".join(
            [
                # The support modules have no stub: their TYPE_CHECKING-only names
                # are not a stub's business.
                rf"{name}\._(runtime|client|aio)(\..*)?",
                # A split module's ``__all__`` is made at run time; its stub
                # re-exports each name (``X as X``).
                rf"{name}\.[a-z0-9_]+\.__all__",
                # stubtest cannot compare a Literal alias with its run-time object
                # ("is not a Union", "is not a recognised type alias").
                *(alias.replace(".", r"\.") for alias in aliases),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy.stubtest",
            name,
            "--allowlist",
            str(allowlist),
            "--mypy-config-file",
            os.devnull,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(package.parent)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout


@pytest.mark.mypy
def test_the_modules_alone_pass_mypy_strict(package: Path, tmp_path: Path) -> None:
    """With the stubs taken away, mypy reads (and checks) the modules themselves."""
    alone = tmp_path / package.name
    shutil.copytree(package, alone, ignore=shutil.ignore_patterns("*.pyi"))
    assert not list(alone.rglob("*.pyi"))
    result = mypy(alone.name, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
