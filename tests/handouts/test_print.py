"""Courses, handouts and cases printed to PDF by Chromium (print stylesheet, A4) and read back."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.support import REPO
from tests.support.browser import Visit

NAV_ONLY = ("数据编辑指南", "按组织类型", "红领 · 两新组织党建手册与案例库")
"""Text that only the header, tabs and navigation carry, never a course's content."""


def printed_pages(page: Page) -> list[str]:
    """Chromium's own print to PDF (print stylesheet, A4), read back page by page, whitespace removed."""
    import io

    from pypdf import PdfReader

    pdf = page.pdf(format="A4", print_background=False)
    return ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def lessons_of(course_id: str) -> list[str]:
    import yaml

    course = yaml.safe_load((REPO / "data" / "curricula" / f"{course_id}.yml")
                            .read_text(encoding="utf-8"))
    return ["".join(lesson["title"].split()) for module in course["modules"] for lesson in module["lessons"]]


def test_a_course_page_prints_without_navigation_and_with_every_lesson(visit: Visit):
    page = visit.open("courses/hongxin-daoshi-caidan.html")
    assert page.locator("p.hl-toolbar > button.hl-print").count() == 1
    assert page.locator("p.hl-toolbar a[href$='.docx']").count() == 2
    pages = printed_pages(page)
    text = "".join(pages)
    assert not [label for label in NAV_ONLY if "".join(label.split()) in text]
    assert "打印" not in pages[0][:40] and "搜索" not in text
    missing = [title for title in lessons_of("hongxin-daoshi-caidan") if title not in text]
    assert not missing, missing


def test_a_course_handout_prints_each_lesson_on_a_new_page(visit: Visit):
    page = visit.open("handouts/hongxin-daoshi-caidan.html")
    assert page.locator(".md-tabs, .md-sidebar").count() == 0
    assert page.locator(".hl-toolbar .hl-print").count() == 1
    pages = printed_pages(page)
    text = "".join(pages)
    assert not [label for label in NAV_ONLY if "".join(label.split()) in text]
    for number, title in enumerate(lessons_of("hongxin-daoshi-caidan"), 1):
        starts = [i for i, p in enumerate(pages) if p.startswith("（") and p.split("）", 1)[1].startswith(title)]
        assert starts, f"lesson {number} ({title}) does not open a printed page"
    assert any(p.startswith("四、测验") or "、测验" in p[:8] for p in pages), "the quiz opens a page of its own"
    answers = printed_pages(visit.open("handouts/hongxin-daoshi-caidan-answers.html"))
    assert "答案：" in "".join(answers) and "（单选题）" not in "".join(answers)


def test_a_case_prints_with_every_figure_and_its_sources(visit: Visit):
    import yaml

    from generator.core.schema.case import Case
    from generator.site.figures import metric_value

    data = yaml.safe_load((REPO / "data" / "cases" / "wenshang-hongse-yinqing.yml")
                          .read_text(encoding="utf-8"))
    case = Case.model_validate(data)
    text = "".join(printed_pages(visit.open("cases/wenshang-hongse-yinqing.html")))
    assert not [label for label in NAV_ONLY if "".join(label.split()) in text]
    missing = [m.label for m in case.metrics if "".join(metric_value(m).split()) not in text]
    assert not missing, missing
    sources = [yaml.safe_load((REPO / "data" / "sources" / f"{s}.yml")
                              .read_text(encoding="utf-8"))["title"] for s in case.sources]
    assert all("".join(title.split()) in text for title in sources)
