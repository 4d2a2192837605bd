"""The documented package as Sphinx reads it: its modules with their members in
name order, a split module as the one module its users import, and the names
its support modules define, so that a type in a signature resolves to the page
that documents it.
"""

from __future__ import annotations

import importlib
import re
import sys
import typing
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.pycode import ModuleAnalyzer


def enum_values(obj: object) -> tuple[object, ...]:
    if typing.get_origin(obj) is typing.Literal:
        return typing.get_args(obj)
    return ()


@dataclass(frozen=True)
class _Package:
    """The documented package: its import name, and the names its support modules
    define (``Blob`` -> ``myapp.aws._runtime.Blob``), where their pages document them.
    """

    name: str
    support: dict[str, str]


_package = _Package("", {})


def canonical(target: str, module: str) -> str | None:
    """The full name of what ``target``, a type named in ``module``, stands for,
    when a page of the package documents it; None for anything else."""
    prefix = _package.name + "."
    if target.startswith(prefix):
        return target
    head, _, rest = target.partition(".")
    # A split module's parts import what its own namespace lacks: a support
    # module (``_client``) or a name from one (``Timestamp``).
    value = vars(importlib.import_module(module)).get(head) or sys.modules.get(
        prefix + head
    )
    if value is None and not rest and head in _package.support:
        return _package.support[head]
    owner = module
    if isinstance(value, ModuleType):  # _client.Timestamp
        if not value.__name__.startswith(prefix) or not rest:
            return None
        owner = value.__name__
        head, _, rest = rest.partition(".")
        value = getattr(value, head, None)
    if value is None:
        return None
    tail = f".{rest}" if rest else ""
    defined_in = getattr(value, "__module__", None)
    if isinstance(value, type) and str(defined_in).startswith(prefix):
        return f"{defined_in}.{value.__qualname__}{tail}"
    documented = _package.support.get(head)
    if documented is not None:
        support_module, _, name = documented.rpartition(".")
        if getattr(importlib.import_module(support_module), name, None) is value:
            return documented + tail
    if enum_values(value) and owner.startswith(prefix):
        return f"{owner}.{head}"
    return None


_ALIAS = re.compile(r"^(\w+): TypeAlias = ", re.M)


def split_modules(package: Path, import_name: str) -> dict[str, list[Path]]:
    """Module name -> the part files of each split module in ``package``:
    enums first, then the classes, then the client."""
    found: dict[str, list[Path]] = {}
    for face in sorted(package.glob("*.py")):
        directory = package / "_parts" / face.stem
        if not directory.is_dir():
            continue
        files = sorted(p for p in directory.glob("*.py") if p.name != "__init__.py")
        rank = {"enums.py": 0, "client.py": 2}
        found[f"{import_name}.{face.stem}"] = sorted(
            files, key=lambda p: (rank.get(p.name, 1), p.name)
        )
    return found


def read_modules(app: Sphinx, config: Config) -> None:
    """Analyse every module of the package with its own members in name order;
    a split module as the source of its parts joined, with every name loaded, so
    autodoc and viewcode see one module."""
    global _package
    package = Path(config.awsshapes_package)
    import_name = config.awsshapes_import_name
    split = split_modules(package, import_name)
    support: dict[str, str] = {}
    for path in sorted(package.glob("*.py")):
        if path.stem == "__init__":
            continue
        modname = f"{import_name}.{path.stem}"
        files = split.get(modname)
        if files:
            source = "\n\n".join(p.read_text("utf-8") for p in files)
            analyzer = ModuleAnalyzer.for_string(source, modname, str(files[0].parent))
        else:
            analyzer = ModuleAnalyzer.for_module(modname)
        analyzer.analyze()
        top = sorted(name for name in analyzer.tagorder if "." not in name)
        rank = {name: number for number, name in enumerate(top)}
        analyzer.tagorder = {
            name: rank.get(name, number) for name, number in analyzer.tagorder.items()
        }
        ModuleAnalyzer.cache["module", modname] = analyzer
        module = importlib.import_module(modname)
        public = getattr(module, "__all__", None)
        if public is not None:
            for name in public:
                getattr(module, name)
            # autodoc lists a module with __all__ in its order.
            vars(module)["__all__"] = sorted(public)
        if path.stem.startswith("_"):
            # what the module defines (a class, an alias, a constant), not imports
            assigned = [*analyzer.annotations, *analyzer.attr_docs]
            defined = {*analyzer.tags, *(name for scope, name in assigned if not scope)}
            for name in sorted(defined):
                if not name.startswith("_") and "." not in name:
                    support.setdefault(name, f"{modname}.{name}")
    _package = _Package(import_name, support)


def keep_alias_names(app: Sphinx, config: Config) -> None:
    """Show ``status: LivenessSessionStatus``, as the module says, not the Literal.

    autodoc evaluates string annotations with ``autodoc_type_aliases`` as their
    namespace: an alias's name mapped to itself stays a name, and a link that
    resolves in the module the annotation is in. A support module's names, as a
    client method writes them (``_client.Timestamp``), stay names the same way,
    rather than ``datetime | str | int | float``.
    """
    package = Path(config.awsshapes_package)
    names: dict[str, str] = {}
    parts = sorted((package / "_parts").glob("*/*.py"))
    for path in [*sorted(package.glob("*.py")), *parts]:
        names.update((name, name) for name in _ALIAS.findall(path.read_text("utf-8")))
        if path.parent == package and path.stem.startswith("_"):
            module = importlib.import_module(
                f"{config.awsshapes_import_name}.{path.stem}"
            )
            public = getattr(module, "__all__", ())
            names.update((f"{path.stem}.{n}", f"{path.stem}.{n}") for n in public)
    config.autodoc_type_aliases = {**names, **config.autodoc_type_aliases}
