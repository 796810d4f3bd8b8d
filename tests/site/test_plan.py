"""Page planning is pure: from the knowledge base to page plans, and through templates to Markdown."""

from __future__ import annotations

import re

from generator import Settings, check
from generator.pipeline import run
from generator.site.nav import Sections, expand_handbook, neighbours
from tests.support.library import Library

PLACES = {"changqing": "长清区", "wenshang": "汶上县", "yuelu": "岳麓区"}


def pages_of(library: Library, categories: int = 1, aspects: int = 1) -> tuple[dict, dict[str, str]]:
    built = run(Settings(data_dir=library.data, manual_categories=categories, manual_aspects=aspects))
    assert not built.report.errors, [(p.code, p.file, p.message) for p in built.report.errors]
    return {p.src_uri: p for p in built.plans}, dict(built.pages)


def add_places(library: Library) -> None:
    for region_id, name in PLACES.items():
        library.write(f"regions/{region_id}.yml", f"id: {region_id}\nname: {name}\nlevel: 区县\nparent: province\n")
        library.write(f"sites/site-{region_id}.yml", f"id: site-{region_id}\nname: {name}党群服务中心\nkind: 党群服务中心\n"
                                                    f"region: {region_id}\nsources:\n  - src-report\n")


def order_in(text: str, labels: list[str]) -> list[str]:
    return sorted(labels, key=text.index)


def test_plans_are_unique_and_cases_stay_out_of_the_nav(library):
    plans, _ = pages_of(library)
    assert len(plans) == len(set(plans))
    assert not plans["cases/demo-case.md"].in_nav and not plans["sites/demo-site.md"].in_nav
    assert plans["cases/index.md"].in_nav and plans["handbook/demo-aspect.md"].in_nav
    assert plans["cases/demo-case.md"].data_file == "data/cases/demo-case.yml"


def test_browse_by_region_is_in_pinyin_order(library):
    add_places(library)
    _, pages = pages_of(library)
    headings = re.findall(r"^## (\S+) \{#", pages["browse/region.md"], re.M)
    assert headings == ["长清区", "示例县", "汶上县", "岳麓区"]  # chang, shi, wen, yue
    assert sorted(headings) == ["岳麓区", "汶上县", "示例县", "长清区"]  # not code point order


def test_region_tree_lists_siblings_in_pinyin_order(library):
    add_places(library)
    _, pages = pages_of(library)
    tree = pages["regions/index.md"]
    assert order_in(tree, ["[岳麓区]", "[汶上县]", "[长清区]", "[示例市]"]) == ["[长清区]", "[示例市]", "[汶上县]", "[岳麓区]"]
    assert "    - [示例县](county.md)" in tree  # nested under 示例市


def test_draft_cases_are_not_published_nor_linked(library):
    library.replace("cases/demo-case.yml", "kind: 党建品牌", "kind: 党建品牌\nstatus: draft")
    plans, pages = pages_of(library)
    assert "cases/demo-case.md" not in plans
    assert not [uri for uri, text in pages.items() if "demo-case.md" in text]
    assert "其他地方怎么做" not in pages["handbook/demo-aspect.md"], "no empty section"


def test_record_pages_sit_in_their_kinds_section_under_a_breadcrumb(library):
    plans, _ = pages_of(library)
    case, region = plans["cases/demo-case.md"], plans["regions/county.md"]
    assert (case.kind, case.section) == ("case", "cases/index.md")
    assert [c.title for c in case.crumbs] == ["案例库", "示例县"]
    assert [c.title for c in region.crumbs] == ["地区", "示例省", "示例市"]
    nav = [{"首页": ["index.md", {"关于本站": "about.md"}]},
           {"案例库": ["cases/index.md", {"地区": "regions/index.md"}]}, {"做法比较": "practices/index.md"}]
    sections = Sections.of(nav)
    assert [(c.title, c.src_uri) for c in sections.crumbs(case.src_uri, case)] == [
        ("首页", "index.md"), ("案例库", "cases/index.md"), ("示例县", "regions/county.md")]
    assert [c.title for c in sections.crumbs(region.src_uri, region)] == ["首页", "案例库", "地区", "示例省", "示例市"]
    assert [c.title for c in sections.crumbs("regions/index.md")] == ["首页", "案例库"]
    assert [c.title for c in sections.crumbs("about.md")] == ["首页"] and sections.crumbs("index.md") == []
    assert [c.title for c in sections.crumbs("practices/demo-practice.md", plans["practices/demo-practice.md"])] == \
        ["首页", "做法比较"]
    assert sections.same("regions/index.md", "cases/index.md") and not sections.same("about.md", "cases/index.md")


def test_previous_and_next_stay_among_pages_of_one_kind(library):
    add_places(library)
    plans, _ = pages_of(library)
    walk = neighbours(plans.values())
    assert walk["sites/site-changqing.md"] == (None, "sites/demo-site.md")  # pinyin: chang, shi, wen, yue
    assert walk["sites/site-yuelu.md"] == ("sites/site-wenshang.md", None)
    assert "handbook/demo-aspect.md" not in walk, "pages in the nav follow the nav, inside their tab"


def test_handbook_nav_lists_categories_and_aspects(library):
    kb, _ = check(Settings(data_dir=library.data, manual_categories=1, manual_aspects=1))
    nav = [{"首页": "index.md"}, {"党务手册": "handbook/index.md"}, {"术语表": "glossary.md"}]
    assert expand_handbook(nav, kb) == [
        {"首页": "index.md"},
        {"党务手册": ["handbook/index.md", {"1. 组织生活": ["handbook/demo-category.md", "handbook/demo-aspect.md"]}]},
        {"术语表": "glossary.md"},
    ]
    assert expand_handbook(None, kb) is None


def test_record_ids_named_index_do_not_take_the_index_page(library):
    text = library.read("sites/demo-site.yml").replace("id: demo-site", "id: index")
    library.write("sites/demo-site.yml", None)
    library.write("sites/index.yml", text)
    library.replace("cases/demo-case.yml", "  - demo-site", "  - index")
    plans, pages = pages_of(library)
    assert plans["sites/index.md"].template == "sites_index.md.j2"
    assert plans["sites/index_.md"].template == "site.md.j2"
    assert "(../sites/index_.md)" in pages["cases/demo-case.md"]
