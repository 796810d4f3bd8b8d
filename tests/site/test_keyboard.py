"""Keyboard only: from the home page to an aspect's checklist, a search result and the 党费
calculator with Tab, Enter (and Space for a checkbox), the focus visible at every step."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.support.browser import Visit

FOCUS = """() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body) return null;
    // the palette's radio buttons are hidden: their label beside them draws the focus
    const el = focused.matches('.md-option') ? focused.nextElementSibling : focused;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const shadow = s.boxShadow !== 'none';
    return {shown: (outline || shadow) && el.getClientRects().length > 0,
            where: el.tagName + (el.id ? '#' + el.id : '') + ' ' + (el.getAttribute('href') || '') + ' '
                   + (el.textContent || '').trim().slice(0, 20)};
}"""


def tab_to(page: Page, wanted: str, limit: int = 250, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches the CSS selector ``wanted``;
    every element the focus passes must show it."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focus = page.evaluate(FOCUS)
        if focus is None:
            continue
        assert focus["shown"], f"no visible focus on {focus['where']}"
        if page.evaluate("(sel) => document.activeElement.matches(sel)", wanted):
            return
    raise AssertionError(f"Tab never reached {wanted}")


def test_keyboard_walkthrough(visit: Visit):
    page = visit.open("index.html")

    tab_to(page, "article a[href$='handbook/index.html']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/handbook/index.html")
    tab_to(page, "article a[href$='sanhui-yike.html']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/handbook/sanhui-yike.html")

    tab_to(page, ".hl-checklist input[type=checkbox]")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True, "the checklist item is ticked"

    tab_to(page, "input.md-search__input", back=True)
    page.keyboard.type("党费交纳")
    page.locator(".md-search-result__link").first.wait_for(timeout=10000)
    tab_to(page, ".md-search-result__link[href*='dangfei-shoujiao.html']", limit=60)
    page.keyboard.press("Enter")
    page.wait_for_url("**/handbook/dangfei-shoujiao.html*")

    tab_to(page, "#hl-dues-income")
    page.keyboard.type("5000")
    page.keyboard.press("Enter")
    assert "每月交纳党费" in page.inner_text("#hl-dues-result")
    assert "元" in page.inner_text("#hl-dues-result .hl-dues-amount")


def test_a_glossary_mark_shows_and_announces_its_definition_on_keyboard_focus(visit: Visit):
    page = visit.open("handbook/sanhui-yike.html")
    tab_to(page, "article a.hl-term")
    definition = page.evaluate("document.activeElement.dataset.definition")
    assert definition
    # Material's tooltip: shown on focus and tied to the link by aria-describedby
    page.wait_for_function("""() => { const id = document.activeElement.getAttribute('aria-describedby');
                                      const tip = id && document.getElementById(id);
                                      return tip && getComputedStyle(tip).opacity === '1'; }""", timeout=5000)
    tip = page.evaluate("document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent")
    assert definition in tip, "screen readers read the definition as the link's description"
