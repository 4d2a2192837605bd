"""Seeded random botocore service-2 models: valid, but adversarial in names, text and traits.

``random_model(seed)`` always gives the same model for the same seed, so a
failing seed is a reproducible case (``CODEGEN_FUZZ_SEED=<n>``) and can be
turned into a regression test. Models are valid as botocore reads them: every
reference resolves, lists and maps never contain themselves without a
structure in between, nesting stays within the generator's documented limit.
What is adversarial is everything a valid model may still hold: keywords,
builtins and runtime names, names that collide after snake_case, Unicode and
very long names, documentation with quotes, backslashes, reST, Jinja, HTML,
links to script (``javascript:``, ``data:``...), wide characters and lone
surrogates, and every shape type and trait.
"""

from __future__ import annotations

import random
import string
from typing import Any

from codegen.model.resolver import MAX_NESTING

KEYWORDS = ["class", "def", "None", "True", "False", "match", "case", "type", "_"]
BUILTINS = ["str", "int", "list", "dict", "bytes", "object", "Warning", "Exception"]
RUNTIME = [
    "SENSITIVE",
    "Sensitive",
    "sensitive",
    "_FIELDS",
    "__slots__",
    "__init__",
    "to_dict",
    "from_dict",
    "unknown_member",
    "self",
    "cls",
    "datetime",
    "builtins",
    "Any",
    "Literal",
    "TypeAlias",
    "ClassVar",
    "Field",
    "Struct",
    "UnionStruct",
    "JSONValue",
    "StreamingBody",
    "EventStream",
    "MemberError",
    "REDACTED",
    "annotations",
]
UNICODE = ["ünïcödé", "名前", "日本語", "Ωmega", "\u00e9t\u00e9", "🎉", "e\u0301"]
SURROGATES = ["\ud800", "\udfff", "a\udc80b"]
WIDE = ["日本語", "全角ＡＢＣ", "한국어", "😀😀", "ｗｉｄｅ"]
TEXT_PIECES = [
    '"',
    '""',
    '"""',
    "'''",
    "\\",
    "\\n",
    "\\x41",
    "\\N{BULLET}",
    "{{ x }}",
    "{% if %}",
    "{#",
    "*",
    "**",
    "`",
    "``",
    "_",
    "|",
    "|sub|",
    "[1]_",
    "`x`_",
    ":role:`x`",
    ".. note::",
    ".. code-block:: python",
    "::",
    "..",
    "- ",
    "* ",
    "1. ",
    "#",
    "= = =",
    "----",
    "<",
    ">",
    "&amp;",
    "&lt;b&gt;",
    "&#x22;",
    "\t",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\r",
    "\u2028",
    "\ufeff",
    "\u00a0",
    "\u3000",
    "  ",
    "\n",
    "\n\n",
    "\n ",
    " \n",
    "https://example.com/a_b",
    # links to script, as text: a bare URI, a reST hyperlink, hidden schemes
    "javascript:alert(1)",
    "(data:text/html,x)",
    "x-file:///etc/passwd",
    "`x <javascript:alert(1)>`_",
    "`x <JaVaScRiPt:alert(1)>`__",
    "&#106;avascript:alert(1)",
    "mailto:a@b.example",
]
TAGS = [
    ("<p>", "</p>"),
    ("<b>", "</b>"),
    ("<i>", "</i>"),
    ("<code>", "</code>"),
    ("<note>", "</note>"),
    ("<important>", "</important>"),
    ("<ul><li>", "</li></ul>"),
    ('<a href="https://example.com/x">', "</a>"),
    ('<a href="javascript:alert(1)">', "</a>"),
    ('<a href=" \tJava&#x0A;Script&colon;alert(1)">', "</a>"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">', "</a>"),
    ('<a href="vbscript:x">', "</a>"),
    ('<a href="java%73cript:x">', "</a>"),
    ('<a href="mailto:a@b.example">', "</a>"),
    ("<pre>", "</pre>"),
    ("<p><code>", "</p>"),
    ("<dl><dt>", "</dt><dd>x</dd></dl>"),
]


class ModelMaker:
    """Builds one random model; every choice comes from ``rng``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.shapes: dict[str, Any] = {}

    # -- text ---------------------------------------------------------------

    def word(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.45:
            return "".join(
                rng.choice(string.ascii_letters) for _ in range(rng.randint(1, 9))
            )
        if roll < 0.6:
            return rng.choice(KEYWORDS + BUILTINS + RUNTIME)
        if roll < 0.75:
            return rng.choice(UNICODE + WIDE)
        if roll < 0.8:
            return rng.choice(SURROGATES)
        return rng.choice(TEXT_PIECES)

    def text(self, max_words: int = 12) -> str:
        rng = self.rng
        words = [self.word() for _ in range(rng.randint(0, max_words))]
        if rng.random() < 0.1:
            words.append(rng.choice(WIDE) * rng.randint(5, 20))
        if rng.random() < 0.05:
            words.append("x" * rng.randint(80, 200))
        separators = [" ", " ", " ", "", "\n", "  "]
        return "".join(w + rng.choice(separators) for w in words)

    def documentation(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.2:
            return ""
        if roll < 0.45:
            return self.text()  # plain text, not HTML at all
        parts = []
        for _ in range(rng.randint(1, 4)):
            opening, closing = rng.choice(TAGS)
            inner = self.text(8)
            if rng.random() < 0.15:  # unclosed or stray tags
                closing = rng.choice(["", "</b>", "<p>"])
            parts.append(f"{opening}{inner}{closing}")
        return "".join(parts)

    def name(self, style: str = "shape") -> str:
        """A shape or member name: mostly ordinary, often hostile."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.5:
            base = "".join(
                rng.choice(string.ascii_uppercase)
                + rng.choice(string.ascii_lowercase) * rng.randint(0, 3)
                for _ in range(rng.randint(1, 3))
            )
        elif roll < 0.65:
            base = rng.choice(KEYWORDS + BUILTINS + RUNTIME)
        elif roll < 0.75:
            base = rng.choice(UNICODE + WIDE)
        elif roll < 0.78:
            base = rng.choice(SURROGATES)
        elif roll < 0.83:
            base = "Very" + "Long" * rng.randint(20, 40)
        elif roll < 0.9:
            # names that collide after snake_case or capitalization
            base = rng.choice(
                [
                    "FooBar",
                    "foo_bar",
                    "fooBar",
                    "Foo_Bar",
                    "FOO_BAR",
                    "foo",
                    "Foo",
                    "foo-bar",
                    "Foo.Bar",
                ]
            )
        else:
            base = rng.choice(
                ['x"y', "x'y\\z", "a b", "1st", "", "-", "__", "x\ny", "{{x}}", "`x`"]
            )
        return base

    def unique(self, taken: dict[str, Any], style: str = "shape") -> str:
        while True:
            candidate = self.name(style)
            if candidate not in taken:
                return candidate
            candidate += str(self.rng.randint(0, 9))
            if candidate not in taken:
                return candidate

    # -- shapes -------------------------------------------------------------

    def add(self, shape: dict[str, Any]) -> str:
        name = self.unique(self.shapes)
        if self.rng.random() < 0.5:
            shape["documentation"] = self.documentation()
        if self.rng.random() < 0.05:
            shape["deprecated"] = True
            if self.rng.random() < 0.5:
                shape["deprecatedMessage"] = self.text(4)
        self.shapes[name] = shape
        return name

    def scalar(self) -> str:
        rng = self.rng
        kind = rng.choice(
            [
                "string",
                "string",
                "enum",
                "integer",
                "long",
                "float",
                "double",
                "boolean",
                "blob",
                "timestamp",
            ]
        )
        shape: dict[str, Any]
        if kind == "enum":
            values = [self.word() for _ in range(rng.randint(1, 6))]
            if rng.random() < 0.1:
                values.append(rng.choice(WIDE) * rng.randint(5, 20))
            if rng.random() < 0.1:
                values = values + values[:1]  # a duplicate value
            shape = {"type": "string", "enum": values}
        else:
            shape = {"type": kind}
            if kind in ("string", "blob") and rng.random() < 0.3:
                shape["min"] = rng.randint(0, 3)
                shape["max"] = rng.randint(3, 300)
            if kind in ("integer", "long") and rng.random() < 0.3:
                shape["min"] = rng.randint(-5, 5)
                shape["max"] = rng.randint(5, 10_000)
            if kind == "string" and rng.random() < 0.2:
                shape["pattern"] = rng.choice(["^[a-z]+$", ".*", "[\\s\\S]*", '"""'])
            if kind == "timestamp" and rng.random() < 0.3:
                shape["timestampFormat"] = rng.choice(
                    ["iso8601", "unixTimestamp", "rfc822"]
                )
        if rng.random() < 0.15:
            shape["sensitive"] = True
        return self.add(shape)

    def reference(self, depth: int, structures: list[str]) -> dict[str, Any]:
        """A member reference with random traits to a new or existing shape."""
        rng = self.rng
        roll = rng.random()
        if structures and roll < 0.15:
            target = rng.choice(structures)  # recursion and sharing
        elif roll < 0.55 or depth > 3:
            target = self.scalar()
        elif roll < 0.7:
            target = self.structure(depth + 1, structures)
        elif roll < 0.85:
            target = self.list_shape(depth + 1, structures)
        else:
            target = self.map_shape(depth + 1, structures)
        ref: dict[str, Any] = {"shape": target}
        if rng.random() < 0.4:
            ref["documentation"] = self.documentation()
        if rng.random() < 0.08:
            ref["sensitive"] = True
        if rng.random() < 0.05:
            ref["deprecated"] = True
        if rng.random() < 0.1:
            ref["location"] = rng.choice(["header", "querystring", "uri"])
            ref["locationName"] = self.word()
        if rng.random() < 0.05 and self.shapes[target]["type"] == "string":
            ref["jsonvalue"] = True
        if rng.random() < 0.03 and self.shapes[target]["type"] == "string":
            ref["idempotencyToken"] = True
        if rng.random() < 0.05 and self.shapes[target]["type"] == "blob":
            ref["streaming"] = True
        return ref

    def structure(self, depth: int = 0, structures: list[str] | None = None) -> str:
        rng = self.rng
        structures = structures if structures is not None else []
        shape: dict[str, Any] = {"type": "structure", "members": {}}
        name = self.add(shape)
        structures.append(name)
        roll = rng.random()
        if roll < 0.05:
            shape["document"] = True
            return name
        members: dict[str, Any] = shape["members"]
        for _ in range(rng.randint(0 if roll > 0.1 else 1, 6)):
            member = self.unique(members, "member")
            members[member] = self.reference(depth, structures)
        if roll < 0.15 and members:
            shape["union"] = True
        elif members and rng.random() < 0.4:
            shape["required"] = rng.sample(
                sorted(members), rng.randint(1, len(members))
            )
        if rng.random() < 0.1:
            shape["sensitive"] = True
        if rng.random() < 0.08:
            shape["exception"] = True
            shape["error"] = {
                "code": self.word(),
                "httpStatusCode": 400,
                "senderFault": True,
            }
            if rng.random() < 0.5:
                shape["fault"] = True
        if rng.random() < 0.05 and depth < 3:
            stream = self.event_stream(structures)
            members[self.unique(members, "member")] = {"shape": stream}
        if rng.random() < 0.05:
            blob = self.add({"type": "blob", "streaming": True})
            payload = self.unique(members, "member")
            members[payload] = {"shape": blob}
            shape["payload"] = payload
        return name

    def event_stream(self, structures: list[str]) -> str:
        events: dict[str, Any] = {}
        for _ in range(self.rng.randint(1, 3)):
            event = self.add(
                {
                    "type": "structure",
                    "event": True,
                    "members": {
                        "Payload": {"shape": self.scalar(), "eventpayload": True}
                    },
                }
            )
            events[self.unique(events, "member")] = {"shape": event}
        return self.add({"type": "structure", "eventstream": True, "members": events})

    def list_shape(self, depth: int, structures: list[str]) -> str:
        shape: dict[str, Any] = {"type": "list"}
        name = self.add(shape)
        shape["member"] = self.reference(depth, structures)
        if self.rng.random() < 0.2:
            shape["min"] = self.rng.randint(0, 2)
        if self.rng.random() < 0.1:
            shape["sensitive"] = True
        return name

    def map_shape(self, depth: int, structures: list[str]) -> str:
        key = self.scalar() if self.rng.random() < 0.3 else self.add({"type": "string"})
        if self.shapes[key]["type"] != "string":
            key = self.add({"type": "string"})
        shape: dict[str, Any] = {"type": "map", "key": {"shape": key}}
        name = self.add(shape)
        shape["value"] = self.reference(depth, structures)
        if self.rng.random() < 0.1:
            shape["sensitive"] = True
        return name

    def nested_lists(self, depth: int) -> str:
        """A structure holding a chain of ``depth`` lists and maps inside each other."""
        inner = self.scalar()
        for _ in range(depth):
            if self.rng.random() < 0.5:
                inner = self.add({"type": "list", "member": {"shape": inner}})
            else:
                key = self.add({"type": "string"})
                inner = self.add(
                    {"type": "map", "key": {"shape": key}, "value": {"shape": inner}}
                )
        return self.add({"type": "structure", "members": {"Deep": {"shape": inner}}})


def random_model(seed: int, service: str) -> dict[str, Any]:
    """A valid service-2 model for ``service``, the same for the same seed."""
    rng = random.Random(seed)
    maker = ModelMaker(rng)
    structures: list[str] = []
    roots = [maker.structure(0, structures) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.1:
        roots.append(maker.nested_lists(rng.randint(5, 40)))
    elif rng.random() < 0.03:  # deeper than Python can parse: must be refused
        roots.append(maker.nested_lists(rng.randint(MAX_NESTING + 1, MAX_NESTING + 5)))
    metadata: dict[str, Any] = {
        "apiVersion": "2020-01-01",
        "endpointPrefix": service,
        "protocol": rng.choice(
            ["json", "rest-json", "query", "rest-xml", "ec2", "smithy-rpc-v2-cbor"]
        ),
        "serviceId": service,
        "signatureVersion": "v4",
    }
    if rng.random() < 0.9:
        metadata["serviceFullName"] = (
            maker.text(6) if rng.random() < 0.5 else f"Amazon {service}"
        )
    if rng.random() < 0.8:
        metadata["uid"] = (
            maker.text(3) if rng.random() < 0.4 else f"{service}-2020-01-01"
        )
    if rng.random() < 0.2:
        metadata["jsonVersion"] = "1.1"
        metadata["targetPrefix"] = maker.word()
    if rng.random() < 0.1:
        metadata["protocols"] = ["json", "query"]
    operations: dict[str, Any] = {}
    structure_names = [
        n for n in maker.shapes if maker.shapes[n]["type"] == "structure"
    ]
    for index in range(rng.randint(0, 3)):
        operation: dict[str, Any] = {
            "name": f"Op{index}",
            "http": {"method": "POST", "requestUri": "/"},
        }
        if structure_names and rng.random() < 0.8:
            operation["input"] = {"shape": rng.choice(structure_names)}
        if structure_names and rng.random() < 0.8:
            operation["output"] = {"shape": rng.choice(structure_names)}
        errors = [n for n in structure_names if maker.shapes[n].get("exception")]
        if errors:
            operation["errors"] = [{"shape": e} for e in errors]
        operations[f"Op{index}"] = operation
    model: dict[str, Any] = {
        "version": "2.0",
        "metadata": metadata,
        "operations": operations,
        "shapes": maker.shapes,
    }
    if rng.random() < 0.7:
        model["documentation"] = maker.documentation()
    return model
