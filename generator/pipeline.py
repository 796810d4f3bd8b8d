"""The whole order of a build, stated once:

    load → validate → link    the core (:func:`generator.core.check.check`); a problem in any file
                              stops the run here, before anything is rendered or written
    → handouts                courses, cases and trainers' handouts laid out as blocks, and the
                              pieces of the site's handout builder
    → plan → render           one :class:`PagePlan` per page, its Markdown from a template
    → documents               the Word document of every handout, answer key and exam, of every
                              blank 文书模板, and the editors' template workbook (:mod:`generator.sheets`)

MkDocs then converts the Markdown, the plugin marks glossary terms, and MkDocs writes the site.
Every door runs :func:`run` exactly once: the MkDocs plugin, ``hongling build`` and ``pack``
(before MkDocs starts, handing the result to the plugin), ``mkdocs serve`` with what it keeps
between rebuilds (:class:`Reuse`), and the benchmarks, which time each stage through ``hook``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from jinja2 import BytecodeCache

from .core.check import StageHook, check, stage
from .core.kb import KnowledgeBase
from .core.memo import FileMemo
from .core.problems import Report
from .core.settings import Settings
from .handouts.blocks import Handout
from .handouts.documents import DocumentMemo, form_documents, word_documents
from .handouts.exam import source_titles
from .handouts.forms import blank_forms
from .handouts.outline import all_handouts
from .handouts.pieces import builder_pieces
from .sheets.export import TEMPLATE_DOWNLOAD, template_download
from .site.plan import plan
from .site.plans import PagePlan
from .site.render import environment, render_all
from .site.resolver import Resolver


@dataclass(frozen=True)
class Reuse:
    """What ``mkdocs serve`` keeps between rebuilds (:mod:`generator.serve`); a build keeps nothing."""

    files: FileMemo | None = None
    """Per-file results of load and validate."""
    templates: BytecodeCache | None = None
    """Compiled templates."""
    documents: DocumentMemo | None = None
    """Word documents whose content did not change."""


@dataclass(frozen=True)
class Built:
    """What the stages made. When the report fails, only ``kb`` and ``report`` are filled in."""

    settings: Settings
    kb: KnowledgeBase
    report: Report
    plans: tuple[PagePlan, ...] = ()
    pages: Mapping[str, str] = field(default_factory=dict)
    """Markdown of every planned page, by ``src_uri``."""
    documents: Mapping[str, bytes] = field(default_factory=dict)
    """Word documents and the template workbook, by their path in the site (``downloads/<id>.docx``,
    ``downloads/forms/<id>.docx``)."""


def run(settings: Settings, *, strict: bool = False, reuse: Reuse = Reuse(),
        hook: StageHook | None = None) -> Built:
    """Run every stage in order; stop after linking when the data has errors (or, with ``strict``,
    warnings)."""
    kb, report = check(settings, reuse.files, hook)
    if report.failed(strict):
        return Built(settings, kb, report)
    site = Resolver(kb)
    with stage("handouts", hook):
        handouts = all_handouts(site)
        pieces = builder_pieces(site)
    with stage("plan", hook):
        plans = tuple(plan(site, handouts, pieces))
    with stage("render", hook):
        pages = render_all(list(plans), environment(reuse.templates), site.citable())
    with stage("documents", hook):
        documents = word_files(site, handouts, settings.source_date_epoch, reuse.documents)
        documents.update((path, make()) for path, make in workbooks(kb, settings.source_date_epoch).items())
    return Built(settings, kb, report, plans, pages, documents)


def word_files(site: Resolver, handouts: Sequence[Handout], epoch: int | None,
               cache: DocumentMemo | None = None) -> dict[str, bytes]:
    """The Word document of every handout, answer key and exam, and of every blank 文书模板, by
    their path in the site; those whose content did not change come from ``cache``, which then
    forgets the documents the library no longer has (a deleted case's handout)."""
    documents = {**word_documents(handouts, source_titles(site.kb), epoch, cache),
                 **form_documents(blank_forms(site), epoch, cache)}
    if cache is not None:
        cache.retain(documents.keys())
    return documents


def workbooks(kb: KnowledgeBase, epoch: int | None) -> dict[str, Callable[[], bytes]]:
    """How to make the documents drawn from the whole library at once (the editors' template
    workbook lists every record a reference may name), by their path in the site: a build makes
    them, ``hongling serve`` makes them when they are asked for."""
    return {TEMPLATE_DOWNLOAD: lambda: template_download(kb, epoch)[TEMPLATE_DOWNLOAD]}
