"""Sphinx configuration for the reference of an output package.

:func:`codegen.reference.builder.build` writes the page sources and names the
package in ``$CODEGEN_DOCS_PACKAGE``; this file only configures how they render.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from codegen.reference.builder import PACKAGE_ENV, import_location

PACKAGE = Path(os.environ[PACKAGE_ENV])
# The package is imported as the project imports it (myapp.aws), from its import root.
IMPORT_ROOT, IMPORT_NAME = import_location(PACKAGE)
sys.path.insert(0, str(IMPORT_ROOT))

project = "AWS typed classes"
extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "codegen.reference.awsshapes",
]
awsshapes_package = str(PACKAGE)
awsshapes_import_name = IMPORT_NAME

# Members in the order the module defines them (a class's attributes as the model
# lists them); the extension puts a module's own members in name order.
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
html_static_path = ["static"]
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
