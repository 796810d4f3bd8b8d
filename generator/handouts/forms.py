"""Blank 文书模板 (``form`` records) laid out as blocks for the Word writer, in the official layout
of :mod:`generator.handouts.word`: the title, then each part of the template in order — numbered
headings, fixed text, the addressee flush left, grids of labelled blanks, tables with blank rows,
signature lines set right. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.schema.form import BlankTable, FormTemplate, docx_path
from ..site.resolver import Resolver
from .blocks import Blanks, Block, Heading, Para, Table, heading_number


@dataclass(frozen=True)
class BlankForm:
    """One template's Word document: what the documents stage writes and where."""

    id: str
    title: str
    landscape: bool
    blocks: tuple[Block, ...]

    @property
    def docx(self) -> str:
        return docx_path(self.id)


def column_weight(table: BlankTable, index: int) -> int:
    """A column's share of the width: narrow for 序号, as wide as the pre-printed items for their
    column, otherwise as wide as its heading (within bounds that leave room to write)."""
    if index == 0 and table.numbered:
        return 3
    if table.items and index == int(table.numbered):
        return min(max(len(item) for item in table.items), 24)
    return min(max(len(table.columns[index]), 4), 10)


def form_blocks(form: FormTemplate) -> tuple[Block, ...]:
    """The template's parts as blocks, top to bottom."""
    blocks: list[Block] = []
    headings = 0
    for part in form.parts:
        if part.heading:
            headings += 1
            blocks.append(Heading(1, part.heading, heading_number(1, headings)))
        elif part.text:
            blocks.extend(Para(line.strip()) for line in part.text.split("\n") if line.strip())
        elif part.to:
            blocks.append(Para(part.to, align="flush"))
        elif part.fields:
            blocks.append(Blanks(tuple((b.label, b.text or "", b.lines) for b in part.fields)))
        elif part.table:
            table = part.table
            count = len(table.items) or table.rows
            rows = []
            for index in range(count):
                first = [str(index + 1)] if table.numbered else []
                item = [table.items[index]] if table.items else []
                rows.append(tuple(first + item + [""] * (len(table.columns) - len(first) - len(item))))
            widths = tuple(column_weight(table, index) for index in range(len(table.columns)))
            blocks.append(Table(tuple(table.columns), tuple(rows), writing_space=True, widths=widths))
        elif part.sign:
            blocks.extend(Para(line, align="right") for line in part.sign)
    return tuple(blocks)


def blank_forms(site: Resolver) -> list[BlankForm]:
    """Every template on the site, as the documents stage writes it."""
    return [BlankForm(e.id, e.record.title, e.record.landscape, form_blocks(e.record)) for e in site.entries("form")]
