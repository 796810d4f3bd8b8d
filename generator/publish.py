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
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from .pipeline import check
from .problems import format_text
from .settings import Settings

REQUIRED_OUTPUT = ("index.html",)
"""Files whose absence means the build is not complete, whatever MkDocs said."""
SEARCH_OUTPUT = "search/meta.js"
"""Required as well when the hongling-search plugin is on."""


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str
    site_dir: Path | None = None
    pages: int = 0
    seconds: float = 0.0


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


def source_date_epoch(repo_dir: Path) -> str | None:
    """The last git commit's date (seconds since the epoch) in ``repo_dir``, or None without git."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run([git, "-C", str(repo_dir), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else None


def ensure_source_date_epoch(repo_dir: Path) -> str | None:
    """Reproducible builds: dates in the output (sitemap, its gzip header) come from
    SOURCE_DATE_EPOCH; when it is not set, use the last commit's date so that the same commit
    always builds the same bytes. Without git the variable stays unset (MkDocs uses today)."""
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        stamp = source_date_epoch(repo_dir)
        if stamp is not None:
            os.environ["SOURCE_DATE_EPOCH"] = stamp
    return os.environ.get("SOURCE_DATE_EPOCH")


def incomplete(site_dir: Path, config: MkDocsConfig) -> list[str]:
    search = config.plugins.get("hongling-search")
    required = REQUIRED_OUTPUT + ((SEARCH_OUTPUT,) if search is not None and search.config.enabled else ())
    return [name for name in required if not (site_dir / name).is_file()]


def publish(config_file: Path, settings: Settings, out: Path | None = None, strict: bool = False) -> Outcome:
    """Check the data, build the site with MkDocs in a temp directory, then swap it into ``out``."""
    started = time.perf_counter()
    ensure_source_date_epoch(Path(config_file).resolve().parent)
    _, report = check(settings)
    if report.failed(strict):
        return Outcome(False, format_text(report) + "\n\n站点没有生成，原有的站点保持不变。")

    try:
        config = load_config(config_file=str(config_file), strict=strict)
    except (ConfigurationError, MkDocsException, OSError) as error:
        return Outcome(False, f"站点配置 {config_file} 有误：{error}")
    target = (out if out is not None else Path(config.site_dir)).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{target.name}.tmp-", dir=target.parent))
    config.site_dir = str(fresh)

    handler = _stream_mkdocs_logs()
    try:
        try:
            build(config)
        except (Abort, MkDocsException) as error:
            return Outcome(False, f"生成失败：{error}\n原有的站点保持不变。")
        missing = incomplete(fresh, config)
        if missing:
            return Outcome(False, f"生成不完整（缺少 {'、'.join(missing)}），原有的站点保持不变。")
        pages = sum(1 for _ in fresh.rglob("*.html"))
        swap_into_place(fresh, target)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
    seconds = time.perf_counter() - started
    return Outcome(True, f"站点已生成：{target}（{pages} 个页面，用时 {seconds:.1f} 秒）", target, pages, seconds)
