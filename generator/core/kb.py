"""The read-only, linked knowledge base that rendering reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .schema import title_field


@dataclass(frozen=True)
class Entry:
    """A record (or an aspect nested in a category) under its global id."""

    id: str
    kind: str
    record: Any
    file: str
    path: tuple[Any, ...]
    parent: str | None = None
    """For aspects: the id of the category that holds them."""

    @property
    def title(self) -> str:
        return getattr(self.record, title_field(self.kind))


@dataclass(frozen=True)
class Backlink:
    """``source`` (of ``kind``) refers to the target through ``field``."""

    source: str
    kind: str
    field: str


@dataclass(frozen=True)
class KnowledgeBase:
    entries: dict[str, Entry]
    by_kind: dict[str, tuple[Entry, ...]]
    backlinks: dict[str, tuple[Backlink, ...]] = field(default_factory=dict)
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def get(self, record_id: str) -> Entry | None:
        return self.entries.get(record_id)

    def of_kind(self, kind: str) -> tuple[Entry, ...]:
        return self.by_kind.get(kind, ())

    def referrers(self, record_id: str, kind: str | None = None) -> tuple[Entry, ...]:
        """Distinct records that refer to ``record_id``, optionally only those of ``kind``."""
        seen: dict[str, Entry] = {}
        for link in self.backlinks.get(record_id, ()):
            if (kind is None or link.kind == kind) and link.source not in seen:
                entry = self.entries.get(link.source)
                if entry is not None:
                    seen[link.source] = entry
        return tuple(seen.values())

    def counts(self) -> dict[str, int]:
        return {kind: len(entries) for kind, entries in sorted(self.by_kind.items())}
