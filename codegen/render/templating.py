"""The Jinja2 templates, and the user's overrides of them.

A ``templates`` directory (``[tool.codegen] templates`` or ``--templates``)
replaces built-in templates by file name. Overrides are read once, up front,
and travel as text -- to worker processes, into the cache key and into the
manifest -- so what is rendered is exactly what was recorded. A file that
matches no built-in template is an error, never silently ignored.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import jinja2

from codegen.errors import CodegenError
from codegen.pyliteral import pystr

_PACKAGE = Path(__file__).resolve().parent.parent
# An installed copy carries its templates inside the package; a checkout has them
# at the top of the repository.
TEMPLATES = next(
    (d for d in (_PACKAGE / "templates", _PACKAGE.parent / "templates") if d.is_dir()),
    _PACKAGE.parent / "templates",
)

# Template overrides: (path of the override file, its text), sorted by path.
Overrides = tuple[tuple[str, str], ...]


def builtin_templates() -> list[str]:
    return sorted(p.name for p in TEMPLATES.glob("*.jinja"))


def load_overrides(directory: Path) -> Overrides:
    """Every override in ``directory``; hidden files (``.gitkeep``) are skipped."""
    if not directory.is_dir():
        raise CodegenError(f"{directory}: templates directory does not exist")
    known = builtin_templates()
    found = []
    for path in sorted(directory.iterdir()):
        if path.name.startswith("."):
            continue
        if path.name not in known:
            raise CodegenError(
                f"{path}: matches no built-in template (they are: {', '.join(known)})"
            )
        if not path.is_file():
            raise CodegenError(f"{path}: a template override must be a file")
        try:
            found.append((str(path), path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise CodegenError(f"{path}: cannot read template: {exc}") from exc
    return tuple(found)


def overridden(overrides: Overrides) -> dict[str, str]:
    """Template file name -> the path of its override."""
    return {Path(path).name: path for path, _ in overrides}


def fingerprints(overrides: Overrides) -> dict[str, str]:
    """Template file name -> sha256 of the override's text: for the manifest."""
    return {
        Path(path)
        .name: hashlib.sha256(text.encode("utf-8", "surrogatepass"))
        .hexdigest()
        for path, text in overrides
    }


def fingerprint(overrides: Overrides) -> str:
    """One hash of every override, for the cache key; "" when there are none."""
    if not overrides:
        return ""
    return hashlib.sha256(
        "\0".join(
            f"{n}\0{h}" for n, h in sorted(fingerprints(overrides).items())
        ).encode()
    ).hexdigest()


@functools.cache
def environment(overrides: Overrides = ()) -> jinja2.Environment:
    """The built-in templates, each replaced by the override of the same file name."""
    loader: jinja2.BaseLoader = jinja2.FileSystemLoader(TEMPLATES)
    if overrides:
        loader = jinja2.ChoiceLoader(
            [
                jinja2.DictLoader({Path(path).name: text for path, text in overrides}),
                loader,
            ]
        )
    env = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one run, one set of templates: no stat per render
    )
    # Overrides that print model strings need black's literal, not ``repr``.
    env.filters["pystr"] = pystr
    return env


def render_template(overrides: Overrides, name: str, **context: object) -> str:
    """``name`` rendered with ``context``; an override's mistake is the user's error."""
    path = overridden(overrides).get(name)
    try:
        return environment(overrides).get_template(name).render(**context)
    except Exception as exc:
        if path is None:
            raise  # a built-in template failing is a bug: keep the traceback
        line = getattr(exc, "lineno", None)
        where = f"{path}, line {line}" if line else path
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        raise CodegenError(f"{where}: {message}") from exc
