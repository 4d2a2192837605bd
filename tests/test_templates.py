"""Template overrides: replace a built-in template by file name, safely and visibly."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, codegen, import_generated, service_model, write_model

from codegen.build import pipeline, support
from codegen.build.cache import Cache
from codegen.config import Target
from codegen.errors import CodegenError
from codegen.render import templating
from codegen.render.formatting import SUPPORT_LINE_LENGTH, format_source, format_support

# A method that reads the structured context, laid out carelessly on purpose:
# black, not the template, decides the final layout.
CLASS_METHOD = """
    def wire_names(self)->tuple[str,...]:
        '''The keys botocore uses, in model order.'''
        return ({% for f in cls.fields %}{{ f.wire_name | pystr }},{% endfor %})

    def describe(self)->str:
        return {{ ("%s from %s: %s" % (cls.name, cls.shape_name, cls.fields | map(attribute="name") | join(","))) | pystr }}
"""

MODULE_IMPORT = """
import   json
SCHEMA_SERVICE = {{ service_name | pystr }}
def dumps(value: object) -> str:
    return json.dumps(value)
"""


@pytest.fixture
def models(model_dir: Path) -> Path:
    shapes = {
        "Thing": {
            "type": "structure",
            "required": ["Name"],
            "members": {
                "Name": {"shape": "S", "documentation": "<p>The name.</p>"},
                "Secret": {"shape": "P"},
                "Size": {"shape": "I"},
            },
        },
        "Empty": {"type": "structure", "members": {}},
        "S": {"type": "string"},
        "P": {"type": "string", "sensitive": True},
        "I": {"type": "integer"},
    }
    write_model(model_dir, "synthetic", service_model(shapes))
    return model_dir


def overrides_dir(tmp_path: Path, **extra: str) -> Path:
    directory = tmp_path / "templates"
    directory.mkdir(exist_ok=True)
    for name, addition in extra.items():
        builtin = (templating.TEMPLATES / f"{name}.py.jinja").read_text()
        (directory / f"{name}.py.jinja").write_text(builtin + addition)
    return directory


def generate(
    models: Path, directory: Path | None, cache: Cache | None = None
) -> pipeline.Output:
    return pipeline.build(
        [Target.parse("synthetic")],
        model_dirs=[models],
        templates=templating.load_overrides(directory) if directory else (),
        cache=cache,
    )


def test_a_class_override_adds_a_method_and_black_lays_it_out(
    models: Path, tmp_path: Path
) -> None:
    directory = overrides_dir(tmp_path, **{"class": CLASS_METHOD})
    output = generate(models, directory)
    text = output.files["synthetic.py"]
    assert format_source(text, 88) == text  # black-clean whatever the template's layout
    assert "    def wire_names(self) -> tuple[str, ...]:" in text
    package = tmp_path / "gen_class"
    package.mkdir()
    for name, content in output.all_files().items():
        (package / name).write_text(content)
    module = import_generated(package, "synthetic")
    thing = module.Thing(name="n", secret="s", size=1)
    assert thing.wire_names() == ("Name", "Secret", "Size")
    assert thing.describe() == "Thing from Thing: name,secret,size"
    assert module.Empty().wire_names() == ()
    assert "s" not in repr(thing).replace("secret", "").replace("size", "").replace(
        "Thing", ""
    ).replace("<sensitive>", "")
    recorded = json.loads(output.manifest())["templates"]
    assert recorded == {
        "class.py.jinja": hashlib.sha256(
            (directory / "class.py.jinja").read_bytes()
        ).hexdigest()
    }


def test_a_module_override_adds_an_import(models: Path, tmp_path: Path) -> None:
    directory = overrides_dir(tmp_path, module=MODULE_IMPORT)
    output = generate(models, directory)
    text = output.files["synthetic.py"]
    assert format_source(text, 88) == text
    assert "\nimport json\n" in text
    package = tmp_path / "gen_module"
    package.mkdir()
    for name, content in output.all_files().items():
        (package / name).write_text(content)
    module = import_generated(package, "synthetic")
    assert module.dumps({"a": 1}) == '{"a": 1}'
    assert module.SCHEMA_SERVICE == "synthetic"


def test_overrides_are_part_of_the_cache_key(models: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    plain = generate(models, None, cache)
    directory = overrides_dir(tmp_path, **{"class": CLASS_METHOD})
    custom = generate(models, directory, cache)
    assert "def wire_names" in custom.files["synthetic.py"]
    assert "def wire_names" not in plain.files["synthetic.py"]
    (directory / "class.py.jinja").write_text(
        (directory / "class.py.jinja").read_text().replace("wire_names", "keys")
    )
    changed = generate(models, directory, cache)
    assert "def keys" in changed.files["synthetic.py"]
    assert generate(models, None, cache).all_files() == plain.all_files()


def received(monkeypatch: pytest.MonkeyPatch) -> dict[str, set[str]]:
    """Template name -> every name it receives, the fields of its views included,
    while the golden models (which have every construct) are generated."""
    import dataclasses
    from collections import defaultdict

    from test_golden import build

    from codegen.render import client, module, partition

    seen: dict[str, set[str]] = defaultdict(set)

    def gather(names: set[str], value: object) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                names.add(f.name)
                gather(names, getattr(value, f.name))
        elif isinstance(value, tuple):
            for item in value:
                gather(names, item)

    real = templating.render_template

    def spy(overrides: templating.Overrides, name: str, **context: object) -> str:
        for key, value in context.items():
            seen[name].add(key)
            gather(seen[name], value)
        return real(overrides, name, **context)

    for owner in (module, client, partition):
        monkeypatch.setattr(owner, "render_template", spy)
    build()
    return dict(seen)


def documented() -> dict[str, set[str]]:
    """Template name -> the names its entry in the guide's context section lists."""
    guide = (ROOT / "docs" / "guide" / "templates.rst").read_text()
    section = guide.split("\nThe context\n", 1)[1].split("\n\n", 2)[2]
    entries = re.findall(
        r"^- ``(\w+\.py\.jinja)``(.*?)(?=^- |\n\n|\Z)", section, re.M | re.S
    )
    return {
        name: set(re.findall(r"``([A-Za-z_]\w*)``", text)) for name, text in entries
    }


