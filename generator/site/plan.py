"""Plan the whole site: record pages first, then handout print views, the handout builder,
indexes, browse pages and shared pages.

Pure: from the :class:`KnowledgeBase` (through one :class:`Resolver`) and the handouts laid out
by :mod:`generator.handouts` to a list of :class:`PagePlan`, with no I/O and no MkDocs. Which
kinds get pages, and how, comes from the registry (:mod:`generator.core.schema`) and the planners
registered for it (:mod:`generator.site.records`, :mod:`generator.site.indexes`).

Planning is a list of :class:`~generator.site.plans.Unit`: one planner call each (a record's
page, a handout's print views, the handout builder, one page that gathers records), run in
order. A build runs them all; the preview server (:mod:`generator.serve.incremental`) re-runs
only those whose inputs changed.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from . import records  # noqa: F401 - registers the record planners
from .builder import PAGE as BUILDER_PAGE
from .builder import plan_builder
from .indexes import index_units
from .plans import Context, HandoutView, PagePlan, PieceView, Planner, Unit, planned_kinds
from .records import handout_pages, plan_handout
from .resolver import Resolver, src_uri_of


def _record_page(planner: Planner, record_id: str, ctx: Context) -> list[PagePlan]:
    return [planner(ctx.site.kb.entries[record_id], ctx)]


def _handout_pages(origin: str, ctx: Context) -> list[PagePlan]:
    return plan_handout(ctx.handouts[origin], ctx.site)


def _builder_page(ctx: Context) -> list[PagePlan]:
    return [plan_builder(ctx, ctx.pieces)]


def units(ctx: Context) -> list[Unit]:
    """Every planner call of the site, in page order: records kind by kind, handouts' print views
    (and a course's self-test), the handout builder (when there are pieces to pick), then the pages
    that gather records."""
    out: list[Unit] = []
    for kind, registered in planned_kinds():
        entries = registered.entries(ctx) if registered.entries else ctx.site.entries(kind)
        out.extend(Unit(f"{kind}:{entry.id}", functools.partial(_record_page, registered.plan, entry.id),
                        (src_uri_of(entry)[0],)) for entry in entries)
    out.extend(Unit(f"handout:{origin}", functools.partial(_handout_pages, origin), handout_pages(handout))
               for origin, handout in ctx.handouts.items())
    if ctx.pieces:
        out.append(Unit("builder", _builder_page, (BUILDER_PAGE,)))
    return out + index_units()


def plan(site: Resolver, handouts: Sequence[HandoutView], pieces: Sequence[PieceView] = ()) -> list[PagePlan]:
    """Every page of the site, records first, then print views, the handout builder (with the
    ``pieces`` a trainer can pick), indexes, browse pages and shared pages."""
    ctx = Context.of(site, handouts, pieces)
    return [page for unit in units(ctx) for page in unit.plan(ctx)]
