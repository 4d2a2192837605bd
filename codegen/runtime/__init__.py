"""The support modules every generated package carries, as real source.

``_runtime.py`` (what the generated classes stand on) and ``_client.py`` (what
the typed clients stand on) are ordinary modules of this package: imported,
type-checked and unit-tested here, and copied into each output package with
only the generated header in front (:mod:`codegen.build.support`). They import
nothing from the generator and only each other, relatively, so the copies work
in any package.
"""
