"""Runtime support shared by the typed clients: calls, pages, waiters, errors, streams.

A generated client class wraps a botocore client and has one method per
operation. Each method body is a one-line call into :class:`TypedClient`, which
turns the keyword arguments into the dict botocore takes, calls botocore, and
loads the result into the output class; modeled errors are raised as the
generated exception classes. Needs botocore, which a client needs anyway.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import ModuleType
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Generic,
    Protocol,
    TypedDict,
    TypeVar,
    cast,
)

from ._runtime import (
    Blob,
    Double,
    EventStream,
    Readable,
    Struct,
    Timestamp,
    struct_fields,
)

__all__ = [
    "Blob",
    "Body",
    "BotocoreClient",
    "ClientCore",
    "CopySource",
    "Double",
    "ErrorDetails",
    "ErrorResponse",
    "EventStream",
    "EventStreamOutput",
    "Events",
    "LazyErrors",
    "ModeledError",
    "PageIterator",
    "PaginationConfig",
    "RawStream",
    "Readable",
    "StreamingBody",
    "StreamingOutput",
    "Timestamp",
    "TypedClient",
    "WaiterConfig",
]

REDACTED = "<sensitive>"
"""What messages show in place of a sensitive value."""

MIN_SECRET_LENGTH = 4
"""Sensitive strings and bytes shorter than this are not searched for in
messages: they would match ordinary text (a ``"1"`` in every region and account
id) and hide next to nothing."""

_S = TypeVar("_S", bound=Struct)
_E = TypeVar("_E", bound="ModeledError")
_C = TypeVar("_C", bound="TypedClient")


class RawStream(Protocol):
    """The HTTP stream under a streaming body (urllib3's response)."""

    def read(self, amt: int | None = None) -> bytes: ...

    def close(self) -> None: ...


class StreamingBody(Protocol):
    """A streaming result, such as S3's ``Body``: botocore's ``StreamingBody``.

    Read it once, then close it (or use it in a ``with`` block) so the HTTP
    connection goes back to the pool.
    """

    def read(self, amt: int | None = None) -> bytes: ...

    def readlines(self) -> list[bytes]: ...

    def __iter__(self) -> Iterator[bytes]: ...

    def __next__(self) -> bytes: ...

    def iter_lines(
        self, chunk_size: int = 1024, keepends: bool = False
    ) -> Iterator[bytes]: ...

    def iter_chunks(self, chunk_size: int = 1024) -> Iterator[bytes]: ...

    def close(self) -> None: ...

    def __enter__(self) -> RawStream:
        """botocore gives the underlying HTTP stream here, and closes it on exit."""
        ...

    def __exit__(self, *exc_info: object) -> None: ...


if TYPE_CHECKING:
    from typing_extensions import TypeVar as _DefaultedTypeVar

    Body = _DefaultedTypeVar("Body", default=StreamingBody)
    Events = _DefaultedTypeVar("Events", default=EventStream)
else:
    Body = TypeVar("Body")
    Events = TypeVar("Events")
"""The type of an output's streaming body: botocore's :class:`StreamingBody`
unless said otherwise, as the synchronous client returns it; the asynchronous
client returns ``Output[_aio.AsyncStreamingBody]``."""


class StreamingOutput(Struct, Generic[Body]):
    """Base of an output class with a streaming body (S3's ``GetObjectOutput``).

    One class serves both clients, whose bodies are read differently
    (``body.read()``, ``await body.read()``): it is generic in the body's type,
    which defaults to the synchronous one, so ``GetObjectOutput`` is what the
    synchronous client returns and ``GetObjectOutput[AsyncStreamingBody]``
    what the asynchronous one does.
    """

    __slots__ = ()


class EventStreamOutput(Struct, Generic[Events]):
    """Base of a class with an event stream: an output's (S3's
    ``SelectObjectContentOutput``); botocore sends none.

    As :class:`StreamingOutput`: generic in the stream's type, botocore's
    :class:`EventStream` (``for event in stream``) by default, as the synchronous
    client returns it; the asynchronous client returns
    ``Output[_aio.AsyncEventStream]`` (``async for event in stream``).
    """

    __slots__ = ()


class PaginationConfig(TypedDict, total=False):
    """How a ``paginate_`` method pages, as boto3's ``PaginationConfig``."""

    MaxItems: int
    PageSize: int
    StartingToken: str


class _CopySourceKeys(TypedDict):
    Bucket: str
    Key: str


class CopySource(_CopySourceKeys, total=False):
    """S3's ``CopySource`` as a dict, which botocore takes as well as a string
    (``"bucket/key?versionId=..."``) and quotes into one."""

    VersionId: str


class WaiterConfig(TypedDict, total=False):
    """How a ``wait_`` method polls, as boto3's ``WaiterConfig``."""

    Delay: int
    MaxAttempts: int


class ErrorDetails(TypedDict, total=False):
    """The ``Error`` entry of an error response."""

    Code: str
    Message: str
    Type: str


class ErrorResponse(TypedDict, total=False):
    """The parsed error response botocore keeps in ``ClientError.response``."""

    Error: ErrorDetails
    ResponseMetadata: dict[str, object]


if TYPE_CHECKING:

    class ClientError(Exception):
        """``botocore.exceptions.ClientError``, as this module relies on it."""

        MSG_TEMPLATE: ClassVar[str]
        response: ErrorResponse
        operation_name: str

        def __init__(
            self, error_response: Mapping[str, Any], operation_name: str
        ) -> None: ...

    class ParamValidationError(Exception):
        """``botocore.exceptions.ParamValidationError``."""

    from botocore.client import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
        BaseClient,
    )
