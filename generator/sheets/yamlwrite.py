"""One record as a data file in the library's own layout.

The schema comment comes first (it gives VS Code its completion), then the keys in the model's
order, lists indented under their key, text that spans lines as a ``|`` block, and quotes only
where a YAML reader would otherwise read the text as something else (``term: "2510"``).
Numbers, years, true/false and dates stay bare (``year: 2023``), as editors write them.

The data is only mappings, lists and text, so a small writer does it (PyYAML's emitter was half
the time of an import of ten thousand records). What it writes loads back to the same data:
:func:`canonical` is the plain data as written, and reading :func:`record_text` with the
library's loader gives exactly that (the tests read every data file and a set of awkward texts).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..core.schema import KindSpec
from .shapes import Shape, fields_of

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../jsonschema/{kind}.schema.json\n"
INDENT = 2

TEXT_TAG = "tag:yaml.org,2002:str"
_RESOLVER = Resolver()
"""YAML 1.1's reading of plain text (2510 a number, true a boolean, null nothing): text that it
would read as something else is quoted."""

PRINTABLE = re.compile("^[\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*$")
PLAIN_UNSAFE = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: |:$| #|\s$|[\t\n\r\x85\u2028\u2029\ufeff]")
"""Text that cannot be written without quotes: a leading indicator or space, ": " or " #" inside,
a trailing space or colon, tabs, line breaks and the byte-order mark."""
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x85": "\\N", "\u2028": "\\L",
           "\u2029": "\\P", "\ufeff": "\\uFEFF"}


class Bare(str):
    """Text that holds a number, a year, true/false or a date: written without quotes."""


def _value(value: Any, shape: Shape | None) -> Any:
    if isinstance(value, list):
        return [_value(item, shape) for item in value]
    if isinstance(value, dict):
        return canonical(value, shape.record) if shape is not None and shape.record is not None else dict(value)
    if isinstance(value, str):
        if shape is not None and shape.scalar is not None and shape.scalar.bare:
            return Bare(value)
        return value + "\n" if "\n" in value and not value.endswith("\n") else value
    return value


def canonical(plain: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """``plain`` as the writer writes it: keys in the model's order (keys the model does not
    know last, as given), text that spans lines ending with a line break (a ``|`` block), the
    values of number, year, true/false and date fields marked :class:`Bare`."""
    shapes = dict(fields_of(model))
    ordered = [key for key in shapes if key in plain] + [key for key in plain if key not in shapes]
    return {key: _value(plain[key], shapes.get(key)) for key in ordered}


# --- scalars -------------------------------------------------------------------------------------


def _quoted(text: str) -> str:
    out = []
    for ch in text:
        if ch in ESCAPES:
            out.append(ESCAPES[ch])
        elif not PRINTABLE.match(ch):
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _block(text: str, indent: int) -> str | None:
    """``text`` as a ``|`` block, or ``None`` where a block would not read back the same (a line
    starting or ending with spaces, several trailing line breaks, unprintable characters)."""
    body = text[:-1] if text.endswith("\n") else text
    lines = body.split("\n")
    if (body.endswith("\n") or not PRINTABLE.match(text) or "\r" in text or lines[0][:1] in (" ", "\t", "")
            or any(line != line.rstrip(" \t") for line in lines)):
        return None
    head = "|" if text.endswith("\n") else "|-"
    pad = " " * indent
    return head + "".join("\n" + (pad + line if line else "") for line in lines)


def scalar(value: Any, indent: int) -> str:
    """A scalar after ``key: `` or ``- ``; block lines are indented by ``indent``."""
    if value is None:
        return ""
    text = str(value)
    if "\n" in text:
        block = _block(text, indent)
        if block is not None:
            return block
    plain = text and not PLAIN_UNSAFE.search(text) and PRINTABLE.match(text)
    if plain and (isinstance(value, Bare) or _RESOLVER.resolve(ScalarNode, text, (True, False)) == TEXT_TAG):
        return text
    return _quoted(text)


# --- mappings and lists --------------------------------------------------------------------------


def _entry(head: str, value: Any, indent: int, out: list[str]) -> None:
    """``head`` (``key:`` or ``-``) and its value, nested content indented by ``indent``."""
    if isinstance(value, dict) and value:
        out.append(head)
        _mapping(value, indent, out)
    elif isinstance(value, list) and value:
        out.append(head)
        _sequence(value, indent, out)
    elif isinstance(value, dict | list):
        out.append(f"{head} {'{}' if isinstance(value, dict) else '[]'}")
    else:
        text = scalar(value, indent)
        out.append(f"{head} {text}" if text else head)


def _mapping(mapping: dict[str, Any], indent: int, out: list[str], first: str | None = None) -> None:
    for number, (key, value) in enumerate(mapping.items()):
        lead = first if number == 0 and first is not None else " " * indent
        _entry(f"{lead}{scalar(key, indent)}:", value, indent + INDENT, out)


def _sequence(items: list[Any], indent: int, out: list[str]) -> None:
    for item in items:
        dash = " " * indent + "- "
        if isinstance(item, dict) and item:
            _mapping(item, indent + INDENT, out, first=dash)
        else:
            _entry(dash.rstrip(), item, indent + INDENT, out)


def yaml_body(plain: dict[str, Any], model: type[BaseModel]) -> str:
    out: list[str] = []
    _mapping(canonical(plain, model), 0, out)
    return "\n".join(out) + "\n"


def record_text(plain: dict[str, Any], spec: KindSpec) -> str:
    """The whole file of one record of ``spec``'s kind."""
    return SCHEMA_COMMENT.format(kind=spec.name) + yaml_body(plain, spec.model)
