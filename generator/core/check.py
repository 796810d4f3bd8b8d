"""The core's order: load → validate → link (:func:`check`).

Everything is read and linked before anything is rendered or written, so that a problem in any
file stops the run before the published site is touched. :mod:`generator.pipeline` continues the
order from here (plan → render → documents).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .kb import KnowledgeBase
from .link import link
from .load import Loaded, LoadedFile, load_library
from .memo import FileMemo
from .problems import Report
from .settings import Settings
from .validate import validate

StageHook = Callable[[str, float], None]
"""Told each stage's name and its duration in seconds once it has run (benchmarks listen)."""


@contextmanager
def stage(name: str, hook: StageHook | None) -> Iterator[None]:
    """Run a stage, telling ``hook`` how long it took."""
    started = time.perf_counter()
    yield
    if hook is not None:
        hook(name, time.perf_counter() - started)


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


def ids_in(file: LoadedFile) -> set[str]:
    """The ids a file that failed validation would have defined: its stem, its own id and its
    nested parts' (a category's aspects), so that references to them are not reported again."""
    ids = {file.path.stem}
    plain = file.plain
    if isinstance(plain.get("id"), str):
        ids.add(plain["id"])
    for nested in file.kind.nested:
        items = plain.get(nested.field)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ids.add(item["id"])
    return ids


def check(settings: Settings, memo: FileMemo | None = None,
          hook: StageHook | None = None) -> tuple[KnowledgeBase, Report]:
    """Run the core stages; the knowledge base is only trustworthy if the report has no errors.
    A ``memo`` (kept by ``mkdocs serve`` between rebuilds) spares unchanged files the first two."""
    with collector_paused():
        with stage("load", hook):
            loaded = load_library(settings, memo)
        return check_loaded(loaded, settings, memo, hook)


def check_loaded(loaded: Loaded, settings: Settings, memo: FileMemo | None = None,
                 hook: StageHook | None = None) -> tuple[KnowledgeBase, Report]:
    """Validate and link files already loaded: the library as read from disk, or with records
    from elsewhere in place of some files (a workbook that ``hongling import`` reads)."""
    with collector_paused():
        report = Report(problems=list(loaded.problems), texts=loaded.texts)
        with stage("validate", hook):
            records, problems = validate(loaded.files, settings.build_year, memo)
        report.extend(problems)
        valid = {r.file.path.stem for r in records}
        broken = {path.stem for path in loaded.unusable} | {
            record_id for f in loaded.files if f.path.stem not in valid for record_id in ids_in(f)}
        with stage("link", hook):
            kb, problems = link(records, settings, broken)
        report.extend(problems)
        return kb, report
