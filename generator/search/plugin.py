"""``hongling-search``: the MkDocs adapter of the search index; no logic of its own.

on_pre_build       forget the pages of the last build (again on every rebuild under ``mkdocs serve``);
on_page_content    turn the page's HTML into search documents, kept by page, unless its front matter
                   says ``search: {exclude: true}``; ``search: {split: 3}`` makes each <h3> section a
                   document of its own, and ``search: {synonyms: [[两新, 新兴领域], …]}`` adds words a
                   reader may type for one another, and ``search: {boost: 0.5}`` ranks the page's
                   documents lower (or, above 1, higher) than other pages with the same words
                   (editors' pages take 0.05: they come after every page for readers). When the
                   ``hongling`` plugin is in the build, the page's record labels its results and adds
                   its other names (:mod:`records`);
on_post_build      write the index files under ``search/`` in the site (:meth:`index_files`), with
                   the manual's structured facts as answer cards (:mod:`cards`).

``hongling serve`` populates pages again as they change, then asks :meth:`index_files` for the
index of the pages in site order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core.schema import page_kinds
from .cards import cards
from .extract import SearchDoc, documents
from .index import SearchIndex
from .records import Records

NO_RECORD = 0.5
"""Weight of pages that show no record (index and browse lists, the home page): their little
text of their own says less about a word than the page of a record that is about it."""

OTHER_FOLDERS = {"browse": "案例库", "guide": "首页"}
"""Sections of the folders that hold no record kind's pages."""

FOLDER_LABELS = {**{pages.folder: pages.section for _, pages in page_kinds() if pages.folder}, **OTHER_FOLDERS}
"""Where a page sits, for pages outside the navigation (cases and sites are too many for it)."""

EDITORS_LABEL = "编辑指南"
"""What the results call the hand-written pages for editors (``guide/``: 数据编辑指南, 错误代码), so
that a reader sees at once that they are not about party work."""


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    """Build the index. Off, the site has no search box (and builds a little faster)."""


def crumb(page: Page) -> str:
    titles = [section.title for section in reversed(list(page.ancestors)) if section.title]
    if titles:
        return " › ".join(titles)
    folder = page.file.src_uri.split("/", 1)[0] if "/" in page.file.src_uri else ""
    return FOLDER_LABELS.get(folder, "")


def heading_level(split: object) -> int | None:
    """``split: 3`` or ``split: h3`` in front matter → 3."""
    text = str(split).strip().lower().removeprefix("h") if split is not None else ""
    return int(text) if text.isdigit() and 1 <= int(text) <= 6 else None


def options(page: Page) -> tuple[bool, int | None, float, list[list[str]]]:
    """The page's ``search:`` front matter as (exclude, split level, boost, synonym groups)."""
    raw = page.meta.get("search") or {}
    where = f"{page.file.src_uri} 开头的 search 设置"
    if not isinstance(raw, dict):
        raise PluginError(f"{where}应为键值对（如 search: {{exclude: true}}），现在是 {raw!r}。")
    split = raw.get("split")
    if split is not None and heading_level(split) is None:
        raise PluginError(f"{where}中 split 应为标题级别 1—6（如 3 或 h3），现在是 {split!r}。")
    try:
        boost = float(raw.get("boost", 1.0))
    except (TypeError, ValueError):
        raise PluginError(f"{where}中 boost 应为数字（如 0.5），现在是 {raw.get('boost')!r}。") from None
    groups = raw.get("synonyms") or []
    if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
        raise PluginError(f"{where}中 synonyms 应为词语列表的列表（如 [[两新, 新兴领域]]），现在是 {groups!r}。")
    return bool(raw.get("exclude")), heading_level(split), boost, [[str(w) for w in g] for g in groups]


def linked_records(config: MkDocsConfig | None) -> object | None:
    """The knowledge base the ``hongling`` plugin linked for this build, if it is in the build."""
    built = getattr(config.plugins.get("hongling"), "built", None) if config is not None else None
    return getattr(built, "kb", None)


@dataclass(frozen=True)
class PageEntries:
    """What one page adds to the index: its documents (labelled and weighed), the groups of words
    a reader may type for one another, and everyday words for its titles."""

    docs: list[SearchDoc]
    synonyms: list[list[str]]
    everyday: list[tuple[tuple[str, ...], str]]


class HonglingSearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self.pages: dict[str, PageEntries | None] = {}
        """By ``src_uri``, in the order the pages were read; ``None``: left out of the index."""
        self.records = Records(None)
        self.build_config: MkDocsConfig | None = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.pages = {}
        self.build_config = config

    def records_for(self, config: MkDocsConfig) -> Records:
        """The records of the knowledge base now linked (under ``hongling serve`` it changes
        between pages without a new ``on_pre_build``)."""
        kb = linked_records(config)
        if kb is not self.records.kb:
            self.records = Records(kb)
        return self.records

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        exclude, split, boost, synonyms = options(page)
        if exclude:
            self.pages[page.file.src_uri] = None
            return html
        records = self.records_for(config)
        docs = documents(page.file.url, page.title or "", crumb(page), html, split)
        everyday: list[tuple[tuple[str, ...], str]] = []
        for doc in docs:
            found = records.find(doc.url)
            doc.kind, doc.label, doc.aliases = found.kind, found.label, list(found.names)
            if not doc.label and page.file.src_uri.startswith("guide/"):
                doc.label = EDITORS_LABEL
            doc.boost = boost if found.kind else boost * NO_RECORD
            synonyms.append([doc.title, *found.aliases])
            everyday.append((found.colloquial, doc.title))
        self.pages[page.file.src_uri] = PageEntries(docs, synonyms, everyday)
        return html

    def index_files(self, order: Iterable[str]) -> dict[str, str]:
        """The index of the pages in ``order`` (``src_uri``), as :meth:`SearchIndex.files` writes it."""
        index = SearchIndex()
        index.cards = cards(linked_records(self.build_config))
        for src_uri in order:
            entries = self.pages.get(src_uri)
            if entries is None:
                continue
            for group in entries.synonyms:
                index.add_synonyms(group)
            for words, title in entries.everyday:
                index.add_everyday(words, title)
            for doc in entries.docs:
                index.add(doc)
        return index.files()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        out = Path(config.site_dir) / "search"
        for rel, text in self.index_files(self.pages).items():
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
