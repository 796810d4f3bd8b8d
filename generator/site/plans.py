"""What every page plan is made of: :class:`PagePlan` (page path, template, context, data file),
the browse labels shared by all pages, and the building blocks record and index pages share.

Pure, like the rest of :mod:`generator.site`: no I/O and no MkDocs. Contexts hold the records
themselves plus what a template cannot work out alone (links, sorted lists, figures).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..core.kb import Entry, KnowledgeBase
from ..core.refs import iter_refs
from ..core.schema import kind_label, page_kinds, pages_of
from .pinyin import anchors, by_pinyin
from .resolver import Link, Resolver, backlink_rank, src_uri_of


@dataclass(frozen=True)
class PagePlan:
    src_uri: str
    """The page's path as if it were a file in docs_dir (``cases/demo-case.md``)."""

    template: str
    """Template in ``generator/site/templates`` that writes the page's Markdown."""

    title: str
    """Page title (plain text; escaped when rendered)."""

    context: Mapping[str, Any] = field(default_factory=dict)
    """What the template reads, besides ``page`` (this plan)."""

    data_file: str | None = None
    """Data file the page is generated from (as the core names it: ``data/cases/x.yml``)."""

    in_nav: bool = False
    """Whether mkdocs.yml's nav lists the page; thousands of record pages are reached via indexes."""

    kind: str | None = None
    """The kind of record the page shows; previous/next walk the pages of one kind."""

    section: str | None = None
    """A page of the nav whose section this page belongs to (``cases/index.md``): a page that is not
    in the nav opens that section's tab and sidebar."""

    crumbs: tuple[Link, ...] = ()
    """Where the page sits inside its section, outermost first (地区 › 山东省 › 济南市), for the
    breadcrumb under 首页 › section; the page itself is not one of them."""


