"""``handout``: a trainer's own handout — chosen manual aspects and cases, in the trainer's order."""

from __future__ import annotations

from .curriculum import Audience
from .fields import Bool, Line, ListOf, Markdown, Ordinal, PlainText, Record, Ref, Slug
from .kind import KindSpec, Pages, SheetHints


class HandoutSection(Record):
    """One part of the handout; it prints as 一、二、… with its aspects and cases under it."""

    title: Line
    """Heading of the part (e.g. 发展党员的程序)."""

    note: Markdown | None = None
    """What the trainer wants to say before the material (why it is here, what to look for)."""

    include: ListOf(Ref("aspect", "case"), min_length=1)
    """Manual aspects and cases, by id, in the order they are printed."""


class CustomHandout(Record):
    id: Slug
    """Stable id; the print view is handouts/<id>.html and the Word file downloads/<id>.docx."""

    title: Line
    """Title printed at the top of the handout."""

    subtitle: Line | None = None
    """Line under the title (occasion, date, trainer's unit); 培训讲义 when left out."""

    audience: ListOf(Audience, min_length=1)
    """Who the handout is for."""

    summary: Markdown | None = None
    """Opening paragraph: what the session is for."""

    sections: ListOf(HandoutSection, min_length=1)
    """The parts of the handout, in order."""

    quiz: Bool = True
    """Whether to add a quiz drawn from the question bank for the included aspects, with a separate
    answer key."""

    quiz_per_aspect: Ordinal = 3
    """How many questions the quiz takes from each included aspect (kinds mixed)."""

    note: PlainText | None = None
    """Editorial note, not printed."""


KIND = KindSpec("handout", "handouts", CustomHandout, "讲义", "title",
                Pages("培训课程", backlink_rank=9, folder="handouts"),
                sheet=SheetHints(headers={"subtitle": "副标题", "sections": "部分", "include": "收录",
                                          "quiz": "测验", "quiz_per_aspect": "每方面题数"}))
"""A trainer's handout is printed from its laid-out blocks (:mod:`generator.handouts`): no template."""
