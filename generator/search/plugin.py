"""``hongling-search``: the MkDocs adapter of the search index; no logic of its own.

on_pre_build       start an empty index (again on every rebuild under ``mkdocs serve``);
on_page_content    turn the page's HTML into search documents, unless its front matter says
                   ``search: {exclude: true}``; ``search: {split: 3}`` makes each <h3> section a
                   document of its own, and ``search: {synonyms: [[两新, 新兴领域], …]}`` adds words a
                   reader may type for one another, and ``search: {boost: 0.5}`` ranks the page's
                   documents lower (or, above 1, higher) than other pages with the same words;
on_post_build      write the index files under ``search/`` in the site.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .extract import documents
from .index import SearchIndex

FOLDER_LABELS = {"handbook": "党务手册", "cases": "案例库", "sites": "阵地", "practices": "做法比较",
                 "regions": "地区", "courses": "培训课程", "browse": "案例库", "guide": "首页"}
"""Where a page sits, for pages outside the navigation (cases and sites are too many for it)."""


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    """Build the index. Off, the site has no search box (and builds a little faster)."""


def crumb(page: Page) -> str:
    titles = [section.title for section in reversed(page.ancestors) if section.title]
    if titles:
        return " › ".join(titles)
    folder = page.file.src_uri.split("/", 1)[0] if "/" in page.file.src_uri else ""
    return FOLDER_LABELS.get(folder, "")


def heading_level(split: object) -> int | None:
    """``split: 3`` or ``split: h3`` in front matter → 3."""
    text = str(split).strip().lower().removeprefix("h") if split is not None else ""
    return int(text) if text.isdigit() and 1 <= int(text) <= 6 else None


class HonglingSearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self.index = SearchIndex()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.index = SearchIndex()

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        options = page.meta.get("search") or {}
        if not self.config.enabled or options.get("exclude"):
            return html
        for group in options.get("synonyms") or []:
            self.index.add_synonyms([str(word) for word in group])
        for doc in documents(page.file.url, page.title or "", crumb(page), html, heading_level(options.get("split"))):
            self.index.add(doc, float(options.get("boost", 1.0)))
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        out = Path(config.site_dir) / "search"
        for rel, text in self.index.files().items():
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
