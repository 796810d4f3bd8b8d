"""``term``: a glossary entry for the field's jargon (两个覆盖, 三会一课, 2510 …)."""

from __future__ import annotations

from .fields import Line, ListOf, PlainText, Record, Ref, Slug
from .kind import KindSpec, Pages, SheetHints


class Term(Record):
    id: Slug
    """Stable id; the anchor on the glossary page."""

    term: Line
    """The term as readers meet it (两个覆盖)."""

    aliases: ListOf(Line) = ()
    """Other spellings and synonyms (新兴领域 for 两新组织); they also get tooltips."""

    definition: PlainText
    """What it means, in plain words; shown in the tooltip wherever the term appears."""

    origin: PlainText | None = None
    """Where the term comes from: the rule, document or place that coined it."""

    sources: ListOf(Ref("source")) = ()
    """Documents that use or define the term."""

    cases: ListOf(Ref("case")) = ()
    """Cases where the term appears."""

    aspects: ListOf(Ref("aspect")) = ()
    """Manual aspects where the term matters."""

    see_also: ListOf(Ref("term")) = ()
    """Related terms."""


KIND = KindSpec("term", "glossary", Term, "术语", "term", Pages("术语表", backlink_rank=8, shared="glossary.md", index="glossary.md",
                      index_title="术语表"),
                chinese_keys={
        "定义": "definition", "释义": "definition", "术语": "term", "词条": "term", "由来": "origin",
    }, sheet=SheetHints(default=True))
