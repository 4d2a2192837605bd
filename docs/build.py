"""Build this repository's site: what ``make docs`` runs.

The reference of a package is built by the installed generator
(:mod:`codegen.reference`, ``codegen docs``); this adds the user guide
(``docs/guide/*.rst``) and the images it shows beside it, so the site is one.

    python docs/build.py [--package DIR] [--out DIR] [--strict] [-j N]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT))  # the generator as this checkout has it

from codegen.errors import CodegenError  # noqa: E402
from codegen.reference import builder  # noqa: E402
from codegen.reference.builder import PACKAGE_ENV, pages  # noqa: E402, F401

GUIDE = DOCS / "guide"
# The guide's reading order; a page not named here follows them, by name.
GUIDE_ORDER = (
    "index",
    "usage",
    "cli-and-configuration",
    "ci-and-pre-commit",
    "templates",
    "runtime",
    "async",
    "writer",
    "architecture",
    "performance",
)


def guide_pages(guide: Path) -> list[str]:
    """The guide's page names (``usage``...), in reading order."""
    names = {path.stem for path in guide.glob("*.rst")}
    ordered = [name for name in GUIDE_ORDER if name in names]
    return ordered + sorted(names - set(ordered))


def guide_files(guide: Path) -> tuple[dict[str, str | bytes], list[str]]:
    """The guide's pages under ``guide/`` in the site, and the images they show
    (``../screenshot-rekognition.png``) at its top; and the docnames, in order."""
    names = guide_pages(guide)
    files: dict[str, str | bytes] = {
        f"guide/{name}.rst": (guide / f"{name}.rst").read_text(encoding="utf-8")
        for name in names
    }
    for image in DOCS.glob("*.png"):
        files[image.name] = image.read_bytes()
    return files, [f"guide/{name}" for name in names]


def write_sources(package: Path, source_dir: Path, guide: Path | None = GUIDE) -> int:
    """Write the page sources of ``package``, and the guide's beside them; returns
    how many pages there are."""
    files, names = guide_files(guide) if guide is not None else ({}, [])
    return builder.write_sources(package, source_dir, files, names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--package",
        type=Path,
        default=Path(os.environ.get(PACKAGE_ENV) or ROOT / "generated"),
        help=f"the generated package to document (default: ${PACKAGE_ENV} or generated/)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "docs")
    parser.add_argument(
        "--strict", action="store_true", help="warnings are errors (-W --keep-going)"
    )
    parser.add_argument("-j", "--jobs", default="1", help="Sphinx's parallel jobs")
    args = parser.parse_args(argv)
    files, names = guide_files(GUIDE)
    try:
        return builder.build(
            args.package,
            args.out,
            jobs=args.jobs,
            strict=args.strict,
            extra=files,
            extra_pages=names,
        )
    except CodegenError as error:
        print(f"docs: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
