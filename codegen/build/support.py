"""The support modules of an output package, copied from :mod:`codegen.runtime`.

They are fixed text, so they are no part of any service module's cache key:
editing the runtime regenerates these files and nothing else.
"""

from __future__ import annotations

from pathlib import Path

from codegen.render.formatting import format_support
from codegen.render.header import header

RUNTIME_SOURCES = Path(__file__).resolve().parent.parent / "runtime"
RUNTIME = "_runtime.py"
CLIENT = "_client.py"
AIO = "_aio.py"  # the asynchronous clients' support, when any is generated


def support_module(name: str, line_length: int) -> str:
    """The output's ``name`` (``_runtime.py``, ``_client.py``): its source, headed."""
    source = (RUNTIME_SOURCES / name).read_text(encoding="utf-8")
    text = f"{header(f'codegen/runtime/{name}')}\n{source}"
    return format_support(text, line_length)
