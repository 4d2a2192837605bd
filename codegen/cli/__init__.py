"""The command line: arguments, settings from ``[tool.codegen]``, and the run."""
