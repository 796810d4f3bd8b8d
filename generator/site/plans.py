"""What every page plan is made of: :class:`PagePlan` (page path, template, context, data file),
the browse labels shared by all pages, and the building blocks record and index pages share.

Pure, like the rest of :mod:`generator.site`: no I/O and no MkDocs. Contexts hold the records
themselves plus what a template cannot work out alone (links, sorted lists, figures).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Protocol

from ..core.kb import Entry, KnowledgeBase
from .pinyin import anchors, by_pinyin
from .resolver import Link, Resolver, src_uri_of


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


class HandoutView(Protocol):
    """What the site shows of a handout laid out by :mod:`generator.handouts`: its print view and
    answer key (pages whose template reads the blocks) and its Word documents (links)."""

    id: str
    kind: str
    title: str
    subtitle: str
    origin: Entry
    blocks: tuple[Any, ...]
    answers: tuple[Any, ...]

    @property
    def page(self) -> str | None: ...

    @property
    def answers_page(self) -> str | None: ...

    @property
    def docx(self) -> str: ...

    @property
    def answers_docx(self) -> str | None: ...

    @property
    def quiz_size(self) -> int: ...


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


def record_page(entry: Entry, template: str, site: Resolver, **context: Any) -> PagePlan:
    src_uri, _ = src_uri_of(entry)
    base = {"entry": entry, "record": entry.record, "backlinks": site.backlinks(entry.id)}
    in_nav = entry.kind in ("category", "aspect")  # the handbook's 9 + 26 pages (see nav.py)
    return PagePlan(src_uri, template, entry.title, {**base, **context}, entry.file, in_nav)



def case_cards(site: Resolver, case_ids: list[str], aspect_id: str | None = None,
               practice_id: str | None = None) -> list[dict[str, Any]]:
    """Cases as lists show them: link, place, year, and the case's named practices that show the
    given aspect or run the given practice."""
    cards = []
    for case_id in dict.fromkeys(c for c in case_ids if site.visible(c)):
        case = site.kb.entries[case_id].record
        named = [p.name for p in case.practices
                 if (aspect_id and aspect_id in p.aspects) or (practice_id and p.practice == practice_id)]
        cards.append({"link": site.link(case_id), "case": case, "region": site.link(case.region), "practices": named})
    return by_pinyin(cards, lambda card: card["link"].title)
