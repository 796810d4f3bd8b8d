"""The Word documents of a build: every handout and answer key, by their path in the site.

Under ``mkdocs serve`` a :class:`DocumentMemo` keeps each document with a digest of what it was
written from, so a rebuild rewrites only the documents whose content changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol

from .blocks import Handout
from .word import answers_docx, handout_docx


class DocumentMemo(Protocol):
    """Documents kept between rebuilds (:class:`generator.serve.documents.DocumentCache`)."""

    def get(self, path: str, digest: str) -> bytes | None: ...

    def put(self, path: str, digest: str, data: bytes) -> None: ...


def _digest(handout: Handout, part: str, epoch: int | None) -> str:
    written = handout.blocks if part == "handout" else handout.answers
    content = (part, handout.title, handout.subtitle, written, epoch)
    return hashlib.sha256(repr(content).encode("utf-8")).hexdigest()


def word_documents(handouts: Sequence[Handout], epoch: int | None,
                   cache: DocumentMemo | None = None) -> dict[str, bytes]:
    """Every handout's Word document and answer key, dated ``epoch`` (``Settings.source_date_epoch``)."""
    out: dict[str, bytes] = {}
    for handout in handouts:
        wanted = [(handout.docx, "handout", handout_docx)]
        if handout.answers_docx:
            wanted.append((handout.answers_docx, "answers", answers_docx))
        for path, part, write in wanted:
            if cache is None:
                out[path] = write(handout, epoch)
                continue
            digest = _digest(handout, part, epoch)
            data = cache.get(path, digest)
            if data is None:
                data = write(handout, epoch)
                cache.put(path, digest, data)
            out[path] = data
    return out
