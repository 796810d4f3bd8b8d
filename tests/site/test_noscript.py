"""With JavaScript off the handbook, the cases and the glossary still read; search and the tools say
that they need it."""

from __future__ import annotations

from tests.support.browser import DESKTOP, Visit

NOTICE = "需要浏览器启用 JavaScript"


def test_pages_read_without_javascript_and_tools_say_they_need_it(browser, root: str):
    session = Visit(browser, root, java_script_enabled=False, **DESKTOP)
    try:
        page = session.open("handbook/sanhui-yike.html")
        article = page.inner_text("article")
        assert "三会一课" in article and "检查清单" in article
        assert page.locator(".hl-checklist li, article li").count() > 10

        page = session.open("cases/changqing-hongse-ningjuli.html")
        assert len(page.inner_text("article")) > 500

        page = session.open("glossary.html")
        assert page.locator("article dt, article h2, article h3").count() > 10

        page = session.open("handbook/dangfei-shoujiao.html")
        assert NOTICE in page.inner_text(".hl-dues-calculator")
        assert "第1档" in page.inner_text("article"), "the 党费 table reads without the calculator"
        page = session.open("handbook/fazhan-dangyuan.html")
        assert NOTICE in page.inner_text(".hl-process-planner")

        assert NOTICE in page.inner_text("header"), "the header says why there is no search box"
    finally:
        session.close()
    assert session.external == []
