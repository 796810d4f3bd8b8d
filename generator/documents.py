"""The Word documents of a build: every handout and answer key, by their path in the site.

Under ``mkdocs serve`` a :class:`DocumentCache` keeps each document with a digest of what it was
written from, so a rebuild rewrites only the documents whose content changed.
"""

from __future__ import annotations

import hashlib
import os

from .docx_writer import answers_docx, handout_docx
from .handout import Handout


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


def _digest(handout: Handout, part: str) -> str:
    written = handout.blocks if part == "handout" else handout.answers
    content = (part, handout.title, handout.subtitle, written, os.environ.get("SOURCE_DATE_EPOCH"))
    return hashlib.sha256(repr(content).encode("utf-8")).hexdigest()


def word_documents(handouts: list[Handout], cache: DocumentCache | None = None) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for handout in handouts:
        wanted = [(handout.docx, "handout", handout_docx)]
        if handout.answers_docx:
            wanted.append((handout.answers_docx, "answers", answers_docx))
        for path, part, write in wanted:
            if cache is None:
                out[path] = write(handout)
                continue
            digest = _digest(handout, part)
            data = cache.get(path, digest)
            if data is None:
                data = write(handout)
                cache.put(path, digest, data)
            out[path] = data
    return out
