"""The ``codegen`` command's arguments, and its one-line errors about them.

argparse answers a mistyped option with its whole usage block; like every other
user error here, a bad argument is one line on stderr, exit 2, with the options
closest to it, suggested as for a mistyped target.

``codegen docs ...`` is a command of its own (the HTML reference), told apart by
its first word: no botocore service is named ``docs``, and a target of a
service by that name would still be ``docs:Shape``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from codegen import __version__
from codegen.config import DEFAULT_CACHE_MAX_MB
from codegen.model.loader import suggest


class _Parser(argparse.ArgumentParser):
    def __init__(self, **kwargs: Any) -> None:
        self.options: list[str] = []  # before argparse adds --help
        super().__init__(**kwargs)

    def add_argument(self, *names: Any, **kwargs: Any) -> argparse.Action:
        self.options += [n for n in names if isinstance(n, str) and n.startswith("-")]
        return super().add_argument(*names, **kwargs)

    def error(self, message: str) -> NoReturn:
        hint = ""
        prefix = "unrecognized arguments: "
        if message.startswith(prefix):
            unknown = [w for w in message[len(prefix) :].split() if w.startswith("-")]
            hint = suggest(unknown[0].split("=")[0], self.options) if unknown else ""
        self.exit(2, f"{self.prog}: error: {message}{hint}; see {self.prog} --help\n")


def _path(text: str) -> Path:
    """A path argument; an empty one (an unset variable) is refused, not read
    as the current directory."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path")
    return Path(text)


def parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="codegen",
        description="Generate typed Python classes from botocore service models.",
        epilog="With no TARGET, the targets in [tool.codegen] of pyproject.toml are "
        "generated. `codegen docs` builds the HTML reference of the output: see "
        "codegen docs --help.",
    )
    parser.add_argument(
        "targets",
        nargs="*",
        metavar="TARGET",
        help="SERVICE for a whole service, or SERVICE:ShapeA,ShapeB for the closure of those shapes",
    )
    parser.add_argument(
        "--out",
        type=_path,
        help="output package directory (default: from config, else generated)",
    )
    parser.add_argument(
        "--model-dir",
        type=_path,
        action="append",
        default=[],
        help="extra directory laid out like botocore's data directory; searched first",
    )
    parser.add_argument(
        "--line-length", type=int, help="line length for black (default 88)"
    )
    parser.add_argument(
        "--all", action="store_true", help="generate every service botocore ships"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: the CPU count)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="regenerate everything, ignoring the cache (files edited by hand or "
        "not written by codegen are still refused: see --overwrite)",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="overwrite or delete files in the output directory that codegen did "
        "not write or that were edited since, naming each one",
    )
    parser.add_argument(
        "--cache-dir",
        type=_path,
        help="cache directory (default: $CODEGEN_CACHE_DIR or ~/.cache/codegen)",
    )
    parser.add_argument(
        "--cache-max-mb",
        type=str,
        metavar="MB",
        help="cap on the cache's size (default: [tool.codegen] cache-max-mb, "
        f"$CODEGEN_CACHE_MAX_MB, else {DEFAULT_CACHE_MAX_MB})",
    )
    parser.add_argument(
        "--clear-cache",
        action="store_true",
        help="empty the cache and exit",
    )
    parser.add_argument(
        "--list",
        nargs="?",
        const="",
        metavar="SERVICE",
        help="list the services, or a service's operations and shapes, and exit",
    )
    parser.add_argument(
        "--clients",
        metavar="KINDS",
        help="which typed clients to generate: sync, async or sync,async "
        "(default: [tool.codegen] clients, else sync)",
    )
    parser.add_argument(
        "--templates",
        type=_path,
        metavar="DIR",
        help="directory of template overrides, by file name (default: from config)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if any file would change",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="as --check, and print a unified diff of what would change, paths "
        "relative to the project root (for git apply)",
    )
    parser.add_argument(
        "--report",
        type=_path,
        metavar="FILE",
        help="write the API change report to FILE (the run prints one summary line)",
    )
    parser.add_argument(
        "--report-format",
        choices=["markdown", "json"],
        default="markdown",
        help="format of --report (default markdown)",
    )
    parser.add_argument(
        "--fail-on-breaking",
        action="store_true",
        help="exit 3 when the API change report has a breaking change",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="show tracebacks for errors"
    )
    parser.add_argument("--version", action="version", version=f"codegen {__version__}")
    return parser


DOCS_COMMAND = "docs"


def docs_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="codegen docs",
        description="Build the HTML API reference of the generated package "
        "(needs the docs extra: Sphinx and furo).",
    )
    parser.add_argument(
        "--package",
        type=_path,
        metavar="DIR",
        help="the generated package to document (default: out in [tool.codegen], "
        "else generated)",
    )
    parser.add_argument(
        "--out",
        type=_path,
        metavar="DIR",
        help="where the HTML goes (default: build/docs at the project root)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        help="processes that read and write the pages (default 1)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="treat Sphinx's warnings as errors"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="show tracebacks for errors"
    )
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The arguments of either command: ``codegen docs ...`` or ``codegen ...``."""
    if argv and argv[0] == DOCS_COMMAND:
        args = docs_parser().parse_args(argv[1:])
        args.command = DOCS_COMMAND
    else:
        args = parser().parse_args(argv)
        args.command = None
    return args
