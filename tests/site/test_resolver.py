"""Where each record lives on the site (from the kind registry), and links that skip what is not
published: drafts, unknown ids."""

from __future__ import annotations

from generator import Settings, check
from generator.site.resolver import Link, Resolver, page_name, src_uri_of
from tests.support.library import Library


def resolver(library: Library) -> Resolver:
    kb, report = check(Settings(data_dir=library.data, manual_categories=1, manual_aspects=1))
    assert not report.errors, [(p.code, p.message) for p in report.errors]
    return Resolver(kb)


def test_every_kind_has_its_address(library):
    site = resolver(library)
    where = {record_id: src_uri_of(site.kb.get(record_id)) for record_id in
             ("demo-case", "demo-aspect", "demo-category", "src-report", "sanhuiyike", "demo-question", "demo-handout")}
    assert where == {
        "demo-case": ("cases/demo-case.md", ""),
        "demo-aspect": ("handbook/demo-aspect.md", ""),
        "demo-category": ("handbook/demo-category.md", ""),
        "src-report": ("sources.md", "src-report"),           # one shared page, an anchor each
        "sanhuiyike": ("glossary.md", "sanhuiyike"),
        "demo-question": ("handbook/demo-aspect.md", "demo-question"),  # on the page of its aspect
        "demo-handout": ("handouts/demo-handout.md", ""),
    }
    assert page_name("index") == "index_" and page_name("demo") == "demo"


def test_drafts_and_unknown_ids_give_no_link(library):
    library.replace("cases/demo-case.yml", "kind: 党建品牌", "kind: 党建品牌\nstatus: draft")
    site = resolver(library)
    assert site.link("demo-case") is None and site.link("no-such-id") is None and site.link(None) is None
    assert site.entries("case") == []
    assert site.links(["demo-site", "demo-case", "demo-site", None]) == [Link("示例企业党群服务站", "sites/demo-site.md")]


def test_backlinks_are_grouped_by_kind_in_the_registry_order_without_questions(library):
    site = resolver(library)
    groups = site.backlinks("demo-aspect")
    labels = [label for label, _ in groups]
    assert "案例" in labels and "题目" not in labels  # questions are shown under 自测题 instead
    assert all(links for _, links in groups)


def test_region_path_runs_from_the_top(library):
    site = resolver(library)
    assert [link.title for link in site.region_path("county")] == ["示例省", "示例市", "示例县"]
    assert site.region_path(None) == []
