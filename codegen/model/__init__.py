"""Stage one: a botocore service model read into the intermediate representation.

Loading goes through botocore's own loader and model classes; resolving turns
the shapes a run needs into :mod:`codegen.model.ir`, with names made safe and
every member's type described by one kind of :mod:`codegen.model.types`.
"""
