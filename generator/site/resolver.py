"""Where every record lives on the site, and links to it that skip what is not published.

Pure: reads the :class:`KnowledgeBase` and knows nothing of MkDocs. Page paths are ``src_uri``
strings of Markdown files (``cases/<id>.md``); MkDocs turns them into ``.html`` links and checks
each link and anchor when it builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..core.kb import Entry, KnowledgeBase
from .pinyin import by_pinyin
from ..core.schema import KINDS, kind_label

FOLDERS = {
    "case": "cases", "site": "sites", "practice": "practices", "region": "regions",
    "curriculum": "courses", "category": "handbook", "aspect": "handbook", "handout": "handouts",
}
"""Kinds with a page of their own, and the folder of that page."""

ANCHORED = {"source": "sources.md", "term": "glossary.md"}
"""Kinds listed on one shared page, each record under an anchor equal to its id."""

NOT_BACKLINKED = {"question"}
"""Kinds listed in a section of their own on the page they refer to (questions under 自测题)."""

BACKLINK_ORDER = ("case", "site", "practice", "aspect", "category", "curriculum", "term", "region", "source")


@dataclass(frozen=True)
class Link:
    """A link target: the page's ``src_uri`` and an optional anchor, with the text to show."""

    title: str
    src_uri: str
    anchor: str = ""


def page_name(record_id: str) -> str:
    """File name of a record's page; ``index`` is taken by each folder's index page."""
    return "index_" if record_id == "index" else record_id


def src_uri_of(entry: Entry) -> tuple[str, str]:
    """(page, anchor) of a record."""
    if entry.kind in ANCHORED:
        return ANCHORED[entry.kind], entry.id
    if entry.kind == "question":
        return f"handbook/{page_name(entry.record.aspect)}.md", entry.id
    return f"{FOLDERS[entry.kind]}/{page_name(entry.id)}.md", ""


class Resolver:
    """Links to records that are on the site; draft cases and unknown ids yield nothing."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.hidden = {e.id for e in kb.of_kind("case") if e.record.status != "published"}

    def visible(self, record_id: str | None) -> bool:
        """Published and on a page (its own, a shared one, or its aspect's for questions)."""
        if not record_id or record_id in self.hidden or record_id not in self.kb.entries:
            return False
        kind = self.kb.entries[record_id].kind
        return kind in FOLDERS or kind in ANCHORED or kind == "question"

    def entries(self, kind: str) -> list[Entry]:
        """Published records of ``kind`` in pinyin order of their titles."""
        return by_pinyin((e for e in self.kb.of_kind(kind) if e.id not in self.hidden), lambda e: e.title)

    def link(self, record_id: str | None, title: str | None = None) -> Link | None:
        if not self.visible(record_id):
            return None
        entry = self.kb.entries[record_id]  # type: ignore[index]
        page, anchor = src_uri_of(entry)
        return Link(title or entry.title, page, anchor)

    def links(self, ids: Iterable[str | None]) -> list[Link]:
        """Links in the given order, without duplicates or hidden records."""
        seen: set[str] = set()
        out: list[Link] = []
        for record_id in ids:
            if record_id and record_id not in seen:
                seen.add(record_id)
                link = self.link(record_id)
                if link:
                    out.append(link)
        return out

    def sorted_links(self, ids: Iterable[str | None]) -> list[Link]:
        return by_pinyin(self.links(ids), lambda link: link.title)

    def referrers(self, record_id: str, kind: str | None = None) -> list[Entry]:
        return [e for e in self.kb.referrers(record_id, kind) if e.id not in self.hidden]

    def backlinks(self, record_id: str) -> list[tuple[str, list[Link]]]:
        """Records that cite ``record_id``, grouped by kind: [(kind label, links)]."""
        groups: dict[str, list[str]] = {}
        for entry in self.referrers(record_id):
            if entry.kind in NOT_BACKLINKED or not self.visible(entry.id):
                continue
            groups.setdefault(entry.kind, []).append(entry.id)
        order = {kind: i for i, kind in enumerate(BACKLINK_ORDER + tuple(s.name for s in KINDS))}
        return [(kind_label(kind), self.sorted_links(ids))
                for kind, ids in sorted(groups.items(), key=lambda item: order.get(item[0], 99))]

    def region_path(self, region_id: str | None) -> list[Link]:
        """The region and its ancestors, outermost first (山东省 › 济南市 › 长清区)."""
        chain: list[Link] = []
        seen: set[str] = set()
        while region_id and region_id not in seen and self.visible(region_id):
            seen.add(region_id)
            chain.append(self.link(region_id))  # type: ignore[arg-type]
            region_id = self.kb.entries[region_id].record.parent
        return list(reversed(chain))
