"""Stop requests: SIGINT and SIGTERM end a run within moments, leaving the tree as it was.

CI runners and process managers signal the main process only, so the main
process owns the whole stop: its handler raises :class:`Interrupted` wherever
the run is (the worker pool then terminates its workers, which ignore SIGINT
and die on SIGTERM), and the CLI exits 128 + the signal number (130, 143).

The writer cannot be stopped at an arbitrary instruction without leaving a
half-replaced tree, so it runs under :func:`deferred`: a signal is only
recorded there, and the writer asks :func:`poll` at the points where stopping
still leaves the tree exactly as it was. Once the first file is replaced the
writer finishes (a few renames) and the stop is reported after the commit.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_PR_SET_PDEATHSIG = 1


class Interrupted(BaseException):
    """A stop request, raised in the main process; ``completed``: the write had committed."""

    def __init__(self, signum: int, *, completed: bool = False) -> None:
        super().__init__(signum)
        self.signum = signum
        self.completed = completed

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class _State:
    pending: int | None = None  # a signal received but not yet acted on
    deferring = 0
    stopping = False  # an Interrupted is already on its way up


def _handler(signum: int, frame: FrameType | None) -> None:
    if _State.deferring or _State.stopping:
        _State.pending = _State.pending or signum
        return
    _State.stopping = True
    raise Interrupted(signum)


@contextmanager
def handled() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into :class:`Interrupted` for the duration (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}
    _State.pending, _State.deferring, _State.stopping = None, 0, False
    for number in STOP_SIGNALS:
        signal.signal(number, _handler)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def deferred() -> Iterator[None]:
    """Record stop requests instead of raising them; :func:`poll` acts on them."""
    _State.deferring += 1
    try:
        yield
    finally:
        _State.deferring -= 1


def poll() -> None:
    """Raise the stop request received so far, if any."""
    if _State.pending is not None:
        signum, _State.pending = _State.pending, None
        _State.stopping = True
        raise Interrupted(signum)


def take() -> int | None:
    """The stop request received so far, if any, now being acted on."""
    signum, _State.pending = _State.pending, None
    if signum is not None:
        _State.stopping = True
    return signum


def worker_init() -> None:
    """In a worker process: the parent alone decides when to stop.

    SIGINT from a terminal's Ctrl-C reaches the whole process group; workers
    ignore it and are terminated by the parent. SIGTERM kills a worker at once,
    and a worker dies with its parent even when the parent is killed outright.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (
        OSError,
        AttributeError,
    ):  # not Linux: the parent's terminate() still applies
        pass
