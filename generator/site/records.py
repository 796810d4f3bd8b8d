"""Plan the page of each record: a handbook category or aspect, a case, a site, a practice, a
region, a course, and the print view of each handout. Pure: no I/O and no MkDocs.

Each planner is registered for its kind (:func:`planner`), in the order the site lists its pages;
a kind with a page template and no planner of its own gets :func:`plan_record`.
"""

from __future__ import annotations

import typing
from typing import Any, Iterable

from ..core.kb import Entry
from ..core.schema.region import RegionLevel
from . import figures
from .compare import comparison, variant_rows
from .plans import Context, HandoutView, PagePlan, case_cards, descendants, planner, record_page
from .questions import aspect_questions, question_item
from .resolver import Link, Resolver, src_uri_of
from .tools import aspect_tools, category_tools

LEVELS: tuple[str, ...] = typing.get_args(RegionLevel)


# --- handbook --------------------------------------------------------------------------------


@planner("category", entries=lambda ctx: ctx.categories)
def plan_category(entry: Entry, ctx: Context) -> PagePlan:
    site = ctx.site
    aspects = [{"link": site.link(a.id), "record": a}
               for a in sorted(entry.record.aspects, key=lambda a: a.number) if site.visible(a.id)]
    return record_page(entry, site, shown=[a.id for a in entry.record.aspects], aspects=aspects,
                       tools=category_tools(site, [a["record"] for a in aspects]))


@planner("aspect", entries=lambda ctx: ctx.order)
def plan_aspect(entry: Entry, ctx: Context) -> PagePlan:
    site = ctx.site
    aspect = entry.record
    cases = site.referrer_ids(entry.id, "case") + list(aspect.cases)
    rules = [{"rule": r, "source": site.link(r.source)} for r in aspect.rules]
    return record_page(
        entry, site,
        own=aspect.see_also, shown=[*cases, entry.parent],
        category=site.link(entry.parent),
        category_record=site.kb.entries[entry.parent].record if entry.parent else None,
        rules=rules,
        cases=case_cards(site, cases, entry.id),
        questions=aspect_questions(site, entry.id),
        tools=aspect_tools(site, aspect, site.kb.get(entry.parent) if entry.parent else None),
    )


# --- cases, sites, practices -------------------------------------------------------------------


def metric_rows(site: Resolver, case_entry: Entry) -> list[dict[str, Any]]:
    """The figures of a case as statements: 每半年1次, its time frame dated by its source, the source."""
    return [{
        "metric": m,
        "value": figures.statement(m),
        "when": (when := figures.time_frame(m, site.source_date(m.source))),
        "when_inline": figures.known_part(when),
        "source": site.link(m.source),
        "anchor": f"m-{m.id}" if m.id else "",
    } for m in case_entry.record.metrics]


