"""The Word documents of a build: every handout and answer key, and every blank 文书模板, by their
path in the site.

Under ``mkdocs serve`` a :class:`DocumentMemo` keeps each document with a digest of what it was
written from, so a rebuild rewrites only the documents whose content changed.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from typing import Protocol

from .blocks import Handout
from .forms import BlankForm
from .word import Writer, answers_docx, handout_docx


class DocumentMemo(Protocol):
    """Documents kept between rebuilds (:class:`generator.serve.documents.DocumentCache`)."""

    def get(self, path: str, digest: str) -> bytes | None: ...

    def put(self, path: str, digest: str, data: bytes) -> None: ...


def _digest(*content: object) -> str:
    return hashlib.sha256(repr(content).encode("utf-8")).hexdigest()


def _kept(cache: DocumentMemo | None, path: str, content: tuple[object, ...], write: Callable[[], bytes]) -> bytes:
    """The document at ``path``: from ``cache`` when it was written from the same ``content``."""
    if cache is None:
        return write()
    digest = _digest(*content)
    data = cache.get(path, digest)
    if data is None:
        data = write()
        cache.put(path, digest, data)
    return data


def word_documents(handouts: Sequence[Handout], epoch: int | None,
                   cache: DocumentMemo | None = None) -> dict[str, bytes]:
    """Every handout's Word document and answer key, dated ``epoch`` (``Settings.source_date_epoch``)."""
    out: dict[str, bytes] = {}
    for handout in handouts:
        out[handout.docx] = _kept(cache, handout.docx, ("handout", handout.title, handout.subtitle, handout.blocks, epoch),
                                  functools.partial(handout_docx, handout, epoch))
        if handout.answers_docx:
            out[handout.answers_docx] = _kept(
                cache, handout.answers_docx, ("answers", handout.title, handout.subtitle, handout.answers, epoch),
                functools.partial(answers_docx, handout, epoch))
    return out


def form_docx(form: BlankForm, epoch: int | None = None) -> bytes:
    """A blank template in the official layout: its title, then its parts."""
    writer = Writer(form.title, "", epoch, form.landscape)
    writer.write(form.blocks)
    return writer.save()


def form_documents(forms: Sequence[BlankForm], epoch: int | None,
                   cache: DocumentMemo | None = None) -> dict[str, bytes]:
    """Every blank template's Word document, dated ``epoch``; unchanged ones come from ``cache``."""
    return {form.docx: _kept(cache, form.docx, ("form", form.title, form.landscape, form.blocks, epoch),
                             functools.partial(form_docx, form, epoch)) for form in forms}
