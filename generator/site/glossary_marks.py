"""Glossary everywhere: mark glossary terms (and aliases) where they help a reader.

Python-Markdown's ``abbr`` extension matches on word boundaries, which Chinese text does not have
(三会一课 inside a sentence has no ``\\b`` around it), so terms are matched here instead, on the
rendered HTML: text between tags only, never inside links, headings, code or existing marks.
Each occurrence becomes a link to the glossary entry whose ``title`` holds the definition;
Material's ``content.tooltips`` shows it on hover, and on a phone a tap shows it in place
(assets/javascripts/glossary-tap.js). Longer terms win over shorter ones (两新组织 before 两新).

So that marks help rather than clutter, a term is marked at its first occurrence in each section
(a page's ``<h2>`` starts one), a paragraph, list item or table cell carries at most
:data:`PER_BLOCK` marks (the rest wait for a later paragraph of the section), and the page's own
subject is never marked (no 党建指导员 marks on 党建指导员选派). Nothing inside 《…》 is marked:
《红领党务通》 is the manual, not the 红领党务 certification.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

SKIP_INSIDE = {"a", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "button",
               "textarea", "svg", "title", "label", "kbd"}
TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>|<!--.*?-->", re.DOTALL)
BOOK_TITLE_RE = re.compile(r"《[^《》]*》")
"""Titles of books and regulations (《红领党务通》) are names, not uses of a term inside them."""
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source", "track"}
BLOCKS = {"p", "li", "td", "th", "dd", "dt", "blockquote", "figcaption", "summary"}
"""Elements whose text is one block for the per-block limit."""
PER_BLOCK = 3
SECTION = "h2"


def root_prefix(page_url: str) -> str:
    """How a page at ``page_url`` (``cases/x.html``) reaches the site root (``../``)."""
    return "../" * page_url.count("/")


@dataclass(frozen=True)
class Term:
    """A glossary entry as the marker needs it."""

    id: str
    words: tuple[str, ...]
    definition: str


class TermMarker:
    """Compiled once per build; ``mark`` runs per page."""

    @classmethod
    def of(cls, terms: Iterable[Any], glossary_url: str = "glossary.html") -> TermMarker:
        """From glossary records (``term`` kind): the term and its aliases, with the definition."""
        return cls([Term(t.id, (t.term, *t.aliases), t.definition) for t in terms], glossary_url)

    def __init__(self, terms: list[Term], glossary_url: str = "glossary.html") -> None:
        self.glossary_url = glossary_url
        self.terms = tuple(terms)
        self.by_word: dict[str, Term] = {}
        for term in terms:
            for word in term.words:
                if len(word) >= 2:
                    self.by_word.setdefault(word, term)
        words = sorted(self.by_word, key=lambda w: (-len(w), w))
        self.pattern = re.compile("|".join(map(re.escape, words))) if words else None

    def mark(self, page_html: str, relative_root: str = "", subject: str = "") -> str:
        """Mark terms in ``page_html``; links are made relative with ``relative_root`` ("../");
        terms that name the page's ``subject`` (its title) are left alone."""
        if self.pattern is None:
            return page_html
        out: list[str] = []
        open_skips: list[str] = []
        state = _State(marked=set(), skipped={t.id for t in self.terms if any(w in subject for w in t.words if len(w) >= 2)})
        position = 0
        for match in TAG_RE.finditer(page_html):
            out.append(self._text(page_html[position:match.start()], open_skips, state, relative_root))
            out.append(match.group(0))
            closing, name, self_closing = match.group(1), (match.group(2) or "").lower(), match.group(3)
            if not closing and name == SECTION:
                state.marked.clear()
            if not closing and name in BLOCKS:
                state.in_block = 0
            if name in SKIP_INSIDE and not self_closing and name not in VOID:
                if closing:
                    if name in open_skips:
                        del open_skips[len(open_skips) - 1 - open_skips[::-1].index(name)]
                else:
                    open_skips.append(name)
            position = match.end()
        out.append(self._text(page_html[position:], open_skips, state, relative_root))
        return "".join(out)

    def _text(self, text: str, open_skips: list[str], state: _State, root: str) -> str:
        if not text or open_skips or not text.strip():
            return text
        titles = [m.span() for m in BOOK_TITLE_RE.finditer(text)] if "《" in text else []

        def replace(match: re.Match[str]) -> str:
            word = match.group(0)
            if any(start < match.start() < end for start, end in titles):
                return word
            term = self.by_word[word]
            if term.id in state.marked or term.id in state.skipped or state.in_block >= PER_BLOCK:
                return word
            state.marked.add(term.id)
            state.in_block += 1
            title = html.escape(term.definition, quote=True)
            return (f'<a class="hl-term" href="{root}{self.glossary_url}#{term.id}" title="{title}" '
                    f'data-term="{term.id}">{word}</a>')

        return self.pattern.sub(replace, text)  # type: ignore[union-attr]


@dataclass
class _State:
    """What the marker remembers while it walks one page."""

    marked: set[str]
    """Terms marked in the current section."""
    skipped: set[str]
    """Terms never marked on this page (its subject)."""
    in_block: int = 0
    """Marks in the current paragraph, list item or cell."""
