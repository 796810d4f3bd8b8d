"""Every Word document of the build read back: tables that fit (columns as wide as their content
needs, rows that never split, the header row repeated), headings, labels and captions kept with
what follows, no forced page break, a table's sources cited once; and one handout converted by
LibreOffice to PDF, its pages counted and checked for near-empty ones."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from generator.handouts.word import TEXT_WIDTH_TWIPS, display_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4


def documents(built_site: Path) -> list[Path]:
    found = sorted((built_site / "downloads").glob("*.docx"))
    assert len(found) >= 15, "courses, cases, a trainer's handout, answer keys and an exam"
    return found


def keeps_with_next(paragraph) -> bool:
    return paragraph._p.find(f"{W}pPr/{W}keepNext") is not None


def test_every_table_row_stays_whole_and_the_header_row_repeats(built_site: Path):
    tables = 0
    for path in documents(built_site):
        for table in Document(str(path)).tables:
            tables += 1
            rows = table._tbl.findall(f"{W}tr")
            split = [i for i, row in enumerate(rows) if row.find(f"{W}trPr/{W}cantSplit") is None]
            assert not split, f"{path.name}: rows {split} may split across pages"
            assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None, f"{path.name}: header row not repeated"
    assert tables >= 20


def test_column_widths_follow_what_the_columns_hold(built_site: Path):
    differing = 0
    for path in documents(built_site):
        for table in Document(str(path)).tables:
            widths = [int(col.get(f"{W}w")) for col in table._tbl.find(f"{W}tblGrid")]
            assert sum(widths) == TEXT_WIDTH_TWIPS, f"{path.name}: the table spans the text width"
            longest = [max(display_width(cell.text) for cell in column.cells) for column in table.columns]
            if len(longest) > 1 and max(longest) >= 2 * min(longest):
                differing += 1
                assert len(set(widths)) > 1, f"{path.name}: equal widths for columns {longest}"
                widest, narrowest = longest.index(max(longest)), longest.index(min(longest))
                assert widths[widest] > widths[narrowest], (path.name, longest, widths)
    assert differing >= 10


def test_the_course_schedule_gives_lessons_room_and_hours_little(built_site: Path):
    schedule = Document(str(built_site / "downloads" / "shuji-peixunban.docx")).tables[0]
    assert [c.text for c in schedule.rows[0].cells] == ["模块", "课", "学时", "形式", "必修/选修"]
    widths = dict(zip(["模块", "课", "学时", "形式", "必修/选修"],
                      (int(col.get(f"{W}w")) for col in schedule._tbl.find(f"{W}tblGrid")), strict=True))
    assert widths["课"] > 3 * widths["学时"] and widths["模块"] > 2 * widths["学时"]
    assert widths["课"] == max(widths.values()) and widths["学时"] == min(widths.values())


def test_headings_labels_captions_and_answers_stay_with_what_follows_and_nothing_forces_a_page(built_site: Path):
    for path in documents(built_site):
        document = Document(str(path))
        body = document.element.body
        assert body.find(f".//{W}pageBreakBefore") is None and body.find(f".//{W}br[@{W}type='page']") is None, \
            f"{path.name}: a forced page break can leave a page near empty"
        for level in (1, 2, 3):
            assert document.styles[f"Heading {level}"].paragraph_format.keep_with_next
        for paragraph in document.paragraphs:
            runs = [r for r in paragraph.runs if r.text.strip()]
            label = runs and all(r.bold for r in runs) and paragraph.text.rstrip().endswith("：")
            if label or paragraph.text.startswith(("解析：",)) or "答案：" in paragraph.text[:8]:
                assert keeps_with_next(paragraph), f"{path.name}: “{paragraph.text[:20]}” may end a page alone"
        for table in body.iter(f"{W}tbl"):
            caption = table.getprevious()
            if caption is not None and caption.find(f".//{W}b") is not None:
                assert caption.find(f"{W}pPr/{W}keepNext") is not None, f"{path.name}: caption apart from its table"


def test_a_case_table_cites_its_source_once_under_the_table(built_site: Path, site):
    entry = site.kb.entries["wenshang-hongse-yinqing"]
    document = Document(str(built_site / "downloads" / f"{entry.id}.docx"))
    figures = next(t for t in document.tables if [c.text for c in t.rows[0].cells][:2] == ["指标", "数值"])
    sources = {m.source for m in entry.record.metrics}
    titles = [f"《{site.kb.entries[s].title}》" for s in sources]
    assert "来源" not in [c.text for c in figures.rows[0].cells]
    assert not [cell.text for row in figures.rows for cell in row.cells if any(t in cell.text for t in titles)]
    note = figures._tbl.getnext()
    text = "".join(t.text for t in note.iter(f"{W}t"))
    assert text.startswith("出处：") and all(t in text for t in titles), text


def squeeze(text: str) -> str:
    """Text without whitespace or quotation marks, which PDF text extraction moves around."""
    return "".join(ch for ch in "".join(text.split()) if ch not in "“”‘’\"'")


def filled(page, top: float, bottom: float) -> float:
    """How far down its text area (from ``top`` to ``bottom``, points from the top of the page) a
    page's text reaches."""
    height = float(page.mediabox.height)
    lines: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            lines.append(height - (tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    body = [y for y in lines if top - 5 < y < bottom + 5]
    return (max(body, default=top) - top) / (bottom - top)


@pytest.mark.slow
def test_libreoffice_prints_a_course_handout_on_numbered_pages_without_near_empty_ones(built_site: Path,
                                                                                     tmp_path: Path, site):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: `make test` installs libreoffice-writer-nogui"
    entry = site.kb.entries["hongxin-daoshi-caidan"]
    shutil.copy(built_site / "downloads" / f"{entry.id}.docx", tmp_path / "course.docx")
    result = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "course.docx")],
                            capture_output=True, text=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)})
    assert result.returncode == 0 and (tmp_path / "course.pdf").exists(), result.stdout + result.stderr
    pages = PdfReader(tmp_path / "course.pdf").pages
    texts = [squeeze(p.extract_text()) for p in pages]
    text = "".join(texts)
    assert squeeze(entry.record.title) in text
    for module in entry.record.modules:
        for lesson in module.lessons:
            assert squeeze(lesson.title) in text, lesson.title

    assert [n for n, t in enumerate(texts, 1) if not t.endswith(f"—{n}—")] == [], "every page numbered — n —"
    document = Document(str(tmp_path / "course.docx"))
    chars = sum(len("".join(p.text.split())) for p in document.paragraphs) + sum(
        len("".join(c.text.split())) for t in document.tables for r in t.rows for c in r.cells)
    # A full A4 page of 三号 text on 28 pt lines holds about 27 × 22 ≈ 600 characters; headings,
    # lists and tables leave room, but a page break or a lone heading per page would push the
    # average well below 350.
    assert chars / 600 <= len(pages) <= chars / 350, (chars, len(pages))
    near_empty = [n for n, page in enumerate(pages[:-1], 1) if filled(page, 37 * MM, 262 * MM) < 0.5]
    assert not near_empty, f"pages more than half empty: {near_empty}"

