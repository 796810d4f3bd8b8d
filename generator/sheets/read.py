"""Open a workbook an editor hands in and find its rows: which sheet is which kind, which column
which field, and everything about the file itself that would make the rows untrustworthy.

What is refused here, each with its sheet and cell: a file that is not an .xlsx workbook (an
.xls, a WPS .et, an .ods, a CSV or web page renamed), a sheet whose name is no kind's, a heading
that is missing, renamed beyond recognition or twice there, merged cells, and a sheet with more
rows than any real list has (:data:`MAX_ROWS`). Rows whose first cell starts with ``#`` are notes
and examples; empty rows are skipped.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from .issues import Cell, Issue
from .layout import SheetLayout, tabular_kinds

MAX_ROWS = 10_000
"""Rows of one sheet at most: a county's roll of sites or a question bank has hundreds; tens of
thousands are pasted by mistake or formatted down to the sheet's end."""

MAX_COLUMNS = 200
"""Columns at most: the widest sheet has a few dozen; more means a stray value far to the right."""

LISTS_SHEET = "编号表"
"""The exported sheet listing the ids and choices the drop-down lists offer; not imported."""

GUIDE_SHEET = "说明"
"""The exported sheet that explains the workbook; not imported."""

NOTE_MARK = "#"
"""A row whose first cell starts with it is a note or an example, not a record."""

KEY_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")

RESAVE = "在 Excel 或 WPS 表格中打开它，“文件 → 另存为”，文件类型选“Excel 工作簿（*.xlsx）”，再导入另存的文件。"


@dataclass
class SheetRows:
    layout: SheetLayout
    index: int
    """The sheet's position in the workbook."""
    rows: list[tuple[int, dict[str, tuple[Any, str]]]] = field(default_factory=list)
    """(row number, column key → (value, Excel data type)) of every row that holds a record."""
    columns: dict[str, int] = field(default_factory=dict)
    """Column key → column number."""

    def cell(self, row: int, key: str) -> Cell:
        return Cell(self.index, row, self.columns[key], self.layout.name)


@dataclass
class Book:
    sheets: list[SheetRows] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def _not_a_workbook(message: str, hint: str = RESAVE) -> Book:
    return Book(issues=[Issue("E-XLSX", message, hint)])


def sniff(data: bytes) -> Book | None:
    """What the file is when it is not an .xlsx workbook (a :class:`Book` with the problem)."""
    if not data:
        return _not_a_workbook("文件是空的（0 字节）。", "重新导出或重新保存工作簿。")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _not_a_workbook("这是旧版 Excel（.xls）或 WPS（.et）格式的文件，或者设置了打开密码，不是 .xlsx 工作簿。",
                               RESAVE + "设置了密码的，先取消密码。")
    if not data.startswith(b"PK"):
        head = data[:4096].lstrip(b"\xef\xbb\xbf").lower()
        if b"<html" in head or b"<table" in head or b"<?xml" in head:
            return _not_a_workbook("这是网页（HTML）或 XML 文件，只是扩展名像工作簿。")
        for encoding in ("utf-8", "gb18030"):
            try:
                head.decode(encoding)
            except UnicodeDecodeError:
                continue
            return _not_a_workbook("这是文本文件（多半是改了扩展名的 CSV），不是 .xlsx 工作簿。")
        return _not_a_workbook("文件不是 .xlsx 工作簿。")
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return _not_a_workbook("文件已损坏（压缩包不完整），打不开。", "重新导出或重新保存工作簿；通过邮件或聊天软件传送的，重新下载一次。")
    if "xl/workbook.xml" in names:
        return None
    if "content.xml" in names:
        return _not_a_workbook("这是 OpenDocument 表格（.ods，LibreOffice 或 WPS 的格式），不是 .xlsx 工作簿。")
    if "word/document.xml" in names:
        return _not_a_workbook("这是 Word 文档，不是 Excel 工作簿。", "导入的应当是 hongling export 导出的 .xlsx 工作簿。")
    return _not_a_workbook("文件是压缩包，但不是 .xlsx 工作簿。")


