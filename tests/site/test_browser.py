"""The built site in Debian's Chromium (Playwright with ``executable_path``), over http and from
``file://``: pages open, cross-links lead where they say, glossary tooltips show, and no request
leaves the machine (the ``visit`` fixture fails the test otherwise)."""

from __future__ import annotations

import re

from tests.support.browser import Visit


def test_home_page_routes_each_kind_of_reader(visit: Visit):
    page = visit.open("index.html")
    assert "红领" in page.title()
    body = page.inner_text("article")
    for reader in ("新任党务工作者", "培训", "编辑"):
        assert reader in body
    page.click("article a[href$='handbook/index.html']")
    page.wait_for_url("**/handbook/index.html")
    assert "参考版" in page.inner_text("article")


def test_case_page_keeps_qualifiers_and_cites_each_figure(visit: Visit):
    page = visit.open("cases/changqing-hongse-ningjuli.html")
    text = page.inner_text("article")
    assert "“红色凝聚力”" in text and "200余名" in text and "152人" in text
    citation = page.locator("article a[href*='sources.html#src-changqing-ningjuli']").first
    citation.click()
    page.wait_for_url("**/sources.html#src-changqing-ningjuli")
    page.locator("#src-changqing-ningjuli").wait_for(state="visible")


def test_aspect_page_leads_to_the_cases_that_show_it(visit: Visit):
    page = visit.open("handbook/dangwu-duiwu.html")
    text = page.inner_text("article")
    assert "其他地方怎么做" in text
    page.locator("article a[href*='cases/changqing-hongse-ningjuli.html']").first.click()
    page.wait_for_url("**/cases/changqing-hongse-ningjuli.html")


def test_glossary_term_shows_its_definition_on_hover(visit: Visit):
    page = visit.open("handbook/sanhui-yike.html")
    term = page.locator("article a.hl-term").first
    assert term.count() == 1
    definition = term.get_attribute("title") or term.get_attribute("data-title") or ""
    term.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text=definition[:6]).first
    tooltip.wait_for(state="visible", timeout=5000)
    target = term.get_attribute("href").split("#")[1]
    term.click()
    page.wait_for_url(f"**/glossary.html#{target}")
    page.locator(f"[id='{target}']").wait_for(state="visible")
    assert definition[:10] in page.inner_text("article")


def test_glossary_page_lists_terms_with_anchors(visit: Visit):
    page = visit.open("glossary.html")
    assert page.locator("#sanhuiyike").count() == 1
    assert "三会一课" in page.inner_text("article")


def test_statistics_page_draws_charts_without_scripts(visit: Visit):
    page = visit.open("statistics.html")
    assert page.locator("table.hl-bars").count() >= 3
    assert page.locator("table.hl-bars svg rect").count() >= 10
    labels = page.locator("table.hl-bars th").all_inner_texts()
    assert labels and not [label for label in labels if label.endswith("…")], "labels are never cut"
    counties = page.locator("#regions").locator("xpath=following::table[1]").locator("tbody th").all_inner_texts()
    assert counties and not [c for c in counties if c.startswith(("济南市", "山东省"))], "no city beside its districts"
    assert "限定词" not in page.inner_text("article")
    assert page.locator("article script").count() == 0


def test_hand_written_pages_get_glossary_tooltips_too(visit: Visit):
    page = visit.open("about.html")
    assert page.locator("article a.hl-term").count() >= 1
