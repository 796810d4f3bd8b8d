"""Word documents kept between rebuilds of ``mkdocs serve``, each with a digest of what it was
written from (:func:`generator.handouts.documents.word_documents` computes it)."""

from __future__ import annotations

from collections.abc import Iterable


class DocumentCache:
    def __init__(self) -> None:
        self.kept: dict[str, tuple[str, bytes]] = {}
        self.written = 0

    def get(self, path: str, digest: str) -> bytes | None:
        kept = self.kept.get(path)
        return kept[1] if kept is not None and kept[0] == digest else None

    def put(self, path: str, digest: str, data: bytes) -> None:
        self.kept[path] = (digest, data)
        self.written += 1

    def retain(self, paths: Iterable[str]) -> None:
        wanted = set(paths)
        self.kept = {path: kept for path, kept in self.kept.items() if path in wanted}
