"""Courses, handouts, aspects and cases printed to PDF by Chromium (print stylesheet, A4) and read
back page by page: numbered pages with a running header, a contents page whose numbers are the
printed pages, no mostly blank page, nothing that sends a reader of paper to a link."""

from __future__ import annotations

import io
import re

from playwright.sync_api import Page

from tests.support import REPO
from tests.support.browser import Visit

NAV_ONLY = ("数据编辑指南", "按组织类型", "红领 · 两新组织党建手册与案例库")
"""Text that only the header, tabs and navigation carry, never a course's content."""

MM = 72 / 25.4
A4_HEIGHT = 297 * MM
SHEET_BODY = (26 * MM, 273 * MM)
"""Top and bottom of a handout sheet's text area, from the top of the page (paged.css)."""
PAGE_BODY = (20 * MM, 279 * MM)
"""The same for a page printed without sheets (print.css: @page margins)."""
HALF = 0.5
LINK_INSTRUCTION = re.compile(r"全文见|标题链接|见[^。；]{0,12}链接|点击|请访问")
"""What sends a reader to a link ("全文见…（上方标题链接）"); the manual's own sentence about
forwarding links (转发文件链接) is not one."""


def squeeze(text: str) -> str:
    return "".join(text.split())


def printed(page: Page) -> tuple[list[str], list[float], list[float]]:
    """Chromium's own print to PDF (print stylesheet, A4), read back: each page's text with the
    whitespace removed, and the top and bottom (from the top of the page, in points) of its text
    between the header and the footer."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    texts, tops, bottoms = [], [], []
    for pdf_page in reader.pages:
        lines: list[float] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float, lines=lines) -> None:
            if text.strip():
                lines.append(A4_HEIGHT - (tm[5] * cm[3] + cm[5]))

        texts.append(squeeze(pdf_page.extract_text(visitor_text=visit)))
        body = [y for y in lines if 24 * MM < y < 276 * MM]
        tops.append(min(body, default=0.0))
        bottoms.append(max(body, default=0.0))
    return texts, tops, bottoms


def filled(bottom: float, area: tuple[float, float]) -> float:
    """How far down its text area a page's text reaches (0 empty, 1 full)."""
    return (bottom - area[0]) / (area[1] - area[0])


def lessons_of(course_id: str) -> list[str]:
    import yaml

    course = yaml.safe_load((REPO / "data" / "curricula" / f"{course_id}.yml").read_text(encoding="utf-8"))
    return [squeeze(lesson["title"]) for module in course["modules"] for lesson in module["lessons"]]


def open_sheets(visit: Visit, path: str) -> Page:
    page = visit.open(path)
    page.wait_for_selector("html.hl-paged-done", state="attached")
    return page


def test_a_course_handout_prints_as_a_document_with_numbered_pages_and_true_contents(visit: Visit):
    page = open_sheets(visit, "handouts/shuji-peixunban.html")
    title = squeeze(page.evaluate("document.querySelector('article h1').firstChild.textContent"))
    pages, _, bottoms = printed(page)
    assert len(pages) == page.locator(".hl-sheet").count() > 40, "one printed page per laid-out sheet"
    assert [n for n, text in enumerate(pages, 1) if f"—{n}—" not in text] == [], "every page carries its number"
    assert all(text.startswith(title) for text in pages), "the course title heads every page"
    assert not [label for label in NAV_ONLY if squeeze(label) in "".join(pages)]
    assert not [n for n, text in enumerate(pages, 1) if LINK_INSTRUCTION.search(text)], "no page sends to a link"

    contents = page.evaluate("""() => [...document.querySelectorAll('.hl-contents a')].map(a => {
        const target = document.getElementById(a.getAttribute('href').slice(1));
        return [a.firstChild.textContent, Number(a.querySelector('.hl-toc-page').textContent),
                Number(target.closest('.hl-sheet').dataset.page)];
    })""")
    assert len(contents) >= len(lessons_of("shuji-peixunban")) + 4
    toc_page = next(text for text in pages if "目录" in text[:len(title) + 4])
    for heading, number, sheet in contents:
        assert number == sheet, f"{heading}: contents say {number}, laid out on {sheet}"
        assert re.search(re.escape(squeeze(heading)) + str(number) + r"(?!\d)", toc_page), heading
        assert squeeze(heading) in pages[number - 1], f"{heading} is not on printed page {number}"

    mostly_blank = [n for n, bottom in enumerate(bottoms[1:-1], 2) if filled(bottom, SHEET_BODY) < HALF]
    assert not mostly_blank, f"pages more than half blank: {mostly_blank}"


def test_a_course_handout_prints_every_reading_in_full_and_refers_by_page(visit: Visit):
    import yaml

    page = open_sheets(visit, "handouts/shuji-peixunban.html")
    text = "".join(printed(page)[0])
    course = yaml.safe_load((REPO / "data" / "curricula" / "shuji-peixunban.yml").read_text(encoding="utf-8"))
    readings = {a for module in course["modules"] for lesson in module["lessons"] for a in lesson.get("readings", ())}
    manual = {}
    for path in (REPO / "data" / "manual").glob("*.yml"):
        for aspect in yaml.safe_load(path.read_text(encoding="utf-8"))["aspects"]:
            manual[aspect["id"]] = aspect
    for aspect_id in readings:
        for step in manual[aspect_id]["procedure"]:  # the whole text, not a summary
            assert squeeze(step["title"]) in text, (aspect_id, step["title"])
    refs = page.evaluate("""() => [...document.querySelectorAll('.hl-sheet-body .hl-ref')].map(ref =>
        [ref.querySelector('.hl-pageref').textContent,
         document.getElementById(ref.querySelector('a').getAttribute('href').slice(1)).closest('.hl-sheet').dataset.page])""")
    assert refs and all(note == f"，第 {number} 页" for note, number in refs), refs


