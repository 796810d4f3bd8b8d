"""What search knows of the record behind a page: its kind (for the result's label, from the kind
registry) and the other names readers use for it (``aliases``, and the everyday words of
``colloquial``), which are indexed as a field of their own and tried in queries (:mod:`index`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.kb import Entry
from ..core.schema import kind_label, page_kinds


@dataclass(frozen=True)
class Found:
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    """The record's ``aliases``: other names of the same thing (新兴领域 for 两新组织)."""
    colloquial: tuple[str, ...] = ()
    """The record's ``colloquial`` words: what readers call it in everyday speech (入党)."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.aliases + self.colloquial))


class Records:
    """Pages → records, through the registry's page folders and shared pages and the linked
    knowledge base (``None`` when the site is built without the ``hongling`` plugin)."""

    def __init__(self, kb: Any | None) -> None:
        self.kb = kb
        self.kinds: dict[str, set[str]] = {}
        """Page folder (``handbook``) or shared page (``glossary.html``) → the kinds shown there."""
        for kind, pages in page_kinds():
            where = pages.folder or (pages.shared.removesuffix(".md") + ".html" if pages.shared else None)
            if where:
                self.kinds.setdefault(where, set()).add(kind)
        self.sections = {pages.index.removesuffix(".md") + ".html": pages.section
                         for _, pages in page_kinds() if pages.index}

    def entry(self, url: str) -> Entry | None:
        """The record shown at ``url`` (``handbook/sanhui-yike.html``, ``glossary.html#lianzu``)."""
        if self.kb is None:
            return None
        page, _, anchor = url.partition("#")
        if anchor:
            where, key = page, anchor
        else:
            where, _, name = page.rpartition("/")
            key = name.removesuffix(".html")
        entry = self.kb.get(key)
        return entry if entry is not None and entry.kind in self.kinds.get(where, ()) else None

    def find(self, url: str) -> Found:
        """Kind, label and other names of the page at ``url``. A kind's index page is labelled with
        the kind's section (案例库); other pages that show no record have no label."""
        entry = self.entry(url)
        if entry is None:
            return Found("", self.sections.get(url, ""))
        record = entry.record
        return Found(entry.kind, kind_label(entry.kind), tuple(getattr(record, "aliases", ())),
                     tuple(getattr(record, "colloquial", ())))
