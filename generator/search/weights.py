"""How much a token weighs in a document: BM25F over four fields, computed at build time.

A document has a title, aliases (other names of its thing), headings and body text. A token's
count in each field is scaled by the field's weight and by the field's length against the
average for that field (a long page mentioning a word in passing weighs less than a short page
about it), summed, and saturated: ``tf / (K1 + tf)``, between 0 and 1. The browser multiplies it
by the token's inverse document frequency and adds over the query's tokens; everything but that
factor is known at build time, so postings carry the finished weight as a whole number, plus a
flag saying whether the token is in the document's name.

A page's ``boost`` (front matter ``search: {boost: …}``) scales all its weights: glossary entries
and course pages weigh less than the handbook, cases, practices and sites that are about the
same thing, and editors' pages least of all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .extract import SearchDoc
from .tokens import name_tokens, tokens

FIELDS = ("title", "alias", "heading", "body")
FIELD_WEIGHT = {"title": 5.0, "alias": 4.0, "heading": 2.0, "body": 1.0}
"""A word in the title says most about what a page is about; one in the text, least."""
FIELD_B = {"title": 0.5, "alias": 0.3, "heading": 0.5, "body": 0.75}
"""How far each field's length counts against it (0: not at all, 1: fully)."""
K1 = 2.0
"""How soon more mentions stop adding weight."""
SCALE = 100
"""Weights are stored as whole numbers: the saturated weight × SCALE, at least 1."""
NAMED = 128
"""Added to the stored weight when the token is in the document's title or aliases: the browser
prefers a page whose name holds the query's words (the page *about* them)."""


@dataclass
class Fields:
    """A document's tokens, counted per field."""

    counts: dict[str, Counter[str]]
    lengths: dict[str, int]


def fields(doc: SearchDoc, body: list[str]) -> Fields:
    """``body``: the passages that count (the page's own text, without boilerplate)."""
    found = {
        "title": name_tokens(doc.title),
        "alias": [token for alias in doc.aliases for token in name_tokens(alias)],
        "heading": [token for _, heading in doc.headings for token in name_tokens(heading)],
        "body": [token for text in body for token in tokens(text)],
    }
    return Fields({name: Counter(found[name]) for name in FIELDS}, {name: len(found[name]) for name in FIELDS})


def averages(all_fields: list[Fields]) -> dict[str, float]:
    count = max(1, len(all_fields))
    return {name: max(1.0, sum(f.lengths[name] for f in all_fields) / count) for name in FIELDS}


def weights(doc: Fields, average: dict[str, float], boost: float = 1.0) -> dict[str, int]:
    """Token → stored weight in this document."""
    norm = {name: FIELD_WEIGHT[name] / (1 - FIELD_B[name] + FIELD_B[name] * doc.lengths[name] / average[name])
            for name in FIELDS}
    scored: dict[str, float] = {}
    for name in FIELDS:
        for token, count in doc.counts[name].items():
            scored[token] = scored.get(token, 0.0) + count * norm[name]
    named = doc.counts["title"].keys() | doc.counts["alias"].keys()
    return {token: max(1, round(SCALE * boost * tf / (K1 + tf))) + (NAMED if token in named else 0)
            for token, tf in scored.items()}
