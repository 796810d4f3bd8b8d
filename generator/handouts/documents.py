"""The Word documents of a build: every handout and answer key, and every blank 文书模板, by their
path in the site.

Under ``mkdocs serve`` a :class:`DocumentMemo` keeps each document with a digest of what it was
written from, so a rebuild rewrites only the documents whose content changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol

from .blocks import Handout
from .forms import BlankForm
from .word import Writer, answers_docx, handout_docx


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


def form_docx(form: BlankForm, epoch: int | None = None) -> bytes:
    """A blank template in the official layout: its title, then its parts."""
    writer = Writer(form.title, "", epoch, form.landscape)
    writer.write(form.blocks)
    return writer.save()


def form_documents(forms: Sequence[BlankForm], epoch: int | None,
                   cache: DocumentMemo | None = None) -> dict[str, bytes]:
    """Every blank template's Word document, dated ``epoch``; unchanged ones come from ``cache``."""
    out: dict[str, bytes] = {}
    for form in forms:
        digest = hashlib.sha256(repr(("form", form.title, form.landscape, form.blocks, epoch)).encode("utf-8")).hexdigest()
        data = cache.get(form.docx, digest) if cache is not None else None
        if data is None:
            data = form_docx(form, epoch)
            if cache is not None:
                cache.put(form.docx, digest, data)
        out[form.docx] = data
    return out
