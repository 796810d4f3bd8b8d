"""Plan the whole site: record pages first, then indexes, browse pages and shared pages.

Pure: from the :class:`KnowledgeBase` (through one :class:`Resolver`) and the handouts laid out
by :mod:`generator.handouts` to a list of :class:`PagePlan`, with no I/O and no MkDocs.
"""

from __future__ import annotations

from typing import Sequence

from .indexes import plan_indexes
from .plans import HandoutView, PagePlan, labels_of, manual_order
from .records import (plan_aspect, plan_case, plan_category, plan_curriculum, plan_handout, plan_practice,
                      plan_region, plan_site, region_children)
from .resolver import Resolver


def plan(site: Resolver, handouts: Sequence[HandoutView]) -> list[PagePlan]:
    """Every page of the site, records first, then indexes, browse pages and shared pages."""
    kb = site.kb
    by_origin = {h.origin.id: h for h in handouts}
    labels = labels_of(site)
    order = manual_order(kb)
    children = region_children(site)
    cases_in: dict[str, list[str]] = {}
    sites_in: dict[str, list[str]] = {}
    for case in site.entries("case"):
        cases_in.setdefault(case.record.region, []).append(case.id)
    for record in site.entries("site"):
        sites_in.setdefault(record.record.region, []).append(record.id)

    pages: list[PagePlan] = []
    for entry in sorted(kb.of_kind("category"), key=lambda e: e.record.number):
        pages.append(plan_category(entry, site))
    pages.extend(plan_aspect(entry, site, order) for entry in order)
    pages.extend(plan_case(entry, site, labels, by_origin.get(entry.id)) for entry in site.entries("case"))
    pages.extend(plan_site(entry, site, labels) for entry in site.entries("site"))
    pages.extend(plan_practice(entry, site) for entry in site.entries("practice"))
    pages.extend(plan_region(entry, site, children, cases_in, sites_in) for entry in site.entries("region"))
    pages.extend(plan_curriculum(entry, site, by_origin.get(entry.id)) for entry in site.entries("curriculum"))
    for handout in handouts:
        pages.extend(plan_handout(handout, site))
    pages.extend(plan_indexes(site, labels, order, children))
    return pages
