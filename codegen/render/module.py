"""The intermediate representation to Python source, through Jinja2 templates.

One Jinja environment, with ``StrictUndefined`` and no autoescaping (the output
is Python, not HTML). Nothing from the model reaches a template as raw text:
names are identifiers by construction (:mod:`codegen.model.naming`), strings go
through :func:`codegen.render.layout.pystr` and documentation through
:func:`codegen.render.docs.docstring`.

A module is rendered as chunks -- the header, each alias, each class -- that
:mod:`codegen.render.formatting` formats one by one, so black only ever sees the few
chunks :mod:`codegen.render.layout` could not lay out itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from codegen.model.ir import EnumAlias, ServiceModule, StructClass
from codegen.pyliteral import pystr
from codegen.render import docs, rest
from codegen.render.client import render_client
from codegen.render.header import header, service_header
from codegen.render.imports import RUNTIME_MODULE, ImportCollector, from_import
from codegen.render.layout import bracketed, code, width
from codegen.render.members import FieldView, MemberRenderer
from codegen.render.templating import Overrides, overridden, render_template


@dataclass(frozen=True)
class ModuleChunks:
    """A module as separately formattable pieces, in output order."""

    header: str
    aliases: tuple[str, ...]
    classes: tuple[str, ...]
    # template file name -> override path: those chunks always go through black
    overridden: dict[str, str] = field(default_factory=dict)
    # the typed client class, when the module has operations: its head, then
    # each method (indented as in the class)
    client: tuple[str, ...] = ()
    # the asynchronous client class, as ``client``, when one is generated
    async_client: tuple[str, ...] = ()
    # the template the header comes from (its override forces black on it)
    header_template: str = "module.py.jinja"


# The views below are what templates receive; the guide (docs/guide/templates.rst)
# documents them
# as a contract for template overrides. Code-line fields are finished code, laid
# out as black would; the structured fields let an override write its own.


@dataclass(frozen=True)
class AliasView:
    definition: str  # code lines
    docstring: str
    name: str = ""
    shape_name: str = ""
    values: tuple[str, ...] = ()
    documentation: str = ""  # reST; may be empty


@dataclass(frozen=True)
class ClassView:
    name: str
    base: str
    docstring: str
    slots: str  # code lines
    sensitive: str
    sensitive_shape: bool
    field_table: str
    fields: tuple[FieldView, ...]
    shape_name: str = ""
    documentation: str = ""  # reST; may be empty
    is_union: bool = False
    roles: tuple[str, ...] = ()  # "input", "output": how operations use the shape
    sensitive_names: tuple[str, ...] = ()  # attributes never shown in repr


class ModuleRenderer:
    """Renders one :class:`ServiceModule` at a given line length."""

    def __init__(
        self,
        line_length: int,
        overrides: Overrides = (),
        clients: tuple[str, ...] = ("sync",),
    ) -> None:
        self.line_length = line_length
        self.overrides = overrides
        self.clients = clients  # which client classes: "sync", "async"

    def render_module(
        self,
        module: ServiceModule,
        qualifier: str = "",
        imports: ImportCollector | None = None,
    ) -> ModuleChunks:
        """``qualifier`` prefixes the class names client methods call at run time:
        a split module's client reaches them through the module (see
        :mod:`codegen.render.partition`). What the code uses is gathered in
        ``imports`` (a new collector if none is given)."""
        imports = ImportCollector() if imports is None else imports

        def render(name: str, **context: object) -> str:
            return render_template(self.overrides, name, **context)

        classes = tuple(
            render("class.py.jinja", cls=self._class_view(module, c, imports))
            for c in module.classes
        )
        aliases = tuple(
            render("alias.py.jinja", alias=self._alias_view(a)) for a in module.aliases
        )
        client: tuple[str, ...] = ()
        async_client: tuple[str, ...] = ()
        if module.client and "sync" in self.clients:
            client = render_client(
                imports, module, self.line_length, self.overrides, qualifier
            )
        if module.client and "async" in self.clients:
            async_client = render_client(
                imports, module, self.line_length, self.overrides, qualifier, True
            )
        doc = self.module_paragraphs(module)
        head = render(
            "module.py.jinja",
            header=service_header(module),
            docstring=docs.docstring(doc, 0, self.line_length),
            uses_builtins=imports.uses_builtins,
            uses_datetime="datetime" in imports.names,
            uses_typing="typing" in imports.names,
            typing_names=sorted(
                ({"Literal", "TypeAlias"} if aliases else imports.names & {"Literal"})
                | (imports.names & {"ClassVar"})
            ),
            runtime_import=self._runtime_import(imports.runtime_names(module.classes)),
            service_name=module.service_name,
            full_name=module.full_name,
            api_version=module.api_version,
            uid=module.uid,
            class_names=[c.name for c in module.classes],
            alias_names=[a.name for a in module.aliases],
            client_import=bool(client or async_client)
            or any(c.uses_client for c in module.classes),
            aio_import=bool(async_client),
        )
        return ModuleChunks(
            header=head,
            aliases=aliases,
            classes=classes,
            client=client,
            async_client=async_client,
            overridden=overridden(self.overrides),
        )

    @staticmethod
    def module_paragraphs(module: ServiceModule) -> list[str]:
        """The module docstring: the service, and the shapes it was generated for."""
        title = f"{module.full_name} ({module.service_name} {module.api_version})"
        doc = [f"Typed classes for {rest.text(title)}."]
        if module.roots:
            roots = ", ".join(rest.literal(r) for r in module.roots)
            doc.append(f"Generated for {roots} and the shapes they use.")
        return doc

    def _runtime_import(self, names: list[str]) -> str:
        if not names:
            return ""
        return code(
            from_import(
                f".{RUNTIME_MODULE}", names, indent=0, line_length=self.line_length
            )
        )

    def _class_view(
        self, module: ServiceModule, cls: StructClass, imports: ImportCollector
    ) -> ClassView:
        length = self.line_length
        shadowed = {m.attribute for m in cls.members}
        documentation = docs.html_to_rest(cls.documentation)
        paragraphs = [documentation or f"The {rest.literal(cls.shape_name)} structure."]
        if module.uid and cls.shape_name:
            paragraphs.append(rest.api_reference(module.uid, cls.shape_name))
        members = MemberRenderer(imports, length)
        fields = tuple(members.field_view(m, shadowed) for m in cls.members)
        # The instance's bookkeeping (unknown keys, corrected members) is "_extra".
        slots = [f.summary for f in fields] + [f"{pystr('_extra')}: None"]
        table = [
            bracketed(
                "Field(", members.field_args(m), "),", indent=8, line_length=length
            )
            for m in cls.members
        ]
        if cls.sensitive_shape:
            imports.use("ClassVar")
        return ClassView(
            name=cls.name,
            base=(
                "_client.ModeledError"
                if cls.error_code
                else (
                    "_client.StreamingOutput[_client.Body]"
                    if cls.streams_body
                    else (
                        "_client.EventStreamOutput[_client.Events]"
                        if cls.streams_events
                        else "UnionStruct" if cls.is_union else "Struct"
                    )
                )
            ),
            docstring=docs.docstring(paragraphs, 4, length),
            slots=code(
                bracketed(
                    "__slots__ = {",
                    slots,
                    "}",
                    indent=4,
                    line_length=length,
                    collection=True,
                )
            ),
            sensitive=self._string_tuple("SENSITIVE", cls.sensitive, imports),
            sensitive_shape=cls.sensitive_shape,
            field_table=self._field_table(table),
            fields=fields,
            shape_name=cls.shape_name,
            documentation=documentation,
            is_union=cls.is_union,
            roles=cls.roles,
            sensitive_names=cls.sensitive,
        )

    def _string_tuple(
        self, name: str, values: Sequence[str], imports: ImportCollector
    ) -> str:
        """A class attribute holding a tuple of strings, as black lays it out;
        none when empty (the base's). Annotated, as the base declares it: an
        unannotated override is ambiguous to type checkers (pyright's
        ``--verifytypes``)."""
        if not values:
            return ""
        imports.use("ClassVar")
        items = [pystr(v) for v in values]
        lines = bracketed(
            f"{name}: ClassVar[tuple[str, ...]] = (",
            items,
            ")",
            indent=4,
            line_length=self.line_length,
            one_tuple=True,
            collection=True,
        )
        return code(lines)

    def _field_table(self, entries: list[list[str]]) -> str:
        """``_FIELDS``: on one line for a single short entry, else one entry per line."""
        if len(entries) == 1 and len(entries[0]) == 1:
            single = entries[0][0].strip()[:-1]  # "Field(...)" without its comma
            line = f"    _FIELDS = ({single},)"
            if width(line) <= self.line_length:
                return line
        return code(
            ["    _FIELDS = (", *(line for entry in entries for line in entry), "    )"]
        )

    def _alias_view(self, alias: EnumAlias) -> AliasView:
        note = "Other values from newer API versions load as plain strings."
        documentation = docs.html_to_rest(alias.documentation)
        text = documentation or f"The {rest.literal(alias.shape_name)} enum."
        values = [pystr(v) for v in alias.values]
        head = f"{alias.name}: TypeAlias = Literal["
        return AliasView(
            definition=code(
                bracketed(head, values, "]", indent=0, line_length=self.line_length)
            ),
            docstring=docs.docstring([text, note], 0, self.line_length),
            name=alias.name,
            shape_name=alias.shape_name,
            values=alias.values,
            documentation=documentation,
        )


def render_package_init(
    modules: list[tuple[str, str]], line_length: int, overrides: Overrides = ()
) -> str:
    """``__init__.py`` for the output package: a docstring listing (module, title)."""
    listing = "\n\n".join(
        f"* {rest.literal(module)}: {rest.text(title)}" for module, title in modules
    )
    text = "Typed classes for AWS service shapes, generated from botocore's models."
    return render_template(
        overrides,
        "init.py.jinja",
        header=header("the configured targets"),
        docstring=docs.docstring([text, "Modules:", listing], 0, line_length),
        modules=modules,
    )
