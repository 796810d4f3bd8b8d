"""The trainer's tools in Chromium, over http and from disk: the 题库 lists every question and
filters them, a self-test scores a known set of answers, and the handout builder prints exactly
what was ticked and writes YAML that makes the same handout."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import yaml
from playwright.sync_api import Page

from generator import Settings, check
from tests.support import REPO
from tests.support.browser import Visit


def shown(page: Page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('.hl-bank-item')].filter(i => !i.hidden)"
                         ".map(i => i.querySelector('.hl-question').id)")


def test_the_question_bank_lists_every_question_and_filters_them(visit: Visit, site):
    page = visit.open("questions.html")
    questions = site.kb.of_kind("question")
    assert sorted(shown(page)) == sorted(e.id for e in questions)
    assert page.locator(".hl-bank-count").inner_text() == f"显示 {len(questions)} / {len(questions)} 道题"
    assert page.locator(".hl-bank-item details[open]").count() == 0, "answers only on demand"

    category = site.kb.entries["dangfei"]
    in_category = {a.id for a in category.record.aspects}
    page.select_option(".hl-bank-category", category.id)
    assert sorted(shown(page)) == sorted(e.id for e in questions if e.record.aspect in in_category)
    page.select_option(".hl-bank-aspect-filter", "dangfei-shoujiao")
    assert sorted(shown(page)) == sorted(e.id for e in questions if e.record.aspect == "dangfei-shoujiao")
    page.uncheck(".hl-bank-kinds input[value='单选']")
    expected = sorted(e.id for e in questions if e.record.aspect == "dangfei-shoujiao" and e.record.kind != "单选")
    assert sorted(shown(page)) == expected and expected
    assert page.locator(".hl-bank-count").get_attribute("data-shown") == str(len(expected))

    first = page.locator(".hl-bank-item:not([hidden]) details").first
    first.locator("summary").click()
    assert "答案：" in first.inner_text()


def answer(page: Page, question, right: bool) -> None:
    """Tick the question's right answer, or a wrong one."""
    q = question.record
    name = f"hl-q-{question.id}"
    if q.kind == "判断":
        value = q.answer[0] if right else ({"正确", "错误"} - {q.answer[0]}).pop()
        page.check(f"input[name='{name}'][value='{value}']")
    elif q.kind == "单选":
        value = q.answer[0] if right else next(o.key for o in q.options if o.key not in q.answer)
        page.check(f"input[name='{name}'][value='{value}']")
    elif q.kind == "多选":
        keys = q.answer if right else q.answer[:1]
        for key in keys:
            page.check(f"input[name='{name}'][value='{key}']")


def test_an_aspect_self_test_scores_a_known_set_of_answers(visit: Visit, site):
    page = visit.open("handbook/dangfei-shoujiao.html")
    questions = sorted(site.referrers("dangfei-shoujiao", "question"), key=lambda e: e.id)
    scored = [q for q in questions if q.record.kind != "简答"]
    assert page.locator("h2#quiz-answers").is_hidden(), "answers folded until the reader asks"
    wrong = {scored[0].id, scored[-1].id}
    for question in scored:
        answer(page, question, question.id not in wrong)
    page.click(".hl-quiz-submit")
    score = page.locator(".hl-score")
    assert (score.get_attribute("data-right"), score.get_attribute("data-total")) == (str(len(scored) - 2), str(len(scored)))
    assert score.inner_text().startswith(f"得分：{len(scored) - 2} / {len(scored)}")
    assert sorted(page.evaluate("[...document.querySelectorAll('.hl-question.hl-wrong')].map(q => q.id)")) == sorted(wrong)
    assert page.locator("h2#quiz-answers").is_visible() and page.locator(".hl-quiz-answers").is_visible()
    page.click(".hl-quiz-reset")
    assert page.locator(".hl-quiz input:checked").count() == 0 and score.inner_text() == ""
    page.click(".hl-quiz-submit")
    assert score.get_attribute("data-right") == "0", "unanswered questions score nothing"


def test_a_course_self_test_scores_all_right_answers_as_full_marks(visit: Visit, site):
    page = visit.open("courses/hongxin-daoshi-caidan.html")
    with page.expect_navigation():
        page.click("#quiz ~ p a[href$='-quiz.html']")
    ids = page.evaluate("[...document.querySelectorAll('.hl-quiz .hl-question')].map(q => q.id)")
    assert ids, "the course page carries its quiz"
    scored = [site.kb.entries[i] for i in ids if site.kb.entries[i].record.kind != "简答"]
    for question in scored:
        answer(page, question, True)
    page.click(".hl-quiz-submit")
    assert page.locator(".hl-score").get_attribute("data-right") == str(len(scored)) == \
        page.locator(".hl-score").get_attribute("data-total")


def test_the_handout_builder_prints_what_was_ticked_and_writes_the_yaml_of_the_same_handout(
        visit: Visit, site, tmp_path: Path):
    from pypdf import PdfReader

    page = visit.open("handouts/builder.html")
    chosen = ["sanhui-yike", "dangfei-shoujiao", "wenshang-hongse-yinqing"]
    for record_id in chosen:
        page.check(f".hl-builder input[value='{record_id}']")
    questions = ["q-sanhui-yike-02", "q-dangfei-shoujiao-01"]
    for question_id in questions:
        page.check(f".hl-builder input[name='question'][value='{question_id}']")
    page.fill(".hl-builder input[name='title']", "组织生活与党费")
    page.fill(".hl-builder input[name='id']", "zuzhi-dangfei")
    page.click(".hl-builder-preview")
    sheets = page.locator(".hl-sheet").count()
    assert sheets >= 5

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    pages = ["".join(p.extract_text().split()) for p in pdf.pages]
    text = "".join(pages)
    assert len(pages) == sheets and all(f"—{n}—" in p for n, p in enumerate(pages, 1))
    assert "自选讲义" not in text and "排版预览" not in text, "the form does not print"
    for record_id in chosen:
        assert "".join(site.kb.entries[record_id].title.split()) in text, record_id
    for question_id in questions:
        assert "".join(site.kb.entries[question_id].record.stem.split()) in text, question_id
    opening = {e.id: "".join(e.record.summary.split())[:20] for e in site.kb.of_kind("aspect")}
    assert [a for a in chosen[:2] if opening[a] not in text] == []
    assert [a for a in opening if a not in chosen and opening[a] in text] == [], "nothing that was not ticked"
    assert text.index("四、测验") < text.index("五、测验答案")

    source = page.locator(".hl-builder-yaml-text").input_value()
    handout = yaml.safe_load(source)
    assert handout["id"] == "zuzhi-dangfei" and handout["questions"] == questions
    assert [i for s in handout["sections"] for i in s["include"]] == chosen
    library = tmp_path / "data"
    shutil.copytree(REPO / "data", library)
    (library / "handouts" / "zuzhi-dangfei.yml").write_text(source, encoding="utf-8")
    kb, report = check(Settings(data_dir=library))
    assert report.problems == [], [p.message for p in report.problems]
    assert kb.entries["zuzhi-dangfei"].record.title == "组织生活与党费"
