"""The handout builder (自选讲义): a page where a trainer ticks aspects, cases and questions, sees
them laid out in the browser as a printed handout (cover, contents, numbered A4 pages), prints it,
and copies the handout YAML that makes the same handout's Word document.

Everything the page needs is in the page: the pieces laid out as a handout lays them out (hidden
until picked), every question with its answer, and the lists the form is built from as JSON
(:file:`overrides/assets/javascripts/builder.js`); nothing is fetched, so it works from disk.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence

from ..core.schema.curriculum import Audience
from .plans import Context, PagePlan, PieceView
from .questions import aspect_questions

PAGE = "handouts/builder.md"


def plan_builder(ctx: Context, pieces: Sequence[PieceView]) -> PagePlan:
    site = ctx.site
    aspects = {p.id: p for p in pieces if p.kind == "aspect"}
    questions = {a: aspect_questions(site, a) for a in aspects}
    data = {
        "audiences": list(typing.get_args(Audience)),
        "categories": [{"id": c.id, "title": c.title, "aspects": [
            {"id": a.id, "title": a.title,
             "questions": [{"id": x["id"], "kind": x["q"].kind, "stem": x["q"].stem} for x in questions[a.id]]}
            for a in sorted(c.record.aspects, key=lambda a: a.number) if a.id in aspects]}
            for c in ctx.categories],
        "cases": [{"id": p.id, "title": p.title, "group": p.group} for p in pieces if p.kind == "case"],
    }
    return PagePlan(PAGE, "builder.md.j2", "自选讲义", {
        "pieces": pieces, "questions": [x for a in aspects for x in questions[a]], "data": data}, in_nav=True)
