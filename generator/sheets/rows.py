"""Records ↔ rows, both ways, by the kind's layout (:mod:`.layout`).

Reading keeps, for every path in the record (``options[2].text``, ``honours[0].year``), the cell
it came from, so that a problem the checker reports at a path is shown at its cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.schema import KindSpec
from .cells import CellError, cell_text, letters, lines, scalar_cell
from .issues import Cell, Issue
from .layout import Column, KindLayout, SheetLayout
from .read import SheetRows

Path = tuple[Any, ...]


@dataclass
class RowRecord:
    """One record read from a workbook: plain data as the loader would give it, and where each
    part of it came from."""

    kind: KindSpec
    plain: dict[str, Any]
    home: Cell
    """The cell of the record's id."""
    cells: dict[Path, Cell] = field(default_factory=dict)

    @property
    def id(self) -> str | None:
        value = self.plain.get("id")
        return value if isinstance(value, str) else None

    def cell_at(self, path: Path) -> Cell:
        """The cell of the longest part of ``path`` that came from a cell."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.cells:
                return self.cells[path[:end]]
        return self.home


def _put(plain: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for step in path[:-1]:
        plain = plain.setdefault(step, {})
    plain[path[-1]] = value


def _read(sheet: SheetRows, values: dict[str, tuple[Any, str]], number: int,
          issues: list[Issue]) -> tuple[dict[str, Any], dict[Path, Cell], str | None]:
    """One row's plain data, the cell of each path in it, and (on a parts sheet) the id of the
    record it belongs to. Spread columns gather into their list; letters are read once the field
    they depend on is known."""
    plain: dict[str, Any] = {}
    cells: dict[Path, Cell] = {}
    spread: dict[tuple[str, ...], list[dict[str, str]]] = {}
    later: list[tuple[Column, str]] = []
    owner = None
    for column in sheet.layout.columns:
        cell = sheet.cell(number, column.key)
        for end in range(1, len(column.path) + 1):
            cells.setdefault(column.path[:end], cell)
        value, data_type = values.get(column.key, (None, "n"))
        try:
            text = cell_text(value, data_type, column.shape)
        except CellError as error:
            issues.append(Issue(error.code, error.message, error.hint, cell, column.key, shown=str(value)))
            continue
        if text is None:
            continue
        if column.owner:
            owner = text
        elif column.spread is not None:
            how, key = column.spread
            parts = spread.setdefault(column.path, [])
            cells[column.path + (len(parts),)] = cell
            parts.append({how.key: key, how.text: text})
        elif column.letters is not None:
            later.append((column, text))
        else:
            _put(plain, column.path, lines(text) if column.shape.many else text)
    for column, text in later:
        assert column.letters is not None
        one_word = plain.get(column.letters.field) in column.letters.values and "\n" not in text
        _put(plain, column.path, letters(text) if one_word else lines(text))
    for path, parts in spread.items():
        _put(plain, path, parts)
    return plain, cells, owner


def read_records(layout: KindLayout, sheets: dict[str, SheetRows], issues: list[Issue]) -> list[RowRecord]:
    """Every record of one kind in a workbook: a row of the kind's sheet each, with the rows of
    its parts sheets in order."""
    main = sheets[layout.main.name]
    records: list[RowRecord] = []
    by_id: dict[str, RowRecord] = {}
    for number, values in main.rows:
        plain, cells, _ = _read(main, values, number, issues)
        record = RowRecord(layout.kind, plain, main.cell(number, layout.main.columns[0].key), cells)
        records.append(record)
        if record.id is not None:
            by_id.setdefault(record.id, record)
    for part in layout.parts:
        sheet = sheets[part.name]
        assert part.field is not None
        owner_key = part.columns[0].key
        for number, values in sheet.rows:
            plain, cells, owner_id = _read(sheet, values, number, issues)
            where = sheet.cell(number, owner_key)
            owner = by_id.get(owner_id or "")
            if owner is None:
                if owner_id is None and owner_key in values:
                    continue  # the cell was refused above
                message = (f"这一行没有写它属于哪条{layout.kind.label}。" if owner_id is None
                           else f"“{layout.main.name}”工作表里没有编号为 “{owner_id}” 的{layout.kind.label}。")
                issues.append(Issue("E-REF", message, f"第一列填写“{layout.main.name}”工作表中已有的编号；"
                                    f"只改{part.name}时，也要把对应的{layout.kind.label}行一起导入。",
                                    where, owner_key, shown=owner_id))
                continue
            items = owner.plain.setdefault(part.field, [])
            index = len(items)
            items.append(plain)
            owner.cells.setdefault((part.field,), where)
            owner.cells[(part.field, index)] = where
            owner.cells.update({(part.field, index) + path: cell for path, cell in cells.items()})
    return records


# --- the other way: a record as rows ------------------------------------------------------------


def _attr(record: Any, path: tuple[str, ...]) -> Any:
    for step in path:
        if record is None:
            return None
        record = getattr(record, step, None)
    return record


def _cell(record: Any, column: Column, whole: Any) -> Any:
    value = _attr(record, column.path)
    if column.spread is not None:
        how, key = column.spread
        part = next((p for p in value or () if getattr(p, how.key) == key), None)
        return scalar_cell(getattr(part, how.text)) if part is not None else None
    if not column.shape.many:
        return scalar_cell(value)
    if not value:
        return None
    items = [str(scalar_cell(item)) for item in value]
    letters_ = column.letters
    if letters_ is not None and getattr(whole, letters_.field, None) in letters_.values and all(len(i) == 1 for i in items):
        return "".join(items)
    return "\n".join(items)


def row_of(record: Any, sheet: SheetLayout) -> list[Any]:
    return [_cell(record, column, record) for column in sheet.columns]


def record_rows(record: Any, layout: KindLayout) -> dict[str, list[list[Any]]]:
    """The rows a record fills, by sheet name: one on the kind's sheet, one per part on each
    parts sheet (its first cell the record's id)."""
    out = {layout.main.name: [row_of(record, layout.main)]}
    for part in layout.parts:
        assert part.field is not None
        out[part.name] = [[record.id] + [_cell(item, column, record) for column in part.columns[1:]]
                          for item in getattr(record, part.field)]
    return out