else:
    # botocore.client (the client class, waiters, docs, urllib3) is imported on
    # the first client made: a module's import costs ~70 ms less without it.
    from botocore.exceptions import ClientError, ParamValidationError


class BotocoreClient(Protocol):
    """What a typed client wraps: a botocore client, as ``boto3.client(...)``
    makes. botocore ships no types, so its ``BaseClient`` is ``Any`` to a type
    checker and would let anything through; this lets through what has a
    client's ``meta`` and synchronous ``close`` (boto3-stubs' and
    botocore-stubs' clients do, an aiobotocore client's ``close`` is async)."""

    @property
    def meta(self) -> Any: ...

    def can_paginate(self, operation_name: str) -> bool: ...

    def close(self) -> None: ...


def _checked_client(client: object, wrapper: str, service: str) -> BaseClient:
    """``client``, if it is a botocore client; else a ``TypeError`` saying what
    to pass. An aiobotocore client is one too (its class derives from botocore's),
    but its calls return coroutines, which would fail only at the first call; it
    is told by its classes' module or its coroutine ``_make_api_call``, without
    importing aiobotocore."""
    cls = type(client)
    example = f"boto3.client({service!r})" if service else "boto3.client(...)"
    if any(
        getattr(c, "__module__", "").startswith("aiobotocore") for c in cls.__mro__
    ) or inspect.iscoroutinefunction(getattr(cls, "_make_api_call", None)):
        raise TypeError(
            f"{wrapper} wraps a synchronous botocore client, such as {example}; "
            f"got an aiobotocore client ({cls.__qualname__}), whose calls are "
            "coroutines: pass a botocore or boto3 client instead"
        )
    base: type = importlib.import_module("botocore.client").BaseClient
    if not isinstance(client, base):
        raise TypeError(
            f"{wrapper} wraps a botocore client, such as {example}; "
            f"got {cls.__qualname__}"
        )
    return cast("BaseClient", client)


