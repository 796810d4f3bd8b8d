"""A real build of the minimal library with the repository's mkdocs.yml, checked page by page."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.library import MINIMAL
from generator.cli import main
from tests.support.sitebuild import copy_library, site_config, tree_hashes

RECORD_PAGES = {
    "case": "cases/demo-case.html",
    "site": "sites/demo-site.html",
    "practice": "practices/demo-practice.html",
    "region": "regions/county.html",
    "category": "handbook/demo-category.html",
    "aspect": "handbook/demo-aspect.html",
    "curriculum": "courses/demo-course.html",
    "source": "sources.html#src-report",
    "term": "glossary.html#sanhuiyike",
}
INDEX_PAGES = ["index.html", "handbook/index.html", "cases/index.html", "sites/index.html", "practices/index.html",
               "regions/index.html", "courses/index.html", "glossary.html", "sources.html", "guide/codes.html",
               "browse/region.html", "browse/practice.html", "browse/site-kind.html", "browse/org-type.html",
               "browse/year.html", "browse/tag.html", "about.html", "guide/editing.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    library = copy_library(MINIMAL, tmp_path_factory.mktemp("lib"))
    config = site_config(library)
    assert main(["--config", str(config), "build", "--strict"]) == 0
    return library / "site"


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def article(site: Path, page: str) -> str:
    """The page's content, without the theme's navigation."""
    return re.search(r"<article[^>]*>(.*)</article>", read(site, page), re.S).group(1)


def section(html: str, anchor: str) -> str:
    """From the heading with id ``anchor`` to the next heading of the same or a higher level."""
    match = re.search(rf'<h([1-6]) id="{anchor}">', html)
    assert match, f"no heading #{anchor}"
    end = re.compile(rf"<h[1-{match.group(1)}][ >]").search(html, match.end())
    return html[match.end(): end.start() if end else len(html)]


class Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id" and value)


def ids_of(html: str) -> set[str]:
    parser = Ids()
    parser.feed(html)
    return parser.ids


@pytest.mark.parametrize("kind", sorted(RECORD_PAGES))
def test_every_record_kind_has_a_page(site, kind):
    page, _, anchor = RECORD_PAGES[kind].partition("#")
    assert (site / page).is_file()
    if anchor:
        assert anchor in ids_of(read(site, page))


@pytest.mark.parametrize("page", INDEX_PAGES)
def test_index_and_browse_pages_exist(site, page):
    assert (site / page).is_file()


def test_case_page_shows_the_figure_with_its_qualifier_and_source(site):
    html = article(site, "cases/demo-case.html")
    row = re.search(r'<tr id="m-certified">\s*<th scope="row">认证党务干部人数</th>(.*?)</tr>', html, re.S).group(1)
    assert '<td data-label="数值">200余名</td>' in row
    assert '<td data-label="时间">2023年</td>' in row
    assert "累计认证党务干部200余名" in row
    intro = section(html, "metrics").split("<table>")[0]
    assert '这些数字都出自<a href="../sources.html#src-report">' in intro, "one source: named once, not per row"
    assert "（示例日报，2023年5月1日）" in section(html, "sources"), "a source with its outlet and date"


def test_case_page_links_practice_region_sites_and_aspects(site):
    html = article(site, "cases/demo-case.html")
    for href in ("../practices/demo-practice.html", "../regions/county.html", "../sites/demo-site.html",
                 "../handbook/demo-aspect.html", "../browse/tag.html#tag-ren-zheng",
                 "../browse/org-type.html#org-fei-gong-qi-ye", "../browse/year.html#y2023"):
        assert f'href="{href}"' in html


def test_aspect_page_lists_the_case_under_how_others_do_it(site):
    html = article(site, "handbook/demo-aspect.html")
    others = section(html, "others")
    assert '<a href="../cases/demo-case.html">示例县“红色示范”工程</a>' in others
    assert '<ol>' in section(html, "procedure") and "确定议题" in section(html, "procedure")
    assert 'type="checkbox"' in section(html, "checklist")
    assert '<a href="../sources.html#reg-branch">中国共产党支部工作条例（试行）</a>' in section(html, "rules")


def test_one_related_block_ends_each_record_page(site):
    case = article(site, "cases/demo-case.html")
    related = section(case, "related")
    assert '<a href="../handbook/demo-aspect.html">三会一课</a>' in related
    assert '<a href="../courses/demo-course.html">党组织书记培训班</a>' in related
    assert '<a href="../sites/demo-site.html">' in related
    assert case.count('id="related"') == 1 and 'id="backlinks"' not in case
    region = article(site, "regions/county.html")
    assert '<a href="../cases/demo-case.html">' in section(region, "cases")
    assert 'id="related"' not in region or "demo-case" not in section(region, "related"), "listed once, above"
    for page in ("cases/demo-case.html", "sites/demo-site.html", "practices/demo-practice.html", "regions/county.html",
                 "courses/demo-course.html", "handbook/demo-aspect.html", "handbook/demo-category.html"):
        html = article(site, page)
        assert "暂无" not in html and "引用本页的记录" not in html, page
    assert "引用本来源的案例" in article(site, "sources.html")


def test_no_page_links_to_itself(site):
    for page in ("regions/county.html", "cases/demo-case.html", "sites/demo-site.html", "practices/demo-practice.html",
                 "courses/demo-course.html"):
        name = page.rsplit("/", 1)[1]
        assert not re.search(rf'href="{re.escape(name)}"', article(site, page)), page


def test_practice_page_compares_variants_side_by_side(site):
    table = section(article(site, "practices/demo-practice.html"), "comparison")
    assert '<table class="hl-compare hl-cards">' in table
    assert '<a href="../regions/county.html">示例县</a>' in table
    assert '<th scope="row">档次</th>' in table and '<td data-label="示例县：红领党务认证">五档</td>' in table
    assert '<a href="../cases/demo-case.html#m-certified">认证党务干部人数</a>：200余名（2023年）' in table


def test_curriculum_page_lists_lessons_and_levels(site):
    html = article(site, "courses/demo-course.html")
    assert '<a href="#l-meetings">怎样开好三会一课</a>' in html
    assert '<a href="../handbook/demo-aspect.html">三会一课</a>' in section(html, "modules")
    assert '<a href="#l-meetings">怎样开好三会一课</a>' in section(html, "levels")


def test_handbook_is_in_the_nav_cases_are_not(site):
    home = read(site, "index.html")
    nav = home[home.index('<nav class="md-nav md-nav--primary'): home.index('<nav class="md-nav md-nav--secondary')]
    assert 'href="handbook/demo-aspect.html"' in nav
    assert 'href="cases/index.html"' in nav
    assert 'href="cases/demo-case.html"' not in nav


def test_pages_name_no_data_file_and_have_no_edit_link_without_a_repository(site):
    page = read(site, "cases/demo-case.html")
    assert "data/cases" not in page and 'rel="edit"' not in page


def test_edit_link_points_at_the_data_file_when_a_repository_is_set(tmp_path):
    library = copy_library(MINIMAL, tmp_path)
    config = site_config(library)
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "repo_url: http://git.example.internal/zuzhibu/hongling\nedit_uri: edit/main/\n",
                      encoding="utf-8")
    assert main(["--config", str(config), "build", "--strict"]) == 0
    page = read(library / "site", "cases/demo-case.html")
    edit = re.search(r'<a href="([^"]+)" title="([^"]+)" class="md-content__button md-icon" rel="edit">', page)
    assert edit and edit.group(1).endswith("/edit/main/data/cases/demo-case.yml"), page[:200]
    assert edit.group(2) == "编辑此页"


EXTERNAL = re.compile(r"""(?:\b(?:src|href|srcset|poster|data)\s*=\s*["']?|url\(\s*["']?|@import\s+["']?)(?:https?:)?//""",
                      re.IGNORECASE)
