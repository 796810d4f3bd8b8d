"""The one place that states the order of the core stages: load → validate → link.

Everything is read and linked before anything is rendered or written, so that a problem in
any file stops the run before the published site is touched.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

from .filecache import FileCache
from .kb import KnowledgeBase
from .link import link
from .load import load_library
from .problems import Report
from .settings import Settings
from .validate import validate


@contextmanager
def collector_paused() -> Iterator[None]:
    """The stages allocate many small acyclic objects that all stay alive; Python's cyclic
    collector would rescan the growing heap again and again (measured: 2-3x the load time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(settings: Settings, cache: FileCache | None = None) -> tuple[KnowledgeBase, Report]:
    """Run the core stages; the knowledge base is only trustworthy if the report has no errors.
    A ``cache`` (kept by ``mkdocs serve`` between rebuilds) spares unchanged files the first two."""
    with collector_paused():
        return _check(settings, cache)


def _check(settings: Settings, cache: FileCache | None) -> tuple[KnowledgeBase, Report]:
    loaded = load_library(settings, cache)
    report = Report(problems=list(loaded.problems), texts=loaded.texts)
    records, problems = validate(loaded.files, cache)
    report.extend(problems)
    broken = {path.stem for path in loaded.unusable} | {f.path.stem for f in loaded.files} - {
        r.file.path.stem for r in records}
    kb, problems = link(records, settings, broken)
    report.extend(problems)
    return kb, report