class ModeledError(ClientError, Struct):
    """Base of the exception classes generated for a service's error shapes.

    Each is a botocore ``ClientError`` -- ``except ClientError`` still catches
    it, ``response`` and ``operation_name`` are there -- with the error shape's
    members as typed attributes. Sensitive members never show in ``repr``,
    ``str`` or the message.
    """

    __slots__ = ()

    def __init__(self) -> None:
        """Members are set by the generated ``__init__``; ``from_response``
        builds the exception as a whole."""

    @classmethod
    def from_response(
        cls: type[_E], response: Mapping[str, Any], operation_name: str
    ) -> _E:
        """The exception for a parsed error response; ``ValueError`` if it does
        not fit the shape (a required member is missing)."""
        data = dict(response)
        if all(field.key != "Error" for field in cls._FIELDS):
            data.pop("Error", None)  # botocore's envelope: it stays in ``response``
        error = cast("Mapping[str, Any]", response.get("Error") or {})
        for field in cls._FIELDS:
            if field.key not in data and field.key.lower() == "message":
                if error.get("Message") is not None:
                    data[field.key] = error["Message"]
        try:
            instance = cls.from_dict(data)
        except (TypeError, KeyError, AttributeError) as exc:
            raise ValueError(str(exc)) from None
        ClientError.__init__(instance, response, operation_name)
        redact = _redactor(_secrets(instance))
        if redact is not None:
            instance.args = _redact(instance.args, redact)
        return instance

    def __repr__(self) -> str:
        return Struct.__repr__(self)

    # Equal by value, as every Struct: a structure holding an error (an event
    # stream's union) equals its own round trip. Unlike a Struct, hashable, as
    # Python expects exceptions to be; equal errors are of one class, so the
    # class is a hash that agrees with equality whatever the members hold.
    def __eq__(self, other: object) -> bool:
        return Struct.__eq__(self, other)

    def __hash__(self) -> int:  # type: ignore[override]  # Struct is unhashable
        return hash(type(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_error, (type(self), self.response, self.operation_name))


def _rebuild_error(
    cls: type[ModeledError], response: Mapping[str, Any], operation_name: str
) -> ModeledError:
    return cls.from_response(response, operation_name)


def _secrets(value: object) -> set[str]:
    """The text of every sensitive value in a struct, at any depth."""
    found: set[str] = set()
    if isinstance(value, Struct):
        for field in struct_fields(type(value)):
            member = getattr(value, field.attribute)
            if member is None:
                continue
            if field.attribute in value.SENSITIVE:
                found.update(_texts(member))
            else:
                found |= _secrets(member)
    elif isinstance(value, (list, tuple)):
        for item in cast("Sequence[object]", value):
            found |= _secrets(item)
    elif isinstance(value, dict):
        for item in cast("Mapping[object, object]", value).values():
            found |= _secrets(item)
    return found


def _texts(value: object) -> set[str]:
    """How a sensitive value can appear in a message: as text and as Python
    shows it, and so for its items and members. A string or bytes shorter than
    :data:`MIN_SECRET_LENGTH` (a number written so) and a boolean are left out:
    they would match ordinary text."""
    if isinstance(value, (list, tuple)):
        return {t for item in cast("Sequence[object]", value) for t in _texts(item)}
    if isinstance(value, dict):
        items = cast("Mapping[object, object]", value).items()
        return {t for item in items for part in item for t in _texts(part)}
    if isinstance(value, Struct):  # a shape sensitive as a whole
        members = (getattr(value, f.attribute) for f in struct_fields(type(value)))
        return {t for member in members if member is not None for t in _texts(member)}
    if isinstance(value, str):
        return {value, repr(value)} if len(value) >= MIN_SECRET_LENGTH else set()
    if isinstance(value, (bytes, bytearray)) and len(value) >= MIN_SECRET_LENGTH:
        data = bytes(value)
        return {repr(data), data.decode("utf-8", "replace")}
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        text = str(value)  # a number passed where a string belongs, say
        return {text} if len(text) >= MIN_SECRET_LENGTH else set()
    return set()


def _redactor(secrets: Iterable[str]) -> Callable[[str], str] | None:
    """A function replacing every secret in a text, longest first, each through a
    placeholder the text does not hold, so that a secret inside another, or
    inside the marker, is not matched again; None: nothing to hide."""
    texts = sorted(set(secrets), key=len, reverse=True)
    if not texts:
        return None

    def redact(text: str) -> str:
        hole = "\ue000"  # a private-use character, almost never in a message
        while hole in text:
            hole = chr(ord(hole) + 1)
        for secret in texts:
            text = text.replace(secret, hole)
        return text.replace(hole, REDACTED)

    return redact


def _redact(value: Any, redact: Callable[[str], str]) -> Any:
    """``value`` with every secret in its strings replaced, at any depth; other
    values, and the keys of dicts, as they are."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        mapping = cast("Mapping[object, object]", value)
        return {k: _redact(v, redact) for k, v in mapping.items()}
    if isinstance(value, (list, tuple)):
        items = (_redact(v, redact) for v in cast("Sequence[object]", value))
        return list(items) if isinstance(value, list) else tuple(items)
    return value


_IDENTIFYING = frozenset({"Code", "QueryErrorCode", "Type"})
"""What names an error in a response's ``Error``: never an echo of the input."""


def _redact_response(response: Mapping[str, Any], redact: Callable[[str], str]) -> Any:
    """An error response with every secret replaced, but for what identifies the
    error (its code and type) and the request (``ResponseMetadata``)."""
    redacted = {
        key: value if key == "ResponseMetadata" else _redact(value, redact)
        for key, value in response.items()
    }
    error = response.get("Error")
    if isinstance(error, dict):
        redacted["Error"] = {
            key: value if key in _IDENTIFYING else _redact(value, redact)
            for key, value in cast("Mapping[str, object]", error).items()
        }
    return redacted


def _input_secrets(
    request: type[Struct] | None, values: Mapping[str, object]
) -> set[str]:
    """The text of every sensitive value among a call's parameters."""
    secrets: set[str] = set()
    if request is None:
        return secrets
    for field in struct_fields(request):
        value = values.get(field.attribute)
        if value is None:
            continue
        if field.attribute in request.SENSITIVE:
            secrets |= _texts(value)
        else:
            secrets |= _secrets(value)
    return secrets


def _dump(value: object) -> object:
    """A parameter value as botocore takes it: structs as dicts, the rest as is."""
    if isinstance(value, Struct):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_dump(item) for item in cast("Sequence[object]", value)]
    if isinstance(value, dict):
        mapping = cast("Mapping[object, object]", value)
        return {key: _dump(item) for key, item in mapping.items()}
    return value


