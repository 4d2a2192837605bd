"""The HTML API reference of an output package (``codegen docs``), built by Sphinx.

It lives in the installed generator, not in this repository's ``docs/``, so a
project that generates its bindings builds their reference the same way this
repository does (``make docs`` adds the user guide on top). Sphinx and furo
come with the ``docs`` extra; nothing here imports them until a build starts.
"""
