"""Plan the page of each record: a handbook category or aspect, a case, a site, a practice, a
region, a course, and the print view of each handout. Pure: no I/O and no MkDocs.

Each planner is registered for its kind (:func:`planner`), in the order the site lists its pages;
a kind with a page template and no planner of its own gets :func:`plan_record`.
"""

from __future__ import annotations

import typing
from typing import Any

from ..core.kb import Entry
from ..core.schema.question import KIND_ORDER, answer_text
from ..core.schema.region import RegionLevel
from . import figures
from .plans import Context, HandoutView, PagePlan, case_cards, descendants, planner, record_page
from .resolver import Link, Resolver, src_uri_of
from .tools import aspect_tools, category_tools

LEVELS: tuple[str, ...] = typing.get_args(RegionLevel)


# --- handbook --------------------------------------------------------------------------------


@planner("category", entries=lambda ctx: ctx.categories)
def plan_category(entry: Entry, ctx: Context) -> PagePlan:
    site = ctx.site
    aspects = [{"link": site.link(a.id), "record": a}
               for a in sorted(entry.record.aspects, key=lambda a: a.number) if site.visible(a.id)]
    return record_page(entry, site, aspects=aspects, tools=category_tools(site, [a["record"] for a in aspects]))


@planner("aspect", entries=lambda ctx: ctx.order)
def plan_aspect(entry: Entry, ctx: Context) -> PagePlan:
    site, order = ctx.site, ctx.order
    aspect = entry.record
    index = next(i for i, e in enumerate(order) if e.id == entry.id)
    cases = [e.id for e in site.referrers(entry.id, "case")] + list(aspect.cases)
    rules = [{"rule": r, "source": site.link(r.source)} for r in aspect.rules]
    return record_page(
        entry, site,
        category=site.link(entry.parent),
        category_record=site.kb.entries[entry.parent].record if entry.parent else None,
        rules=rules,
        cases=case_cards(site, cases, entry.id),
        see_also=site.links(aspect.see_also),
        questions=[{"q": q.record, "answer": answer_text(q.record), "source": site.link(q.record.basis.source)}
                   for q in sorted(site.referrers(entry.id, "question"),
                                   key=lambda q: (KIND_ORDER.get(q.record.kind, 9), q.id))],
        previous=site.link(order[index - 1].id) if index > 0 else None,
        next=site.link(order[index + 1].id) if index + 1 < len(order) else None,
        tools=aspect_tools(site, aspect, site.link(entry.parent)),
    )


# --- cases, sites, practices -------------------------------------------------------------------


def metric_rows(site: Resolver, case_entry: Entry) -> list[dict[str, Any]]:
    return [{
        "metric": m,
        "value": figures.metric_value(m),
        "when": figures.when(m.year, m.period),
        "source": site.link(m.source),
        "anchor": f"m-{m.id}" if m.id else "",
    } for m in case_entry.record.metrics]


@planner("case")
def plan_case(entry: Entry, ctx: Context) -> PagePlan:
    site, labels, handout = ctx.site, ctx.labels, ctx.handouts.get(entry.id)
    case = entry.record
    rows = metric_rows(site, entry)
    practices = [{
        "named": named,
        "anchor": f"p-{number}",
        "practice": site.link(named.practice),
        "aspects": site.links(named.aspects),
        "metrics": [r for r in rows if r["metric"].practice == named.name],
    } for number, named in enumerate(case.practices, 1)]
    return record_page(
        entry, site,
        region_path=site.region_path(case.region),
        org_types=[Link(t, "browse/org-type.md", labels.org_types[t]) for t in case.org_types],
        tags=[Link(t, "browse/tag.md", labels.tags[t]) for t in case.tags],
        year_link=Link(f"{case.year}年", "browse/year.md", f"y{case.year}") if case.year else None,
        practices=practices,
        metrics=rows,
        sites=site.links(case.sites),
        aspects=site.links(case.aspects),
        related=site.links(site.kb.related.get(entry.id, ())),
        sources=site.links(case.sources),
        handout=handout,
    )


@planner("site")
def plan_site(entry: Entry, ctx: Context) -> PagePlan:
    site, labels = ctx.site, ctx.labels
    record = entry.record
    cases = list(record.cases) + [e.id for e in site.referrers(entry.id, "case")]
    return record_page(
        entry, site,
        kind_link=Link(record.kind, "browse/site-kind.md", labels.site_kinds[record.kind]),
        host_type_link=Link(record.host_type, "browse/org-type.md", labels.org_types[record.host_type])
        if record.host_type else None,
        region_path=site.region_path(record.region),
        cases=site.sorted_links(cases),
        sources=site.links(record.sources),
    )


