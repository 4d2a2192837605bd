"""What an editor shows on hover over a client method: its parameters, what it
returns and what it raises, as reST fields (``:param name:``, ``:returns:``,
``:raises Error:``), which Pylance, PyCharm and Sphinx all render."""

from __future__ import annotations

from collections.abc import Sequence

from codegen.model.ir import Member, Operation
from codegen.render import docs, rest


def fields(
    members: Sequence[Member],
    extra: Sequence[tuple[str, str]],
    returns: str,
    raises: Sequence[tuple[str, str]],
) -> str:
    """The field list that editors show on hover and Sphinx as "Parameters",
    "Returns" and "Raises": each parameter's first paragraph (its class holds the
    rest), ``extra`` parameters as (name, reST), the errors as (class, reST)."""
    fields = []
    for member in members:
        text = docs.first_paragraph(docs.html_to_rest(member.documentation))
        text = text or f"The {rest.literal(member.wire_name)} member."
        if member.required:
            text = f"(required) {text}"
        fields.append(docs.field(f"param {member.attribute}", text))
    fields += [docs.field(f"param {name}", text) for name, text in extra]
    fields.append(docs.field("returns", returns))
    fields += [docs.field(f"raises {error}", text) for error, text in raises]
    return "\n".join(fields)


def raised(operation: Operation) -> list[tuple[str, str]]:
    """The operation's modeled errors, then what botocore raises for the others.

    An error's own class documents it: repeating that at each method that can
    raise it would grow the output by a twentieth for text a hover on the name
    shows anyway.
    """
    errors = [(error, "") for error in dict.fromkeys(operation.errors)]
    return [*errors, ("botocore.exceptions.ClientError", "For any other error.")]
