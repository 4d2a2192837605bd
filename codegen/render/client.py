"""The typed client class of a service module, through ``templates/client.py.jinja``.

Every method is a signature, a docstring and a one-line delegation to the
shared :class:`TypedClient` in the generated ``_client.py``, so even ec2's
700-odd operations stay small and quick to import. Signatures are laid out as
black lays them out (``def`` lines split at their first bracket), so black only
runs on the rare method :mod:`codegen.render.layout` cannot place.

Parameters take what boto3 takes: a blob as bytes, a string or a binary file
object, a timestamp as a datetime, a string or epoch seconds, a double as a
float or a Decimal. Those wide types apply to the parameters themselves only:
classes keep their narrow types, since a class reads back exactly what it
holds and may be a result elsewhere; a class is still accepted wherever boto3
takes its dict.
"""

from __future__ import annotations

from dataclasses import dataclass

from codegen.model.ir import Client, Member, Operation, ServiceModule
from codegen.model.operations import client_names
from codegen.pyliteral import pystr
from codegen.render import docs, method_docs, rest
from codegen.render.imports import ImportCollector
from codegen.render.layout import annotated, bracketed
from codegen.render.templating import Overrides, render_template

CLIENT_MODULE = "_client"
AIO_MODULE = "_aio"


# Parameters botocore's own handlers take in more forms than the model says:
# (service, operation, wire name) -> annotation.
_CUSTOMIZED = {
    # handlers.handle_copy_source_param: a dict of Bucket, Key and VersionId too.
    ("s3", "CopyObject", "CopySource"): "str | _client.CopySource",
    ("s3", "UploadPartCopy", "CopySource"): "str | _client.CopySource",
}


@dataclass(frozen=True)
class MethodView:
    signature: str  # code lines, as is body
    docstring: str
    body: str


@dataclass(frozen=True)
class ClientView:
    name: str
    service: str  # botocore's service name, as a string literal
    docstring: str
    errors: str  # code lines, or empty
    methods: tuple[MethodView, ...]
    base: str = "_client.TypedClient"  # or "_aio.AsyncTypedClient"
    asynchronous: bool = False


@dataclass(frozen=True)
class _Param:
    name: str
    annotation: str
    required: bool