@planner("practice")
def plan_practice(entry: Entry, ctx: Context) -> PagePlan:
    site = ctx.site
    practice = entry.record
    region_count: dict[str, int] = {}
    variants = []
    for variant in practice.variants:
        n = region_count[variant.region] = region_count.get(variant.region, 0) + 1
        case_entry = site.kb.get(variant.case) if site.visible(variant.case) else None
        rows = {r["metric"].id: r for r in metric_rows(site, case_entry)} if case_entry else {}
        case_page = src_uri_of(case_entry)[0] if case_entry else ""
        variants.append({
            "variant": variant,
            "anchor": f"v-{variant.region}" + (f"-{n}" if n > 1 else ""),
            "region": site.link(variant.region),
            "case": site.link(variant.case),
            "source": site.link(variant.source),
            "values": {v.key: v.value for v in variant.values},
            "metrics": [dict(rows[m], link=Link(rows[m]["metric"].label, case_page, rows[m]["anchor"]))
                        for m in variant.metrics if m in rows],
        })
    cases = [e.id for e in site.referrers(entry.id, "case")] + [v.case for v in practice.variants]
    return record_page(
        entry, site,
        variants=variants,
        cases=case_cards(site, [c for c in cases if c], practice_id=entry.id),
        aspects=site.links(practice.aspects),
        related=site.links(practice.related),
        curricula=site.sorted_links(e.id for e in site.referrers(entry.id, "curriculum")),
    )


# --- regions and courses -----------------------------------------------------------------------


@planner("region")
def plan_region(entry: Entry, ctx: Context) -> PagePlan:
    site, children, cases_in, sites_in = ctx.site, ctx.children, ctx.cases_in, ctx.sites_in
    below = descendants(entry.id, children)
    by_level: dict[str, list[Link]] = {}
    for child in children.get(entry.id, []):
        by_level.setdefault(child.record.level, []).append(site.link(child.id))  # type: ignore[arg-type]
    curricula = [e.id for e in site.referrers(entry.id, "curriculum")]
    return record_page(
        entry, site,
        path=site.region_path(entry.id)[:-1],
        children=sorted(by_level.items(), key=lambda item: LEVELS.index(item[0]) if item[0] in LEVELS else 99),
        cases=case_cards(site, cases_in.get(entry.id, [])),
        cases_below=case_cards(site, [c for r in below for c in cases_in.get(r, [])]),
        sites=site.sorted_links(sites_in.get(entry.id, [])),
        sites_below=site.sorted_links(s for r in below for s in sites_in.get(r, [])),
        curricula=site.sorted_links(curricula),
    )


@planner("curriculum")
def plan_curriculum(entry: Entry, ctx: Context) -> PagePlan:
    site, handout = ctx.site, ctx.handouts.get(entry.id)
    course = entry.record
    lessons = {lesson.id: lesson for module in course.modules for lesson in module.lessons}
    modules = [{
        "module": module,
        "hours": sum(lesson.hours for lesson in module.lessons),
        "lessons": [{
            "lesson": lesson,
            "hours": figures.number(lesson.hours),
            "readings": site.links(lesson.readings),
            "cases": site.links(lesson.cases),
            "sites": site.links(lesson.sites),
        } for lesson in module.lessons],
    } for module in course.modules]
    levels = [{
        "level": level,
        "lessons": [Link(lessons[i].title, src_uri_of(entry)[0], f"l-{i}") for i in level.lessons if i in lessons],
    } for level in sorted(course.levels, key=lambda v: v.order)]
    return record_page(
        entry, site,
        region=site.link(course.region),
        total_hours=figures.number(sum((lesson.hours for lesson in lessons.values()), start=0)),
        modules=[dict(m, hours=figures.number(m["hours"])) for m in modules],
        levels=levels,
        prerequisites=site.links(course.prerequisites),
        practice=site.link(course.practice),
        cases=site.links(course.cases),
        sources=site.links(course.sources),
        handout=handout,
        quiz_size=handout.quiz_size if handout else 0,
    )


# --- print views of handouts ----------------------------------------------------------------


def plan_handout(handout: HandoutView, site: Resolver) -> list[PagePlan]:
    """The print view of a course's or a trainer's handout, and its answer key."""
    pages: list[PagePlan] = []
    own_page = handout.kind == "custom"
    if handout.page:
        origin = None if own_page else site.link(handout.origin.id)
        pages.append(PagePlan(handout.page, "handout.md.j2", handout.title, {
            "title": handout.title, "subtitle": handout.subtitle, "blocks": handout.blocks,
            "origin": origin, "origin_label": "课程", "docx": handout.docx,
            "other": handout.answers_page, "other_label": "测验答案"}, handout.origin.file if own_page else None))
    if handout.answers_page:
        pages.append(PagePlan(handout.answers_page, "handout.md.j2", f"{handout.title} · 测验答案", {
            "title": f"{handout.title} · 测验答案", "subtitle": "答案页：请与测验分开印发", "blocks": handout.answers,
            "origin": None, "origin_label": "", "docx": handout.answers_docx,
            "other": handout.page, "other_label": "返回讲义"}))
    return pages
