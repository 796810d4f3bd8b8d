"""The Word documents of a build: every handout, answer key and exam, and every blank 文书模板,
by their path in the site.

Under ``mkdocs serve`` a :class:`DocumentMemo` keeps each document with a digest of what it was
written from, so a rebuild rewrites only the documents whose content changed.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from .blocks import Block, Handout
from .exam import exam_documents
from .forms import BlankForm
from .word import Writer, answers_title, blocks_docx


class DocumentMemo(Protocol):
    """Documents kept between rebuilds (:class:`generator.serve.documents.DocumentCache`)."""

    def get(self, path: str, digest: str) -> bytes | None: ...

    def put(self, path: str, digest: str, data: bytes) -> None: ...

    def retain(self, paths: Iterable[str]) -> None:
        """Forget every document but those at ``paths``."""


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
            out[path] = _kept(cache, path, (title, subtitle, blocks, epoch),
                              functools.partial(blocks_docx, title, subtitle, blocks, epoch))
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
