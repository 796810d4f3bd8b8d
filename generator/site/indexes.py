"""Plan the pages that gather records: home, one index per area, browse pages, glossary, sources.

Cases and sites are reached through these pages, never through a nav entry each, so that the
navigation stays small however large the library grows. Every list of Chinese labels is in
pinyin order. Pure, like the rest of :mod:`generator.site`.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..core.kb import Entry
from ..core.problems import CODES
from ..core.schema.curriculum import CurriculumKind
from ..core.schema.source import SourceKind
from .browse import BROWSE, plan_browse
from .pinyin import by_pinyin, initial
from .plans import Labels, PagePlan
from .resolver import Link, Resolver, src_uri_of
from .stats import statistics, svg

def region_tree(site: Resolver, children: dict[str | None, list[Entry]], parent: str | None = None,
                depth: int = 0, seen: set[str] | None = None) -> list[dict[str, Any]]:
    """The region hierarchy as a flat list of (depth, link) in tree order."""
    seen = set() if seen is None else seen
    rows = []
    for region in children.get(parent, []):
        if region.id in seen:
            continue
        seen.add(region.id)
        rows.append({"depth": depth, "link": site.link(region.id), "level": region.record.level,
                     "cases": len(site.referrers(region.id, "case")), "sites": len(site.referrers(region.id, "site"))})
        rows.extend(region_tree(site, children, region.id, depth + 1, seen))
    return rows


def plan_indexes(site: Resolver, labels: Labels, order: list[Entry],
                 children: dict[str | None, list[Entry]]) -> list[PagePlan]:
    kb = site.kb
    categories = sorted(kb.of_kind("category"), key=lambda e: e.record.number)
    cases = site.entries("case")
    counts = {"case": len(cases), "site": len(site.entries("site")), "practice": len(site.entries("practice")),
              "category": len(categories), "aspect": len(order), "curriculum": len(site.entries("curriculum")),
              "term": len(kb.of_kind("term")), "source": len(kb.of_kind("source")), "region": len(kb.of_kind("region"))}
    pages = [
        PagePlan("index.md", "home.md.j2", "首页", {"counts": counts, "browse": [Link(t, u) for u, t in BROWSE],
                                                    "start": site.link(order[0].id) if order else None}, in_nav=True),
        PagePlan("handbook/index.md", "handbook_index.md.j2", "《红领党务通》党务手册", {
            "categories": [{"link": site.link(c.id), "record": c.record,
                            "aspects": [{"link": site.link(a.id), "record": a}
                                        for a in sorted(c.record.aspects, key=lambda a: a.number) if site.visible(a.id)]}
                           for c in categories],
            "counts": counts}, in_nav=True),
        PagePlan("cases/index.md", "cases_index.md.j2", "案例库", {
            "cases": [{"link": site.link(c.id), "record": c.record, "region": site.link(c.record.region)} for c in cases],
            "browse": [Link(t, u) for u, t in BROWSE if u != "browse/site-kind.md"]}, in_nav=True),
        PagePlan("sites/index.md", "sites_index.md.j2", "示范点与阵地", {
            "sites": [{"link": site.link(s.id), "record": s.record, "region": site.link(s.record.region),
                       "kind": Link(s.record.kind, "browse/site-kind.md", labels.site_kinds[s.record.kind])}
                      for s in site.entries("site")]}, in_nav=True),
        PagePlan("practices/index.md", "practices_index.md.j2", "做法比较", {
            "practices": [{"link": site.link(p.id), "record": p.record,
                           "regions": site.sorted_links(v.region for v in p.record.variants)}
                          for p in site.entries("practice")]}, in_nav=True),
        PagePlan("regions/index.md", "regions_index.md.j2", "地区", {"tree": region_tree(site, children)}, in_nav=True),
        PagePlan("courses/index.md", "courses_index.md.j2", "培训课程", {
            "groups": [(kind, [{"link": site.link(c.id), "record": c.record, "region": site.link(c.record.region)}
                               for c in site.entries("curriculum") if c.record.kind == kind])
                       for kind in CurriculumKind.__args__],
            "handouts": [{"link": site.link(h.id), "record": h.record} for h in site.entries("handout")]}, in_nav=True),
        plan_glossary(site),
        plan_question_bank(site, order),
        plan_sources(site),
        PagePlan("guide/codes.md", "codes.md.j2", "错误代码", {"codes": list(CODES.items())}, in_nav=True),
        plan_statistics(site),
    ]
    return pages + plan_browse(site, labels, children)


def plan_statistics(site: Resolver) -> PagePlan:
    figures = statistics(site.kb, site)
    charts = [{"chart": chart, "svg": Markup(svg(chart))} for chart in figures.charts]
    return PagePlan("statistics.md", "statistics.md.j2", "数字统计", {"counts": figures.counts, "charts": charts},
                    in_nav=True)


def plan_glossary(site: Resolver) -> PagePlan:
    terms = site.entries("term")
    letters: dict[str, list[dict[str, Any]]] = {}
    for entry in terms:
        term = entry.record
        letters.setdefault(initial(term.term), []).append({
            "entry": entry, "term": term,
            "see_also": site.links(term.see_also),
            "sources": site.links(term.sources),
            "aspects": site.links(term.aspects),
            "cases": site.links(term.cases),
            "backlinks": site.backlinks(entry.id),
        })
    ordered = sorted(letters.items(), key=lambda item: (item[0] == "#", item[0]))
    return PagePlan("glossary.md", "glossary.md.j2", "术语表", {"letters": ordered}, in_nav=True)


def plan_question_bank(site: Resolver, order: list[Entry]) -> PagePlan:
    """The 题库 at a glance: how many questions of each kind every aspect has, linked to them."""
    kinds = ("单选", "多选", "判断", "简答")
    rows = []
    for aspect in order:
        questions = site.referrers(aspect.id, "question")
        counts = [sum(q.record.kind == k for q in questions) for k in kinds]
        rows.append({"aspect": site.link(aspect.id), "quiz": Link("自测题", src_uri_of(aspect)[0], "quiz") if questions else None,
                     "counts": counts, "total": len(questions)})
    totals = [sum(r["counts"][i] for r in rows) for i in range(len(kinds))]
    return PagePlan("questions.md", "questions.md.j2", "题库", {"rows": rows, "kinds": kinds, "totals": totals,
                                                              "total": sum(totals)}, in_nav=True)


def plan_sources(site: Resolver) -> PagePlan:
    groups = []
    for kind in SourceKind.__args__:
        entries = by_pinyin((e for e in site.kb.of_kind("source") if e.record.kind == kind), lambda e: e.title)
        if entries:
            groups.append((kind, [{"entry": e, "source": e.record, "backlinks": site.backlinks(e.id)} for e in entries]))
    return PagePlan("sources.md", "sources.md.j2", "来源", {"groups": groups}, in_nav=True)
