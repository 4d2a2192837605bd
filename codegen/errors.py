"""The one exception type a user ever sees from the generator.

Everything that is the user's mistake (a bad model, an unknown shape, a broken
configuration) is raised as :class:`CodegenError` and printed by the CLI as a
single line with exit code 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class CodegenError(Exception):
    """A problem with the input, reported as one line that names what is at fault."""

    exit_code = 2
