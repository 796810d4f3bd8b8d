"""The round trip on the embedded library: export, import unchanged (nothing rewritten), delete the
question files and import (recreated with the same data), edit a cell (one file changes), and the
same through LibreOffice (the exported file converts; a workbook it saved back imports)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from generator import check
from generator.core.load import load_library
from generator.core.validate import validate_file
from generator.sheets.layout import tabular_kinds
from tests.support import REPO
from tests.support.sheets import column, edit, export, import_, settings_for, snapshot


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "data", tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def book(data: Path, tmp_path: Path) -> Path:
    return export(data, tmp_path / "题库.xlsx", list(tabular_kinds()))


def records(data: Path, folder: str) -> dict[str, dict]:
    settings = settings_for(data)
    out = {}
    for file in load_library(settings).files:
        if file.kind.folder == folder:
            valid, _ = validate_file(file, settings.build_year)
            assert valid is not None
            out[file.path.name] = valid.record.model_dump()
    return out


def test_importing_the_export_unchanged_rewrites_no_file(data: Path, book: Path):
    before = snapshot(data)
    outcome = import_(book, data)
    assert not outcome.failed(), outcome.text(book.name, data)
    assert outcome.created == outcome.changed == outcome.deleted == []
    assert len(outcome.unchanged) == outcome.records > 250
    assert snapshot(data) == before, "bytes and modification times are as they were"


def test_deleted_question_files_are_recreated_with_the_same_data(data: Path, book: Path):
    originals = {path.name: path.read_text(encoding="utf-8") for path in (data / "questions").glob("*.yml")}
    data_before = records(data, "questions")
    for path in (data / "questions").glob("*.yml"):
        path.unlink()
    outcome = import_(book, data)
    assert not outcome.failed(), outcome.text(book.name, data)
    assert sorted(p.name for p in outcome.created) == sorted(originals)
    assert records(data, "questions") == data_before
    for name, text in originals.items():
        written = (data / "questions" / name).read_text(encoding="utf-8")
        assert written.startswith("# yaml-language-server: $schema=../../jsonschema/question.schema.json\n")
        if ">" not in text and "'" not in text:  # files in the writer's own style come back byte for byte
            assert written == text, name


def test_an_edited_cell_changes_one_file_and_says_so(data: Path, book: Path):
    def change(workbook: openpyxl.Workbook) -> None:
        sheet = workbook["题目"]
        row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"A{r}"].value == "q-changyong-wenshu-01")
        sheet[f"{column(sheet, 'explanation')}{row}"] = "请示用于请求批准。\n报告用于汇报工作。"
    before = snapshot(data)
    outcome = import_(edit(book, change), data)
    assert not outcome.failed(), outcome.text(book.name, data)
    assert [p.name for p in outcome.changed] == ["q-changyong-wenshu-01.yml"] and outcome.created == []
    after = snapshot(data)
    assert [name for name in after if after[name] != before[name]] == ["questions/q-changyong-wenshu-01.yml"]
    text = (data / "questions" / "q-changyong-wenshu-01.yml").read_text(encoding="utf-8")
    assert "explanation: |\n  请示用于请求批准。\n  报告用于汇报工作。\n" in text
    assert "已导入 题库.xlsx" in outcome.text(book.name, data.parent) and "修改 1 个文件：" in outcome.text(book.name, data.parent)


def test_a_record_missing_from_the_workbook_is_kept_unless_asked(data: Path, book: Path):
    kb, _ = check(settings_for(data))
    term = next(e for e in kb.of_kind("term") if not kb.referrers(e.id))

    def drop(workbook: openpyxl.Workbook) -> None:
        sheet = workbook["术语"]
        sheet.delete_rows(next(r for r in range(2, sheet.max_row + 1) if sheet[f"A{r}"].value == term.id))
    book = edit(book, drop)
    path = data / "glossary" / f"{term.id}.yml"
    outcome = import_(book, data)
    assert not outcome.failed() and path.exists() and outcome.deleted == []
    outcome = import_(book, data, delete_missing=True)
    assert not outcome.failed(), outcome.text(book.name, data)
    assert outcome.deleted == [path] and not path.exists()
    assert f"删除 1 个文件：\n  {path.as_posix()}" in outcome.text(book.name, Path("/nowhere"))


def _soffice(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: `make test` installs libreoffice-calc-nogui"
    return subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                           *args], capture_output=True, text=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)})


@pytest.mark.slow
def test_libreoffice_opens_the_export_and_what_it_saves_back_imports(data: Path, book: Path, tmp_path: Path):
    converted = tmp_path / "converted"
    result = _soffice(tmp_path, "--convert-to", "ods", "--outdir", str(converted), str(book))
    assert result.returncode == 0 and (converted / "题库.ods").stat().st_size > 10_000, result.stdout + result.stderr
    resaved = tmp_path / "resaved"
    result = _soffice(tmp_path, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(resaved), str(book))
    assert result.returncode == 0, result.stdout + result.stderr
    saved = openpyxl.load_workbook(resaved / "题库.xlsx")
    assert saved.sheetnames == openpyxl.load_workbook(book).sheetnames
    assert saved["题目"].data_validations.dataValidation, "the drop-down lists survive"
    before = snapshot(data)
    outcome = import_(resaved / "题库.xlsx", data)
    assert not outcome.failed(), outcome.text("题库.xlsx", data)
    assert outcome.created == outcome.changed == [] and snapshot(data) == before