class LazyErrors(Mapping[str, "type[ModeledError]"]):
    """Error code -> exception class, for the client of a split service module:
    an exception class is looked up in ``module`` (loading its part) only when
    an error with its code comes back."""

    __slots__ = ("_module", "_names")

    def __init__(self, module: ModuleType, names: Mapping[str, str]) -> None:
        self._module = module
        self._names = names

    def __getitem__(self, code: str) -> type[ModeledError]:
        found: type[ModeledError] = getattr(self._module, self._names[code])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class PageIterator(Generic[_S]):
    """The typed pages of a paginated operation, fetched as they are iterated."""

    def __init__(
        self,
        pages: Iterable[Mapping[str, object]],
        result: type[_S],
        translate: Callable[[Exception], BaseException],
    ) -> None:
        self._pages = pages
        self._result = result
        self._translate = translate

    def __iter__(self) -> Iterator[_S]:
        pages = iter(self._pages)
        while True:
            try:
                page = next(pages)
            except StopIteration:
                return
            except (ClientError, ParamValidationError) as error:
                # botocore validates a paginator's parameters on the first page.
                raise self._translate(error) from None
            yield self._result.from_dict(page)

    @property
    def resume_token(self) -> str | None:
        """Where to resume (``PaginationConfig["StartingToken"]``) after
        ``MaxItems`` stopped the iteration, else None."""
        token = getattr(self._pages, "resume_token", None)
        return token if isinstance(token, str) else None


