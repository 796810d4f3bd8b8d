"""The MkDocs adapter: maps MkDocs events onto the core stages and holds no logic of its own.

on_config   load → validate → link (:func:`generator.check`); every data problem fails the build
            at once, listed in full; then plan and render the pages (:mod:`pages`, :mod:`render`),
            expand the handbook's part of the nav (:mod:`nav`) and add the HTML safety net
            (:mod:`sanitize`) to the Markdown extensions of every page.
on_files    add each rendered page as a virtual file whose edit link is its YAML file, and the Word
            document of every course, case and handout (:mod:`documents`).
on_page_content  mark glossary terms in every page's HTML, hand-written pages included
            (:mod:`glossary_links`).
on_serve    rebuild when data or templates change.

Under ``mkdocs serve`` the plugin defines ``on_startup``, so MkDocs keeps this one instance across
rebuilds; it then holds what an edit does not invalidate: per-file load/validate results
(:mod:`filecache`), compiled templates, ours and the theme's (:mod:`bytecode`), the HTML of
pages whose Markdown did not change (:mod:`conversions`), their glossary marking
(:class:`glossary_links.MarkedPages`) and unchanged Word documents (:mod:`documents`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from mkdocs.structure.pages import Page

from .bytecode import MemoryBytecodeCache
from .config import HonglingConfig
from .conversions import ConversionCache
from .documents import DocumentCache, word_documents
from .filecache import FileCache
from .glossary_links import MarkedPages, TermMarker, root_prefix
from .handout import Handout, all_handouts
from .links import Resolver
from .nav import expand_handbook
from .pages import PagePlan, plan
from .pipeline import check
from .problems import format_problem, format_text
from .render import TEMPLATES, environment, render_all
from .sanitize import SafeHtmlExtension
from .settings import Settings

log = logging.getLogger("mkdocs.plugins.hongling")


def _repo_path(path: Path, root: Path) -> str:
    """``path`` relative to the folder of mkdocs.yml (the repository root), '/'-separated."""
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


class HonglingPlugin(BasePlugin[HonglingConfig]):
    def __init__(self) -> None:
        self.plans: list[PagePlan] = []
        self.pages: dict[str, str] = {}
        self.root = Path(".")
        self.data_dir = Path("data")
        self.marker = TermMarker([])
        self.file_cache: FileCache | None = None
        self.templates: MemoryBytecodeCache | None = None
        self.conversions: ConversionCache | None = None
        self.documents: DocumentCache | None = None
        self.marked: MarkedPages | None = None
        self.handouts: list[Handout] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if command == "serve":
            self.file_cache = FileCache()
            self.templates = MemoryBytecodeCache()
            self.conversions = ConversionCache()
            self.documents = DocumentCache()
            self.marked = MarkedPages()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.data_dir = (self.root / self.config.data_dir).resolve()
        settings = Settings(data_dir=self.data_dir, manual_categories=self.config.manual_categories,
                            manual_aspects=self.config.manual_aspects)
        kb, report = check(settings, self.file_cache)
        if report.failed(self.config.strict or bool(config.strict)):
            raise PluginError("数据有问题，站点没有生成：\n\n" + format_text(report))
        for problem in report.warnings:
            log.warning(format_problem(problem, report.texts.get(problem.file)))
        self.marker = TermMarker.of(entry.record for entry in kb.of_kind("term"))
        self.handouts = all_handouts(Resolver(kb))
        self.plans = plan(kb, self.handouts)
        self.pages = render_all(self.plans, environment(self.templates))
        config.nav = expand_handbook(config.nav, kb)
        if not any(isinstance(e, SafeHtmlExtension) for e in config.markdown_extensions):
            config.markdown_extensions.append(SafeHtmlExtension())
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        docs_dir = Path(config.docs_dir)
        for file in files.documentation_pages():
            if file.generated_by is None:
                file.edit_uri = _repo_path(docs_dir / file.src_uri, self.root)
        data_parent = self.data_dir.parent
        for page in self.plans:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{page.src_uri} 与生成的页面同名：请改名或删除这个手写页面。")
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src_uri, content=self.pages[page.src_uri], inclusion=inclusion)
            file.edit_uri = _repo_path(data_parent / page.source, self.root) if page.source else None
            files.append(file)
        for path, data in word_documents(self.handouts, self.documents).items():
            files.append(File.generated(config, path, content=data))
        if self.conversions is not None:
            self.conversions.start_build(config, files)
        return files

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        if self.conversions is not None:
            self.conversions.attach(page)
        return page

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        if self.templates is not None:
            env.bytecode_cache = self.templates
        return env

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri == "glossary.md":
            return html
        if self.marked is not None:
            return self.marked.mark(self.marker, page.file.src_uri, html, root_prefix(page.file.url))
        return self.marker.mark(html, root_prefix(page.file.url))

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        server.watch(str(self.data_dir))
        server.watch(str(TEMPLATES))
        return server
