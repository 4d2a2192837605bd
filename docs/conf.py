"""Sphinx configuration for the reference of a generated package.

``docs/build.py`` (``make docs``) writes the page sources and names the package
in ``$CODEGEN_DOCS_PACKAGE``; this file only configures how they render.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
PACKAGE = Path(os.environ.get("CODEGEN_DOCS_PACKAGE") or DOCS.parent / "generated")

# The package is imported by its directory name, from its parent directory.
sys.path.insert(0, str(PACKAGE.resolve().parent))
sys.path.insert(0, str(DOCS / "_ext"))

project = "AWS typed classes"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.viewcode", "awsshapes"]
awsshapes_package = str(PACKAGE)

# Members in the order the module defines them: aliases first, then classes A-Z.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
autodoc_class_signature = "separated"
python_maximum_signature_line_length = 88
python_use_unqualified_type_names = True
# Docstrings quote code and API values: keep their quotes straight (and the build faster).
smartquotes = False
add_module_names = False
toc_object_entries_show_parents = "hide"

html_theme = "furo"
html_title = "AWS typed classes"
html_static_path = ["_static"]
html_css_files = ["awsshapes.css"]
html_show_sourcelink = False
html_show_copyright = False
# Search results without a page summary: fetching one is blocked for pages opened
# from disk (file://), and the reference must work offline, opened from build/docs.
html_show_search_summary = False
html_copy_source = False
html_theme_options = {
    "sidebar_hide_name": False,
    "navigation_with_keys": True,
}
