"""A workbook's records go through every check ``hongling check`` runs — types, choices, markup,
personal data, answers against options, references across the whole library, duplicates — and
each problem is shown at the cell it came from, with the checker's own message and hint."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from generator.sheets.apply import field_path
from tests.support.library import Library
from tests.support.sheets import edit, export, import_, only_issue, set_cells, snapshot


@pytest.fixture
def book(library: Library, tmp_path: Path) -> Path:
    return export(library.data, tmp_path / "题库.xlsx")


def failed_at(outcome, code: str, cell: str):
    issue = only_issue(outcome, code)
    assert str(issue.cell) == cell, issue
    return issue


def test_the_problem_reads_like_the_checker_s_at_its_sheet_and_cell(library: Library, book: Path):
    before = snapshot(library.data)
    outcome = import_(set_cells(book, "题目", {"K2": "E"}), library.data)
    text = outcome.text(book.name, library.root)
    assert text.splitlines()[:3] == [
        "题库.xlsx 题目!K2: 错误 E-ANSWER-KEY 字段 answer[0]：答案 “E” 不是本题的选项字母（本题选项：A、B、C）。",
        "  单元格内容：E",
        "  提示：答案只能写本题已有选项的字母：A、B、C。",
    ]
    assert text.endswith("共 1 个错误，0 个警告。没有写入任何文件：改好后重新导入。")
    assert snapshot(library.data) == before


def test_answer_letters_are_one_word_and_checked_against_the_kind(library: Library, book: Path):
    failed_at(import_(set_cells(book, "题目", {"K2": "AC"}), library.data), "E-ANSWER-COUNT", "题目!K2")
    issue = failed_at(import_(set_cells(book, "题目", {"K2": "b"}), library.data), "E-ANSWER-KEY", "题目!K2")
    assert issue.hint == "改为 B（半角大写字母，不带标点）。"
    outcome = import_(set_cells(book, "题目", {"C2": "多选", "K2": "A、B"}), library.data)
    assert not outcome.failed(), outcome.text(book.name, library.root)
    assert "answer:\n  - A\n  - B\n" in (library.data / "questions" / "demo-question.yml").read_text(encoding="utf-8")


def test_an_option_column_left_empty_between_others_is_named(library: Library, book: Path):
    issue = failed_at(import_(set_cells(book, "题目", {"G2": None, "H2": "每年1次"}), library.data),
                      "E-OPTION-KEY", "题目!H2")
    assert issue.message == "第 3 个选项的字母应为 C，实际是 D。"


def test_a_choice_a_reference_and_an_empty_required_cell(library: Library, book: Path):
    issue = failed_at(import_(set_cells(book, "题目", {"C2": "单选题"}), library.data), "E-CHOICE", "题目!C2")
    assert issue.hint.startswith("是否指 “单选”？")
    issue = failed_at(import_(set_cells(book, "题目", {"B2": "demo-aspekt"}), library.data), "E-REF", "题目!B2")
    assert "demo-aspect" in issue.hint
    failed_at(import_(set_cells(book, "题目", {"D2": None}), library.data), "E-MISSING", "题目!D2")


def test_markup_and_personal_data_are_refused_at_their_cells(library: Library, book: Path):
    issue = failed_at(import_(set_cells(book, "题目", {"F2": "<b>每月1次</b>"}), library.data), "E-MARKUP", "题目!F2")
    assert issue.field == "options[1].text"
    issue = failed_at(import_(set_cells(book, "题目", {"D2": "联系13812345678的支部书记，会议多久召开一次？"}), library.data),
                      "E-PERSONAL", "题目!D2")
    assert "13812345678" not in issue.message


def test_two_rows_with_one_id_are_refused_at_the_second_naming_the_first(library: Library, book: Path):
    def copy_row(workbook: openpyxl.Workbook) -> None:
        sheet = workbook["题目"]
        sheet.append([cell.value for cell in sheet[2]])
    issue = failed_at(import_(edit(book, copy_row), library.data), "E-DUP-ID", "题目!A3")
    assert issue.also == ("题目!A2",) and "题库.xlsx 题目!A2" in issue.message


def test_an_id_used_by_another_kind_is_a_duplicate(library: Library, book: Path):
    issue = failed_at(import_(set_cells(book, "术语", {"A3": "demo-question", "B3": "新术语", "D3": "释义。"}),
                              library.data), "E-DUP-ID", "术语!A3")
    assert "已被题目使用（题库.xlsx 题目!A2）" in issue.message and issue.also == ("题目!A2",)
    issue = failed_at(import_(set_cells(book, "术语", {"A3": "county", "B3": "新术语", "D3": "释义。"}),
                              library.data), "E-DUP-ID", "术语!A3")
    assert "已被地区使用（data/regions/county.yml:1）" in issue.message


def test_a_part_row_is_checked_at_its_own_sheet(library: Library, book: Path):
    issue = failed_at(import_(set_cells(book, "阵地·荣誉", {"D2": "二〇二二"}), library.data), "E-YEAR", "阵地·荣誉!D2")
    assert issue.field == "honours[0].year"
    issue = failed_at(import_(set_cells(book, "阵地·荣誉", {"A2": "no-such-site"}), library.data), "E-REF", "阵地·荣誉!A2")
    assert "没有编号为 “no-such-site” 的阵地" in issue.message
    issue = failed_at(import_(set_cells(book, "阵地·荣誉", {"A2": None}), library.data), "E-REF", "阵地·荣誉!A2")
    assert issue.message == "这一行没有写它属于哪条阵地。"
    outcome = import_(set_cells(book, "阵地·荣誉", {"A2": 7}), library.data)
    assert [(i.code, str(i.cell)) for i in outcome.issues] == [("E-CELL", "阵地·荣誉!A2")]


def test_new_records_may_cite_each_other_and_are_created_in_the_library_s_layout(library: Library, book: Path):
    outcome = import_(set_cells(book, "术语", {
        "A3": "new-term", "B3": "新术语", "D3": "第一行。\n第二行。", "I3": "another-term",
        "A4": "another-term", "B4": "另一个术语", "D4": "释义。", "C4": "别称一\n别称二",
    }), library.data)
    assert not outcome.failed(), outcome.text(book.name, library.root)
    assert sorted(p.name for p in outcome.created) == ["another-term.yml", "new-term.yml"]
    assert (library.data / "glossary" / "new-term.yml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../jsonschema/term.schema.json\n"
        "id: new-term\nterm: 新术语\ndefinition: |\n  第一行。\n  第二行。\nsee_also:\n  - another-term\n")
    assert not library.check().problems


def test_a_problem_elsewhere_in_the_library_stops_the_import_too(library: Library, book: Path):
    library.replace("regions/county.yml", "level: 区县", "level: 区")
    outcome = import_(book, library.data)
    assert outcome.failed() and outcome.issues == []
    assert [(p.code, p.file, p.line) for p in outcome.problems] == [("E-CHOICE", "data/regions/county.yml", 3)]
    assert "data/regions/county.yml:3:8: 错误 E-CHOICE" in outcome.text(book.name, library.root)


def test_a_workbook_row_may_repair_a_broken_file(library: Library, book: Path):
    library.write("questions/demo-question.yml", "id: demo-question\nstem: [unclosed\n")
    outcome = import_(book, library.data)
    assert not outcome.failed(), outcome.text(book.name, library.root)
    assert [p.name for p in outcome.changed] == ["demo-question.yml"] and not library.check().problems


def test_deleting_a_record_others_cite_is_refused(library: Library, book: Path):
    def drop_site(workbook: openpyxl.Workbook) -> None:
        workbook["阵地"].delete_rows(2)
        workbook["阵地·荣誉"].delete_rows(2)
    before = snapshot(library.data)
    outcome = import_(edit(book, drop_site), library.data, delete_missing=True)
    assert outcome.failed() and {p.code for p in outcome.problems} == {"E-REF"}
    assert snapshot(library.data) == before and outcome.deleted == []


def test_warnings_let_the_import_write_unless_strict(library: Library, book: Path):
    book = set_cells(book, "术语", {"A3": "sanhuiyike-2", "B3": "三会一课", "D3": "同名的另一条。"})
    strict = import_(book, library.data, strict=True)
    assert strict.failed(strict=True) and strict.created == []
    assert str(only_issue(strict, "W-DUP-TITLE").cell).startswith("术语!")
    outcome = import_(book, library.data)
    assert [p.name for p in outcome.created] == ["sanhuiyike-2.yml"] and "共 1 个警告。" in outcome.text("b", library.root)


@pytest.mark.parametrize(("text", "path"), [
    ("options[2].text", ("options", 2, "text")), ("answer", ("answer",)), ("honours[0].year", ("honours", 0, "year")),
    ("", ()),
])
def test_field_paths_read_as_the_checker_writes_them(text: str, path: tuple):
    assert field_path(text) == path