class HandoutView(Protocol):
    """What the site shows of a handout laid out by :mod:`generator.handouts`: its print view and
    answer key (pages whose template reads the blocks) and its Word documents (links)."""

    @property
    def kind(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def subtitle(self) -> str: ...

    @property
    def origin(self) -> Entry: ...

    @property
    def blocks(self) -> tuple[Any, ...]: ...

    @property
    def answers(self) -> tuple[Any, ...]: ...

    @property
    def page(self) -> str | None: ...

    @property
    def answers_page(self) -> str | None: ...

    @property
    def quiz_page(self) -> str | None: ...

    @property
    def docx(self) -> str: ...

    @property
    def answers_docx(self) -> str | None: ...

    @property
    def question_ids(self) -> tuple[str, ...]: ...

    @property
    def cover(self) -> tuple[tuple[str, str], ...]: ...

    @property
    def downloads(self) -> tuple[tuple[str, str], ...]: ...


class PieceView(Protocol):
    """An aspect or a case laid out as blocks for the handout builder
    (:class:`generator.handouts.pieces.Piece`)."""

    @property
    def id(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def group(self) -> str: ...

    @property
    def blocks(self) -> tuple[Any, ...]: ...


@dataclass(frozen=True)
class Labels:
    """Anchors of Chinese labels on the browse pages, shared by every page that links to them."""

    tags: dict[str, str]
    org_types: dict[str, str]
    site_kinds: dict[str, str]


def labels_of(site: Resolver) -> Labels:
    cases = [e.record for e in site.entries("case")]
    sites = [e.record for e in site.entries("site")]
    return Labels(
        tags=anchors({t for c in cases for t in c.tags}, "tag-"),
        org_types=anchors({t for c in cases for t in c.org_types} | {s.host_type for s in sites if s.host_type}, "org-"),
        site_kinds=anchors({s.kind for s in sites}, "kind-"),
    )


def manual_order(kb: KnowledgeBase) -> list[Entry]:
    """Aspects across the whole manual, category by category, in their numbered order."""
    out: list[Entry] = []
    for category in sorted(kb.of_kind("category"), key=lambda e: (e.record.number, e.id)):
        for aspect in sorted(category.record.aspects, key=lambda a: (a.number, a.id)):
            entry = kb.get(aspect.id)
            if entry is not None:
                out.append(entry)
    return out


def record_page(entry: Entry, site: Resolver, *, crumbs: Iterable[Link | None] = (), own: Iterable[str | None] = (),
                shown: Iterable[str | None] = (), **context: Any) -> PagePlan:
    """A record's page, with its kind's template, from the record and ``context``; it sits in its
    kind's section below ``crumbs`` and ends with one 相关内容 block (:func:`related_groups`)."""
    pages = pages_of(entry.kind)
    assert pages is not None and pages.template is not None, f"{entry.kind} records have no page template"
    src_uri, _ = src_uri_of(entry)
    index = site.index_link(entry.kind)
    base = {"entry": entry, "record": entry.record, "related": related_groups(site, entry, own, shown)}
    return PagePlan(src_uri, pages.template, entry.title, {**base, **context}, entry.file, pages.in_nav,
                    kind=entry.kind, section=pages.index,
                    crumbs=tuple(c for c in (index, *crumbs) if c is not None))


NOT_RELATED = {"source", "question"}
"""Kinds that never appear under 相关内容: sources have their own list, questions their aspect."""


def related_groups(site: Resolver, entry: Entry, own: Iterable[str | None] = (),
                   shown: Iterable[str | None] = ()) -> list[tuple[str, list[Link]]]:
    """The one 相关内容 block of a record's page: the records it names (``own``) and the records
    that cite it, grouped by kind (手册方面, 地区, 案例, 阵地 …); never the page itself, nor what the
    page already lists in its body (``shown``). Empty when there is nothing to add."""
    skip = {entry.id, *(i for i in shown if i)}
    page = src_uri_of(entry)[0]
    groups: dict[str, list[str]] = {}
    for record_id in [*own, *site.referrer_ids(entry.id)]:
        if not record_id or record_id in skip or not site.visible(record_id):
            continue
        kind = site.kind_of(record_id)
        other_pages = pages_of(kind) if kind is not None else None
        if kind is None or kind in NOT_RELATED or other_pages is None or not other_pages.backlinked:
            continue
        located = site.located(record_id)
        if located is not None and (located.src_uri, located.anchor) == (page, ""):  # a part shown on this very page
            continue
        skip.add(record_id)
        groups.setdefault(kind, []).append(record_id)
    ordered = sorted(groups.items(), key=lambda item: backlink_rank(item[0]))
    return [(kind_label(kind), site.sorted_links(ids)) for kind, ids in ordered]


# --- what planners share, and the registry of planners ------------------------------------------


def region_children(site: Resolver) -> dict[str | None, list[Entry]]:
    children: dict[str | None, list[Entry]] = {}
    for region in site.entries("region"):
        parent = region.record.parent if site.visible(region.record.parent) else None
        children.setdefault(parent, []).append(region)
    return children


def descendants(region_id: str, children: dict[str | None, list[Entry]]) -> list[str]:
    out, stack, seen = [], [region_id], {region_id}
    while stack:
        for child in children.get(stack.pop(), []):
            if child.id not in seen:
                seen.add(child.id)
                out.append(child.id)
                stack.append(child.id)
    return out


@dataclass(frozen=True)
class Context:
    """What the planners of one build share, computed once."""

    site: Resolver
    labels: Labels
    categories: list[Entry]
    """The manual's categories in their numbered order."""
    order: list[Entry]
    """The manual's aspects across all categories, in reading order."""
    handouts: Mapping[str, HandoutView]
    """Handouts by the id of the record they print (a course, a case, a trainer's handout)."""
    children: dict[str | None, list[Entry]]
    """Published regions under each region (``None``: top level)."""
    cases_in: dict[str, list[str]]
    sites_in: dict[str, list[str]]
    pieces: Sequence[PieceView] = ()
    """What the handout builder offers (:func:`generator.site.builder.plan_builder`)."""

    @classmethod
    def of(cls, site: Resolver, handouts: Sequence[HandoutView], pieces: Sequence[PieceView] = ()) -> Context:
        cases_in: dict[str, list[str]] = {}
        sites_in: dict[str, list[str]] = {}
        for case in site.entries("case"):
            cases_in.setdefault(case.record.region, []).append(case.id)
        for record in site.entries("site"):
            sites_in.setdefault(record.record.region, []).append(record.id)
        return cls(site, labels_of(site), sorted(site.kb.of_kind("category"), key=lambda e: e.record.number),
                   manual_order(site.kb), {h.origin.id: h for h in handouts}, region_children(site),
                   cases_in, sites_in, tuple(pieces))


@dataclass(frozen=True)
class Unit:
    """One planner call: a record's page, a handout's print views, or the pages that gather
    records. ``plan`` reads everything it needs from the context it is given (never from the one
    the units were listed with), so that it can run again on a newer library."""

    key: str
    """Stable across edits: ``case:<id>``, ``handout:<id>``, ``index:<name>``."""
    plan: Callable[[Context], list[PagePlan]]
    pages: tuple[str, ...]
    """The ``src_uri`` of every page ``plan`` makes, in order, known without running it."""


Planner = Callable[[Entry, Context], PagePlan]
Entries = Callable[[Context], Iterable[Entry]]


@dataclass(frozen=True)
class Registered:
    plan: Planner
    entries: Entries | None
    """Which records get a page, in page order; ``None``: the kind's published records in pinyin order."""


PLANNERS: dict[str, Registered] = {}
"""The record planners by kind, in the order the site lists their pages."""


def planner(kind: str, entries: Entries | None = None) -> Callable[[Planner], Planner]:
    """Register the function that plans the page of each record of ``kind``."""
    def register(function: Planner) -> Planner:
        PLANNERS[kind] = Registered(function, entries)
        return function
    return register


def plan_record(entry: Entry, ctx: Context) -> PagePlan:
    """The page of a record of a kind without a planner of its own: its template gets the record,
    ``links`` to every record it names and ``related``, the records that cite it."""
    named = [target for _, target, _ in iter_refs(entry.record)]
    return record_page(entry, ctx.site, shown=named, links=ctx.site.links(named))


def planned_kinds() -> list[tuple[str, Registered]]:
    """Every kind whose records get pages: the registered planners first, in their order, then the
    kinds that only declare a template, in registry order."""
    kinds = [(kind, PLANNERS[kind]) for kind in PLANNERS]
    kinds += [(kind, Registered(plan_record, None)) for kind, pages in page_kinds()
              if pages.template and kind not in PLANNERS]
    return kinds



def case_cards(site: Resolver, case_ids: list[str], aspect_id: str | None = None,
               practice_id: str | None = None) -> list[dict[str, Any]]:
    """Cases as lists show them: link, place, year, and the case's named practices that show the
    given aspect or run the given practice."""
    cards = []
    for case_id in dict.fromkeys(c for c in case_ids if site.visible(c)):
        case = site.kb.entries[case_id].record
        named = [p.name for p in case.practices
                 if (aspect_id and aspect_id in p.aspects) or (practice_id and p.practice == practice_id)]
        cards.append({"link": site.link(case_id), "year": case.year, "region": site.link(case.region), "practices": named})
    return by_pinyin(cards, lambda card: card["link"].title)
