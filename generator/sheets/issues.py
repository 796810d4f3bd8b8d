"""Problems found in a workbook, at their sheet and cell, printed like the checker's problems:

    题库.xlsx 题目!K7: 错误 E-ANSWER-KEY 字段 answer：答案 “E” 不是本题的选项字母（本题选项：A、B、C、D）。
      单元格内容：E
      提示：答案只能写本题已有选项的字母：A、B、C、D。

The codes are the checker's (:data:`generator.core.problems.CODES`), with a few of the workbook's
own (E-XLSX, E-SHEET, E-HEADER, E-MERGED, E-FORMULA, E-CELL, E-ROWS).
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter


@dataclass(frozen=True, order=True)
class Cell:
    sheet_index: int
    """The sheet's position in the workbook, so that problems sort in the workbook's order."""
    row: int
    column: int
    sheet: str

    def __str__(self) -> str:
        return f"{self.sheet}!{get_column_letter(self.column)}{self.row}"


@dataclass(frozen=True)
class Issue:
    """One thing wrong in a workbook; ``cell`` is ``None`` when it concerns the whole file."""

    code: str
    message: str
    hint: str = ""
    cell: Cell | None = None
    field: str = ""
    shown: str | None = None
    """What the cell holds, quoted under the message."""
    also: tuple[str, ...] = ()
    """Other places involved (the first of two rows with the same id)."""

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E-")

    def sort_key(self) -> tuple[int, int, int, str]:
        cell = self.cell
        return (cell.sheet_index, cell.row, cell.column, self.code) if cell else (-1, 0, 0, self.code)


def format_issue(book: str, issue: Issue) -> str:
    where = f"{book} {issue.cell}" if issue.cell else book
    head = f"{where}: {'错误' if issue.is_error else '警告'} {issue.code}"
    if issue.field:
        head += f" 字段 {issue.field}"
    out = [f"{head}：{issue.message}"]
    if issue.shown is not None:
        shown = issue.shown if len(issue.shown) <= 60 else issue.shown[:60] + "……"
        out.append("  单元格内容：" + shown.replace("\n", "⏎"))
    out += [f"  另见：{book} {other}" for other in issue.also]
    if issue.hint:
        out.append(f"  提示：{issue.hint}")
    return "\n".join(out)

