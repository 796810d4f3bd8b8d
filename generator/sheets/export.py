"""Write records to a workbook editors open in Excel, WPS or LibreOffice: one sheet per kind (and
per list of parts), Chinese headings with the field key beneath, a note on each heading saying
what to write, drop-down lists for choices and references, the heading row and id column frozen,
columns sized to read. A template is the same workbook with one example row instead of the data.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..core.kb import KnowledgeBase
from ..core.problems import display_width
from ..core.schema import BY_NAME, kind_label
from .layout import Column, KindLayout, SheetLayout, default_kinds, kind_layout
from .read import GUIDE_SHEET, LISTS_SHEET, MAX_ROWS, NOTE_MARK
from .rows import record_rows
from .shapes import Scalar

HEADING_FILL = PatternFill("solid", fgColor="F4DCDA")
HEADING_FONT = Font(bold=True, color="7A1712")
EXAMPLE_FONT = Font(italic=True, color="808080")
TOP = Alignment(vertical="top")
WRAPPED = Alignment(vertical="top", wrap_text=True)
WIDTHS = {"narrow": (8, 40), "wide": (24, 60)}
"""Column widths (in Excel's character units) for one-line and for wrapped columns."""
SAMPLE_ROWS = 300
"""Rows measured when sizing a column."""
LINE_HEIGHT = 15
"""Points per line of text at the default font size."""
MAX_LINES = 8
"""A row grows to show this many lines at most; longer texts scroll inside their cell."""


@dataclass(frozen=True)
class ChoiceList:
    """A drop-down list on the lists sheet: its values (and, for ids, the records' names)."""

    heading: str
    values: tuple[str, ...]
    names: tuple[str, ...] = ()
    closed: bool = True
    """A value outside the list is refused (choices); ids may name records the workbook adds."""


def choice_list(column: Column, kb: KnowledgeBase) -> ChoiceList | None:
    shape = column.shape
    if shape.scalar is Scalar.CHOICE:
        return ChoiceList(f"{column.label}（可选值）", shape.choices)
    if shape.scalar is Scalar.BOOL:
        return ChoiceList(f"{column.label}（可选值）", ("true", "false"))
    if shape.scalar is Scalar.REF:
        entries = [entry for kind in shape.refs for entry in kb.of_kind(kind)]
        label = "或".join(kind_label(kind) for kind in shape.refs)
        return ChoiceList(f"{label}编号", tuple(e.id for e in entries), tuple(e.title for e in entries), closed=False)
    return None


def describe(column: Column, sheet: SheetLayout) -> str:
    """The note on a heading: what to write in the column."""
    shape = column.shape
    if column.owner:
        return f"必填。这一行属于哪条{sheet.kind.label}：填写“{sheet.kind.label}”工作表中的编号。同一条的几行按顺序排列。"
    said = ["必填。" if shape.required and column.spread is None else "可不填。"]
    if column.spread is not None:
        said.append("按顺序从第一列填起，用不到的列留空。")
    kinds = {
        Scalar.LINE: "" if shape.many else "一行文字，不换行。",
        Scalar.TEXT: "文字，可以换行（Alt+Enter）。" + ("可用 Markdown 标记（**加粗**、- 列表）。" if shape.markdown else ""),
        Scalar.ID: "编号：小写拼音、数字和连字符（如 changqing-hongse-ningjuli），全库唯一，也是文件名；已发布的不要再改。",
        Scalar.REF: "填写" + "或".join(kind_label(k) for k in shape.refs) + f"的编号，见“{LISTS_SHEET}”工作表。",
        Scalar.CHOICE: "从下拉列表中选：" + "、".join(shape.choices) + "。",
        Scalar.INTEGER: "整数（年份写四位数字，如 2023）。",
        Scalar.NUMBER: "数字，只写数字本身（200余名写 200，限定词和单位另填）。",
        Scalar.BOOL: "true（是）或 false（否）。",
        Scalar.DATE: "日期：2023-10-07、2023-10 或 2023，保持文本格式。",
    }
    assert shape.scalar is not None
    said.append(kinds[shape.scalar])
    if shape.words:
        said.append("来源没有给出时写“" + "”或“".join(shape.words) + "”。")
    if column.letters is not None:
        field = sheet.column(column.letters.field)
        when = f"{field.label if field else column.letters.field}为{'、'.join(column.letters.values)}时"
        said.append(f"{when}把选项字母连着写（如 AC）；其他情况每行写一项。")
    elif shape.many:
        said.append("可以填多项，每行一项（单元格内换行：Alt+Enter）。")
    return "".join(said)


def _width(column: Column, values: Sequence[Any]) -> tuple[float, bool]:
    wrapped = column.shape.many or column.shape.scalar is Scalar.TEXT
    low, high = WIDTHS["wide" if column.shape.scalar is Scalar.TEXT else "narrow"]
    widest = max([display_width(column.label), len(column.key)]
                 + [display_width(line) for value in values if value is not None for line in str(value).split("\n")])
    return max(low, min(high, widest + 2)), wrapped


def _lines(row: Sequence[Any], sizes: Sequence[tuple[float, bool]]) -> int:
    """How many lines the row needs to show its wrapped cells (Excel and LibreOffice do not size
    rows of a generated file by themselves)."""
    most = 1
    for value, (width, wrapped) in zip(row, sizes, strict=True):
        if value is None or not wrapped:
            continue
        per_line = max(width - 1, 1)
        most = max(most, sum(-(-max(display_width(line), 1) // int(per_line)) for line in str(value).split("\n")))
    return min(most, MAX_LINES)


NUMBER_FORMATS: dict[Scalar | None, str] = {Scalar.INTEGER: "0", Scalar.NUMBER: "General"}
"""Whole numbers without a thousands separator (2023, not 2,023); everything else is text ("@"),
so that what editors type stays as typed (010, 2023-10)."""


def _number_format(column: Column) -> str:
    return NUMBER_FORMATS.get(column.shape.scalar, "@")


class Lists:
    """The lists sheet: each drop-down list once, two columns each (value, name)."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.ranges: dict[ChoiceList, str] = {}

    def range_of(self, found: ChoiceList) -> str:
        if found not in self.ranges:
            column = 2 * len(self.ranges) + 1
            self.sheet.cell(1, column, found.heading)
            self.sheet.cell(1, column + 1, "名称" if found.names else None)
            for offset, value in enumerate(found.values):
                self.sheet.cell(offset + 2, column, value).number_format = "@"
                if found.names:
                    self.sheet.cell(offset + 2, column + 1, found.names[offset])
            for col in (column, column + 1):
                self.sheet.cell(1, col).font = HEADING_FONT
                self.sheet.cell(1, col).fill = HEADING_FILL
            letter = get_column_letter(column)
            self.sheet.column_dimensions[letter].width = max([12] + [len(v) + 2 for v in found.values])
            self.sheet.column_dimensions[get_column_letter(column + 1)].width = 40 if found.names else 4
            self.ranges[found] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(found.values) + 1}"
        return self.ranges[found]


def _fill_sheet(sheet: Worksheet, layout: SheetLayout, rows: list[list[Any]], example: bool,
                kb: KnowledgeBase, lists: Lists) -> None:
    for number, column in enumerate(layout.columns, start=1):
        cell = sheet.cell(1, number, column.heading)
        cell.font, cell.fill = HEADING_FONT, HEADING_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.comment = Comment(describe(column, layout), "红领")
        cell.comment.width, cell.comment.height = 300, 160
    sheet.row_dimensions[1].height = 32
    for row_number, row in enumerate(rows, start=2):
        for number, value in enumerate(row, start=1):
            if value is None:
                continue
            if example and number == 1:
                value = f"{NOTE_MARK}示例 {value}"
            cell = sheet.cell(row_number, number, value)
            cell.number_format = _number_format(layout.columns[number - 1])
            if example:
                cell.font = EXAMPLE_FONT
    last_row = MAX_ROWS + 1
    sizes = [_width(column, [row[number] for row in rows[:SAMPLE_ROWS]]) for number, column in enumerate(layout.columns)]
    for row_number, row in enumerate(rows, start=2):
        sheet.row_dimensions[row_number].height = LINE_HEIGHT * _lines(row, sizes)
    for number, column in enumerate(layout.columns, start=1):
        letter = get_column_letter(number)
        width, wrapped = sizes[number - 1]
        dimension = sheet.column_dimensions[letter]
        dimension.width = width
        dimension.number_format = _number_format(column)
        dimension.alignment = WRAPPED if wrapped else TOP
        for row_number in range(2, len(rows) + 2):
            sheet.cell(row_number, number).alignment = WRAPPED if wrapped else TOP
        found = choice_list(column, kb) if not column.shape.many else None
        if found is not None and found.values:
            check = DataValidation(type="list", formula1=lists.range_of(found), allow_blank=True,
                                   showErrorMessage=True, errorStyle="stop" if found.closed else "warning",
                                   errorTitle="不在列表中",
                                   error=("请从下拉列表中选择。" if found.closed
                                          else f"这个编号不在“{LISTS_SHEET}”中；是本工作簿新加的记录的编号，就选“是”继续。"))
            check.add(f"{letter}2:{letter}{last_row}")
            sheet.add_data_validation(check)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(layout.columns))}{max(len(rows) + 1, 2)}"


def _guide(sheet: Worksheet, layouts: Sequence[KindLayout], counts: dict[str, int], template: bool) -> None:
    lines = [
        "红领 · 数据工作簿（用 Excel、WPS 表格或 LibreOffice 编辑，改好后用 hongling import 导入）",
        "",
        "每张工作表是一类记录，每行一条记录；列表类的内容（如阵地的荣誉）在以“·”命名的工作表里，每行一项，第一列写它所属记录的编号。",
        "列标题有两行：第一行是中文名称，第二行是字段名（如 stem）。字段名不要改动；列可以调换顺序，但不要删除。",
        "把鼠标停在列标题上，可以看到这一列填什么、是否必填。有下拉箭头的列从列表中选；编号对应的名称见“编号表”。",
        "一格填多项时每行一项（单元格内换行：Alt+Enter；WPS、LibreOffice 相同）。",
        "编号是记录的文件名：表中已有编号的行更新那条记录；新编号新建记录；表中没有的记录保持不动（导入时加 --delete-missing 才会删除）。",
        "不要合并单元格，不要用公式；编号和日期保持“文本”格式（否则 010 会变成 10，2023-10 会变成日期）。",
        f"第一格以 {NOTE_MARK} 开头的行是说明或示例，导入时跳过。",
        "导入：hongling import 文件.xlsx 。有任何错误都不会写入任何文件，每个错误都指明工作表和单元格（如 题目!K7）和改法。",
    ]
    for layout in layouts:
        spread = [c for c in layout.main.columns if c.spread is not None]
        if spread:
            lines.append(f"{layout.kind.label}的{spread[0].label}—{spread[-1].label}：{describe(spread[0], layout.main)}")
        lines += [f"{layout.kind.label}的{c.label}：{describe(c, layout.main)}" for c in layout.main.columns if c.letters]
    lines += ["", "工作表" + ("（模板：只有一行示例）" if template else "") + "："]
    for layout in layouts:
        for part in layout.sheets:
            what = f"{layout.kind.label}的{part.name.split('·')[-1]}，每行一项" if part.field else f"{layout.kind.label}，每行一条"
            count = "" if template else f"，共 {counts.get(part.name, 0)} 行"
            lines.append(f"  {part.name}：{what}{count}")
    for number, text in enumerate(lines, start=1):
        sheet.cell(number, 1, text).alignment = Alignment(wrap_text=False)
    sheet.cell(1, 1).font = Font(bold=True, size=13, color="7A1712")
    sheet.column_dimensions["A"].width = 120


def _examples(layout: KindLayout, kb: KnowledgeBase) -> dict[str, list[list[Any]]]:
    """One example row for each sheet of a template, all from one record: the first that has
    parts for every parts sheet, else the first."""
    entries = kb.of_kind(layout.kind.name)
    full = next((e for e in entries if all(getattr(e.record, p.field or "") for p in layout.parts)), None)
    chosen = full or (entries[0] if entries else None)
    if chosen is None:
        return {sheet.name: [] for sheet in layout.sheets}
    return {name: rows[:1] for name, rows in record_rows(chosen.record, layout).items()}


def build(layouts: Sequence[KindLayout], kb: KnowledgeBase, template: bool = False) -> Workbook:
    """The workbook of the records of ``layouts``' kinds in ``kb`` (only an example each with
    ``template``)."""
    book = Workbook()
    guide = book.active
    assert guide is not None
    guide.title = GUIDE_SHEET
    lists_sheet = book.create_sheet(LISTS_SHEET)
    lists = Lists(lists_sheet)
    counts: dict[str, int] = {}
    for layout in layouts:
        rows: dict[str, list[list[Any]]] = {sheet.name: [] for sheet in layout.sheets}
        if template:
            rows = _examples(layout, kb)
        else:
            for entry in kb.of_kind(layout.kind.name):
                for name, filled in record_rows(entry.record, layout).items():
                    rows[name] += filled
        for part in layout.sheets:
            sheet = book.create_sheet(part.name, len(book.worksheets) - 1)
            counts[part.name] = len(rows[part.name])
            _fill_sheet(sheet, part, rows[part.name], template, kb, lists)
    lists_sheet.freeze_panes = "A2"
    _guide(guide, layouts, counts, template)
    book.active = 1
    return book


CORE_MODIFIED_RE = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def workbook_bytes(book: Workbook, date: datetime | None = None) -> bytes:
    """The workbook as an .xlsx file; with ``date``, the same bytes for the same content (every
    part and the document's dates stamped with it), as the site's downloads must be."""
    out = io.BytesIO()
    if date is not None:
        book.properties.created = date.replace(tzinfo=None)
    book.save(out)
    if date is None:
        return out.getvalue()
    stamp = date.timetuple()[:6]
    stamped = io.BytesIO()
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(stamped, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = CORE_MODIFIED_RE.sub(rb"\g<1>" + date.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return stamped.getvalue()


ZIP_EPOCH = 315532800
"""1980-01-01, the zip format's first day: the date of the download when the build has none."""

TEMPLATE_DOWNLOAD = "downloads/hongling-template.xlsx"
"""Where the site offers the template of the kinds exported by default (the editing guide links it)."""


def template_download(kb: KnowledgeBase, epoch: int | None) -> dict[str, bytes]:
    """The site's template workbook, dated ``epoch`` like the other documents of a build."""
    date = datetime.fromtimestamp(max(epoch if epoch is not None else ZIP_EPOCH, ZIP_EPOCH), tz=UTC)
    layouts = [kind_layout(BY_NAME[name]) for name in default_kinds()]
    return {TEMPLATE_DOWNLOAD: workbook_bytes(build(layouts, kb, template=True), date)}
