"""One record as a data file in the library's own layout.

The schema comment comes first (it gives VS Code its completion), then the keys in the model's
order, lists indented under their key, text that spans lines as a ``|`` block, and quotes only
where a YAML reader would otherwise take the text for something else (``term: "2510"``).
Numbers, years, true/false and dates stay bare (``year: 2023``), as editors write them.

What is written loads back to the same data: :func:`canonical` is the plain data as the writer
writes it, and reading :func:`record_text` with the library's loader gives exactly that.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import BaseModel
from yaml.nodes import ScalarNode

from ..core.schema import KindSpec
from .shapes import Shape, fields_of

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../jsonschema/{kind}.schema.json\n"


class Bare(str):
    """Text that holds a number, a year, true/false or a date: written without quotes."""


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, double quotes where quotes are needed."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _represent_text(dumper: yaml.SafeDumper, value: str) -> ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _represent_bare(dumper: yaml.SafeDumper, value: Bare) -> ScalarNode:
    text = str(value)
    tag = dumper.resolve(ScalarNode, text, (True, False))
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(Bare, _represent_bare)


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


def yaml_body(plain: dict[str, Any], model: type[BaseModel]) -> str:
    return yaml.dump(canonical(plain, model), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10**9)


def record_text(plain: dict[str, Any], spec: KindSpec) -> str:
    """The whole file of one record of ``spec``'s kind."""
    return SCHEMA_COMMENT.format(kind=spec.name) + yaml_body(plain, spec.model)
