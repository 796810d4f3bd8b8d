"""The built embedded library read the way its readers read it — on a 1366 × 768 office PC and a
390 × 844 phone, over http and from ``file://`` — in Debian's Chromium.

Every record page sits in its section (tab, breadcrumb); readers see no ids, data files or English
interface words; comparison tables stay inside the content column; glossary definitions are
readable and, on a phone, shown in place; the 404 page leads back. Screenshots of the main page
kinds are kept as test artefacts (``$HONGLING_ARTEFACTS``, or a temp folder; never committed).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator import Settings, check
from generator.core.schema import pages_of, page_kinds
from generator.site.resolver import Resolver, src_uri_of
from tests.support import REPO
from tests.support.browser import SIZES, Visit

EDITOR_TAB = "编辑与发布"
"""The nav section for editors: their pages name data files and codes by design."""

ID_OR_FILE = re.compile(r"\b(?:src|reg)-[a-z0-9-]+|data/[\w./-]*\.yml|本页由数据文件")
ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
ALLOWED_WORDS = {"Word", "WPS", "Excel", "Outlook"}
"""The product names the interface uses (下载 Word 文档, 用 WPS 打开, 导入 Outlook 日历). Code spans
(a file to open, a word to search for), a file type (.ics) and a data box a trainer hands on (the
handout builder's textarea) are literal and not checked."""
FILE_TYPE = re.compile(r"\.[a-z]{2,4}\b")
OPTION_LETTERS = re.compile(r"^[A-F]{1,6}$")
PLACEHOLDER = re.compile(r"(?:暂无|还没有)[^。]{0,30}。")
"""Answer keys (答案：ABD)."""

PAGES_TO_SHOOT = {"home": "index.html", "aspect": "handbook/sanhui-yike.html",
                  "case": "cases/changqing-hongse-ningjuli.html",
                  "practice": "practices/dangjian-zhidaoyuan.html", "statistics": "statistics.html"}


@pytest.fixture(scope="module")
def library_site() -> Resolver:
    kb, report = check(Settings(data_dir=REPO / "data"))
    assert not report.errors
    return Resolver(kb)


@pytest.fixture(params=sorted(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def screen(browser, root: str, size: str) -> Iterator[Visit]:
    """A visit at one of the two screen sizes; fails on any request off the machine or script error."""
    session = Visit(browser, root, **SIZES[size])
    yield session
    assert session.external == [], f"requests left the machine: {session.external}"
    assert session.errors == [], f"script errors: {session.errors}"
    session.close()


def data_words() -> set[str]:
    """ASCII words the library's own data uses (泉通APP, EMBA): content, not interface."""
    words: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            words.update(ASCII_WORD.findall(value))

    for path in (REPO / "data").rglob("*.yml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return words


def reader_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


def active_tab(page) -> str:
    return page.locator(".md-tabs__item--active").first.inner_text().strip()


def record_page_of_every_kind(site: Resolver) -> list[tuple[str, str, str]]:
    """(kind, page, page that lists its section) for one published record of every kind on the site."""
    out = []
    for kind, pages in page_kinds():
        entries = site.entries(kind) or [e for e in site.kb.of_kind(kind) if site.visible(e.id)]
        assert entries, f"the embedded library has no published {kind}"
        page, _ = src_uri_of(entries[0])
        lister = pages_of(pages.parent[1]) if pages.parent else pages
        assert lister is not None
        out.append((kind, page.replace(".md", ".html"), (lister.index or page).replace(".md", ".html")))
    return out


# --- sections, breadcrumbs, no plumbing --------------------------------------------------------


def test_every_record_kind_opens_its_section(screen: Visit, size: str, library_site: Resolver):
    for kind, page_path, lister in record_page_of_every_kind(library_site):
        page = screen.open(page_path)
        has_tabs = page.locator(".md-tabs").count() > 0
        if not has_tabs:  # a print view: no tabs, but the breadcrumb names its section
            pages = pages_of(kind)
            assert pages is not None and pages.section in page.inner_text(".md-path"), kind
            continue
        opened = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item--active")
        assert opened.count() == 1, f"{kind}: {page_path} opens no section of the nav"
        if size == "desktop":
            tab = active_tab(page)
            assert tab == active_tab(screen.open(lister)), f"{kind}: {page_path} is in the tab {tab!r}"


def test_a_case_sits_under_its_section_and_region(screen: Visit):
    page = screen.open("cases/gaoxin-sanzhuan.html")
    crumbs = [c.strip() for c in page.locator(".md-path__item").all_inner_texts()]
    assert crumbs == ["首页", "案例库", "济南高新区"]
    page.locator(".md-path__link", has_text="济南高新区").click()
    page.wait_for_url("**/regions/jinan-gaoxin.html")
    assert [c.strip() for c in page.locator(".md-path__item").all_inner_texts()] == ["首页", "案例库", "地区", "山东省", "济南市"]


def test_previous_and_next_stay_inside_the_section(screen: Visit):
    page = screen.open("handbook/index.html")
    assert page.locator("link[rel=prev]").count() == 0, "the handbook's first page has no previous page elsewhere"
    page = screen.open("cases/gaoxin-sanzhuan.html")
    for rel in ("prev", "next"):
        href = page.locator(f"link[rel={rel}]").get_attribute("href")
        assert href and re.fullmatch(r"[a-z0-9-]+\.html", href), f"{rel}: {href} is not another case"


def test_readers_see_no_ids_data_files_or_english_interface(browser, root: str, built_site: Path):
    """Every page outside the editors' section, as a browser shows it."""
    allowed = data_words() | ALLOWED_WORDS
    session = Visit(browser, root, **SIZES["desktop"])
    leaks: dict[str, set[str]] = {}
    english: dict[str, set[str]] = {}
    try:
        for path in reader_pages(built_site):
            page = session.open(path)
            if page.locator(".md-tabs__item--active").count() and active_tab(page) == EDITOR_TAB:
                continue
            text = page.evaluate("document.body.innerText")
            labels = page.evaluate("""Array.from(document.querySelectorAll('[title],[aria-label],[placeholder],[alt]'))
                .filter(e => !e.closest('svg') && !e.matches('a.hl-term'))
                .map(e => ['title', 'aria-label', 'placeholder', 'alt'].map(a => e.getAttribute(a) || '').join(' '))
                .join(' ')""")
            for match in ID_OR_FILE.findall(text):
                leaks.setdefault(match, set()).add(path)
            for literal in page.locator("article code, article kbd").all_inner_texts():
                text = text.replace(literal, " ")  # what a reader types or opens: 1+X, index.html
            for literal in page.locator("article textarea").evaluate_all("boxes => boxes.map(b => b.value)"):
                text = text.replace(literal, " ")
            text = FILE_TYPE.sub(" ", text)
            for word in ASCII_WORD.findall(text + " " + labels):
                if word not in allowed and not OPTION_LETTERS.match(word):
                    english.setdefault(word, set()).add(path)
    finally:
        session.close()
    assert leaks == {}, leaks
    assert english == {}, english
    assert session.external == [] and session.errors == []


def test_no_page_has_an_empty_section(built_site: Path):
    """A heading is followed by something, not a placeholder, before the next heading of its level or higher."""
    empty = []
    for path in reader_pages(built_site):
        html = re.search(r"<article[^>]*>(.*)</article>", (built_site / path).read_text(encoding="utf-8"), re.S)
        assert html, path
        headings = list(re.finditer(r"<h([2-6])[^>]*>.*?</h\1>", html.group(1), re.S))
        for heading, following in zip(headings, headings[1:] + [None]):
            level = int(heading.group(1))
            end = following.start() if following else len(html.group(1))
            body = re.sub(r"<[^>]+>|\s", "", html.group(1)[heading.end():end])
            placeholder = bool(PLACEHOLDER.fullmatch(body))  # 暂无其他记录引用本页。
            if (not body or placeholder) and (following is None or int(following.group(1)) <= level):
                empty.append(f"{path}: {re.sub(r'<[^>]+>', '', heading.group(0))}")
    assert empty == []


def test_figures_read_as_statements(built_site: Path):
    """How often and when, inline where a case lists a practice's figures (not only in the table)."""
    html = (built_site / "cases" / "wenshang-hongse-yinqing.html").read_text(encoding="utf-8")
    practices = html[html.index('id="practices"'):html.index('id="metrics"')]
    assert "新兴领域党建工作情况摸底排查的频次：每半年1次" in practices
    assert "返还党费：39.43万元（2023年）" in practices
    assert "梳理摸排并解决的问题诉求：160条（2024年以来）" in practices
    run = (built_site / "cases" / "gaoxin-qiangji-guben.html").read_text(encoding="utf-8")
    assert "党员发展数量逐年增加的连续年数：5年（2018年以来）" in run


# --- comparison tables and glossary marks -----------------------------------------------------


def test_comparison_tables_stay_inside_the_content_column(screen: Visit, size: str, library_site: Resolver):
    for entry in library_site.entries("practice"):
        assert entry.record.dimensions, f"{entry.id}: the embedded practices all compare something"
        page = screen.open(src_uri_of(entry)[0].replace(".md", ".html"))
        table = page.locator("#comparison").locator("xpath=following::table[1]")
        assert table.count() == 1, entry.id
        box, column = table.bounding_box(), page.locator("article.md-content__inner").bounding_box()
        assert box and column
        assert box["x"] >= column["x"] - 1 and box["x"] + box["width"] <= column["x"] + column["width"] + 1, entry.id
        assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth"), entry.id
        if size == "phone":  # cards: every cell says which place it belongs to
            assert table.locator("thead").evaluate("e => getComputedStyle(e).display") == "none"
            label = table.locator("td").first.evaluate("e => getComputedStyle(e, '::before').content")
            assert label.strip('"'), entry.id


def test_glossary_definitions_are_readable(browser, root: str):
    session = Visit(browser, root, **SIZES["desktop"])
    try:
        page = session.open("handbook/sanhui-yike.html")
        term = page.locator("article a.hl-term").first
        definition = term.get_attribute("title") or ""
        term.hover()
        tooltip = page.locator(".md-tooltip2__inner, .md-tooltip__inner").filter(has_text=definition[:8]).first
        tooltip.wait_for(state="visible", timeout=5000)
        size = float(tooltip.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
        weight = int(tooltip.evaluate("e => getComputedStyle(e).fontWeight"))
        assert size >= 14 and weight <= 400, (size, weight)
    finally:
        session.close()
    assert session.external == [] and session.errors == []


def test_a_page_does_not_mark_its_own_subject(screen: Visit):
    page = screen.open("practices/dangjian-zhidaoyuan.html")
    marked = set(page.locator("article a.hl-term").evaluate_all("els => els.map(e => e.dataset.term)"))
    assert "dangjianzhidaoyuan" not in marked and marked, marked


def test_a_tap_on_a_phone_shows_the_definition_in_place(browser, root: str):
    session = Visit(browser, root, **SIZES["phone"])
    try:
        page = session.open("handbook/sanhui-yike.html")
        term = page.locator("article a.hl-term").nth(2)  # low on the first screen: the box must not fall off it
        definition, target = term.get_attribute("title") or "", term.get_attribute("data-term")
        term.scroll_into_view_if_needed()
        before = page.url
        term.tap()
        box = page.locator(".hl-term-pop")
        box.wait_for(state="visible", timeout=5000)
        assert definition and definition in box.inner_text()
        assert page.url == before, "the tap stayed on the page"
        shown = box.bounding_box()
        assert shown and 0 <= shown["y"] and shown["y"] + shown["height"] <= 844, "the definition shows on screen"
        box.locator("button", has_text="关闭").tap()
        assert box.count() == 0
        term.tap()
        page.locator(".hl-term-pop a", has_text="在术语表中查看").tap()
        page.wait_for_url(f"**/glossary.html#{target}")
    finally:
        session.close()
    assert session.external == [] and session.errors == []


def test_the_palette_follows_the_system_and_can_be_switched(browser, root: str):
    session = Visit(browser, root, color_scheme="dark", **SIZES["desktop"])
    try:
        page = session.open("index.html")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        toggle = page.locator("form[data-md-component=palette] label:visible").first
        assert re.search(r"[\u4e00-\u9fff]", toggle.get_attribute("title") or ""), "the toggle speaks Chinese"
        toggle.click()
        assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    finally:
        session.close()
    assert session.external == [] and session.errors == []


# --- the 404 page -------------------------------------------------------------------------------


def test_the_404_page_leads_back(screen: Visit, root: str):
    missing = "cases/no-such-case.html" if root.startswith("http") else "404.html"
    page = screen.open(missing)
    assert "找不到这个页面" in page.inner_text("article")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed"), \
        "the theme's styles load at any depth"
    page.locator("label", has_text="搜索本站").click()
    page.locator("input.md-search__input").wait_for(state="visible")
    page.keyboard.press("Escape")
    page.goto(screen.root + missing)
    page.locator("article a", has_text="案例库").click()
    page.wait_for_url("**/cases/index.html")
    page.goto(screen.root + missing)
    page.locator("article a", has_text="回到首页").click()
    page.wait_for_url(re.compile(r".*/index\.html$"))
    assert "红领" in page.title()


# --- screenshots --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("HONGLING_ARTEFACTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_screenshots_of_the_main_pages(browser, http_root: str, size: str, artefacts: Path):
    """Screenshots for a person to look at (the same pages render alike from file://)."""
    session = Visit(browser, http_root, **SIZES[size])
    try:
        for name, path in PAGES_TO_SHOOT.items():
            page = session.open(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth"), path
            target = artefacts / f"{name}-{size}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
    finally:
        session.close()
    assert session.external == [] and session.errors == []
    print(f"\nscreenshots: {artefacts}")