BUNDLE_URLS = {
    # Material's bundle knows these addresses but never requests them on this site:
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",  # only for ```mermaid fences (not configured)
    "https://unpkg.com/resize-observer-polyfill",  # only without ResizeObserver: our fallback defines it
    "https://api.github.com/repos/",  # repository facts: only with a GitHub repo_url
    "https://api.github.com/users/",
    "https://clipboardjs.com/",  # a comment
    "https://bit.ly/2s3ChXG",  # an error message
    "https://github.com/squidfunk/iframe-worker",  # the vendored shim's licence comment
}


def test_no_file_requests_anything_from_the_internet(site):
    offenders = []
    for path in site.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".json", ".xml", ".svg"} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{path.relative_to(site)}: {m.group(0)}" for m in EXTERNAL.finditer(text)]
    assert offenders == []


def test_scripts_name_no_remote_address_they_could_load(site):
    found = set()
    scripts = site / "assets" / "javascripts"
    for path in [*scripts.glob("*.js"), *scripts.glob("workers/*.js")]:  # what pages load
        for url in re.findall(r"https?://[^\s\"'`)]+", path.read_text(encoding="utf-8", errors="replace")):
            if not any(url.startswith(known) for known in BUNDLE_URLS | {"http://lunrjs.com", "http://tartarus.org",
                                                                      "https://${", "http://www.w3.org/"}):
                found.add(f"{path.relative_to(site)}: {url}")
    assert found == set()
    assert "unpkg.com/iframe-worker" not in read(site, "index.html")
    assert '<script src="assets/javascripts/hongling-search.js">' in read(site, "index.html")
    assert (site / "search" / "meta.js").is_file()  # loaded through <script>: works from file://


