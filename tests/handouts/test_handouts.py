"""The trainer's kit: handouts laid out once, written as print views and as Word documents that
open in Word, WPS and LibreOffice, with quizzes drawn from the question bank."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from generator.core.numerals import chinese_number
from generator.handouts.blocks import Heading, QuestionBlock
from generator.handouts.outline import all_handouts, course_handout
from generator.handouts.word import handout_docx
from generator.site.figures import metric_value, statement
from tests.support.library import only


def east_asian_font(style) -> str:
    fonts = style.element.rPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
    return fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


def squeeze(text: str) -> str:
    """Text without whitespace or quotation marks, which PDF text extraction moves around."""
    return "".join(ch for ch in "".join(text.split()) if ch not in "“”‘’\"'")


def test_chinese_numbers_follow_official_numbering():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 26, 99)] == ["一", "九", "十", "十一", "二十", "二十六", "九十九"]


def test_a_course_handout_inlines_every_reading_and_draws_its_quiz_from_them(site):
    for entry in site.entries("curriculum"):
        handout = course_handout(entry, site)
        headings = [b for b in handout.blocks if isinstance(b, Heading)]
        lessons = [lesson for module in entry.record.modules for lesson in module.lessons]
        lesson_headings = [h for h in headings if h.level == 2 and h.anchor.startswith("l-")]
        assert [h.text for h in lesson_headings] == [lesson.title for lesson in lessons]
        assert all(h.new_page for h in lesson_headings[1:])
        part = headings[headings.index(lesson_headings[0]) - 1]  # 教学内容, right above the first lesson
        assert part.new_page and not lesson_headings[0].new_page, "a heading never ends a page alone"
        assert [h.number for h in lesson_headings] == [f"（{chinese_number(n)}）" for n in range(1, len(lessons) + 1)]
        readings = {a for lesson in lessons for a in lesson.readings}
        titles = {h.text for h in headings if h.level == 3}
        assert {site.kb.get(a).title for a in readings} <= titles
        questions = [b for b in handout.blocks if isinstance(b, QuestionBlock)]
        bank = {a: [e for e in site.kb.of_kind("question") if e.record.aspect == a] for a in readings}
        assert len(questions) == sum(min(2, len(qs)) for qs in bank.values()) == len(handout.answers)
        assert {b.stem for b in questions} <= {q.record.stem for qs in bank.values() for q in qs}
        assert len({b.kind for b in questions}) >= min(2, len({e.record.kind for qs in bank.values() for e in qs}))
        assert [q.number for q in questions] == list(range(1, len(questions) + 1))


def test_course_word_document_reads_back_with_its_structure(built_site: Path, site):
    for entry in site.entries("curriculum"):
        document = Document(str(built_site / "downloads" / f"{entry.id}.docx"))
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
        by_style: dict[str, list[str]] = {}
        for paragraph in document.paragraphs:
            by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
        assert by_style["Title"] == [entry.record.title]
        top = by_style["Heading 1"]
        assert [h.split("、")[0] for h in top] == [chinese_number(n) for n in range(1, len(top) + 1)]
        assert {"一、课程概况", "二、课程安排", "三、教学内容"} <= set(top)
        lessons = [lesson for module in entry.record.modules for lesson in module.lessons]
        assert [h.split("）", 1)[1] for h in by_style["Heading 2"]][:len(lessons)] == [lesson.title for lesson in lessons]
        schedule = document.tables[0]
        assert [c.text for c in schedule.rows[0].cells] == ["模块", "课", "学时", "形式", "必修/选修"]
        assert len(schedule.rows) == len(lessons) + 1
        styles = document.styles
        assert east_asian_font(styles["Normal"]) == "仿宋"
        assert east_asian_font(styles["Heading 1"]) == "黑体"
        assert east_asian_font(styles["Heading 2"]) == "楷体"
        questions = [t for t in by_style.get("Normal", []) if "题）" in t]
        answers = Document(str(built_site / "downloads" / f"{entry.id}-answers.docx"))
        assert questions and len([p for p in answers.paragraphs if "答案：" in p.text]) == len(questions)


def test_case_word_document_carries_every_figure_with_its_qualifier(built_site: Path, site):
    for entry in site.entries("case"):
        document = Document(str(built_site / "downloads" / f"{entry.id}.docx"))
        cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
        for metric in entry.record.metrics:
            figure = statement(metric)  # 每季度至少1次: how often, and the qualifier, read together
            assert figure in cells and metric_value(metric) in figure, (entry.id, metric.label)
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
        assert [h.split("）", 1)[1] for h in headings] == [p.name for p in entry.record.practices]
        assert document.paragraphs[0].text == entry.record.title


def test_the_trainers_own_handout_follows_the_yaml_order(built_site: Path, site):
    entries = site.entries("handout")
    assert entries, "the embedded library ships at least one custom handout"
    for entry in entries:
        document = Document(str(built_site / "downloads" / f"{entry.id}.docx"))
        top = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        titles = [section.title for section in entry.record.sections]
        assert [h.split("、", 1)[1] for h in top][:len(titles)] == titles
        second = [p.text.split("）", 1)[1] for p in document.paragraphs if p.style.name == "Heading 2"]
        assert second == [site.kb.get(i).title for s in entry.record.sections for i in s.include]
        html = (built_site / "handouts" / f"{entry.id}.html").read_text(encoding="utf-8")
        assert "md-sidebar" not in html and "md-tabs" not in html
        assert (built_site / "handouts" / f"{entry.id}-answers.html").exists()


def test_word_documents_are_byte_for_byte_reproducible(site):
    handout = next(h for h in all_handouts(site) if h.kind == "case")
    first = handout_docx(handout, 1700000000)
    assert handout_docx(handout, 1700000000) == first
    assert handout_docx(handout, 1700086400) != first  # the build's date is in the file
    assert handout_docx(handout, None) == handout_docx(handout, None)  # no date: 1980-01-01, still stable


def test_a_handout_naming_a_missing_aspect_is_refused_with_its_position(library):
    library.write("handouts/my-handout.yml", "id: my-handout\ntitle: 讲义\naudience:\n  - 党员\nsections:\n"
                                            "  - title: 第一部分\n    include:\n      - demo-aspect\n      - no-such-aspect\n")
    problem = only(library.check(), "E-REF")
    assert (problem.file, problem.line, problem.column) == ("data/handouts/my-handout.yml", 9, 9)


def test_a_handout_with_a_misspelt_key_is_refused_with_a_hint(library):
    library.write("handouts/my-handout.yml", "id: my-handout\ntitle: 讲义\naudience:\n  - 党员\nsection:\n"
                                            "  - title: 第一部分\n    include:\n      - demo-aspect\n")
    problems = library.check().problems
    unknown = next(p for p in problems if p.code == "E-UNKNOWN-KEY")
    assert (unknown.line, unknown.column) == (5, 1) and "sections" in (unknown.hint or "")


def test_the_question_bank_page_counts_every_question_under_its_aspect(built_site: Path, site):
    import re

    html = (built_site / "questions.html").read_text(encoding="utf-8")
    totals = re.findall(r"<strong>(\d+)</strong>", html)
    assert int(totals[-1]) == len(site.kb.of_kind("question"))
    for aspect in site.kb.of_kind("aspect"):
        linked = f'href="handbook/{aspect.id}.html#quiz"'
        assert linked in html, aspect.id
        page = (built_site / "handbook" / f"{aspect.id}.html").read_text(encoding="utf-8")
        for question in site.referrers(aspect.id, "question"):
            assert f'id="{question.id}"' in page
