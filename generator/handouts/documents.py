"""The Word documents of a build: every handout, answer key and exam, by their path in the site.

Under ``mkdocs serve`` a :class:`DocumentMemo` keeps each document with a digest of what it was
written from, so a rebuild rewrites only the documents whose content changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol

from .blocks import Block, Handout
from .exam import exam_documents
from .word import answers_title, blocks_docx


class DocumentMemo(Protocol):
    """Documents kept between rebuilds (:class:`generator.serve.documents.DocumentCache`)."""

    def get(self, path: str, digest: str) -> bytes | None: ...

    def put(self, path: str, digest: str, data: bytes) -> None: ...


def _digest(title: str, subtitle: str, blocks: tuple[Block, ...], epoch: int | None) -> str:
    return hashlib.sha256(repr((title, subtitle, blocks, epoch)).encode("utf-8")).hexdigest()


def _wanted(handout: Handout, titles: dict[str, str]) -> list[tuple[str, str, str, tuple[Block, ...]]]:
    """(path, title, subtitle, blocks) of every Word document of a handout."""
    wanted = [(handout.docx, handout.title, handout.subtitle, handout.blocks)]
    if handout.answers_docx:
        wanted.append((handout.answers_docx, *answers_title(handout), handout.answers))
    if handout.exam is not None:
        for suffix, (title, subtitle, blocks) in exam_documents(handout.exam, titles).items():
            wanted.append((f"downloads/{handout.exam.id}{suffix}.docx", title, subtitle, blocks))
    return wanted


def word_documents(handouts: Sequence[Handout], titles: dict[str, str], epoch: int | None,
                   cache: DocumentMemo | None = None) -> dict[str, bytes]:
    """Every handout's Word document, answer key and exam, dated ``epoch``
    (``Settings.source_date_epoch``); ``titles``: source id → 《title》 for exam keys."""
    out: dict[str, bytes] = {}
    for handout in handouts:
        for path, title, subtitle, blocks in _wanted(handout, titles):
            if cache is None:
                out[path] = blocks_docx(title, subtitle, blocks, epoch)
                continue
            digest = _digest(title, subtitle, blocks, epoch)
            data = cache.get(path, digest)
            if data is None:
                data = blocks_docx(title, subtitle, blocks, epoch)
                cache.put(path, digest, data)
            out[path] = data
    return out