class ClientCore:
    """What the synchronous and the asynchronous clients share: turning keyword
    arguments into botocore's parameters, and botocore's errors into the typed,
    redacted ones. Loading a result is the output class's ``from_dict``. Only
    the calls themselves differ: :class:`TypedClient` makes them, the
    ``AsyncTypedClient`` of ``_aio.py`` awaits them."""

    __slots__ = ()

    _ERRORS: ClassVar[Mapping[str, type[ModeledError]]] = {}
    _SERVICE: ClassVar[str] = ""

    def _params(
        self, request: type[Struct] | None, values: Mapping[str, object]
    ) -> dict[str, object]:
        params: dict[str, object] = {}
        for field in struct_fields(request) if request is not None else ():
            value = values.get(field.attribute)
            if value is not None:
                params[field.key] = _dump(value)
        return params

    def _configured(
        self,
        request: type[Struct] | None,
        values: Mapping[str, object],
        key: str,
        config: Mapping[str, object] | None,
    ) -> dict[str, object]:
        """The parameters of a paginator or waiter: the operation's, and its
        ``PaginationConfig`` or ``WaiterConfig``."""
        params = self._params(request, values)
        if config is not None:
            params[key] = dict(config)
        return params

    def _error(
        self,
        error: Exception,
        request: type[Struct] | None,
        values: Mapping[str, object],
    ) -> Exception:
        """The exception to raise for ``error``: typed if modeled, never
        showing a sensitive input."""
        redact = _redactor(_input_secrets(request, values))
        if isinstance(error, ClientError):
            info = error.response.get("Error", {})
            # SQS, a JSON service compatible with its old query protocol, names its
            # errors in QueryErrorCode, by which botocore matches them for SQS; its
            # Code is the query protocol's (AWS.SimpleQueueService...), which names
            # no shape, so QueryErrorCode is tried when Code matches none.
            modeled = self._ERRORS.get(info.get("Code", "")) or self._ERRORS.get(
                str(info.get("QueryErrorCode", ""))
            )
            # The response is redacted before anything is built from it, so the
            # message, ``response``, the members, ``repr`` and a pickled copy
            # (rebuilt from ``response``) agree.
            if redact is not None:
                error.response = _redact_response(error.response, redact)
                error.args = _redact(error.args, redact)
            if modeled is not None:
                try:
                    return modeled.from_response(error.response, error.operation_name)
                except ValueError:
                    pass  # does not fit its shape: stays a plain ClientError
            return error
        if redact is not None:
            error.args = _redact(error.args, redact)
            # botocore's errors keep their message parts (and rebuild from them
            # when unpickled); a waiter's error keeps the last response too.
            for name in ("kwargs", "last_response"):
                part = getattr(error, name, None)
                if isinstance(part, dict):
                    setattr(error, name, _redact(part, redact))
        return error


class TypedClient(ClientCore):
    """Base of the generated client classes: wraps a botocore client.

    The wrapped client is :attr:`client`, for anything the typed methods do not
    cover (presigned URLs, ``meta``, event hooks).
    """

    __slots__ = ("client",)

    client: BaseClient
    """The botocore client this one calls."""

    def __init__(self, client: BotocoreClient) -> None:
        self.client = _checked_client(client, type(self).__name__, self._SERVICE)

    @classmethod
    def create(
        cls: type[_C],
        *,
        region_name: str | None = None,
        endpoint_url: str | None = None,
    ) -> _C:
        """A typed client around a new ``boto3.client(...)`` for this service
        (botocore's default session when boto3 is not installed)."""
        # Through import_module, typed Any: with boto3-stubs installed,
        # boto3.client takes only its service names' literals, not a str.
        factory: Callable[..., BaseClient]
        try:
            boto3 = importlib.import_module("boto3")
        except ImportError:
            session = importlib.import_module("botocore.session")
            factory = session.get_session().create_client
        else:
            factory = boto3.client
        return cls(
            factory(cls._SERVICE, region_name=region_name, endpoint_url=endpoint_url)
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.client!r})"

    def _call(
        self,
        method: str,
        request: type[Struct] | None,
        result: type[_S],
        values: Mapping[str, object],
    ) -> _S:
        params = self._params(request, values)
        try:
            response = getattr(self.client, method)(**params)
        except (ClientError, ParamValidationError) as error:
            raise self._error(error, request, values) from None
        return result.from_dict(response)

    def _send(
        self, method: str, request: type[Struct] | None, values: Mapping[str, object]
    ) -> None:
        params = self._params(request, values)
        try:
            getattr(self.client, method)(**params)
        except (ClientError, ParamValidationError) as error:
            raise self._error(error, request, values) from None

    def _paginate(
        self,
        method: str,
        request: type[Struct] | None,
        result: type[_S],
        values: Mapping[str, object],
        config: PaginationConfig | None,
    ) -> PageIterator[_S]:
        params = self._configured(request, values, "PaginationConfig", config)
        try:
            # getattr: botocore is untyped, and strict checkers want no unknowns
            paginator = getattr(self.client, "get_paginator")(method)  # noqa: B009
            pages = paginator.paginate(**params)
        except ParamValidationError as error:
            raise self._error(error, request, values) from None
        return PageIterator(
            pages, result, lambda error: self._error(error, request, values)
        )

    def _wait(
        self,
        waiter: str,
        request: type[Struct] | None,
        values: Mapping[str, object],
        config: WaiterConfig | None,
    ) -> None:
        params = self._configured(request, values, "WaiterConfig", config)
        try:
            getattr(self.client, "get_waiter")(waiter).wait(**params)  # noqa: B009
        except Exception as error:
            raise self._error(error, request, values) from None
