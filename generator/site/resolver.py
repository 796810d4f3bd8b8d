"""Where every record lives on the site, and links to it that skip what is not published.

Pure: reads the :class:`KnowledgeBase` and knows nothing of MkDocs. Page paths are ``src_uri``
strings of Markdown files (``cases/<id>.md``); MkDocs turns them into ``.html`` links and checks
each link and anchor when it builds.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass
from typing import Any, TypeVar

from ..core.kb import Entry, KnowledgeBase
from ..core.schema import kind_label, pages_of
from .pinyin import by_pinyin


@dataclass(frozen=True)
class Link:
    """A link target: the page's ``src_uri`` and an optional anchor, with the text to show."""

    title: str
    src_uri: str
    anchor: str = ""


def page_name(record_id: str) -> str:
    """File name of a record's page; ``index`` is taken by each folder's index page."""
    return "index_" if record_id == "index" else record_id


def backlink_rank(kind: str) -> int:
    """Where records of ``kind`` are listed among the records that cite a page."""
    pages = pages_of(kind)
    assert pages is not None, f"{kind} records are not on the site"
    return pages.backlink_rank


def src_uri_of(entry: Entry) -> tuple[str, str]:
    """(page, anchor) of a record that is on the site (see :class:`~generator.core.schema.kind.Pages`)."""
    pages = pages_of(entry.kind)
    assert pages is not None, f"{entry.kind} records are not on the site"
    if pages.shared:
        return pages.shared, entry.id
    if pages.parent:
        field, kind = pages.parent
        holder = pages_of(kind)
        assert holder is not None and holder.folder
        return f"{holder.folder}/{page_name(getattr(entry.record, field))}.md", entry.id
    return f"{pages.folder}/{page_name(entry.id)}.md", ""


QUERIES: list[str] = []
"""Names of the :class:`Resolver` methods that are queries (see :func:`query`)."""

Answer = TypeVar("Answer")
Question = tuple[str, tuple[Any, ...], tuple[tuple[str, Any], ...]]
"""A query's name, positional arguments and sorted keyword arguments."""


def query(method: Callable[..., Answer]) -> Callable[..., Answer]:
    """Mark a :class:`Resolver` method as a query: its answer depends on its arguments and the
    knowledge base alone, so it is worked out once per resolver (a list answer is copied for each
    caller), and the preview server tracks pages by the queries they asked
    (:class:`generator.site.tracking.TrackingResolver`)."""
    name = method.__name__
    QUERIES.append(name)

    @functools.wraps(method)
    def ask(self: Resolver, *args: Any, **options: Any) -> Answer:
        key = (name, args, tuple(sorted(options.items())) if options else ())
        try:
            answer = self.answers[key]
        except KeyError:
            answer = self.answers[key] = method(self, *args, **options)
        return list(answer) if isinstance(answer, list) else answer  # type: ignore[return-value]
    return ask


class Resolver:
    """Links to records that are on the site; draft cases and unknown ids yield nothing."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.hidden: Set[str] = {e.id for e in kb.of_kind("case") if e.record.status != "published"}
        self.answers: dict[Question, Any] = {}
        """Answers to the queries asked so far (the knowledge base never changes under a resolver)."""

    @query
    def visible(self, record_id: str | None) -> bool:
        """Published and on a page (its own, a shared one, or its aspect's for questions)."""
        if not record_id or record_id in self.hidden or record_id not in self.kb.entries:
            return False
        return pages_of(self.kb.entries[record_id].kind) is not None

    @query
    def kind_of(self, record_id: str) -> str | None:
        """The kind of a record, ``None`` when there is no such record."""
        entry = self.kb.entries.get(record_id)
        return entry.kind if entry is not None else None

    @query
    def entries(self, kind: str) -> list[Entry]:
        """Published records of ``kind`` in pinyin order of their titles."""
        return by_pinyin((e for e in self.kb.of_kind(kind) if e.id not in self.hidden), lambda e: e.title)

    @query
    def located(self, record_id: str | None) -> Link | None:
        """Where a record is shown, titled with its title; ``None`` when it is not on the site."""
        if not self.visible(record_id):
            return None
        entry = self.kb.entries[record_id]  # type: ignore[index]
        page, anchor = src_uri_of(entry)
        return Link(entry.title, page, anchor)

    def link(self, record_id: str | None, title: str | None = None) -> Link | None:
        located = self.located(record_id)
        return Link(title, located.src_uri, located.anchor) if located and title else located

    def index_link(self, kind: str) -> Link | None:
        """The page that lists every record of ``kind`` (地区 → regions/index.md), if it has one."""
        pages = pages_of(kind)
        if pages is None or pages.index is None:
            return None
        return Link(pages.index_title or kind_label(kind), pages.index)

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

    @query
    def referrers(self, record_id: str, kind: str | None = None) -> list[Entry]:
        return [e for e in self.kb.referrers(record_id, kind) if e.id not in self.hidden]

    @query
    def referrer_ids(self, record_id: str, kind: str | None = None) -> list[str]:
        """The ids of :meth:`referrers`: what a page that links to or counts them needs, so that
        the preview does not plan it again when their content changes."""
        return [e.id for e in self.referrers(record_id, kind)]

    @query
    def backlinks(self, record_id: str) -> list[tuple[str, list[Link]]]:
        """Records that cite ``record_id``, grouped by kind: [(kind label, links)]."""
        groups: dict[str, list[str]] = {}
        for entry in self.referrers(record_id):
            pages = pages_of(entry.kind)
            if pages is None or not pages.backlinked or not self.visible(entry.id):
                continue
            groups.setdefault(entry.kind, []).append(entry.id)
        return [(kind_label(kind), self.sorted_links(ids))
                for kind, ids in sorted(groups.items(), key=lambda item: backlink_rank(item[0]))]

    def citable(self) -> dict[str, Link]:
        """Links to the records that running text may cite by id (见来源 src-…): the sources."""
        return {e.id: link for e in self.kb.of_kind("source") if (link := self.link(e.id)) is not None}

    @query
    def source_date(self, source_id: str | None) -> str | None:
        """The date of a source (``2023-10-07``), which dates the figures it states."""
        entry = self.kb.get(source_id) if source_id else None
        return getattr(entry.record, "date", None) if entry is not None else None

    @query
    def region_path(self, region_id: str | None) -> list[Link]:
        """The region and its ancestors, outermost first (山东省 › 济南市 › 长清区)."""
        chain: list[Link] = []
        seen: set[str] = set()
        while region_id and region_id not in seen and self.visible(region_id):
            seen.add(region_id)
            chain.append(self.link(region_id))  # type: ignore[arg-type]
            region_id = self.kb.entries[region_id].record.parent
        return list(reversed(chain))
