"""Runtime support of the asynchronous typed clients, around aiobotocore.

An ``Async`` client class (``AsyncS3Client``) has the methods of its
synchronous twin as coroutines. Everything but the awaiting is the twin's:
parameters are built, results loaded, errors matched and secrets redacted by
``_client.ClientCore``, so the two clients cannot drift apart. The exception
classes are the same ones, and so are the output classes.

aiobotocore is imported only when :meth:`AsyncTypedClient.create` opens a
client: importing a generated module never imports it, and where it is not
installed, the synchronous client works and the asynchronous one says what to
install.
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import AsyncIterator, Callable, Mapping
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar

from ._client import (
    ClientCore,
    ClientError,
    PaginationConfig,
    ParamValidationError,
    WaiterConfig,
)
from ._runtime import Struct

__all__ = [
    "AioBotocoreClient",
    "AsyncEventStream",
    "AsyncPageIterator",
    "AsyncStreamingBody",
    "AsyncTypedClient",
    "INSTALL",
]

INSTALL = "pip install aiobotocore"
"""What the asynchronous clients need, as the error that lacks it says."""

_S = TypeVar("_S", bound=Struct)
_A = TypeVar("_A", bound="AsyncTypedClient")


class AsyncEventStream(Protocol):
    """An event stream as aiobotocore gives it, such as S3's ``Payload`` of
    ``select_object_content``: events as dicts, with ``async for``."""

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]: ...


class AsyncStreamingBody(Protocol):
    """A streaming result as aiobotocore gives it, such as S3's ``Body``.

    Read it once -- ``await body.read()`` or ``async for chunk in
    body.iter_chunks()`` -- inside ``async with body:``, which gives the
    connection back to the pool.
    """

    async def read(self, amt: int | None = None) -> bytes: ...

    def iter_chunks(self, chunk_size: int = 1024) -> AsyncIterator[bytes]: ...

    def iter_lines(
        self, chunk_size: int = 1024, keepends: bool = False
    ) -> AsyncIterator[bytes]: ...

    def __aiter__(self) -> AsyncIterator[bytes]: ...

    async def __aenter__(self) -> Any:
        """aiobotocore gives the body itself here (2.x: the HTTP response)."""
        ...

    async def __aexit__(self, *exc_info: object) -> None: ...


class AioBotocoreClient(Protocol):
    """What an asynchronous typed client wraps: an aiobotocore client, as
    ``session.create_client(...)`` (aiobotocore) or ``session.client(...)``
    (aioboto3) give it inside ``async with``. Its ``close`` is a coroutine,
    which tells it from a botocore client to a type checker."""

    @property
    def meta(self) -> Any: ...

    def can_paginate(self, operation_name: str) -> bool: ...

    async def close(self) -> None: ...


def _checked_client(client: object, wrapper: str, service: str) -> Any:
    """``client``, if it is an aiobotocore client (its ``_make_api_call`` is a
    coroutine); else a ``TypeError`` saying what to pass."""
    cls = type(client)
    example = f"session.create_client({service!r})"
    if inspect.iscoroutinefunction(getattr(cls, "_make_api_call", None)):
        return client
    if hasattr(client, "__aenter__") and not hasattr(client, "meta"):
        raise TypeError(
            f"{wrapper} wraps an open aiobotocore client; got {cls.__qualname__}, "
            f"which opens one: use `async with {example} as client:` and pass "
            f"client, or `async with {wrapper}.create(...)`"
        )
    if hasattr(client, "_make_api_call"):
        raise TypeError(
            f"{wrapper} wraps an aiobotocore client, such as {example}; got a "
            f"synchronous botocore client ({cls.__qualname__}): pass it to the "
            "synchronous client class instead"
        )
    raise TypeError(
        f"{wrapper} wraps an aiobotocore client, such as {example}; "
        f"got {cls.__qualname__}"
    )


def _session() -> Any:
    """aiobotocore's session, or one ``ImportError`` naming what to install."""
    try:
        session = importlib.import_module("aiobotocore.session")
    except ImportError as error:
        raise ImportError(
            f"the asynchronous clients need aiobotocore, which is not installed: "
            f"{INSTALL} (or aioboto3)"
        ) from error
    return session.get_session()


