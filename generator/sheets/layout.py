"""The sheets and columns of a kind, derived from its model and the few hints its ``KindSpec``
gives (:class:`~generator.core.schema.kind.SheetHints`).

A record is one row of the kind's sheet (题目, 阵地 …). Each scalar field is a column; a list of
scalars is one column with one value per line; a nested record's fields are columns of their own
(依据法规, 依据条款 …); a list of parts is either spread over one column per key (选项A … 选项F)
or, like a site's honours, a sheet of its own (阵地·荣誉) with one row per part, in order, keyed by
the record's id in its first column. A kind whose parts hold lists of parts again (a category's
aspects and their steps) does not fit a table and is edited in YAML.

Every heading is the field's Chinese name on its first line and its key on the second (题干 /
stem), so that the import knows each column whatever an editor does to the first line.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from ..core.schema import KINDS, KindSpec, Letters, Spread
from ..core.validate import FIELD_LABELS
from .shapes import Scalar, Shape, fields_of

PART_SEPARATOR = "·"
"""Between a kind's label and a field's in the name of a parts sheet (阵地·荣誉) and between a
nested record's label and its field's (依据·出处)."""


class NotTabular(Exception):
    """A kind whose records do not fit rows and columns; the message says why, in Chinese."""


@dataclass(frozen=True)
class Column:
    key: str
    """What the heading's second line says: the field's path (``basis.source``), ``options.A``
    for a spread column, the kind's name for the column of a parts sheet naming its record."""
    label: str
    """The heading's first line, in Chinese."""
    path: tuple[str, ...]
    """Where the value goes in the record (or in the part, on a parts sheet)."""
    shape: Shape
    spread: tuple[Spread, str] | None = None
    """For a spread column: how the list is spread, and this column's key."""
    letters: Letters | None = None
    owner: bool = False
    """The first column of a parts sheet: the id of the record the part belongs to."""

    @property
    def heading(self) -> str:
        return f"{self.label}\n{self.key}"


@dataclass(frozen=True)
class SheetLayout:
    name: str
    """The sheet's name in the workbook (题目, 阵地·荣誉)."""
    kind: KindSpec
    columns: tuple[Column, ...]
    field: str | None = None
    """``None`` for the kind's own sheet (one row per record); the list field whose parts a parts
    sheet holds (one row per part)."""

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


@dataclass(frozen=True)
class KindLayout:
    kind: KindSpec
    main: SheetLayout
    parts: tuple[SheetLayout, ...] = ()

    @property
    def sheets(self) -> tuple[SheetLayout, ...]:
        return (self.main, *self.parts)


def field_label(spec: KindSpec, key: str, name: str) -> str:
    """The Chinese name of a field: the kind's hint for this path, the kind's own word for the
    field, the word many kinds share, or the key itself when no one has named it yet."""
    own = next((word for word, target in spec.chinese_keys.items() if target == name), None)
    return own or FIELD_LABELS.get(name) or name


def _columns(spec: KindSpec, model: type[BaseModel], prefix: tuple[str, ...], label_prefix: str,
             part: str = "") -> tuple[list[Column], list[SheetLayout]]:
    """The columns of ``model``'s fields below ``prefix``, and the parts sheets of its lists of
    parts; ``part`` names the list whose parts a parts sheet holds (hints may name
    ``metrics.practice`` apart from ``practices.practice``)."""
    columns: list[Column] = []
    parts: list[SheetLayout] = []
    base = ".".join(prefix)
    in_part = bool(part)
    for name, shape in fields_of(model):
        path = prefix + (name,)
        key = f"{base}.{name}" if base else name
        hinted = spec.sheet.headers.get(f"{part}.{key}") or spec.sheet.headers.get(key)
        label = hinted or label_prefix + field_label(spec, key, name)
        if shape.record is None:
            letters = spec.sheet.letters.get(key) if not in_part else None
            columns.append(Column(key, label, path, shape, letters=letters))
        elif not shape.many:
            nested, deeper = _columns(spec, shape.record, path, label + PART_SEPARATOR, part)
            columns += nested
            parts += deeper
        elif key in spec.sheet.spread and not in_part:
            spread = spec.sheet.spread[key]
            text = dict(fields_of(shape.record))[spread.text]
            columns += [Column(f"{key}.{part_key}", spread.header.format(part_key), path, text, (spread, part_key))
                        for part_key in spread.keys]
        elif in_part or prefix:
            raise NotTabular(f"{spec.label}的“{label}”是列表中套着的列表，放不进一张表格；请直接编辑 data/{spec.folder}/ 中的 YAML 文件。")
        else:
            inner, _ = _columns(spec, shape.record, (), "", name)
            owner_key = spec.name if all(c.key != spec.name for c in inner) else f"{spec.name}.id"
            owner = Column(owner_key, f"{spec.label}编号", (), Shape(False, True, Scalar.REF, refs=(spec.name,)),
                           owner=True)
            parts.append(SheetLayout(f"{spec.label}{PART_SEPARATOR}{label}", spec, (owner, *inner), name))
    return columns, parts


def kind_layout(spec: KindSpec) -> KindLayout:
    """The sheets of one kind; :class:`NotTabular` when its records do not fit a table."""
    columns, parts = _columns(spec, spec.model, (), "")
    return KindLayout(spec, SheetLayout(spec.label, spec, tuple(columns)), tuple(parts))


def tabular_kinds() -> dict[str, KindLayout]:
    """Every kind whose records fit a table, by name, in registry order."""
    out: dict[str, KindLayout] = {}
    for spec in KINDS:
        try:
            out[spec.name] = kind_layout(spec)
        except NotTabular:
            continue
    return out


def default_kinds() -> list[str]:
    """The kinds ``hongling export`` writes when none is named."""
    return [spec.name for spec in KINDS if spec.sheet.default]
