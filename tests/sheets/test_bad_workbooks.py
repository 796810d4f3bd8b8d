"""Bad workbooks get a clear problem at their sheet and cell, never a traceback, and nothing is
written: files that are no .xlsx, unknown sheets, missing and renamed headings, merged cells,
formulas, values Excel changed (dates, floats, ids that lost their zeros), full-width spaces and
line breaks, and a sheet of 50,000 rows."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.support.library import Library
from tests.support.sheets import edit, export, import_, issues, only_issue, set_cells, snapshot


@pytest.fixture
def book(library: Library, tmp_path: Path) -> Path:
    return export(library.data, tmp_path / "题库.xlsx", ["question", "site", "term", "source"])


def refused(outcome, library: Library, before) -> None:
    assert outcome.failed() and outcome.created == outcome.changed == outcome.deleted == []
    assert snapshot(library.data) == before


# --- not a workbook ----------------------------------------------------------------------------

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def _zip(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(("name", "content", "said"), [
    ("题库.xls", OLE2, "旧版 Excel（.xls）"),
    ("题库.xlsx", "编号,题干\ndemo-question,支部委员会会议多久召开一次？\n".encode("gb18030"), "CSV"),
    ("题库.xlsx", b"", "空的"),
    ("题库.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "网页"),
    ("题库.ods", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}), ".ods"),
    ("题库.docx", _zip({"word/document.xml": b"<x/>"}), "Word 文档"),
    ("题库.xlsx", b"PK\x03\x04" + bytes(40), "损坏"),
])
def test_a_file_that_is_no_workbook_is_named_for_what_it_is(library: Library, tmp_path: Path, name: str,
                                                             content: bytes, said: str):
    path = tmp_path / name
    path.write_bytes(content)
    before = snapshot(library.data)
    outcome = import_(path, library.data)
    issue = only_issue(outcome, "E-XLSX")
    assert said in issue.message and issue.cell is None and issue.hint
    refused(outcome, library, before)
    assert outcome.text(name, tmp_path).startswith(f"{name}: 错误 E-XLSX：")


def test_a_missing_file_is_said_so(library: Library, tmp_path: Path):
    outcome = import_(tmp_path / "没有.xlsx", library.data)
    assert "无法读取文件" in only_issue(outcome, "E-XLSX").message


# --- sheets and headings --------------------------------------------------------------------------


def test_an_unknown_sheet_is_named(library: Library, book: Path):
    def add(workbook: openpyxl.Workbook) -> None:
        workbook.create_sheet("Sheet1")["A1"] = "我的笔记"
        workbook.create_sheet("Sheet2")  # an empty sheet WPS adds is no problem
    before = snapshot(library.data)
    outcome = import_(edit(book, add), library.data)
    issue = only_issue(outcome, "E-SHEET")
    assert str(issue.cell) == "Sheet1!A1" and "题目" in issue.hint and "阵地·荣誉" in issue.hint
    refused(outcome, library, before)


def test_a_renamed_sheet_is_unknown(library: Library, book: Path):
    outcome = import_(edit(book, lambda wb: setattr(wb["题目"], "title", "题库")), library.data)
    assert str(only_issue(outcome, "E-SHEET").cell) == "题库!A1"


def test_a_parts_sheet_travels_with_its_kind(library: Library, book: Path):
    outcome = import_(edit(book, lambda wb: wb.remove(wb["阵地"])), library.data)
    issue = only_issue(outcome, "E-SHEET")
    assert str(issue.cell) == "阵地·荣誉!A1" and "“阵地”工作表" in issue.message
    outcome = import_(edit(book, lambda wb: wb.remove(wb["阵地·荣誉"])), library.data)
    issue = only_issue(outcome, "E-SHEET")
    assert issue.cell is None and issue.message == "缺少“阵地·荣誉”工作表。"


def test_a_renamed_heading_is_refused_at_its_cell_and_the_missing_column_named(library: Library, book: Path):
    before = snapshot(library.data)
    outcome = import_(set_cells(book, "题目", {"D1": "题目内容"}), library.data)
    renamed, missing = sorted(issues(outcome, "E-HEADER"), key=lambda i: i.cell)
    assert str(renamed.cell) == "题目!D1" and renamed.message == "列标题 “题目内容” 无法识别。"
    assert "题干" in renamed.hint
    assert str(missing.cell) == "题目!P1" and missing.message == "缺少列：题干（stem）。"
    refused(outcome, library, before)


def test_a_heading_is_known_by_its_key_or_by_its_chinese_name(library: Library, book: Path):
    outcome = import_(set_cells(book, "题目", {"D1": "题干（请写完整）\nstem", "L1": "解析"}), library.data)
    assert not outcome.failed(), outcome.text(book.name, library.root)
    assert outcome.changed == outcome.created == []


def test_a_deleted_column_and_a_doubled_one_are_refused(library: Library, book: Path):
    outcome = import_(edit(book, lambda wb: wb["题目"].delete_cols(12)), library.data)
    issue = only_issue(outcome, "E-HEADER")
    assert str(issue.cell) == "题目!O1" and issue.message == "缺少列：解析（explanation）。"
    outcome = import_(set_cells(book, "题目", {"P1": "题干\nstem"}), library.data)
    issue = only_issue(outcome, "E-HEADER")
    assert str(issue.cell) == "题目!P1" and issue.also == ("题目!D1",)


def test_a_value_in_a_column_without_heading_is_refused(library: Library, book: Path):
    outcome = import_(set_cells(book, "题目", {"Q2": "备注"}), library.data)
    assert str(only_issue(outcome, "E-HEADER").cell) == "题目!Q1"


# --- cells -------------------------------------------------------------------------------------


def test_merged_cells_are_refused(library: Library, book: Path):
    before = snapshot(library.data)
    outcome = import_(edit(book, lambda wb: wb["题目"].merge_cells("D2:E2")), library.data)
    issue = only_issue(outcome, "E-MERGED")
    assert str(issue.cell) == "题目!D2" and "D2:E2" in issue.message
    refused(outcome, library, before)


def test_a_formula_is_refused_with_its_cell(library: Library, book: Path):
    before = snapshot(library.data)
    outcome = import_(set_cells(book, "题目", {"L2": '="支部委员会会议"&"每月召开1次"'}), library.data)
    issue = only_issue(outcome, "E-FORMULA")
    assert str(issue.cell) == "题目!L2" and '="支部委员会会议"&"每月召开1次"' in issue.message
    assert "选择性粘贴" in issue.hint and not issues(outcome, "E-MISSING")  # the cell is not reported twice
    refused(outcome, library, before)


def test_an_id_excel_made_a_number_is_refused(library: Library, book: Path):
    outcome = import_(set_cells(book, "题目", {"A2": 10}), library.data)
    issue = only_issue(outcome, "E-CELL")
    assert str(issue.cell) == "题目!A2" and "010 会变成 10" in issue.message


def test_a_year_excel_made_a_float_is_the_year(library: Library, book: Path):
    def year_as_float(workbook: openpyxl.Workbook) -> None:
        cell = workbook["阵地·荣誉"]["D2"]
        cell.value, cell.number_format = 2022.0, "#,##0.0"  # shown as 2,022.0
    before = snapshot(library.data)
    outcome = import_(edit(book, year_as_float), library.data)
    assert not outcome.failed(), outcome.text(book.name, library.root)
    assert snapshot(library.data) == before, "the same year: the file is left alone"


def test_a_year_with_a_fraction_is_refused_by_the_year_check(library: Library, book: Path):
    issue = only_issue(import_(set_cells(book, "阵地·荣誉", {"D2": 2022.5}), library.data), "E-YEAR")
    assert str(issue.cell) == "阵地·荣誉!D2" and issue.field == "honours[0].year"


def test_a_date_excel_made_of_a_month_is_refused(library: Library, book: Path):
    sheet = openpyxl.load_workbook(book)["来源"]
    date_column = next(c.column_letter for c in sheet[1] if str(c.value).endswith("date"))
    outcome = import_(set_cells(book, "来源", {f"{date_column}2": datetime.datetime(2023, 10, 1)}), library.data)
    issue = only_issue(outcome, "E-CELL")
    assert str(issue.cell) == f"来源!{date_column}2" and "日期 2023-10-01" in issue.message
    assert "2023-10-07、2023-10 或 2023" in issue.hint


def test_a_number_longer_than_excel_keeps_is_refused(library: Library, book: Path):
    issue = only_issue(import_(set_cells(book, "阵地", {"D2": 110105194912310000.0}), library.data), "E-CELL")
    assert str(issue.cell) == "阵地!D2" and "15 位" in issue.message


def test_full_width_spaces_and_line_breaks_around_a_value_are_trimmed(library: Library, book: Path):
    before = snapshot(library.data)
    outcome = import_(set_cells(book, "阵地", {"F2": "\u3000county\u3000", "C2": "党群服务站\n",
                                              "I2": "src-report\r\n\r\n"}), library.data)
    assert not outcome.failed(), outcome.text(book.name, library.root)
    assert snapshot(library.data) == before


def test_a_full_width_space_inside_an_id_is_refused(library: Library, book: Path):
    issue = only_issue(import_(set_cells(book, "题目", {"A2": "demo\u3000question"}), library.data), "E-ID")
    assert str(issue.cell) == "题目!A2" and "全角" in issue.hint


def test_a_line_break_inside_a_one_line_field_is_refused(library: Library, book: Path):
    issue = only_issue(import_(set_cells(book, "阵地", {"B2": "示例企业\n党群服务站"}), library.data), "E-TYPE")
    assert str(issue.cell) == "阵地!B2" and issue.message == "这里应当是一行文字，不能换行。"


def test_a_sheet_of_fifty_thousand_rows_is_refused_before_it_is_read(library: Library, book: Path, tmp_path: Path):
    big = openpyxl.Workbook(write_only=True)
    sheet = big.create_sheet("题目")
    headings = [c.value for c in openpyxl.load_workbook(book)["题目"][1]]
    sheet.append(headings)
    for number in range(50_000):
        sheet.append([f"q-{number}", "demo-aspect", "判断", "题干", None, None, None, None, None, None, "正确"])
    big.save(tmp_path / "big.xlsx")
    before = snapshot(library.data)
    outcome = import_(tmp_path / "big.xlsx", library.data)
    issue = only_issue(outcome, "E-ROWS")
    assert str(issue.cell) == "题目!A10002" and "10,000" in issue.message
    refused(outcome, library, before)
