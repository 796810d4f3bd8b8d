"""Blank 文书模板 as Word documents: written through the documents stage in the official layout
(A4, 宋体 title, 仿宋 body, wide forms across the page), read back with python-docx and opened by
LibreOffice; linked from the 所需表单 of the aspects that name them and from the 文书模板 page."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from pypdf import PdfReader

from generator import Settings
from generator.pipeline import run
from tests.handouts.test_handouts import east_asian_font, squeeze
from tests.support import REPO
from tests.support.library import Library

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built():
    result = run(Settings(data_dir=REPO / "data"), strict=True)
    assert not result.report.problems
    return result


def form(built, form_id: str):
    return built.kb.get(form_id).record, Document(io.BytesIO(built.documents[f"downloads/forms/{form_id}.docx"]))


def cell_texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_every_template_is_a_document_of_the_build(built):
    ids = {e.id for e in built.kb.of_kind("form")}
    assert {f"downloads/forms/{i}.docx" for i in ids} <= set(built.documents)
    assert len(ids) >= 6


def test_a_meeting_record_has_its_title_and_every_labelled_blank(built):
    record, document = form(built, "huiyi-jilu")
    title = document.paragraphs[0]
    assert title.style.name == "Title" and title.text == record.title
    assert east_asian_font(document.styles["Title"]) == "宋体" and east_asian_font(document.styles["Normal"]) == "仿宋"
    grid = cell_texts(document.tables[0])
    labels = [b.label for part in record.parts for b in part.fields]
    assert [row[0] for row in grid] == labels
    assert ["会议类别", "□党员大会　□支部委员会会议　□党小组会　□党课　□主题党日"] in grid
    tall = document.tables[0].rows[labels.index("发言要点")]
    assert int(tall._tr.trPr.find(f"{W}trHeight").get(f"{W}val")) >= 12 * 400  # room to write
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm), section.orientation) == (210, 297, WD_ORIENT.PORTRAIT)


def test_a_request_is_laid_out_as_an_official_document(built):
    record, document = form(built, "qingshi")
    paragraphs = [p for p in document.paragraphs if p.text]
    texts = [p.text for p in paragraphs]
    assert texts[0] == record.title and texts[1] == "中共××××委员会（党工委）："
    assert "妥否，请批示。" in texts
    signature = paragraphs[texts.index("中共××××支部委员会")]
    assert signature.paragraph_format.alignment is not None and signature.paragraph_format.alignment.name == "RIGHT"
    assert paragraphs[1].paragraph_format.first_line_indent == 0  # the addressee is flush left


def test_the_dues_register_is_landscape_with_its_columns(built):
    record, document = form(built, "dangfei-dengji")
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    rows = cell_texts(document.tables[0])
    table = next(p.table for p in record.parts if p.table)
    assert rows[0] == list(table.columns)
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, table.rows + 1)]
    assert all(cell == "" for r in rows[1:] for cell in r[1:])
    widths = [int(c._tc.tcPr.find(f"{W}tcW").get(f"{W}w")) for c in document.tables[0].rows[0].cells]
    assert widths[0] < widths[2]  # the 序号 column is narrow


def test_the_file_list_prints_the_materials(built):
    record, document = form(built, "fazhan-mulu")
    rows = cell_texts(document.tables[0])
    items = next(p.table for p in record.parts if p.table).items
    assert [r[1] for r in rows[1:]] == list(items)
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, len(items) + 1)]


def test_the_same_data_gives_the_same_bytes(built):
    again = run(Settings(data_dir=REPO / "data"), strict=True)
    assert again.documents["downloads/forms/huiyi-jilu.docx"] == built.documents["downloads/forms/huiyi-jilu.docx"]


def test_forms_link_their_templates_and_the_templates_page_lists_them(built):
    aspect = built.pages["handbook/sanhui-yike.md"]
    assert "会议记录本（党员大会、支委会、党小组会）（[空白模板](../downloads/forms/huiyi-jilu.docx)" in aspect
    page = built.pages["forms.md"]
    for entry in built.kb.of_kind("form"):
        assert f"## {entry.record.title} {{#{entry.id}}}" in page or entry.id in page
        assert f"downloads/forms/{entry.id}.docx" in page


def test_a_form_part_with_two_contents_is_refused(library: Library):
    library.replace("forms/demo-form.yml", "  - sign:", "    sign:\n      - 签字\n  - text: 附言\n  - sign:")
    assert [p.code for p in library.check().problems] == ["E-ONE-OF"]


@pytest.mark.slow
def test_libreoffice_opens_a_blank_form(built_site: Path, tmp_path: Path, built):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: `make test` installs libreoffice-writer-nogui"
    record = built.kb.get("shenghuohui-jilu").record
    shutil.copy(built_site / "downloads" / "forms" / "shenghuohui-jilu.docx", tmp_path / "form.docx")
    result = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "form.docx")],
                            capture_output=True, text=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)})
    assert result.returncode == 0 and (tmp_path / "form.pdf").exists(), result.stdout + result.stderr
    text = squeeze("".join(page.extract_text() for page in PdfReader(tmp_path / "form.pdf").pages))
    assert squeeze(record.title) in text
    for blank in (b for part in record.parts for b in part.fields):
        assert squeeze(blank.label) in text, blank.label
