"""``hongling serve``: the preview of the site, kept up to date edit by edit.

The order of :func:`generator.pipeline.run`, kept between edits: load → validate → link (with
unchanged files' results reused, :mod:`generator.serve.filecache`) → handouts → plan (only the
planner calls whose inputs changed, :mod:`generator.serve.incremental`) → render (only the pages
whose plan or template changed) → documents (only those whose content changed) → MkDocs (only the
pages asked for, :mod:`generator.serve.session`). A page the reader opens is brought up to date
first; the others are filled in while the editor is idle.

When the data has errors, the pages of the last good library stay served, with the problems laid
over them (:mod:`generator.serve.overlay`); fixing the files clears them.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from ..core.check import StageHook, check, collector_paused, stage
from ..core.kb import KnowledgeBase
from ..core.problems import Report, format_problem
from ..core.settings import Settings
from ..pipeline import Built, word_files, workbooks
from ..site.render import TEMPLATES, environment
from ..site.resolver import Resolver
from .bytecode import MemoryBytecodeCache
from .documents import DocumentCache
from .filecache import FileCache
from .incremental import CurrentPlans, IncrementalPlan, MarkdownPages
from .session import Session

log = logging.getLogger("mkdocs.hongling.serve")


@dataclass(frozen=True)
class Trouble:
    """What the panel over the pages says."""

    heading: str
    summary: str
    texts: list[str]


@dataclass(frozen=True)
class Refreshed:
    """What one refresh did, for the console and the benchmarks."""

    seconds: float
    failed: bool
    planned: int = 0
    """Planner calls run at once."""
    pending: int = 0
    """Planner calls left for when their pages are asked for."""
    quiet: bool = False
    """Nothing the reader sees changed (another file in a watched folder, the same error again)."""


class Preview:
    """Everything the preview keeps between edits. Not thread-safe: the server holds :attr:`lock`
    around every call."""

    def __init__(self, config_file: Path, settings: Callable[[], Settings], strict: bool = False,
                 hook: StageHook | None = None) -> None:
        self.config_file = config_file
        self.settings_of = settings
        self.strict = strict
        self.hook = hook
        """Told how long each stage of a refresh took (the benchmarks listen)."""
        self.lock = threading.RLock()
        self.site_dir = Path(tempfile.mkdtemp(prefix="hongling-serve-"))
        """Where MkDocs would write; nothing is written there."""
        self.session: Session | None = None
        self.report: Report | None = None
        """The problems of the last check when it failed (the overlay shows them), else ``None``."""
        self.failure: str | None = None
        """The generator's own error in the last refresh, if it failed."""
        self._start()

    def _start(self) -> None:
        self.settings = self.settings_of()
        self.files = FileCache()
        self.documents = DocumentCache()
        self.plan = IncrementalPlan()
        self.markdown = MarkdownPages(self.plan, environment(MemoryBytecodeCache()))
        self.session = None
        self.reopened = True
        """The preview was (re)built from scratch since the server last looked: much is garbage."""
        self.kb: KnowledgeBase | None = None
        self.last_report = Report()
        """The last report that passed (its warnings, if any)."""
        self._deferred: list[Path] = []
        """Pages and theme files changed while the data was broken: taken up once it is fixed."""
        self._documents: dict[str, bytes] = {}
        self._makers: dict[str, Callable[[], bytes]] = {}

    # --- what changed ------------------------------------------------------------------------

    def watched(self) -> list[Path]:
        """Folders and files whose changes the preview follows: the data, the page templates,
        mkdocs.yml, the hand-written pages and the theme's overrides."""
        paths = [self.settings.data_dir, TEMPLATES, self.config_file]
        try:
            config = self.session.config if self.session is not None else load_config(
                config_file=str(self.config_file), site_dir=str(self.site_dir))
        except (ConfigurationError, OSError):  # shown in the panel; mkdocs.yml is watched, its folders once it is fixed
            return paths
        paths.append(Path(config.docs_dir))
        if config.theme.custom_dir:
            paths.append(Path(config.theme.custom_dir))
        return paths

    def refresh(self, changed: Iterable[Path] = ()) -> Refreshed:
        """Bring the preview up to date after ``changed`` paths changed on disk (all of them on the
        first call). Should the generator itself fail (a broken template), the error is shown
        instead of the pages, and the next refresh starts afresh."""
        started = time.perf_counter()
        try:
            with collector_paused():  # a full collection of this heap takes a second: not while the editor waits
                refreshed = self._refresh(changed)
        except Exception:
            log.exception("预览更新失败")
            self.failure = traceback.format_exc()
            self._start()
            return Refreshed(time.perf_counter() - started, True)
        self.failure = None
        return refreshed

    def _refresh(self, changed: Iterable[Path]) -> Refreshed:
        started = time.perf_counter()
        changed = [Path(path).resolve() for path in changed] + self._deferred
        self._deferred = []
        first = self.session is None
        if self.config_file.resolve() in changed:
            self._start()
            first = True

        def under(folder: Path | str | None) -> list[Path]:
            root = Path(folder).resolve() if folder else None
            return [path for path in changed if root is not None and (path == root or root in path.parents)]

        session = self.session
        data = first or bool(under(self.settings.data_dir))
        docs = under(session.config.docs_dir) if session is not None else []
        theme = [path for folder in (session.config.theme.dirs if session is not None else []) for path in under(folder)]
        if not (data or docs or theme or under(TEMPLATES)):
            return Refreshed(time.perf_counter() - started, self.report is not None, quiet=True)
        if data:
            kb, report = check(self.settings, self.files, self.hook)
            if report.failed(self.strict):
                quiet = self.report is not None and self.problems() == self._problems_of(report)
                self.report = report
                self._deferred = [path for path in changed if path not in under(self.settings.data_dir)]
                return Refreshed(time.perf_counter() - started, True, quiet=quiet)
            self.report = None
            self.kb, self.last_report = kb, report
        if self.kb is None:  # the first check failed and only templates or pages changed since
            return Refreshed(time.perf_counter() - started, self.report is not None, quiet=True)
        with stage("templates", self.hook):
            stale_templates = self.markdown.templates_changed()  # cheap; also catches edits made while the data was broken
        planned = pending = 0
        if data:
            wanted = session.untitled.__contains__ if session is not None else (lambda src_uri: True)
            with stage("plan", self.hook):  # handouts, planning context, what changed, the units wanted at once
                update = self.markdown.update(self.kb, wanted)
            planned, pending = update.planned, update.pending
            epoch = self.settings.source_date_epoch
            with stage("documents", self.hook):
                documents = word_files(Resolver(self.kb), update.handouts, epoch, self.documents)
                self._makers = workbooks(self.kb, epoch)
            if session is not None:
                with stage("mkdocs", self.hook):  # files, navigation, the titles it takes from pages
                    session.apply(self._built(), update.order, update.stale, update.removed, self.plan.page,
                                  documents, self._makers)
            self._documents = documents
        docs_dir = Path(session.config.docs_dir).resolve() if session is not None else None
        edited = {path: path.relative_to(docs_dir).as_posix() for path in docs} if docs_dir is not None else {}
        if session is None or theme or any(  # a page added or removed, or an image: the files change
                path.suffix != ".md" or not path.is_file() or session.files.get_file_from_path(rel) is None
                for path, rel in edited.items()):
            self._open()
        else:
            if stale_templates:
                session.templates_changed(stale_templates)
            if edited:
                session.docs_changed(set(edited.values()))
        return Refreshed(time.perf_counter() - started, False, planned, pending)

    def _built(self, pages: bool = False) -> Built:
        assert self.kb is not None
        if not pages:
            return Built(self.settings, self.kb, self.last_report)
        order = self.plan.order
        return Built(self.settings, self.kb, self.last_report, tuple(self.plan.page(src_uri) for src_uri in order),
                     {src_uri: self.markdown.get(src_uri) for src_uri in order},
                     {**self._documents, **dict.fromkeys(self._makers, b"")})

    def _open(self) -> None:
        """(Re)open MkDocs' side: at the start, or when mkdocs.yml, the theme or the set of
        hand-written pages changed."""
        built = self._built(pages=True)
        self.reopened = True
        if self.session is None:
            self.session = Session(self.config_file, self.site_dir, built, self.markdown.get, CurrentPlans(self.plan),
                                   self._makers)
        else:
            self.session.open(built, self._makers)

    # --- serving -----------------------------------------------------------------------------

    def get(self, url: str) -> bytes | None:
        """The site's file at ``url`` (relative to its root), as a full build would write it."""
        if self.session is None:
            return None
        return self.session.get(url)

    def trouble(self) -> Trouble | None:
        """What stops the preview, for the panel over the pages: data problems, each as ``hongling
        check`` prints it, or the generator's own error."""
        if self.failure is not None:
            return Trouble("生成页面时出错，预览暂停更新", "程序出错了（多半是刚改过的页面模板有误），详情如下。",
                           [self.failure])
        if self.report is not None:
            return Trouble("数据有问题，预览暂停更新", self.summary() + "下面是 hongling check 列出的问题。",
                           self.problems())
        return None

    def problems(self) -> list[str]:
        """The problems that stop the preview, each as ``hongling check`` prints it."""
        return self._problems_of(self.report)

    @staticmethod
    def _problems_of(report: Report | None) -> list[str]:
        if report is None:
            return []
        return [format_problem(problem, report.texts.get(problem.file)) for problem in report.sorted()]

    def summary(self) -> str:
        report = self.report
        return "" if report is None else f"共 {len(report.errors)} 个错误，{len(report.warnings)} 个警告。"

    def fill(self, stop: Callable[[], bool]) -> bool:
        """Populate pages that are behind, in site order, until ``stop()`` says so; ``False`` when
        every page is up to date."""
        session = self.session
        if session is None or self.report is not None:
            return False
        outdated = session.outdated()
        for src_uri in outdated:
            session.populate(src_uri)
            if stop():
                return True
        return False
