"""Jobs in worker processes, results as they finish: a small pool of its own.

``concurrent.futures``' process pool shares one result pipe among its workers.
A worker terminated while it writes a result -- when another job failed, or on
Ctrl-C -- leaves half a message in that pipe, and the pool's manager thread
waits for the rest for ever: ``shutdown()`` hung the suite once that way. Here
each worker has a pipe of its own, read only by the parent: a worker that dies
mid-message closes its end, which the parent reads as the end of that worker,
and ending the pool is closing the pipes and terminating the processes.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from codegen.errors import CodegenError

_J = TypeVar("_J")
_R = TypeVar("_R")

_DIED = (
    "a worker process died (out of memory, or killed): run again, "
    "with fewer --jobs if memory is short"
)


def run(
    function: Callable[[_J], _R],
    jobs: Iterable[_J],
    workers: int,
    initializer: Callable[[], None],
) -> Iterator[_R]:
    """``function(job)`` for every job in up to ``workers`` processes, each result
    as it comes; the first exception a job raises is raised here, and it, a
    worker's death or the caller stopping ends every worker at once."""
    queue = deque(jobs)
    context = _context()
    pool: dict[Connection, BaseProcess] = {}
    try:
        for _ in range(min(workers, len(queue))):
            ours, theirs = context.Pipe()
            process = context.Process(
                target=_serve, args=(theirs, function, initializer), daemon=True
            )
            process.start()
            theirs.close()  # so that its death reads as the end of the pipe
            pool[ours] = process
            ours.send(queue.popleft())
        busy = set(pool)
        while busy:
            sentinels = {pool[c].sentinel: c for c in busy}
            for ready in wait([*busy, *sentinels]):
                connection = sentinels[ready] if isinstance(ready, int) else ready
                if connection not in busy:
                    continue  # its pipe and its sentinel were both ready
                try:
                    failed, value = connection.recv()
                except (EOFError, OSError):
                    raise CodegenError(_DIED) from None
                if failed:
                    raise value
                if queue:
                    connection.send(queue.popleft())
                else:
                    busy.discard(connection)
                yield value
    finally:
        _end(pool)


def _context() -> SpawnContext | ForkContext:
    """Fork where there is fork: a worker starts at once, the models loaded."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _end(pool: dict[Connection, BaseProcess]) -> None:
    for connection, process in pool.items():
        connection.close()
        if process.is_alive():
            process.terminate()
    for process in pool.values():
        process.join(5)
        if process.is_alive():  # pragma: no cover - SIGTERM is not ignored
            process.kill()
            process.join()


def _serve(
    connection: Connection,
    function: Callable[[Any], Any],
    initializer: Callable[[], None],
) -> None:
    """A worker: a job in, ``(failed, result or exception)`` out, until the
    parent closes the pipe."""
    initializer()
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        try:
            reply: tuple[bool, Any] = (False, function(job))
        except BaseException as error:  # the parent decides what it means
            reply = (True, error)
        try:
            connection.send(reply)
        except Exception as error:  # an exception that does not pickle
            connection.send((True, RuntimeError(f"{type(error).__name__}: {error}")))
