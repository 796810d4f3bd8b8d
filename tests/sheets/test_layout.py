"""The sheets and columns come from the kinds' models and the few hints their KindSpecs give: a
field added to a model is a column without anything else to change."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest

from generator.core.schema import BY_FOLDER, BY_NAME, KINDS
from generator.core.schema.fields import Line, ListOf, Ref, Year
from generator.core.schema.site import Site
from generator.sheets.export import describe
from generator.sheets.layout import NotTabular, default_kinds, kind_layout, tabular_kinds
from generator.sheets.shapes import Scalar
from tests.support.library import Library
from tests.support.sheets import export, import_


def test_the_default_kinds_and_region_and_source_fit_a_table():
    assert default_kinds() == ["site", "term", "question"]
    assert {"question", "site", "term", "region", "source"} <= set(tabular_kinds())


@pytest.mark.parametrize("spec", KINDS, ids=lambda spec: spec.name)
def test_every_kind_is_laid_out_or_refused_in_chinese(spec):
    try:
        layout = kind_layout(spec)
    except NotTabular as error:
        assert f"data/{spec.folder}/" in str(error) and not str(error).isascii()
        return
    for sheet in layout.sheets:
        keys = [c.key for c in sheet.columns]
        labels = [c.label for c in sheet.columns]
        assert len(set(keys)) == len(keys) and len(set(labels)) == len(labels), sheet.name
        assert len(sheet.name) <= 31 and not set(sheet.name) & set("[]:*?/\\"), "a name Excel accepts"
        assert sheet.columns[0].key in ("id", spec.name), "the record's id comes first"


def test_the_question_sheet():
    layout = kind_layout(BY_NAME["question"])
    assert [c.heading.replace("\n", "/") for c in layout.main.columns] == [
        "编号/id", "考查方面/aspect", "题型/kind", "题干/stem", "选项A/options.A", "选项B/options.B", "选项C/options.C",
        "选项D/options.D", "选项E/options.E", "选项F/options.F", "答案/answer", "解析/explanation",
        "依据法规/basis.source", "依据条款/basis.article", "依据要点/basis.point"]
    assert layout.parts == ()
    answer = layout.main.column("answer")
    assert describe(answer, layout.main).endswith("题型为单选、多选时把选项字母连着写（如 AC）；其他情况每行写一项。")


def test_a_list_of_parts_is_a_sheet_keyed_by_the_record():
    layout = kind_layout(BY_NAME["site"])
    honours = layout.parts[0]
    assert honours.name == "阵地·荣誉" and honours.field == "honours"
    assert [c.key for c in honours.columns] == ["site", "title", "level", "year"]
    assert honours.columns[0].owner and honours.columns[3].shape.scalar is Scalar.INTEGER


def _with_model(name: str, model) -> object:
    return dataclasses.replace(BY_NAME[name], model=model)


def test_a_field_added_to_a_model_is_a_column_and_round_trips(library: Library, tmp_path: Path, monkeypatch):
    class SiteWithMore(Site):
        year: Year | None = None
        """The year the site opened."""

        partners: ListOf(Ref("site")) = ()
        """Sites it works with."""

        contact_office: Line | None = None
        """An office, never a person."""

    spec = _with_model("site", SiteWithMore)
    layout = kind_layout(spec)
    assert [c.key for c in layout.main.columns][-3:] == ["year", "partners", "contact_office"]
    assert [c.label for c in layout.main.columns][-3:] == ["年份", "partners", "contact_office"]
    # the registry as if site.py declared the new fields: the loader, the sheets and the helper ask it
    monkeypatch.setattr("generator.core.load.BY_FOLDER", {**BY_FOLDER, "sites": spec})
    monkeypatch.setattr("generator.sheets.layout.KINDS", tuple(spec if s.name == "site" else s for s in KINDS))
    monkeypatch.setattr("tests.support.sheets.BY_NAME", {**BY_NAME, "site": spec})
    book = export(library.data, tmp_path / "阵地.xlsx", ["site"])
    sheet = openpyxl.load_workbook(book)["阵地"]
    sheet["J2"], sheet["K2"], sheet["L2"] = 2021, "demo-site", "党群服务中心办公室"
    sheet.parent.save(book)
    outcome = import_(book, library.data)
    assert outcome.issues and outcome.issues[0].code == "E-SELF-REF" and str(outcome.issues[0].cell) == "阵地!K2"
    sheet["K2"] = None
    sheet.parent.save(book)
    outcome = import_(book, library.data)
    assert not outcome.failed(), outcome.text(book.name, library.root)
    text = (library.data / "sites" / "demo-site.yml").read_text(encoding="utf-8")
    assert text.endswith("  - src-report\nyear: 2021\ncontact_office: 党群服务中心办公室\n")