class ClientRenderer:
    """Renders a module's :class:`~codegen.model.ir.Client`; what its signatures
    use goes to ``imports``."""

    def __init__(
        self,
        imports: ImportCollector,
        module: ServiceModule,
        line_length: int,
        qualifier: str = "",
        asynchronous: bool = False,
    ) -> None:
        assert module.client is not None
        self._async = asynchronous
        self._qualifier = qualifier
        self._imports = imports
        self._module = module
        self._client: Client = module.client
        self._length = line_length
        self._shadowed = {"client"}
        self._shadowed.update(o.method for o in self._client.operations)
        self._shadowed.update(o.paginator for o in self._client.operations)
        self._shadowed.update(w.method for w in self._client.waiters)
        # outputs generic in their streaming body's or event stream's type
        # (_client.StreamingOutput, _client.EventStreamOutput)
        self._bodies = {c.name for c in module.classes if c.streams_body}
        self._event_outputs = {c.name for c in module.classes if c.streams_events}

    def view(self) -> ClientView:
        client, module = self._client, self._module
        methods = [self._operation(o) for o in client.operations]
        methods += [self._paginator(o) for o in client.operations if o.paginator]
        methods += [
            self._waiter(w.method, w.boto_name, w.name, w.operation)
            for w in client.waiters
        ]
        service = pystr(module.service_name)
        name = client_names(client.name, ("async",))[0] if self._async else client.name
        if self._async:
            text = [
                f"Asynchronous typed operations of {rest.text(module.full_name)}: "
                "wraps an aiobotocore client, as in "
                f"``{name}(client)`` inside ``async with "
                f"session.create_client({service}) as client:``, or opens one, as "
                f"in ``async with {name}.create() as {module.module}:``.",
                f"The methods of :class:`{client.name}`, as coroutines: each returns "
                "the same output class and raises the same exception classes; "
                "paginators are iterated with ``async for``. Needs aiobotocore "
                "(or aioboto3); the wrapped client is ``client``.",
            ]
        else:
            text = [
                f"Typed operations of {rest.text(module.full_name)}: wraps a botocore "
                "client, as in "
                f"``{client.name}(boto3.client({service}))``.",
                "Each method takes the operation's parameters as keyword arguments and "
                "returns its output class; the result's ``response_metadata`` holds the "
                "request id and HTTP status. Modeled errors are raised as this module's "
                "exception classes, which are botocore ``ClientError`` subclasses. The "
                "wrapped client is ``client``.",
            ]
        errors = ""
        if client.errors and self._qualifier:  # a split module: looked up when needed
            items = [f"{pystr(code)}: {pystr(name)}" for code, name in client.errors]
            shapes = self._qualifier.rstrip(".")
            errors = "\n".join(
                [
                    "    _ERRORS = _client.LazyErrors(",
                    f"        {shapes},",
                    *bracketed(
                        "{",
                        items,
                        "},",
                        indent=8,
                        line_length=self._length,
                        collection=True,
                    ),
                    "    )",
                ]
            )
        elif client.errors:
            items = [f"{pystr(code)}: {name}" for code, name in client.errors]
            errors = "\n".join(
                bracketed(
                    "_ERRORS = {",
                    items,
                    "}",
                    indent=4,
                    line_length=self._length,
                    collection=True,
                )
            )
        return ClientView(
            name=name,
            service=service,
            docstring=docs.docstring(text, 4, self._length),
            errors=errors,
            methods=tuple(methods),
            base=(
                f"{AIO_MODULE}.AsyncTypedClient"
                if self._async
                else f"{CLIENT_MODULE}.TypedClient"
            ),
            asynchronous=self._async,
        )

    # -- methods ------------------------------------------------------------------

    def _operation(self, operation: Operation) -> MethodView:
        params = [self._param(m, operation.name) for m in operation.parameters]
        paragraphs = [
            docs.html_to_rest(operation.documentation)
            or f"The {rest.literal(operation.name)} operation."
        ]
        if self._module.uid:
            paragraphs.append(rest.api_reference(self._module.uid, operation.name))
        paragraphs.append(
            method_docs.fields(
                operation.parameters,
                (),
                f":class:`{operation.output}`" if operation.output else "None",
                method_docs.raised(operation),
            )
        )
        request = self._class(operation.input)
        if operation.output:
            returns = self._output(operation.output)
            call = "return await self._call(" if self._async else "return self._call("
            args = [
                pystr(operation.boto_method),
                request,
                self._class(returns),
            ]
        else:
            returns = "None"
            call = "await self._send(" if self._async else "self._send("
            args = [pystr(operation.boto_method), request]
        args.append(self._locals(params))
        return self._method(operation.method, params, returns, paragraphs, call, args)

    def _paginator(self, operation: Operation) -> MethodView:
        params = [
            self._param(m, operation.name) for m in operation.paginated_parameters
        ]
        config = self._extra_name("pagination_config", params, operation.parameters)
        params.append(_Param(config, "_client.PaginationConfig | None", False))
        text = (
            f"Every page of :meth:`{operation.method}`, fetched as the iteration goes "
            f"({'``async for``' if self._async else '``for``'}), "
            "through botocore's paginator."
        )
        fields = method_docs.fields(
            operation.paginated_parameters,
            [
                (
                    config,
                    'Caps the items (``{"MaxItems": n}``), sets the page size '
                    '(``"PageSize"``) or resumes (``"StartingToken"``, from '
                    "``resume_token``).",
                )
            ],
            "An iterator of pages"
            + (f", each a :class:`{operation.output}`" if operation.output else ""),
            method_docs.raised(operation),
        )
        iterator = (
            f"{AIO_MODULE}.AsyncPageIterator" if self._async else "_client.PageIterator"
        )
        returns = f"{iterator}[{operation.output or 'None'}]"
        args = [
            pystr(operation.boto_method),
            self._class(operation.input),
            self._class(operation.output),
            self._locals(params),
            config,
        ]
        return self._method(
            operation.paginator,
            params,
            returns,
            [text, fields],
            "return self._paginate(",
            args,
        )

    def _waiter(
        self, method: str, boto_name: str, name: str, operation: Operation
    ) -> MethodView:
        params = [self._param(m, operation.name) for m in operation.parameters]
        config = self._extra_name("waiter_config", params, operation.parameters)
        params.append(_Param(config, "_client.WaiterConfig | None", False))
        text = (
            f"Wait until the {rest.literal(name)} condition holds, polling "
            f":meth:`{operation.method}` with botocore's waiter."
        )
        fields = method_docs.fields(
            operation.parameters,
            [
                (
                    config,
                    'Sets the seconds between attempts (``{"Delay": n}``) and the '
                    'attempts (``"MaxAttempts"``).',
                )
            ],
            "None",
            [
                (
                    "botocore.exceptions.WaiterError",
                    "When the attempts run out or the condition cannot hold.",
                )
            ],
        )
        args = [
            pystr(boto_name),
            self._class(operation.input),
            self._locals(params),
            config,
        ]
        call = "await self._wait(" if self._async else "self._wait("
        return self._method(method, params, "None", [text, fields], call, args)

    def _method(
        self,
        name: str,
        params: list[_Param],
        returns: str,
        paragraphs: list[str],
        call: str,
        args: list[str],
    ) -> MethodView:
        # A paginator is not a coroutine: it returns the async iterator at once.
        coroutine = self._async and not call.startswith("return self._paginate")
        return MethodView(
            signature=self._signature(name, params, returns, coroutine),
            docstring=docs.docstring(paragraphs, 8, self._length),
            body="\n".join(
                bracketed(call, args, ")", indent=8, line_length=self._length)
            ),
        )

    def _signature(
        self, name: str, params: list[_Param], returns: str, coroutine: bool = False
    ) -> str:
        """The ``def`` line(s) as black writes them: split at the first bracket."""
        items = ["self", *(["*"] if params else [])]
        items += [
            f"{p.name}: {p.annotation}" + ("" if p.required else " = None")
            for p in params
        ]
        head = f"{'async ' if coroutine else ''}def {name}("
        tail = f") -> {returns}:"
        joined = ", ".join(items)
        if len(f"    {head}{joined}{tail}") <= self._length:
            return f"    {head}{joined}{tail}"
        # Black gives a def's split body a trailing comma when it holds none:
        # ``self`` alone is written ``self,``.
        body = joined if params else f"{joined},"
        if len(f"        {body}") <= self._length:
            return f"    {head}\n        {body}\n    {tail}"
        exploded = [f"    {head}", "        self,", *(["        *,"] if params else [])]
        for p in params:
            default = "," if p.required else " = None,"
            exploded += annotated(
                f"{p.name}: ", p.annotation, default, indent=8, line_length=self._length
            )
        exploded.append(f"    {tail}")
        return "\n".join(exploded)

    def _output(self, name: str) -> str:
        """An output class as a method returns it: one with a streaming body or
        an event stream holds aiobotocore's in the asynchronous client (also at
        run time, so that type checkers see the class the call loads)."""
        if self._async and name in self._bodies:
            return f"{name}[{AIO_MODULE}.AsyncStreamingBody]"
        if self._async and name in self._event_outputs:
            return f"{name}[{AIO_MODULE}.AsyncEventStream]"
        return name

    def _class(self, name: str) -> str:
        """A class as a method body names it at run time ("" is None)."""
        return f"{self._qualifier}{name}" if name else "None"

    # -- parameters ---------------------------------------------------------------

    def _param(self, member: Member, operation: str) -> _Param:
        wide = _CUSTOMIZED.get((self._module.service_name, operation, member.wire_name))
        if wide is None and member.type.kind.client_parameter:
            wide = f"_client.{member.type.kind.client_parameter}"
        annotation = wide or self._imports.annotation(member.type, self._shadowed)
        if not member.required:
            annotation += " | None"
        return _Param(member.attribute, annotation, member.required)

    def _locals(self, params: list[_Param]) -> str:
        """``locals()``, spelled so that a parameter named ``locals`` cannot hide it."""
        if any(p.name == "locals" for p in params):
            self._imports.uses_builtins = True
            return "builtins.locals()"
        return "locals()"

    @staticmethod
    def _extra_name(
        name: str, params: list[_Param], members: tuple[Member, ...]
    ) -> str:
        taken = {p.name for p in params} | {m.attribute for m in members}
        while name in taken:
            name += "_"
        return name


def render_client(
    imports: ImportCollector,
    module: ServiceModule,
    line_length: int,
    overrides: Overrides,
    qualifier: str = "",
    asynchronous: bool = False,
) -> tuple[str, ...]:
    """The class head, then each method: chunks black can format one by one."""
    view = ClientRenderer(imports, module, line_length, qualifier, asynchronous).view()
    return (
        render_template(overrides, "client.py.jinja", client=view),
        *(
            render_template(overrides, "client_method.py.jinja", m=m)
            for m in view.methods
        ),
    )