def source_notes(site: Resolver, source_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Sources as a reader cites them: title (linked), outlet or issuer, document number and date."""
    out = []
    for source_id in dict.fromkeys(source_ids):
        link = site.link(source_id)
        if link is None:
            continue
        source = site.kb.entries[source_id].record
        facts = [source.publisher, source.doc_number, figures.date_text(source.date)]
        out.append({"link": link, "facts": [f for f in facts if f]})
    return out


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
        crumbs=[site.link(case.region)],
        own=[*case.sites, *case.aspects, *site.kb.related.get(entry.id, ())],
        shown=[named.practice for named in case.practices],
        region_path=site.region_path(case.region),
        org_types=[Link(t, "browse/org-type.md", labels.org_types[t]) for t in case.org_types],
        tags=[Link(t, "browse/tag.md", labels.tags[t]) for t in case.tags],
        year_link=Link(f"{case.year}年", "browse/year.md", f"y{case.year}") if case.year else None,
        practices=practices,
        metrics=rows,
        one_source=site.link(case.metrics[0].source) if len({m.source for m in case.metrics}) == 1 else None,
        sources=source_notes(site, [*case.sources, *(m.source for m in case.metrics)]),
        handout=handout,
    )


@planner("site")
def plan_site(entry: Entry, ctx: Context) -> PagePlan:
    site, labels = ctx.site, ctx.labels
    record = entry.record
    return record_page(
        entry, site,
        crumbs=[site.link(record.region)],
        own=record.cases,
        kind_link=Link(record.kind, "browse/site-kind.md", labels.site_kinds[record.kind]),
        host_type_link=Link(record.host_type, "browse/org-type.md", labels.org_types[record.host_type])
        if record.host_type else None,
        region_path=site.region_path(record.region),
        sources=source_notes(site, record.sources),
    )


@planner("practice")
def plan_practice(entry: Entry, ctx: Context) -> PagePlan:
    site = ctx.site
    practice = entry.record
    variants = variant_rows(site, entry, metric_rows)
    cases = site.referrer_ids(entry.id, "case") + [v.case for v in practice.variants]
    return record_page(
        entry, site,
        own=[*practice.aspects, *practice.related],
        shown=[*cases, *(v.region for v in practice.variants)],
        variants=variants,
        comparison=comparison(entry, variants),
        cases=case_cards(site, [c for c in cases if c], practice_id=entry.id),
    )


# --- regions and courses -----------------------------------------------------------------------


@planner("region")
def plan_region(entry: Entry, ctx: Context) -> PagePlan:
    site, children, cases_in, sites_in = ctx.site, ctx.children, ctx.cases_in, ctx.sites_in
    below = descendants(entry.id, children)
    by_level: dict[str, list[Link]] = {}
    for child in children.get(entry.id, []):
        by_level.setdefault(child.record.level, []).append(site.link(child.id))  # type: ignore[arg-type]
    path = site.region_path(entry.id)[:-1]
    listed = [*cases_in.get(entry.id, []), *sites_in.get(entry.id, [])]
    listed += [record for r in below for record in (*cases_in.get(r, []), *sites_in.get(r, []))]
    return record_page(
        entry, site,
        crumbs=path,
        shown=[*listed, *below, entry.record.parent],
        path=path,
        children=sorted(by_level.items(), key=lambda item: LEVELS.index(item[0]) if item[0] in LEVELS else 99),
        cases=case_cards(site, cases_in.get(entry.id, [])),
        cases_below=case_cards(site, [c for r in below for c in cases_in.get(r, [])]),
        sites=site.sorted_links(sites_in.get(entry.id, [])),
        sites_below=site.sorted_links(s for r in below for s in sites_in.get(r, [])),
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
        own=course.cases,
        shown=[*course.prerequisites, course.practice, course.region],
        region=site.link(course.region),
        total_hours=figures.number(sum((lesson.hours for lesson in lessons.values()), start=0)),
        modules=[dict(m, hours=figures.number(m["hours"])) for m in modules],
        levels=levels,
        prerequisites=site.links(course.prerequisites),
        practice=site.link(course.practice),
        sources=source_notes(site, course.sources),
        handout=handout,
    )


# --- print views of handouts ----------------------------------------------------------------


def handout_pages(handout: HandoutView) -> tuple[str, ...]:
    """The pages :func:`plan_handout` makes of a handout, in order, known without planning them."""
    quiz = handout.quiz_page if handout.question_ids else None
    return tuple(page for page in (handout.page, quiz, handout.answers_page) if page)


def plan_handout(handout: HandoutView, site: Resolver) -> list[PagePlan]:
    """The print view of a course's or a trainer's handout, with its cover and contents (the parts
    and their sections; the printed page numbers are added when the sheets are laid out), its
    answer key, and a course's self-test (a page of its own, out of search: its questions are the
    aspects'); their tab titles say what they are (讲义打印版, 测验答案, 自测), and they sit in 培训课程
    under the course."""
    pages: list[PagePlan] = []
    own_page = handout.kind == "custom"
    origin = None if own_page else site.link(handout.origin.id)
    courses = site.index_link("curriculum")
    crumbs = tuple(c for c in (courses, origin) if c is not None)
    section = courses.src_uri if courses else None
    if handout.page:
        contents = [b for b in handout.blocks if getattr(b, "level", 9) <= 2 and b.medium != "word"]
        pages.append(PagePlan(handout.page, "handout.md.j2", f"{handout.title} · 讲义打印版", {
            "title": handout.title, "subtitle": handout.subtitle, "blocks": handout.blocks,
            "cover": handout.cover, "contents": contents, "downloads": handout.downloads,
            "origin": origin, "origin_label": "课程", "docx": handout.docx,
            "other": handout.answers_page, "other_label": "测验答案"}, handout.origin.file if own_page else None,
            section=section, crumbs=crumbs))
    if handout.quiz_page and handout.question_ids:
        pages.append(PagePlan(handout.quiz_page, "course_quiz.md.j2", f"{handout.title} · 自测", {
            "origin": origin, "handout": handout,
            "quiz": [question_item(site, site.kb.entries[i]) for i in handout.question_ids]},
            section=section, crumbs=crumbs))
    if handout.answers_page:
        printed = (Link("讲义打印版", handout.page),) if handout.page else ()
        pages.append(PagePlan(handout.answers_page, "handout.md.j2", f"{handout.title} · 测验答案", {
            "title": f"{handout.title} · 测验答案", "subtitle": "答案页：请与测验分开印发", "blocks": handout.answers,
            "cover": (), "contents": (), "downloads": (),
            "origin": None, "origin_label": "", "docx": handout.answers_docx,
            "other": handout.page, "other_label": "返回讲义"}, section=section, crumbs=crumbs + printed))
    return pages