class AsyncPageIterator(Generic[_S]):
    """The typed pages of a paginated operation, fetched as ``async for`` goes."""

    def __init__(
        self,
        pages: Any,
        result: type[_S],
        translate: Callable[[Exception], BaseException],
    ) -> None:
        self._pages = pages
        self._result = result
        self._translate = translate

    def __aiter__(self) -> AsyncIterator[_S]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[_S]:
        pages = self._pages.__aiter__()
        while True:
            try:
                page = await pages.__anext__()
            except StopAsyncIteration:
                return
            except (ClientError, ParamValidationError) as error:
                # aiobotocore validates a paginator's parameters on the first page.
                raise self._translate(error) from None
            yield self._result.from_dict(page)

    @property
    def resume_token(self) -> str | None:
        """Where to resume (``PaginationConfig["StartingToken"]``) after
        ``MaxItems`` stopped the iteration, else None."""
        token = getattr(self._pages, "resume_token", None)
        return token if isinstance(token, str) else None


class AsyncTypedClient(ClientCore):
    """Base of the generated asynchronous client classes: wraps an aiobotocore
    client, which is :attr:`client`.

    ``AsyncS3Client(client)`` wraps a client opened elsewhere and leaves it
    open; ``async with AsyncS3Client.create(...) as s3:`` opens one and closes
    it on exit.
    """

    __slots__ = ("_client", "_opener", "_context")

    def __init__(self, client: AioBotocoreClient) -> None:
        # aiobotocore ships no types: its client is Any to a type checker.
        self._client: Any = _checked_client(client, type(self).__name__, self._SERVICE)
        self._opener: Callable[[], Any] | None = None
        self._context: Any = None

    @classmethod
    def create(
        cls: type[_A],
        *,
        region_name: str | None = None,
        endpoint_url: str | None = None,
        api_version: str | None = None,
        use_ssl: bool = True,
        verify: bool | str | None = None,
        aws_access_key_id: str | None = None,
        aws_secret_access_key: str | None = None,
        aws_session_token: str | None = None,
        config: Any = None,
        **options: Any,
    ) -> _A:
        """A typed client that opens a new aiobotocore client for this service
        when entered (``async with``) and closes it on exit; the arguments are
        those of aiobotocore's ``create_client``. Needs aiobotocore."""
        session = _session()  # fails now, not at ``async with``, if missing
        opener = functools.partial(
            session.create_client,
            cls._SERVICE,
            region_name=region_name,
            endpoint_url=endpoint_url,
            api_version=api_version,
            use_ssl=use_ssl,
            verify=verify,
            aws_access_key_id=aws_access_key_id,
            aws_secret_access_key=aws_secret_access_key,
            aws_session_token=aws_session_token,
            config=config,
            **options,
        )
        typed = cls.__new__(cls)
        typed._client = None
        typed._opener = opener  # called on entry: nothing to close until then
        typed._context = None
        return typed

    @property
    def client(self) -> Any:
        """The aiobotocore client this one calls."""
        if self._client is None:
            name = type(self).__name__
            raise RuntimeError(
                f"this {name} opens its client when entered: use it as "
                f"`async with {name}.create(...) as client:`"
            )
        return self._client

    async def __aenter__(self: _A) -> _A:
        if self._opener is not None and self._client is None:
            self._context = self._opener()
            self._client = await self._context.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Closes the client if this one opened it; a wrapped one stays open."""
        if self._context is not None:
            context, self._context, self._client = self._context, None, None
            await context.__aexit__(exc_type, exc, traceback)

    def __repr__(self) -> str:
        shown = "unopened" if self._client is None else repr(self._client)
        return f"{type(self).__name__}({shown})"

    async def _call(
        self,
        method: str,
        request: type[Struct] | None,
        result: type[_S],
        values: Mapping[str, object],
    ) -> _S:
        params = self._params(request, values)
        try:
            response = await getattr(self.client, method)(**params)
        except (ClientError, ParamValidationError) as error:
            raise self._error(error, request, values) from None
        return result.from_dict(response)

    async def _send(
        self, method: str, request: type[Struct] | None, values: Mapping[str, object]
    ) -> None:
        params = self._params(request, values)
        try:
            await getattr(self.client, method)(**params)
        except (ClientError, ParamValidationError) as error:
            raise self._error(error, request, values) from None

    def _paginate(
        self,
        method: str,
        request: type[Struct] | None,
        result: type[_S],
        values: Mapping[str, object],
        config: PaginationConfig | None,
    ) -> AsyncPageIterator[_S]:
        params = self._configured(request, values, "PaginationConfig", config)
        try:
            pages = self.client.get_paginator(method).paginate(**params)
        except ParamValidationError as error:
            raise self._error(error, request, values) from None
        return AsyncPageIterator(
            pages, result, lambda error: self._error(error, request, values)
        )

    async def _wait(
        self,
        waiter: str,
        request: type[Struct] | None,
        values: Mapping[str, object],
        config: WaiterConfig | None,
    ) -> None:
        params = self._configured(request, values, "WaiterConfig", config)
        try:
            await self.client.get_waiter(waiter).wait(**params)
        except Exception as error:
            raise self._error(error, request, values) from None
