"""Plan the pages that gather records: home, one index per area, browse pages, glossary, sources.

Cases and sites are reached through these pages, never through a nav entry each, so that the
navigation stays small however large the library grows. Every list of Chinese labels is in
pinyin order. Pure, like :mod:`generator.pages`.
"""

from __future__ import annotations

from typing import Any, Iterable

from markupsafe import Markup

from .kb import Entry
from .links import Link, Resolver, src_uri_of
from .pages import Labels, PagePlan, case_cards
from .pinyin import by_pinyin, initial
from .problems import CODES
from .schema.source import SourceKind
from .schema.curriculum import CurriculumKind
from .stats import statistics, svg

UNKNOWN_YEAR = "年份不详"

BROWSE = (
    ("browse/region.md", "按地区浏览"),
    ("browse/practice.md", "按做法浏览"),
    ("browse/org-type.md", "按组织类型浏览"),
    ("browse/year.md", "按年份浏览"),
    ("browse/tag.md", "按标签浏览"),
    ("browse/site-kind.md", "按阵地类型浏览"),
)


def group(label: str, anchor: str, *sections: tuple[str, list[Any]], note: str = "") -> dict[str, Any]:
    """One heading of a browse page with its lists (empty lists are dropped)."""
    kept = [(heading, items) for heading, items in sections if items]
    return {"label": label, "anchor": anchor, "note": note, "sections": kept,
            "count": sum(len(items) for _, items in kept)}


def browse_page(src_uri: str, title: str, intro: str, groups: list[dict[str, Any]]) -> PagePlan:
    return PagePlan(src_uri, "browse.md.j2", title, {"intro": intro, "groups": groups,
                                                    "browse": [Link(t, u) for u, t in BROWSE]}, in_nav=True)


def by_label(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for label, record_id in pairs:
        out.setdefault(label, []).append(record_id)
    return out


def plan_browse(site: Resolver, labels: Labels, children: dict[str | None, list[Entry]]) -> list[PagePlan]:
    cases = site.entries("case")
    sites = site.entries("site")
    pages = []

    region_groups = []
    cases_in = by_label((c.record.region, c.id) for c in cases)
    sites_in = by_label((s.record.region, s.id) for s in sites)
    for region in site.entries("region"):
        if region.id in cases_in or region.id in sites_in:
            path = "·".join(link.title for link in site.region_path(region.id)[:-1])
            region_groups.append(group(region.title, region.id,
                                       ("案例", case_cards(site, cases_in.get(region.id, []))),
                                       ("阵地", site.sorted_links(sites_in.get(region.id, []))),
                                       note=path))
    pages.append(browse_page("browse/region.md", "按地区浏览", "每个地区下列出当地的案例和阵地；地区按拼音排序。"
                             "地区之间的上下级关系见[地区](../regions/index.md)。", region_groups))

    practice_groups = []
    for practice in site.entries("practice"):
        case_ids = [e.id for e in site.referrers(practice.id, "case")] + [v.case for v in practice.record.variants]
        regions = site.sorted_links(v.region for v in practice.record.variants)
        practice_groups.append(group(practice.title, practice.id, ("开展地区", regions),
                                     ("案例", case_cards(site, [c for c in case_ids if c], practice_id=practice.id))))
    pages.append(browse_page("browse/practice.md", "按做法浏览", "同一种做法在各地的案例；点击做法名称可看各地做法的对比。",
                             practice_groups))

    org_cases = by_label((t, c.id) for c in cases for t in c.record.org_types)
    org_sites = by_label((s.record.host_type, s.id) for s in sites if s.record.host_type)
    org_groups = [group(label, anchor, ("案例", case_cards(site, org_cases.get(label, []))),
                        ("阵地", site.sorted_links(org_sites.get(label, []))))
                  for label, anchor in labels.org_types.items()]
    pages.append(browse_page("browse/org-type.md", "按组织类型浏览",
                             "案例覆盖的组织类型，以及阵地依托单位的类型。", org_groups))

    years = by_label(((f"{c.record.year}年" if c.record.year else UNKNOWN_YEAR), c.id) for c in cases)
    ordered = sorted(years, key=lambda label: (label == UNKNOWN_YEAR, -int(label[:4]) if label[:4].isdigit() else 0))
    year_groups = [group(label, "unknown" if label == UNKNOWN_YEAR else f"y{label[:4]}",
                         ("案例", case_cards(site, years[label]))) for label in ordered]
    pages.append(browse_page("browse/year.md", "按年份浏览", "按来源报道的年份排列，最近的在前。", year_groups))

    tag_cases = by_label((t, c.id) for c in cases for t in c.record.tags)
    tag_groups = [group(label, anchor, ("案例", case_cards(site, tag_cases[label])))
                  for label, anchor in labels.tags.items()]
    pages.append(browse_page("browse/tag.md", "按标签浏览", "编辑为案例标注的关键词，按拼音排序。", tag_groups))

    kind_sites = by_label((s.record.kind, s.id) for s in sites)
    kind_groups = [group(label, anchor, ("阵地", site.sorted_links(kind_sites[label])))
                   for label, anchor in labels.site_kinds.items()]
    pages.append(browse_page("browse/site-kind.md", "按阵地类型浏览", "示范点和阵地按类型归类。", kind_groups))
    return pages


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
