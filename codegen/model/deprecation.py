"""The model's ``deprecated`` trait, carried into the documentation it marks.

The notice is added to the model's own HTML, before any rendering, so every
reader of the documentation -- docstrings, ``help()``, the HTML reference --
shows it first, escaped as text like the rest of the model's words.
"""

from __future__ import annotations

from html import escape as escape_html


def with_deprecation(documentation: str, traits: object) -> str:
    """``documentation`` led by a notice when ``traits`` (a shape's, a member
    reference's or an operation's, as the model has them) mark it ``deprecated``:
    the first thing an editor's hover and ``help()`` show."""
    if not isinstance(traits, dict) or traits.get("deprecated") is not True:
        return documentation
    message = traits.get("deprecatedMessage")
    said = f" {escape_html(message.strip())}" if isinstance(message, str) else ""
    return f"<p><b>Deprecated.</b>{said}</p>{documentation}"