def test_lessons_and_parts_start_a_page_unless_the_page_before_would_be_left_half_empty(visit: Visit):
    page = open_sheets(visit, "handouts/hongxin-daoshi-caidan.html")
    starts = page.evaluate("""() => [...document.querySelectorAll('.hl-sheet .hl-new-page')].map(h => {
        const body = h.closest('.hl-sheet-body');
        return [h.textContent, h === body.firstElementChild,
                (h.getBoundingClientRect().top - body.getBoundingClientRect().top) / body.clientHeight];
    })""")
    lessons = lessons_of("hongxin-daoshi-caidan")
    assert len(starts) >= len(lessons)
    assert all(first or top < 0.6 for _, first, top in starts), starts
    assert sum(first for _, first, _ in starts) >= len(starts) // 2, "most parts open a page"
    answers = printed(open_sheets(visit, "handouts/hongxin-daoshi-caidan-answers.html"))[0]
    assert "答案：" in "".join(answers) and "（单选题）" not in "".join(answers)


def test_a_case_table_in_a_handout_cites_its_source_once(visit: Visit):
    page = open_sheets(visit, "handouts/shuji-peixunban.html")
    tables = page.evaluate("""() => [...document.querySelectorAll('.hl-sheet table')].map(t => [
        [...t.querySelectorAll('th')].map(th => th.textContent), t.rows.length,
        t.nextElementSibling && t.nextElementSibling.classList.contains('hl-table-note')
            ? t.nextElementSibling.textContent : ''])""")
    figures = [t for t in tables if t[0][:2] == ["指标", "数值"]]
    assert figures, "the cases' figures are printed"
    assert not [t for t in tables if "来源" in t[0]], "no column repeats a source in every row"
    notes = [note for _, _, note in figures if note]
    assert notes and all(note.startswith("出处：《") for note in notes)
    text = "".join(printed(page)[0])
    for note in notes:
        source = note.removeprefix("出处：").rstrip("。")
        assert text.count(squeeze(source)) <= 2, f"{source} printed once per table, not per row"


def test_an_aspect_prints_numbered_pages_with_its_self_test_answers_at_the_end(visit: Visit):
    page = visit.open("handbook/dangfei-shoujiao.html")
    title = squeeze(page.evaluate("document.querySelector('article h1').firstChild.textContent"))
    pages, _, bottoms = printed(page)
    text = "".join(pages)
    assert [n for n, p in enumerate(pages, 1) if f"—{n}—" not in p] == []
    assert all(p.startswith(title) for p in pages), "the aspect's title heads every printed page"
    last_question = max(m.start() for m in re.finditer(r"（(单选|多选|判断|简答)题）", text))
    first_answer = text.find("1.答案：")
    assert first_answer > last_question, "the answers follow the last question, not each question"
    assert text.count("答案：") >= page.locator(".hl-quiz .hl-question").count()
    assert not [w for w in ("其他地方怎么做", "相关内容", "另见", "上一篇与下一篇", "引用本页的记录") if w in text], \
        "lists that only lead to other pages are not printed"
    assert not LINK_INSTRUCTION.search(text) and "交卷评分" not in text and "本页可直接打印" not in text
    mostly_blank = [n for n, bottom in enumerate(bottoms[:-1], 1) if filled(bottom, PAGE_BODY) < HALF]
    assert not mostly_blank, mostly_blank


def test_a_course_page_prints_without_navigation_and_with_every_lesson(visit: Visit):
    page = visit.open("courses/hongxin-daoshi-caidan.html")
    assert page.locator("p.hl-toolbar > button.hl-print").count() == 1
    assert page.locator("p.hl-toolbar a[href$='.docx']").count() == 2
    pages = printed(page)[0]
    text = "".join(pages)
    assert not [label for label in NAV_ONLY if squeeze(label) in text]
    assert "打印" not in pages[0][:40] and "搜索" not in text
    missing = [title for title in lessons_of("hongxin-daoshi-caidan") if title not in text]
    assert not missing, missing


def test_a_case_prints_with_every_figure_and_its_sources(visit: Visit):
    import yaml

    from generator.core.schema.case import Case
    from generator.site.figures import metric_value

    data = yaml.safe_load((REPO / "data" / "cases" / "wenshang-hongse-yinqing.yml").read_text(encoding="utf-8"))
    case = Case.model_validate(data)
    text = "".join(printed(visit.open("cases/wenshang-hongse-yinqing.html"))[0])
    assert not [label for label in NAV_ONLY if squeeze(label) in text]
    missing = [m.label for m in case.metrics if squeeze(metric_value(m)) not in text]
    assert not missing, missing
    sources = [yaml.safe_load((REPO / "data" / "sources" / f"{s}.yml").read_text(encoding="utf-8"))["title"]
               for s in case.sources]
    assert all(squeeze(title) in text for title in sources)