def test_the_guide_lists_exactly_what_each_template_receives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given, listed = received(monkeypatch), documented()
    assert set(listed) == set(templating.builtin_templates())
    assert set(given) == set(listed), "a template was not rendered by the golden model"
    for name in sorted(given):
        assert given[name] == listed[name], (
            f"{name}: given but not listed {sorted(given[name] - listed[name])}, "
            f"listed but not given {sorted(listed[name] - given[name])}"
        )


def test_a_name_that_matches_no_template_is_an_error(tmp_path: Path) -> None:
    directory = overrides_dir(tmp_path)
    (directory / "klass.py.jinja").write_text("x")
    result = codegen(
        "rekognition:S3Object", "--templates", str(directory), cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"codegen: error: {directory / 'klass.py.jinja'}: matches no built-in template "
        "(they are: alias.py.jinja, class.py.jinja, client.py.jinja, "
        "client_method.py.jinja, face.py.jinja, init.py.jinja, module.py.jinja, "
        "part.py.jinja)"
    ]
    assert not (tmp_path / "generated").exists()


@pytest.mark.parametrize(
    "text, message",
    [
        ("{% if %}\n", "class.py.jinja, line 1: Expected an expression"),
        (
            "{{ cls.nope }}\n",
            "class.py.jinja: 'codegen.render.module.ClassView object' has no attribute 'nope'",
        ),
        (
            "class {{ cls.name }}(:\n",
            "class.py.jinja: generated code is not valid Python",
        ),
    ],
)
def test_a_broken_override_is_one_line_naming_it(
    tmp_path: Path, text: str, message: str
) -> None:
    directory = overrides_dir(tmp_path)
    (directory / "class.py.jinja").write_text(text)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.codegen]\ntargets = ["rekognition:S3Object"]\ntemplates = "templates"\n'
    )
    result = codegen(cwd=tmp_path)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"codegen: error: {directory}/{message}"), line
    assert not (tmp_path / "generated").exists()


def test_a_missing_templates_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CodegenError, match="templates directory does not exist"):
        templating.load_overrides(tmp_path / "nope")


@pytest.mark.parametrize("name", [support.RUNTIME, support.CLIENT])
def test_support_modules_are_copied_as_black_writes_them(name: str) -> None:
    """Black does not run on the support modules at 88 columns (format_support): their
    sources must already be its output. At another length black lays them out
    (at 100 it joins lines that 88 columns split)."""
    text = support.support_module(name, SUPPORT_LINE_LENGTH)
    source = (support.RUNTIME_SOURCES / name).read_text(encoding="utf-8")
    assert text.endswith(f"\n{source}") and text.startswith("# Generated by codegen")
    assert format_source(text, SUPPORT_LINE_LENGTH) == text
    assert format_support(text, SUPPORT_LINE_LENGTH) == text
    assert format_support(text, 100) != text
