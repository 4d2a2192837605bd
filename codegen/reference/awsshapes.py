"""Sphinx extension: what a generated class's metadata says, made visible.

Each generated class describes its members in ``_FIELDS`` (entries with
``.attribute``, ``.key`` and ``.required``) and names the sensitive ones in
``SENSITIVE``; ``SENSITIVE_SHAPE``, when true, says it is sensitive as a whole. autodoc
renders the docstrings and annotations; this extension adds, read from those
attributes at build time:

* a ``required``/``optional`` and a ``sensitive`` badge on every attribute;
* an attribute summary table at the top of every class (``shape-attributes``);
* the values of every enum alias (a ``TypeAlias`` of ``Literal[...]``).

A large service module is split: its classes live in parts under
``_parts/<module>/`` and load on first use (``codegen.render.partition``). Sphinx reads
such a module as the one it is to its users: the source it analyses (member
docs, ``[source]``) is its parts joined, and its names are all loaded. Every
module lists its own members in name order, whatever order its source or its
parts have; a class lists its members as the model does.

Every type a signature names that the package documents is a link to it, also
when the module names it through a support module (``_client.Timestamp``) or
imports it from one (``Blob``); other names (``str``, ``datetime``) stay text.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import find_pending_xref_condition

from codegen.reference import package

_IDENTIFIER = re.compile(r"[A-Za-z_][\w.]*")


def _sensitive_as_a_whole(cls: type) -> bool:
    """botocore's shape-level ``sensitive``; absent from output of older runtimes."""
    return bool(getattr(cls, "SENSITIVE_SHAPE", False))


def _is_shape(obj: object) -> bool:
    return isinstance(obj, type) and isinstance(getattr(obj, "_FIELDS", None), tuple)


def _resolve(module: str, qualname: str) -> Any:
    obj: Any = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
    return obj


def _badge(text: str, kind: str) -> nodes.inline:
    return nodes.inline(text, text, classes=["shape-badge", f"shape-badge-{kind}"])


@functools.cache
def _fields(cls: type) -> dict[str, Any]:
    return {f.attribute: f for f in cls._FIELDS}  # type: ignore[attr-defined]


def _member_badges(cls: type, attribute: str) -> list[nodes.inline]:
    field = _fields(cls).get(attribute)
    if field is None:
        return []
    badges = [
        (
            _badge("required", "required")
            if field.required
            else _badge("optional", "optional")
        )
    ]
    if attribute in cls.SENSITIVE or _sensitive_as_a_whole(cls):  # type: ignore[attr-defined]
        badges.append(_badge("sensitive", "sensitive"))
    return badges


def add_signature_badges(
    app: Sphinx, domain: str, objtype: str, content: addnodes.desc_content
) -> None:
    """Badges on each attribute's signature line."""
    if domain != "py":
        return
    desc: nodes.Element = content.parent
    for signature in desc.findall(addnodes.desc_signature):
        module, fullname = signature.get("module"), signature.get("fullname", "")
        if not module or not fullname:
            continue
        _unlink_foreign(signature, module)
        if objtype == "attribute" and "." in fullname:
            owner, attribute = fullname.rsplit(".", 1)
            cls = _resolve(module, owner)
            if _is_shape(cls):
                # The class's table lists its members; the page's contents list classes.
                signature["_toc_name"] = ""
                signature["_toc_parts"] = ()
                for badge in _member_badges(cls, attribute):
                    signature += nodes.Text(" ")
                    signature += badge
        elif objtype == "class":
            cls = _resolve(module, fullname)
            if _is_shape(cls) and _sensitive_as_a_whole(cls):
                signature += nodes.Text(" ")
                signature += _badge("sensitive", "sensitive")


def _unlink_foreign(signature: addnodes.desc_signature, module: str) -> None:
    """Link each type the package documents by its full name; other names become
    plain text.

    ``bytes: bytes`` would otherwise link the type to the attribute itself, and
    every ``str`` or ``None`` costs Sphinx a scan of all objects (a "fuzzy"
    search) before it gives up: most of a large service's build time.
    """
    for ref in list(signature.findall(addnodes.pending_xref)):
        if ref.get("refdomain") != "py":
            continue
        target = package.canonical(ref.get("reftarget", ""), module)
        if target is None:
            # What Sphinx itself shows for a name it cannot resolve.
            condition = find_pending_xref_condition(ref, "*")
            ref.replace_self((condition or ref).children)
        else:
            ref["reftarget"] = target


def skip_member(
    app: Sphinx, what: str, name: str, obj: Any, skip: bool, options: Any
) -> bool | None:
    """A generated class's ``__init__`` repeats its attributes: leave it out.

    Enum aliases are left to :func:`enum_alias_lines`.
    """
    if what == "module" and package.enum_values(obj):
        return True
    if name == "__init__" and what == "class":
        owner = getattr(obj, "__qualname__", "").rpartition(".")[0]
        module = (
            importlib.import_module(obj.__module__)
            if hasattr(obj, "__module__")
            else None
        )
        cls = getattr(module, owner, None) if module and owner else None
        if _is_shape(cls):
            return True
    return None