def test_pages_link_with_html_suffix_for_browsing_from_disk(site):
    html = read(site, "cases/index.html")
    assert 'href="demo-case.html"' in html
    assert not re.search(r'href="[^"#:]*/"', article(site, "cases/index.html"))


def test_theme_loads_no_web_font_and_has_a_print_stylesheet(site):
    home = read(site, "index.html")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home
    assert '<link rel="stylesheet" media="print" href="assets/stylesheets/print.css">' in home
    assert "Microsoft YaHei" in read(site, "assets/stylesheets/hongling.css")
    assert '<html lang="zh"' in home


def test_mkdocs_build_strict_passes_on_the_fixture(tmp_path):
    library = copy_library(MINIMAL, tmp_path / "lib")
    config = site_config(library)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                             "-d", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "out" / "cases" / "demo-case.html").is_file()


def test_data_that_looks_like_markup_is_shown_as_text_and_runs_nothing(tmp_path):
    """MkDocs and Material print page titles unescaped: the plugin escapes them itself. Markdown
    that could run script (attribute lists with events, entity-encoded script links) is refused
    by the checker, so the build stops; the renderer neutralises it as well (test_render)."""
    library = copy_library(MINIMAL, tmp_path / "lib")
    case = library / "data/cases/demo-case.yml"
    title = "示例县 *重点* & <5人 企业 [x](y)"
    text = case.read_text(encoding="utf-8").replace("title: 示例县“红色示范”工程", f'title: "{title}"')
    case.write_text(text, encoding="utf-8")
    assert main(["--config", str(site_config(library)), "build", "--strict"]) == 0
    html = read(library / "site", "cases/demo-case.html")
    escaped = "示例县 *重点* &amp; &lt;5人 企业 [x](y)"
    assert f"<title>{escaped} - " in html
    assert re.search(rf'<h1 id="[^"]*">{re.escape(escaped)}', html)
    assert "<em>重点</em>" not in html and 'href="y"' not in html
    listed = read(library / "site", "cases/index.html")
    assert f'<a href="demo-case.html">{escaped}</a>' in listed
    before = tree_hashes(library / "site")
    for attack in ('|\n  示例县。\n  {: onclick="alert(1)" }', "'[原文](java&#115;cript:alert(2))'"):
        case.write_text(text.replace("summary: 示例县以认证和帮带推动两新组织党建规范化。", f"summary: {attack}"),
                        encoding="utf-8")
        assert main(["--config", str(site_config(library)), "build", "--strict"]) == 1
        assert tree_hashes(library / "site") == before
