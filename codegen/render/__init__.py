"""Stage two: the intermediate representation rendered to formatted Python source.

Templates (Jinja2, ``StrictUndefined``) receive views whose code lines are laid
out as black would (:mod:`codegen.render.layout`); black formats only what the
layout could not place.
"""
