"""Glossary marking kept between rebuilds of ``mkdocs serve``."""

from __future__ import annotations

from ..site.glossary_marks import Term, TermMarker


class MarkedPages:
    """Marked HTML kept between rebuilds of ``mkdocs serve``: a page whose HTML and glossary are
    unchanged since the last save is not scanned again."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[str, str, str, str]] = {}
        self.terms: tuple[tuple[Term, ...], str] | None = None

    def mark(self, marker: TermMarker, page: str, page_html: str, relative_root: str, subject: str = "") -> str:
        terms = (marker.terms, marker.glossary_url)
        if terms != self.terms:
            self.kept.clear()
            self.terms = terms
        kept = self.kept.get(page)
        if kept is not None and kept[:3] == (page_html, relative_root, subject):
            return kept[3]
        marked = marker.mark(page_html, relative_root, subject)
        self.kept[page] = (page_html, relative_root, subject, marked)
        return marked
