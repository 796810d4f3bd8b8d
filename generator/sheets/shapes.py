"""What a model's field holds, read from its annotation: one value or a list, a scalar of which
kind or a nested record, its choices and the kinds it references.

The column layout (:mod:`.layout`), the cells (:mod:`.cells`) and the YAML writer
(:mod:`.yamlwrite`) all ask this module, so that a field added to a model is laid out, read and
written without anything else to change.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..core.schema import RefTo
from ..core.schema import fields as kinds


class Scalar(enum.Enum):
    """The kinds of scalar a cell can hold, as far as reading and writing them differs."""

    LINE = "line"
    """One line of text."""
    TEXT = "text"
    """Text that may span lines (plain text or Markdown)."""
    ID = "id"
    """A record's id."""
    REF = "ref"
    """The id of another record."""
    CHOICE = "choice"
    """One of a closed list of words."""
    INTEGER = "integer"
    """A whole number (a year, a position)."""
    NUMBER = "number"
    """A decimal number."""
    BOOL = "bool"
    """true or false."""
    DATE = "date"
    """A date as precise as known: 2023, 2023-10 or 2023-10-07."""

    @property
    def bare(self) -> bool:
        """Written unquoted in YAML even where a YAML 1.1 reader would take it for a number,
        because a number (or true/false, or a date) is what the field holds."""
        return self in (Scalar.INTEGER, Scalar.NUMBER, Scalar.BOOL, Scalar.DATE)

    @property
    def textual(self) -> bool:
        """Words rather than numbers: an Excel number in such a cell lost its form (010 → 10)."""
        return self in (Scalar.ID, Scalar.REF)


def _marker(annotated: Any) -> int:
    """The identity of the validator that makes a shared field kind (``Line``, ``Slug`` …)."""
    return id(typing.get_args(annotated)[1])


MARKERS = {
    _marker(kinds.Line): Scalar.LINE,
    _marker(kinds.Slug): Scalar.ID,
    _marker(kinds.PartialDate): Scalar.DATE,
    _marker(kinds.PartialDateOrNotGiven): Scalar.DATE,
}
MARKDOWN = _marker(kinds.Markdown)


@dataclass(frozen=True)
class Shape:
    """What one field holds."""

    many: bool
    """A list (of scalars or of records)."""
    required: bool
    scalar: Scalar | None = None
    """``None`` when the field holds records (:attr:`record`)."""
    record: type[BaseModel] | None = None
    choices: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    """Kinds a reference may name."""
    markdown: bool = False
    words: tuple[str, ...] = ()
    """Words a number or date field also takes (不详 for a year the source does not give)."""


@dataclass(frozen=True)
class AlsoWords:
    """Collected while unwrapping ``int | Literal["不详"]``: the words besides the number."""

    words: tuple[str, ...]


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, bool]:
    """The item type below Optional, Annotated and tuple, collecting metadata on the way, and
    whether the field was a list."""
    many = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            metadata.extend(args[1:])
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            kept = [a for a in typing.get_args(annotation) if a is not type(None)]
            words = [a for a in kept if typing.get_origin(a) is Literal]
            if words and len(kept) - len(words) == 1:
                metadata.append(AlsoWords(tuple(str(w) for a in words for w in typing.get_args(a))))
                kept = [a for a in kept if a not in words]
            if len(kept) != 1:
                raise TypeError(f"a field of several types cannot be laid out: {annotation}")
            annotation = kept[0]
        elif origin in (tuple, list):
            many = True
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, many


def shape_of(info: FieldInfo) -> Shape:
    metadata: list[Any] = list(info.metadata)
    item, many = _unwrap(info.annotation, metadata)
    required = info.is_required()
    if isinstance(item, type) and issubclass(item, BaseModel):
        return Shape(many, required, record=item)
    markers = {id(m) for m in metadata}
    words = next((m.words for m in metadata if isinstance(m, AlsoWords)), ())
    refs = next((m.kinds for m in metadata if isinstance(m, RefTo)), ())
    if typing.get_origin(item) is Literal:
        return Shape(many, required, Scalar.CHOICE, choices=tuple(str(c) for c in typing.get_args(item)))
    if refs:
        return Shape(many, required, Scalar.REF, refs=tuple(refs))
    for marker, scalar in MARKERS.items():
        if marker in markers:
            if marker == _marker(kinds.PartialDateOrNotGiven):
                words = (kinds.NOT_GIVEN,)
            return Shape(many, required, scalar, words=words)
    if item is bool:
        return Shape(many, required, Scalar.BOOL)
    if item is int:
        return Shape(many, required, Scalar.INTEGER, words=words)
    if item is Decimal:
        return Shape(many, required, Scalar.NUMBER)
    return Shape(many, required, Scalar.TEXT, markdown=MARKDOWN in markers)


@functools.cache
def fields_of(model: type[BaseModel]) -> tuple[tuple[str, Shape], ...]:
    """Every field of ``model`` in the model's order, with its shape (read once per model)."""
    return tuple((name, shape_of(info)) for name, info in model.model_fields.items())