def too_long(data: bytes) -> list[Issue]:
    """Sheets with more than :data:`MAX_ROWS` records, found by streaming before the workbook is
    read whole (a sheet of 50,000 rows and 15 columns took 28 s and 393 MB that way): the cell
    of the first record beyond the limit. Rows with formatting alone do not count."""
    found: list[Issue] = []
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        for index, sheet in enumerate(book.worksheets):
            if (sheet.max_row or MAX_ROWS + 2) <= MAX_ROWS + 1:
                continue
            count = 0
            for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
                if any(v is not None and str(v).strip() for v in values):
                    count += 1
                    if count > MAX_ROWS:
                        found.append(Issue(
                            "E-ROWS", f"工作表 “{sheet.title}” 的记录超过 {MAX_ROWS:,} 行，这一行是第 {MAX_ROWS + 1:,} 条。",
                            "一个工作表最多导入一万行：多出来的多半是误粘贴的内容，或是一直拖到表格底部的格式；"
                            "确实有这么多记录的，请分成几个工作簿导入。", Cell(index, number, 1, sheet.title)))
                        break
    finally:
        book.close()
    return found


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _headings(sheet: Worksheet, rows: SheetRows, issues: list[Issue]) -> None:
    layout = rows.layout
    by_key = {c.key: c for c in layout.columns}
    by_label = {c.label: c for c in layout.columns}
    filled = {cell.column for row in sheet.iter_rows(min_row=2) for cell in row
              if cell.value is not None and _text(cell.value)}
    for cell in sheet[1]:
        text = _text(cell.value)
        where = Cell(rows.index, 1, cell.column, layout.name)
        if not text:
            if cell.column in filled:
                issues.append(Issue("E-HEADER", "这一列有内容，但第一行没有列标题。", "补上列标题，或者删除这一列。", where))
            continue
        keys = [k for k in KEY_RE.findall(text) if k in by_key]
        column = by_key[keys[-1]] if keys else by_label.get(text.split("\n")[0].strip())
        if column is None:
            issues.append(Issue("E-HEADER", f"列标题 “{text.replace(chr(10), ' ')}” 无法识别。",
                                "列标题的第一行是中文名称，第二行是字段名（如 stem），第二行不要改动；"
                                "本表的列：" + "、".join(c.label for c in layout.columns) + "。自己加的备注列请删除。",
                                where, shown=text))
        elif column.key in rows.columns:
            first = Cell(rows.index, 1, rows.columns[column.key], layout.name)
            issues.append(Issue("E-HEADER", f"列 “{column.label}” 出现了两次。", "删除多余的一列。", where,
                                also=(str(first),)))
        else:
            rows.columns[column.key] = cell.column
    missing = [c for c in layout.columns if c.key not in rows.columns]
    if missing:
        after = Cell(rows.index, 1, sheet.max_column + 1, layout.name)
        shown = "、".join(f"{c.label}（{c.key}）" for c in missing)
        issues.append(Issue("E-HEADER", f"缺少列：{shown}。",
                            "从导出的工作簿或模板中把这些列（连同两行列标题）复制回来；没有内容的列也要保留。", after))


def _rows(sheet: Worksheet, rows: SheetRows) -> None:
    first = rows.columns[rows.layout.columns[0].key]
    for number, cells in enumerate(sheet.iter_rows(min_row=2), start=2):
        by_column = {cell.column: cell for cell in cells}
        values = {key: (by_column[col].value, by_column[col].data_type) for key, col in rows.columns.items()
                  if col in by_column and by_column[col].value is not None}
        if not any(_text(value) for value, _ in values.values()):
            continue
        if _text(by_column[first].value if first in by_column else None).startswith(NOTE_MARK):
            continue
        rows.rows.append((number, values))


def read_book(path: Path) -> Book:
    """Every sheet of the workbook at ``path`` that holds records, or the problems that stop it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return _not_a_workbook(f"无法读取文件：{error.strerror or error}。", "检查文件名和路径；文件正在 Excel 中打开的，先关闭它。")
    refused = sniff(data)
    if refused is not None:
        return refused
    layouts = {sheet.name: sheet for kind in tabular_kinds().values() for sheet in kind.sheets}
    try:
        issues = too_long(data)
        if issues:
            return Book(issues=issues)
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as error:  # openpyxl raises many kinds of error for a damaged package
        return _not_a_workbook(f"工作簿打不开（{type(error).__name__}）。", "在 Excel 或 WPS 中打开并重新保存为 .xlsx 后再导入。")
    book = Book()
    for index, sheet in enumerate(workbook.worksheets):
        title = sheet.title
        layout = layouts.get(title) or layouts.get(title.strip())
        if title in (LISTS_SHEET, GUIDE_SHEET):
            continue
        if layout is None:
            if sheet.max_row > 1 or _text(sheet.cell(1, 1).value):
                book.issues.append(Issue(
                    "E-SHEET", f"工作表 “{title}” 无法识别。",
                    "工作表名称应为：" + "、".join(layouts) + f"（“{GUIDE_SHEET}”“{LISTS_SHEET}”不导入）；"
                    "其他工作表请删除或移到另一个工作簿。", Cell(index, 1, 1, title)))
            continue
        rows = SheetRows(layout, index)
        if sheet.max_column > MAX_COLUMNS:
            book.issues.append(Issue("E-HEADER", f"工作表 “{title}” 有 {sheet.max_column} 列，远远超过应有的列数。",
                                     "多半是远处的单元格误填了内容：删除最后一个列标题之后的所有列。",
                                     Cell(index, 1, sheet.max_column, title)))
            continue
        merged = sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col))
        for span in merged:
            book.issues.append(Issue("E-MERGED", f"单元格 {span.coord} 合并在了一起。",
                                     "取消合并（“开始 → 合并居中 → 取消合并单元格”），每一行的每一格分别填写。",
                                     Cell(index, span.min_row, span.min_col, title)))
        before = len(book.issues)
        _headings(sheet, rows, book.issues)
        if merged or len(book.issues) > before:
            continue
        _rows(sheet, rows)
        book.sheets.append(rows)
    workbook.close()
    if not book.sheets and not book.issues:
        book.issues.append(Issue("E-SHEET", "工作簿里没有可以导入的工作表。",
                                 "工作表名称应为：" + "、".join(layouts) + "；用 hongling export 导出一份作为起点。"))
    return book
