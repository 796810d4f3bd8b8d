"""Plan the pages that gather records: home, one index per area, browse pages, glossary, sources.

Cases and sites are reached through these pages, never through a nav entry each, so that the
navigation stays small however large the library grows. Every list of Chinese labels is in
pinyin order. Pure, like the rest of :mod:`generator.site`.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from ..core.kb import Entry
from ..core.problems import CODES
from ..core.schema import kind_label, page_kinds, pages_of
from ..core.schema.curriculum import CurriculumKind
from ..core.schema.form import docx_path
from ..core.schema.question import KIND_ORDER
from ..core.schema.source import SourceKind
from .browse import BROWSE, plan_browse
from .figures import date_text
from .pinyin import by_pinyin, initial
from .plans import Context, PagePlan, Unit
from .questions import aspect_questions
from .resolver import Link, Resolver, src_uri_of
from .stats import Chart, bar_svg, statistics


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
                     "cases": len(site.referrer_ids(region.id, "case")), "sites": len(site.referrer_ids(region.id, "site"))})
        rows.extend(region_tree(site, children, region.id, depth + 1, seen))
    return rows


IndexPlanner = Callable[[Context], PagePlan]

INDEX_PLANNERS: dict[str, IndexPlanner] = {}
"""The planners of index pages by kind, in the order the site lists them."""


def index_planner(kind: str) -> Callable[[IndexPlanner], IndexPlanner]:
    """Register the function that plans the page listing every record of ``kind``."""
    def register(function: IndexPlanner) -> IndexPlanner:
        INDEX_PLANNERS[kind] = function
        return function
    return register


def index_page(kind: str, template: str, context: dict[str, Any]) -> PagePlan:
    """The index page of ``kind`` at the path and with the title its registry entry gives."""
    pages = pages_of(kind)
    assert pages is not None and pages.index is not None, f"{kind} has no index page"
    return PagePlan(pages.index, template, pages.index_title or kind_label(kind), context, in_nav=True)


def plan_generic_index(kind: str, ctx: Context) -> PagePlan:
    """The index of a kind without an index planner of its own: its records in pinyin order."""
    return index_page(kind, "index.md.j2", {"label": kind_label(kind),
                                            "records": [ctx.site.link(e.id) for e in ctx.site.entries(kind)]})


def counts_of(ctx: Context) -> dict[str, int]:
    """Published records of every kind on the site (the home and handbook pages show them)."""
    return {kind: len(ctx.site.entries(kind)) for kind, _ in page_kinds()}


def plan_home(ctx: Context) -> PagePlan:
    site, order = ctx.site, ctx.order
    return PagePlan("index.md", "home.md.j2", "首页", {"counts": counts_of(ctx), "browse": [Link(t, u) for u, t in BROWSE],
                                                     "start": site.link(order[0].id) if order else None}, in_nav=True)


def plan_codes(ctx: Context) -> PagePlan:
    return PagePlan("guide/codes.md", "codes.md.j2", "错误代码", {"codes": list(CODES.items())}, in_nav=True)


def plan_browse_pages(ctx: Context) -> list[PagePlan]:
    return plan_browse(ctx.site, ctx.labels, ctx.children)


def index_units() -> list[Unit]:
    """The pages that gather records, in site order: the home page, every kind's index
    (registered, or generic for a kind with an index page no planner writes), error codes,
    statistics, browse pages. A registered index planner writes its kind's index page."""
    def one(name: str, planner: Callable[[Context], PagePlan], page: str) -> Unit:
        return Unit(f"index:{name}", lambda ctx: [planner(ctx)], (page,))

    out = [one("home", plan_home, "index.md")]
    planned = {"index.md"}
    for kind, planner in INDEX_PLANNERS.items():
        pages = pages_of(kind)
        assert pages is not None and pages.index is not None, f"{kind} has an index planner but no index page"
        out.append(one(kind, planner, pages.index))
        planned.add(pages.index)
    for kind, kind_pages in page_kinds():
        if kind_pages.index and kind_pages.index not in planned:
            out.append(one(kind, functools.partial(plan_generic_index, kind), kind_pages.index))
            planned.add(kind_pages.index)
    out += [one("codes", plan_codes, "guide/codes.md"), one("statistics", plan_statistics, "statistics.md"),
            Unit("index:browse", plan_browse_pages, tuple(page for page, _ in BROWSE))]
    return out


@index_planner("category")
def plan_handbook_index(ctx: Context) -> PagePlan:
    site = ctx.site
    return index_page("category", "handbook_index.md.j2", {
        "categories": [{"link": site.link(c.id), "record": c.record,
                        "aspects": [{"link": site.link(a.id), "record": a}
                                    for a in sorted(c.record.aspects, key=lambda a: a.number) if site.visible(a.id)]}
                       for c in ctx.categories],
        "counts": counts_of(ctx)})


