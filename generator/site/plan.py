"""Plan the whole site: record pages first, then handout print views, indexes, browse pages and
shared pages.

Pure: from the :class:`KnowledgeBase` (through one :class:`Resolver`) and the handouts laid out
by :mod:`generator.handouts` to a list of :class:`PagePlan`, with no I/O and no MkDocs. Which
kinds get pages, and how, comes from the registry (:mod:`generator.core.schema`) and the planners
registered for it (:mod:`generator.site.records`, :mod:`generator.site.indexes`).

Planning is a list of :class:`~generator.site.plans.Unit`: one planner call each (a record's
page, a handout's print views, one page that gathers records), run in order. A build runs them
all; the preview server (:mod:`generator.serve.incremental`) re-runs only those whose inputs
changed.
"""

from __future__ import annotations

import functools
from typing import Sequence

from . import records  # noqa: F401 - registers the record planners
from .indexes import index_units
from .plans import Context, HandoutView, PagePlan, Planner, Unit, planned_kinds
from .records import plan_handout
from .resolver import Resolver, src_uri_of


def _record_page(planner: Planner, record_id: str, ctx: Context) -> list[PagePlan]:
    return [planner(ctx.site.kb.entries[record_id], ctx)]


def _handout_pages(origin: str, ctx: Context) -> list[PagePlan]:
    return plan_handout(ctx.handouts[origin], ctx.site)


def units(ctx: Context) -> list[Unit]:
    """Every planner call of the site, in page order: records kind by kind, handouts' print views,
    then the pages that gather records."""
    out: list[Unit] = []
    for kind, registered in planned_kinds():
        entries = registered.entries(ctx) if registered.entries else ctx.site.entries(kind)
        out.extend(Unit(f"{kind}:{entry.id}", functools.partial(_record_page, registered.plan, entry.id),
                        (src_uri_of(entry)[0],)) for entry in entries)
    out.extend(Unit(f"handout:{origin}", functools.partial(_handout_pages, origin),
                    tuple(page for page in (handout.page, handout.answers_page) if page))
               for origin, handout in ctx.handouts.items())
    return out + index_units()


def plan(site: Resolver, handouts: Sequence[HandoutView]) -> list[PagePlan]:
    """Every page of the site, records first, then print views, indexes, browse pages and shared pages."""
    ctx = Context.of(site, handouts)
    return [page for unit in units(ctx) for page in unit.plan(ctx)]