def process_docstring(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    """Summary tables for classes, enum aliases after the module's docstring."""
    if what == "module":
        lines += enum_alias_lines(name, obj)
    elif what == "class" and _is_shape(obj):
        if _sensitive_as_a_whole(obj):
            lines[:0] = [
                ".. warning:: Sensitive as a whole: ``repr`` never shows its values.",
                "",
            ]
        if obj._FIELDS:
            lines += ["", f".. shape-attributes:: {name}", ""]


def enum_alias_lines(modname: str, module: ModuleType) -> list[str]:
    """Each enum alias the module defines, as a ``py:data`` entry with its values.

    autodoc would add "alias of Literal[...]" as reST of its own making, where a
    value such as ``s3:ObjectCreated:*`` reads as unclosed emphasis.
    """
    analyzer = ModuleAnalyzer.for_module(modname)
    docs = analyzer.find_attr_docs()
    order = analyzer.tagorder
    names = sorted(
        (
            name
            for name, value in vars(module).items()
            if name in order and package.enum_values(value)
        ),
        key=order.__getitem__,
    )
    lines: list[str] = []
    for name in names:
        lines += ["", f".. py:data:: {name}", ""]
        lines += [f"   {line}" if line else "" for line in docs.get(("", name), [])]
        lines += ["", f"   .. enum-values:: {modname}.{name}", ""]
    return lines


class ShapeAttributes(SphinxDirective):
    """``.. shape-attributes:: module.Class``: a table of the class's members."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        target = self.arguments[0]
        module, _, qualname = target.rpartition(".")
        cls = _resolve(module, qualname)
        while module and not _is_shape(cls):  # nested qualname: move the split left
            module, _, outer = module.rpartition(".")
            qualname = f"{outer}.{qualname}"
            cls = _resolve(module, qualname) if module else None
        if not _is_shape(cls):
            raise self.error(f"shape-attributes: {target} is not a generated class")
        annotations: dict[str, str] = {}
        for klass in reversed(cls.__mro__):
            annotations.update(getattr(klass, "__annotations__", {}))

        table = nodes.table(classes=["shape-attributes"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (30, 45, 25):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += self._row(
            [nodes.Text("Attribute"), nodes.Text("Type"), nodes.Text("Notes")]
        )
        body = nodes.tbody()
        group += body
        for field in cls._FIELDS:
            # The attribute is described just below, on this page: a plain anchor
            # link, and plain text styled as code, keep a large page small.
            link = nodes.reference(
                "",
                field.attribute,
                refid=f"{module}.{qualname}.{field.attribute}",
                internal=True,
            )
            annotation = str(annotations.get(field.attribute, ""))
            badges: list[nodes.Node] = []
            for badge in _member_badges(cls, field.attribute):
                badges += [badge, nodes.Text(" ")]
            body += self._row([link, self._type(annotation, module), badges])
        return [nodes.rubric("", "Attributes"), table]

    def _row(self, cells: list[Any]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            paragraph = nodes.paragraph()
            if isinstance(content, list):
                paragraph.extend(content)
            else:
                paragraph += content
            entry += paragraph
            row += entry
        return row

    def _xref(self, reftype: str, target: str, text: str) -> addnodes.pending_xref:
        ref = addnodes.pending_xref(
            "",
            nodes.Text(text),
            refdomain="py",
            reftype=reftype,
            reftarget=target,
            refexplicit=True,
            refwarn=False,
        )
        ref["refdoc"] = self.env.docname
        ref["py:module"] = self.env.ref_context.get("py:module")
        ref["py:class"] = self.env.ref_context.get("py:class")
        return ref

    def _type(self, annotation: str, module: str) -> nodes.inline:
        """The annotation as written, each name a link when it names something."""
        annotation = annotation.replace("builtins.", "")
        code = nodes.inline(classes=["shape-type"])
        position = 0
        for match in _IDENTIFIER.finditer(annotation):
            code += nodes.Text(annotation[position : match.start()])
            name = match.group()
            target = package.canonical(name, module)
            if target is not None:
                # ``_client.Timestamp`` reads as ``Timestamp``, as in signatures
                shown = name.rpartition(".")[2] if name.startswith("_") else name
                code += self._xref("obj", target, shown)
            else:
                code += nodes.Text(name)
            position = match.end()
        code += nodes.Text(annotation[position:])
        return code


class EnumValues(SphinxDirective):
    """``.. enum-values:: module.Alias``: the values of a ``Literal`` alias."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        module, _, name = self.arguments[0].rpartition(".")
        values = package.enum_values(_resolve(module, name))
        paragraph = nodes.paragraph(classes=["enum-values"])
        paragraph += nodes.strong("Values:", "Values:")
        for value in values:
            text = value if isinstance(value, str) else repr(value)
            paragraph += nodes.Text(" ")
            paragraph += nodes.literal(text, text, classes=["enum-value"])
        return [paragraph]


def drop_empty_dashes(app: Sphinx, doctree: nodes.document) -> None:
    """A field with no text (``:raises ThrottlingException:``, the error's class says
    what it means) is listed without the dash Sphinx puts before a field's text."""
    for body in doctree.findall(nodes.field_body):
        for paragraph in body.findall(nodes.paragraph):
            children = paragraph.children
            for index, child in enumerate(children):
                if (
                    isinstance(child, nodes.Text)
                    and child.astext() == " -- "
                    and not any(c.astext() for c in children[index + 1 :])
                ):
                    del children[index:]
                    break


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("awsshapes_package", "", "env", types=frozenset({str}))
    app.add_config_value("awsshapes_import_name", "", "env", types=frozenset({str}))
    app.connect("config-inited", package.keep_alias_names)
    app.connect("config-inited", package.read_modules)
    app.setup_extension("sphinx.ext.autodoc")
    app.add_directive("shape-attributes", ShapeAttributes)
    app.add_directive("enum-values", EnumValues)
    app.connect("autodoc-skip-member", skip_member)
    app.connect("autodoc-process-docstring", process_docstring)
    app.connect("object-description-transform", add_signature_badges)
    app.connect("doctree-read", drop_empty_dashes)
    # A change to the extension changes what every page says: Sphinx re-reads them all.
    code = hashlib.sha256(
        b"".join(
            Path(m.__file__ or "").read_bytes()
            for m in (sys.modules[__name__], package)
        )
    ).hexdigest()
    return {
        "version": "1",
        "env_version": int(code[:8], 16),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
