"""The navigation: the handbook's part of it, and where every page sits in it.

The handbook's part: its 9 categories with their 26 aspects.

mkdocs.yml's nav names only the index page of each area (``党务手册: handbook/index.md``); the
handbook entry is expanded here into one section per category so that a new party-affairs worker
can walk the manual from the sidebar. Cases and sites never get a nav entry of their own.
Where every page sits (:class:`Sections`): each tab of the nav is a section; a record page that is
not in the nav belongs to the section of its kind's index page, under a breadcrumb (首页 › 案例库 ›
济南高新区); previous and next never leave a section (:func:`neighbours`).

Pure: works on the plain nav structure of mkdocs.yml and on page plans.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Iterable

from ..core.kb import KnowledgeBase
from .plans import PagePlan, manual_order
from .resolver import Link, src_uri_of

HANDBOOK_INDEX = "handbook/index.md"


def handbook_sections(kb: KnowledgeBase) -> list[Any]:
    """The handbook index followed by one section per category: its page, then its aspects."""
    items: list[Any] = [HANDBOOK_INDEX]
    aspects_by_category: dict[str, list[str]] = {}
    for aspect in manual_order(kb):
        aspects_by_category.setdefault(aspect.parent or "", []).append(src_uri_of(aspect)[0])
    for category in sorted(kb.of_kind("category"), key=lambda e: e.record.number):
        # Nav titles reach the theme unescaped: escape them like every other data text.
        title = html.escape(f"{category.record.number}. {category.title}")
        items.append({title: [src_uri_of(category)[0], *aspects_by_category.get(category.id, [])]})
    return items


def expand_handbook(nav: list[Any] | None, kb: KnowledgeBase) -> list[Any] | None:
    """``nav`` with its top-level ``handbook/index.md`` entry replaced by the full handbook."""
    if not nav:
        return nav
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, target), = item.items()
            if target == HANDBOOK_INDEX:
                item = {title: handbook_sections(kb)}
        expanded.append(item)
    return expanded


# --- where every page sits: its top-level section, its breadcrumb, its neighbours ----------------


def first_page(item: Any) -> str | None:
    """The first page of a nav item (a path, ``{title: path}`` or ``{title: [items]}``)."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        for value in item.values():
            return first_page(value)
    if isinstance(item, list):
        for child in item:
            found = first_page(child)
            if found:
                return found
    return None


@dataclass(frozen=True)
class Sections:
    """The sections of the nav: the tab and the chain of sections every nav page sits in."""

    chains: dict[str, tuple[Link, ...]]
    """Nav page → the sections it sits in, outermost (its tab) first, each as a link to the
    section's first page (案例库 → cases/index.md); a page that is a tab by itself has its own."""

    home: Link | None = None

    @classmethod
    def of(cls, nav: list[Any] | None) -> Sections:
        chains: dict[str, tuple[Link, ...]] = {}

        def walk(items: list[Any], chain: tuple[Link, ...]) -> None:
            for item in items:
                if isinstance(item, str):
                    chains.setdefault(item, chain)
                elif isinstance(item, dict):
                    for title, value in item.items():
                        first = first_page(value)
                        if isinstance(value, list) and first:
                            walk(value, (*chain, Link(html.unescape(str(title)), first)))
                        elif isinstance(value, str):
                            chains.setdefault(value, chain or (Link(html.unescape(str(title)), value),))

        walk(nav or [], ())
        home = first_page(nav[0]) if nav else None
        return cls(chains, Link("首页", home) if home else None)

    def tab(self, page: str) -> Link | None:
        chain = self.chains.get(page)
        return chain[0] if chain else None

    def same(self, page: str, other: str) -> bool:
        """Whether two nav pages sit under the same tab (previous/next never leave it)."""
        tab = self.tab(page)
        return tab is not None and tab == self.tab(other)

    def crumbs(self, page: str, plan: PagePlan | None = None) -> list[Link]:
        """The way back from ``page``: 首页 › its sections, or, for a page outside the nav,
        首页 › the tab of its plan's section › the plan's crumbs. The page itself is not one."""
        if page in self.chains:
            trail: tuple[Link | None, ...] = self.chains[page]
        elif plan is not None:
            trail = (self.tab(plan.section or ""), *plan.crumbs)
        else:
            return []
        out: list[Link] = []
        for link in (self.home, *trail):
            if link is not None and link.src_uri != page and all(c.src_uri != link.src_uri for c in out):
                out.append(link)
        return out


def neighbours(plans: Iterable[PagePlan]) -> dict[str, tuple[str | None, str | None]]:
    """Previous and next page of every record page outside the nav, among the pages of its own kind
    in the planned order (cases in pinyin order): never a page of another section."""
    by_kind: dict[str, list[str]] = {}
    for plan in plans:
        if plan.kind and not plan.in_nav:
            by_kind.setdefault(plan.kind, []).append(plan.src_uri)
    out: dict[str, tuple[str | None, str | None]] = {}
    for pages in by_kind.values():
        for index, page in enumerate(pages):
            out[page] = (pages[index - 1] if index else None, pages[index + 1] if index + 1 < len(pages) else None)
    return out
