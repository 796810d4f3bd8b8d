"""Publishing that loses nothing: build into a fresh directory, swap it in only when complete.

``mkdocs build`` empties ``site/`` before it writes, so a build that fails half-way leaves no
site at all. Here the data is checked first, MkDocs builds into a new sibling directory
(``site.tmp-XXXX``), and only a complete, clean build replaces the published one:

1. rename ``site`` → ``site.old-XXXX`` (same file system: atomic, nothing is copied);
2. rename ``site.tmp-XXXX`` → ``site``; if that fails, ``site.old-XXXX`` is renamed back;
3. delete ``site.old-XXXX``.

Until step 1 the published site is never touched, so any failure before it (bad data, a broken
link under --strict, a crash, Ctrl-C) leaves ``site/`` byte-for-byte as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from ..core.problems import format_text
from ..core.settings import Settings
from ..pipeline import Built, run

REQUIRED_OUTPUT = ("index.html",)
"""Files whose absence means the build is not complete, whatever MkDocs said."""
SEARCH_OUTPUT = "search/meta.js"
"""Required as well when the hongling-search plugin is on."""


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str
    site_dir: Path | None = None
    built: Built | None = None
    """What the stages made (the records counted in a pack's manifest)."""


def _stream_mkdocs_logs() -> logging.Handler:
    """Show MkDocs' warnings and errors (its CLI does this; a library call does not)."""
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    return handler


def swap_into_place(fresh: Path, target: Path) -> None:
    """Replace ``target`` by ``fresh`` with two renames; ``target`` is never left half-written."""
    if not target.exists():
        os.replace(fresh, target)
        return
    old = target.with_name(f"{target.name}.old-{uuid.uuid4().hex[:8]}")
    os.rename(target, old)
    try:
        os.rename(fresh, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def mkdocs_build_date(epoch: int | None) -> Iterator[None]:
    """MkDocs dates the sitemap (and its gzip header) from the ``SOURCE_DATE_EPOCH`` environment
    variable, its only way to be told the date; set it for the build with the run's own date."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def incomplete(site_dir: Path, config: MkDocsConfig) -> list[str]:
    search = config.plugins.get("hongling-search")
    required = REQUIRED_OUTPUT + ((SEARCH_OUTPUT,) if search is not None and search.config.enabled else ())
    return [name for name in required if not (site_dir / name).is_file()]


def publish(config_file: Path, settings: Settings, out: Path | None = None, strict: bool = False) -> Outcome:
    """Run the stages once (:func:`generator.pipeline.run`); with clean data, build the site with
    MkDocs in a temp directory, handing the stages' result to the ``hongling`` plugin, then swap it
    into ``out``."""
    started = time.perf_counter()
    built = run(settings, strict=strict)
    if built.report.failed(strict):
        return Outcome(False, format_text(built.report) + "\n\n站点没有生成，原有的站点保持不变。", built=built)

    try:
        config = load_config(config_file=str(config_file), strict=strict)
    except (ConfigurationError, MkDocsException, OSError) as error:
        return Outcome(False, f"站点配置 {config_file} 有误：{error}", built=built)
    plugin = config.plugins.get("hongling")
    prepare = getattr(plugin, "prepare", None)
    if prepare is not None:
        prepare(built)  # the plugin uses these pages instead of running the stages again
    target = (out if out is not None else Path(config.site_dir)).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{target.name}.tmp-", dir=target.parent))
    config.site_dir = str(fresh)

    handler = _stream_mkdocs_logs()
    try:
        try:
            with mkdocs_build_date(settings.source_date_epoch):
                build(config)
        except (Abort, MkDocsException) as error:
            return Outcome(False, f"生成失败：{error}\n原有的站点保持不变。", built=built)
        missing = incomplete(fresh, config)
        if missing:
            return Outcome(False, f"生成不完整（缺少 {'、'.join(missing)}），原有的站点保持不变。", built=built)
        pages = sum(1 for _ in fresh.rglob("*.html"))
        swap_into_place(fresh, target)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
    seconds = time.perf_counter() - started
    return Outcome(True, f"站点已生成：{target}（{pages} 个页面，用时 {seconds:.1f} 秒）", target, built)
