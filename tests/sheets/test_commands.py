"""``hongling export`` and ``hongling import`` as an editor runs them, and the template the site
offers for download."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from generator import Settings, check
from generator.sheets.export import TEMPLATE_DOWNLOAD, template_download
from tests.support.library import MINIMAL, Library
from tests.support.sheets import set_cells, snapshot
from tests.test_cli import config_of, run


def test_export_then_import_from_the_command_line(library: Library, tmp_path: Path):
    book = tmp_path / "题库.xlsx"
    result = run("--config", config_of(library), "export", str(book))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"已导出 {book}：阵地 1 条，术语 1 条，题目 1 条。"
    assert openpyxl.load_workbook(book).sheetnames == ["说明", "阵地", "阵地·荣誉", "术语", "题目", "编号表"]
    result = run("--config", config_of(library), "import", str(book))
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "已导入 题库.xlsx：3 条记录。\n未改动 3 个文件。"


def test_a_bad_workbook_exits_1_with_the_cell_and_writes_nothing(library: Library, tmp_path: Path):
    book = tmp_path / "题库.xlsx"
    run("--config", config_of(library), "export", str(book), "题目")
    book = set_cells(book, "题目", {"K2": "D"})
    before = snapshot(library.data)
    result = run("--config", config_of(library), "import", str(book))
    assert result.returncode == 1
    assert result.stdout.startswith("题库.xlsx 题目!K2: 错误 E-ANSWER-KEY 字段 answer[0]：答案 “D” 不是本题的选项字母")
    assert "没有写入任何文件" in result.stdout and snapshot(library.data) == before


def test_kinds_are_named_in_english_or_chinese_and_the_template_has_examples(library: Library, tmp_path: Path):
    book = tmp_path / "模板.xlsx"
    result = run("--config", config_of(library), "export", "--template", str(book), "region", "来源")
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames == ["说明", "地区", "来源", "编号表"]
    example = workbook["地区"]["A2"]
    assert str(example.value).startswith("#示例 ") and workbook["地区"].max_row == 2
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in workbook["地区"].data_validations.dataValidation}
    assert validations["C2"].startswith("'编号表'!$") and validations["D2"].startswith("'编号表'!$")
    assert workbook["地区"].freeze_panes == "B2"
    assert "必填" in workbook["地区"]["A1"].comment.text
    result = run("--config", config_of(library), "import", str(book))
    assert result.returncode == 0 and "0 条记录" in result.stdout, "example rows are not imported"


def test_unknown_and_untabular_kinds_are_usage_errors(library: Library, tmp_path: Path):
    result = run("--config", config_of(library), "export", str(tmp_path / "x.xlsx"), "活动")
    assert result.returncode == 2 and "没有 “活动” 这类记录" in result.stderr and "question（题目）" in result.stderr
    result = run("--config", config_of(library), "export", str(tmp_path / "x.xlsx"), "category")
    assert result.returncode == 2 and "data/manual/" in result.stderr
    result = run("--config", config_of(library), "export", str(tmp_path / "x.csv"))
    assert result.returncode == 2 and ".xlsx" in result.stderr


def test_export_refuses_a_library_with_errors(library: Library, tmp_path: Path):
    library.replace("regions/county.yml", "level: 区县", "level: 区")
    result = run("--config", config_of(library), "export", str(tmp_path / "x.xlsx"))
    assert result.returncode == 1 and "E-CHOICE" in result.stderr and not (tmp_path / "x.xlsx").exists()


def test_the_site_s_template_download_is_reproducible_and_opens():
    kb, _ = check(Settings(data_dir=MINIMAL / "data", manual_categories=1, manual_aspects=1))
    first = template_download(kb, 1700000000)
    assert first == template_download(kb, 1700000000) and first != template_download(kb, 1700086400)
    workbook = openpyxl.load_workbook(io.BytesIO(first[TEMPLATE_DOWNLOAD]))
    assert workbook.sheetnames == ["说明", "阵地", "阵地·荣誉", "术语", "题目", "编号表"]
    assert workbook.properties.created.year == 2023 and workbook.properties.modified.year == 2023


def test_the_built_site_offers_the_template_on_the_editing_guide(built_site: Path):
    assert (built_site / TEMPLATE_DOWNLOAD).stat().st_size > 5000
    guide = (built_site / "guide" / "editing.html").read_text(encoding="utf-8")
    assert f'href="../{TEMPLATE_DOWNLOAD}"' in guide