@index_planner("case")
def plan_cases_index(ctx: Context) -> PagePlan:
    site = ctx.site
    return index_page("case", "cases_index.md.j2", {
        "cases": [{"link": site.link(c.id), "record": c.record, "region": site.link(c.record.region)}
                  for c in site.entries("case")],
        "browse": [Link(t, u) for u, t in BROWSE if u != "browse/site-kind.md"]})


@index_planner("site")
def plan_sites_index(ctx: Context) -> PagePlan:
    site = ctx.site
    return index_page("site", "sites_index.md.j2", {
        "sites": [{"link": site.link(s.id), "record": s.record, "region": site.link(s.record.region),
                   "kind": Link(s.record.kind, "browse/site-kind.md", ctx.labels.site_kinds[s.record.kind])}
                  for s in site.entries("site")]})


@index_planner("practice")
def plan_practices_index(ctx: Context) -> PagePlan:
    site = ctx.site
    return index_page("practice", "practices_index.md.j2", {
        "practices": [{"link": site.link(p.id), "record": p.record,
                       "regions": site.sorted_links(v.region for v in p.record.variants)}
                      for p in site.entries("practice")]})


@index_planner("region")
def plan_regions_index(ctx: Context) -> PagePlan:
    return index_page("region", "regions_index.md.j2", {"tree": region_tree(ctx.site, ctx.children)})


@index_planner("curriculum")
def plan_courses_index(ctx: Context) -> PagePlan:
    site = ctx.site
    return index_page("curriculum", "courses_index.md.j2", {
        "groups": [(kind, [{"link": site.link(c.id), "record": c.record, "region": site.link(c.record.region)}
                           for c in site.entries("curriculum") if c.record.kind == kind])
                   for kind in typing.get_args(CurriculumKind)],
        "handouts": [{"link": site.link(h.id), "record": h.record} for h in site.entries("handout")]})


def plan_statistics(ctx: Context) -> PagePlan:
    stats = statistics(ctx.site)

    def drawn(chart: Chart) -> dict[str, Any]:
        return {"chart": chart, "bars": [{"bar": bar, "svg": Markup(bar_svg(chart, bar))} for bar in chart.bars]}

    labels = [(kind, kind_label(kind)) for kind, _ in page_kinds()]
    return PagePlan("statistics.md", "statistics.md.j2", "数字统计", {
        "counts": counts_of(ctx), "labels": labels, "stats": stats,
        "site_kinds": [drawn(c) for c in stats.site_kinds], "reach": drawn(stats.reach),
        "series": [drawn(c) for c in stats.series]}, in_nav=True)


@index_planner("term")
def plan_glossary(ctx: Context) -> PagePlan:
    site = ctx.site
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
    return index_page("term", "glossary.md.j2", {"letters": ordered})


@index_planner("question")
def plan_question_bank(ctx: Context) -> PagePlan:
    """The 题库: how many questions of each kind every aspect has, and every question in the
    manual's order, with what its filters (大项, 方面, 题型) need."""
    site, order = ctx.site, ctx.order
    kinds = tuple(KIND_ORDER)
    rows: list[dict[str, Any]] = []
    questions: list[dict[str, Any]] = []
    for aspect in order:
        referrers = site.referrers(aspect.id, "question")
        counts = [sum(q.record.kind == k for q in referrers) for k in kinds]
        rows.append({"aspect": site.link(aspect.id), "quiz": Link("自测题", src_uri_of(aspect)[0], "quiz") if referrers else None,
                     "counts": counts, "total": len(referrers)})
        questions += aspect_questions(site, aspect.id)
    totals = [sum(r["counts"][i] for r in rows) for i in range(len(kinds))]
    filters = {"kinds": list(kinds), "categories": [
        {"id": c.id, "title": f"{c.record.number}. {c.title}",
         "aspects": [{"id": a.id, "title": a.title} for a in sorted(c.record.aspects, key=lambda a: a.number)
                     if site.visible(a.id) and site.referrers(a.id, "question")]}
        for c in ctx.categories]}
    return index_page("question", "questions.md.j2", {"rows": rows, "kinds": kinds, "totals": totals,
                                                      "total": sum(totals), "questions": questions, "filters": filters})


@index_planner("source")
def plan_sources(ctx: Context) -> PagePlan:
    site = ctx.site
    groups = []
    for kind in typing.get_args(SourceKind):
        entries = by_pinyin((e for e in site.kb.of_kind("source") if e.record.kind == kind), lambda e: e.title)
        if entries:
            groups.append((kind, [{"entry": e, "source": e.record, "date": date_text(e.record.date),
                                   "backlinks": site.backlinks(e.id)} for e in entries]))
    return index_page("source", "sources.md.j2", {"groups": groups})


@index_planner("form")
def plan_forms(ctx: Context) -> PagePlan:
    """The 文书模板 page: every blank template with its Word download and the aspects that use it."""
    site = ctx.site
    return index_page("form", "forms.md.j2", {"forms": [
        {"entry": e, "form": e.record, "docx": docx_path(e.id), "backlinks": site.backlinks(e.id)}
        for e in site.entries("form")]})
