"""Glossary marking kept between rebuilds of ``mkdocs serve``."""

from __future__ import annotations

from ..site.glossary_marks import Term, TermMarker


class MarkedPages:
    """Marked HTML kept between rebuilds of ``mkdocs serve``: a page whose HTML and glossary are
    unchanged since the last save is not scanned again."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[str, str, str]] = {}
        self.terms: tuple[tuple[Term, ...], str] | None = None

    def mark(self, marker: TermMarker, page: str, page_html: str, relative_root: str) -> str:
        terms = (marker.terms, marker.glossary_url)
        if terms != self.terms:
            self.kept.clear()
            self.terms = terms
        kept = self.kept.get(page)
        if kept is not None and kept[0] == page_html and kept[1] == relative_root:
            return kept[2]
        marked = marker.mark(page_html, relative_root)
        self.kept[page] = (page_html, relative_root, marked)
        return marked
