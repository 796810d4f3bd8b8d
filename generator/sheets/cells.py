"""One cell's value as the text the schema reads, and one field's value as a cell.

Excel and WPS change what editors type: ``2023`` in a year column arrives as the number 2023.0,
``010`` in a General cell as 10, ``2023-10`` as the first of October. A number is taken as text
where nothing was lost (a year, a count); where something may have been lost (an id, a date) the
cell is refused with the fix, never guessed at. Formulas are refused with the cell named, since
a cached value may be stale or missing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from .shapes import Scalar, Shape

EXACT_DIGITS = 15
"""Excel keeps 15 significant digits; a longer number (an ID-card number typed into a cell) has
already lost its last digits."""

TEXT_FORMAT_HINT = "把这一列设为“文本”格式后重新输入（或在内容前加一个英文单引号 '）。"


class CellError(Exception):
    """A cell whose value cannot be read as what its column holds."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def _number_text(value: int | float, shape: Shape) -> str:
    if shape.scalar is not None and shape.scalar.textual:
        shown = int(value) if float(value).is_integer() else value
        raise CellError("E-CELL", f"编号被 Excel 当成了数字 {shown}：开头的 0 可能已经丢失（010 会变成 10）。",
                        TEXT_FORMAT_HINT)
    if abs(value) >= 10 ** EXACT_DIGITS:
        raise CellError("E-CELL", f"数字 {value:.0f} 超过 {EXACT_DIGITS} 位，Excel 已经改掉了最后几位。",
                        "长数字（如编号、文号）要当作文字输入：" + TEXT_FORMAT_HINT)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 2023.0, shown as 2,023.0 by a number format, is the year 2023
    return repr(value) if isinstance(value, float) else str(value)


def _date_text(value: datetime.date | datetime.time | datetime.timedelta) -> str:
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, datetime.date | datetime.time) else str(value)


def cell_text(value: Any, data_type: str, shape: Shape) -> str | None:
    """The text in a cell, edges trimmed (spaces, full-width spaces, line breaks), or ``None`` when
    it is empty; :class:`CellError` for what cannot be read safely."""
    if value is None:
        return None
    if data_type == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        formula = getattr(value, "text", value)
        raise CellError("E-FORMULA", f"这一格是公式 {formula}，导入只读取填写的内容，不计算公式。",
                        "选中这些单元格，复制后用“选择性粘贴 → 数值”粘贴回原处，再导入。")
    if data_type == "e":
        raise CellError("E-CELL", f"这一格是 Excel 的错误值 {value}。", "改成要填写的内容，或清空这一格。")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number_text(value, shape)
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        shown = _date_text(value)
        if shape.scalar is Scalar.DATE:
            hint = f"日期要当作文字输入：{TEXT_FORMAT_HINT}写成 2023-10-07、2023-10 或 2023。"
        else:
            hint = TEXT_FORMAT_HINT
        raise CellError("E-CELL", f"Excel 把这一格变成了日期 {shown}（原来写的可能是 2023-10 或别的内容）。", hint)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def lines(text: str) -> list[str]:
    """The values of a cell that holds one value per line, empty lines dropped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


LETTER_SEPARATORS = set("、，,;；/ 　")


def letters(text: str) -> list[str]:
    """The letters of a one-word answer (AC, A、C, A C), each an item."""
    return [ch for ch in text if ch not in LETTER_SEPARATORS and not ch.isspace()]


# --- the other way: a field's value as a cell ---------------------------------------------------


def scalar_cell(value: Any) -> str | int | float | None:
    """A field's value as Excel should hold it: whole numbers as numbers, the rest as text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and abs(value) < 10 ** EXACT_DIGITS:
            return int(value)
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else str(value)
    return str(value)
