"""无障碍: axe-core (vendored from npm, loaded only here) checks WCAG 2.1 A/AA on representative pages
in the standard, 大字 and 高对比 modes, over http and from ``file://``; the 字号 switch reflows
without horizontal scrolling; every page declares ``zh-CN``."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.support import REPO
from tests.support.browser import DESKTOP, Visit

AXE = REPO / "tests" / "support" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGES = {
    "首页": "index.html",
    "手册方面（党费计算）": "handbook/dangfei-shoujiao.html",
    "手册方面（检查清单）": "handbook/sanhui-yike.html",
    "案例": "cases/changqing-hongse-ningjuli.html",
    "做法比较": "practices/dangfei-fanhuan.html",
    "培训课程": "courses/gaoxin-xueyuan.html",
    "课程自测": "courses/gaoxin-xueyuan-quiz.html",
    "术语表": "glossary.html",
    "数字统计": "statistics.html",
    "阵地": "sites/index.html",
    "题库": "questions.html",
    "自选讲义": "handouts/builder.html",
    "讲义打印版": "handouts/gaoxin-xueyuan.html",
}


def serious_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA run on the page as it stands: every serious or critical finding."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return {passes: r.passes.map(p => p.id),
                violations: r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                  .flatMap(v => v.nodes.map(n => v.id + ' ' + n.target.join(' ') + ': ' + n.failureSummary))};
    }""", WCAG_TAGS)
    assert {"color-contrast", "html-has-lang"} <= set(result["passes"]), "axe ran its checks on the page"
    return result["violations"]


def choose_size(page: Page, size: str) -> None:
    """Click the header's 字号 button until it says ``size`` (the way a reader does)."""
    button = page.locator("[data-hl-size-button]")
    for _ in range(3):
        if size in button.inner_text():
            return
        button.click()
    raise AssertionError(f"the 字号 button never reached {size}: {button.inner_text()}")


def choose_scheme(page: Page, scheme: str) -> None:
    """Click the palette toggle until the page wears ``scheme``."""
    for _ in range(4):
        if page.evaluate("document.body.dataset.mdColorScheme") == scheme:
            return
        page.locator("form[data-md-component=palette] label:visible").first.click()
    raise AssertionError(f"the palette toggle never reached {scheme}")


def open_page(visit: Visit, path: str) -> Page:
    page = visit.open(path)
    if path.startswith("handouts/") and path != "handouts/builder.html":
        page.wait_for_selector("html.hl-paged-done", state="attached")
    return page


@pytest.mark.parametrize("mode", ["标准", "大字", "高对比"])
def test_no_serious_or_critical_wcag_violation(visit: Visit, mode: str):
    page = visit.open("index.html")
    if mode == "大字":
        choose_size(page, "150%")
    elif mode == "高对比":
        choose_scheme(page, "hl-contrast")
    found = {}
    for name, path in PAGES.items():
        page = open_page(visit, path)
        # the choice was remembered from the home page, also from file://
        assert page.evaluate("document.documentElement.getAttribute('data-hl-size')") == \
            ("150" if mode == "大字" else None), name
        assert (page.evaluate("document.body.dataset.mdColorScheme") == "hl-contrast") == (mode == "高对比"), name
        assert page.evaluate("document.documentElement.lang") == "zh-CN", name
        violations = serious_violations(page)
        if violations:
            found[name] = violations
    assert found == {}, f"{mode}: serious or critical WCAG 2.1 violations: {found}"


@pytest.mark.parametrize("size", ["125%", "150%"])
def test_large_text_reflows_without_horizontal_scrolling(visit: Visit, size: str):
    page = visit.open("index.html")
    standard = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    choose_size(page, size)
    larger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert larger == pytest.approx(standard * int(size[:-1]) / 100)
    for path in ["index.html", "handbook/dangfei-shoujiao.html", "statistics.html", "glossary.html"]:
        page = visit.open(path)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{path} scrolls sideways at {size}: {width}"


def test_the_size_switch_steps_back_to_standard_and_is_hidden_without_storage(browser, root: str):
    session = Visit(browser, root, **DESKTOP)
    try:
        page = session.open("index.html")
        # a browser that refuses storage still switches, for the page at hand
        page.evaluate("""() => Object.defineProperty(window, 'localStorage',
                         {get() { throw new Error('storage refused'); }})""")
        choose_size(page, "125%")
        choose_size(page, "150%")
        choose_size(page, "标准")
        assert page.evaluate("document.documentElement.hasAttribute('data-hl-size')") is False
        label = page.locator("[data-hl-size-button]").get_attribute("aria-label") or ""
        assert label.startswith("字号：标准") and "点击改为大字 125%" in label
    finally:
        session.close()
    assert session.external == [] and session.errors == []


def test_paper_stays_black_on_white_at_the_standard_size(visit: Visit):
    """大字 and 高对比 are for the screen: a page printed in them prints like the standard page."""
    page = visit.open("handbook/sanhui-yike.html")
    standard = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    choose_size(page, "150%")
    choose_scheme(page, "hl-contrast")
    page = visit.open("handbook/sanhui-yike.html")
    page.emulate_media(media="print")
    printed = page.evaluate("""() => {
        const s = getComputedStyle(document.querySelector('article'));
        return [getComputedStyle(document.documentElement).fontSize, s.color, getComputedStyle(document.body).backgroundColor];
    }""")
    assert printed[0] == standard
    assert printed[1] in ("rgb(0, 0, 0)", "rgba(0, 0, 0, 0.87)"), "dark text on paper"
    assert printed[2] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), "no black page"
