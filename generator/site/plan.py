"""Plan the whole site: record pages first, then handout print views, indexes, browse pages and
shared pages.

Pure: from the :class:`KnowledgeBase` (through one :class:`Resolver`) and the handouts laid out
by :mod:`generator.handouts` to a list of :class:`PagePlan`, with no I/O and no MkDocs. Which
kinds get pages, and how, comes from the registry (:mod:`generator.core.schema`) and the planners
registered for it (:mod:`generator.site.records`, :mod:`generator.site.indexes`).
"""

from __future__ import annotations

from collections.abc import Sequence

from . import records  # noqa: F401 - registers the record planners
from .builder import PieceView, plan_builder
from .indexes import plan_indexes
from .plans import Context, HandoutView, PagePlan, planned_kinds
from .records import plan_handout
from .resolver import Resolver


def plan(site: Resolver, handouts: Sequence[HandoutView], pieces: Sequence[PieceView] = ()) -> list[PagePlan]:
    """Every page of the site, records first, then print views, the handout builder (with the
    ``pieces`` a trainer can pick), indexes, browse pages and shared pages."""
    ctx = Context.of(site, handouts)
    pages: list[PagePlan] = []
    for kind, registered in planned_kinds():
        entries = registered.entries(ctx) if registered.entries else site.entries(kind)
        pages.extend(registered.plan(entry, ctx) for entry in entries)
    for handout in handouts:
        pages.extend(plan_handout(handout, site))
    if pieces:
        pages.append(plan_builder(ctx, pieces))
    pages.extend(plan_indexes(ctx))
    return pages
