"""The MkDocs adapter: maps MkDocs events onto :func:`generator.pipeline.run` and holds no logic
of its own.

on_config   run the stages (or take the result ``hongling build`` already made); every data
            problem fails the build at once, listed in full; expand the handbook's part of the nav
            (:mod:`generator.site.nav`) and add the HTML safety net
            (:mod:`generator.site.sanitize`) to the Markdown extensions of every page.
on_files    add each rendered page as a virtual file whose edit link is its YAML file, and the Word
            document of every course, case and handout.
on_nav      previous/next stay inside a section (:mod:`generator.site.nav`): nav pages within
            their tab, record pages among the pages of their kind.
on_page_context  every page gets its breadcrumb (``hl_crumbs``, drawn by
            overrides/partials/path.html); a record page outside the nav opens its section's tab
            and sidebar as if it were in it.
on_page_content  mark glossary terms in every page's HTML, hand-written pages included
            (:mod:`generator.site.glossary_marks`).
on_template_context  the 404 page links relative to the site root, so that it also works from
            disk (overrides/404.html sets the base on a server).
on_serve    rebuild when data or templates change.

Under ``mkdocs serve`` the plugin defines ``on_startup``, so MkDocs keeps this one instance across
rebuilds; it then holds a :class:`generator.serve.state.ServeState` with what an edit does not
invalidate.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .config import HonglingConfig
from .core.problems import format_problem, format_text
from .core.settings import Settings
from .options import build_epoch, settings_from
from .pipeline import Built, Reuse, run
from .serve.state import ServeState
from .site.glossary_marks import TermMarker, root_prefix
from .site.nav import Sections, expand_handbook, neighbours
from .site.plans import PagePlan
from .site.render import TEMPLATES
from .site.sanitize import SafeHtmlExtension

log = logging.getLogger("mkdocs.plugins.hongling")


def _repo_path(path: Path, root: Path) -> str:
    """``path`` relative to the folder of mkdocs.yml (the repository root), '/'-separated."""
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


class PlanLookup(Protocol):
    """The page plans the plugin reads: a dict of a build's, or ``hongling serve``'s current ones
    (:class:`generator.serve.incremental.CurrentPlans`)."""

    def get(self, src_uri: str) -> PagePlan | None: ...

    def values(self) -> Iterable[PagePlan]: ...


def _page_of(files: Files, src_uri: str | None) -> Page | None:
    file = files.get_file_from_path(src_uri) if src_uri else None
    return file.page if file is not None else None


class HonglingPlugin(BasePlugin[HonglingConfig]):
    def __init__(self) -> None:
        self.prepared: Built | None = None
        """Set by ``hongling build`` / ``pack``, which run the stages before MkDocs starts."""
        self.built: Built | None = None
        self.root = Path(".")
        self.marker = TermMarker([])
        self.state: ServeState | None = None
        self.plans: PlanLookup = {}
        self.sections = Sections({})
        self.nav_pages: dict[str, Page] = {}
        self.files = Files([])
        self.opened: Page | Section | None = None
        """The nav item a record page opened while it renders (see on_page_context)."""

    def prepare(self, built: Built) -> None:
        """Take the stages' result instead of running them (``hongling build`` and ``pack`` run them
        before MkDocs starts, so that bad data never reaches MkDocs)."""
        self.prepared = built

    def settings(self, config: MkDocsConfig, epoch: int | None) -> Settings:
        root = Path(config.config_file_path or ".").resolve().parent
        return settings_from(self.config, root, epoch)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        if command == "serve":
            self.state = ServeState()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or ".").resolve().parent
        strict = self.config.strict or bool(config.strict)
        built, self.prepared = self.prepared, None
        if built is None:
            state = self.state
            reuse = Reuse(state.files, state.templates, state.documents) if state else Reuse()
            built = run(self.settings(config, build_epoch()), strict=strict, reuse=reuse)
        if built.report.failed(strict):
            raise PluginError("数据有问题，站点没有生成：\n\n" + format_text(built.report))
        for problem in built.report.warnings:
            log.warning(format_problem(problem, built.report.texts.get(problem.file)))
        self.built = built
        self.plans = {plan.src_uri: plan for plan in built.plans}
        self.marker = TermMarker.of(entry.record for entry in built.kb.of_kind("term"))
        config.nav = expand_handbook(config.nav, built.kb)
        self.sections = Sections.of(config.nav)
        if not any(isinstance(e, SafeHtmlExtension) for e in config.markdown_extensions):
            config.markdown_extensions.append(SafeHtmlExtension())
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.built is not None
        docs_dir = Path(config.docs_dir)
        for file in files.documentation_pages():
            if file.generated_by is None:
                file.edit_uri = _repo_path(docs_dir / file.src_uri, self.root)
        for page in self.built.plans:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{page.src_uri} 与生成的页面同名：请改名或删除这个手写页面。")
            files.append(self.page_file(config, page, self.built.pages[page.src_uri]))
        for path, data in self.built.documents.items():
            files.append(self.document_file(config, path, data))
        if self.state is not None:
            self.state.conversions.start_build(config, files)
        return files

    def page_file(self, config: MkDocsConfig, page: PagePlan, markdown: str) -> File:
        """The file MkDocs builds a planned page from; its edit link is the page's YAML file."""
        assert self.built is not None
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=markdown, inclusion=inclusion)
        data_parent = self.built.settings.data_dir.parent
        file.edit_uri = _repo_path(data_parent / page.data_file, self.root) if page.data_file else None
        return file

    def document_file(self, config: MkDocsConfig, path: str, data: bytes) -> File:
        """The file of a Word document, at ``path`` in the site."""
        return File.generated(config, path, content=data)

    def page_state(self) -> object:
        """Everything besides a page's own HTML that :meth:`on_page_content` reads: when it
        changes, every page must pass through it again (``hongling serve`` compares it)."""
        return self.marker.terms, self.marker.glossary_url

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.files = files
        self.nav_pages = {page.file.src_uri: page for page in nav.pages}
        for page in nav.pages:
            for side in ("previous_page", "next_page"):
                other = getattr(page, side)
                if other is not None and not self.sections.same(page.file.src_uri, other.file.src_uri):
                    setattr(page, side, None)
        for src_uri, (previous, following) in neighbours(self.plans.values()).items():
            file = files.get_file_from_path(src_uri)
            if file is not None and file.page is not None:
                file.page.previous_page = _page_of(files, previous)
                file.page.next_page = _page_of(files, following)
        return nav

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        if self.state is not None:
            self.state.conversions.attach(page)
        return page

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        if self.state is not None:
            env.bytecode_cache = self.state.templates
        return env

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri == "glossary.md":
            return html
        subject = page.title or ""
        if self.state is not None:
            return self.state.marked.mark(self.marker, page.file.src_uri, html, root_prefix(page.file.url), subject)
        return self.marker.mark(html, root_prefix(page.file.url), subject)

    def on_page_context(self, context: TemplateContext, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        plan = self.plans.get(page.file.src_uri)
        section = self.nav_pages.get(plan.section or "") if plan is not None and not plan.in_nav else None
        if section is not None:  # the section's tab and sidebar open as if the page were in it
            self.opened = section.parent or section
            self.opened.active = True
        crumbs = [(link.title, file.url) for link in self.sections.crumbs(page.file.src_uri, plan)
                  if (file := self.files.get_file_from_path(link.src_uri)) is not None]
        context["hl_crumbs"] = crumbs  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.opened is not None:
            self.opened.active = False
            self.opened = None
        return output

    def on_template_context(self, context: TemplateContext, template_name: str, config: MkDocsConfig) -> TemplateContext:
        if template_name == "404.html":
            context["base_url"] = "."
        return context

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        assert self.built is not None
        server.watch(str(self.built.settings.data_dir))
        server.watch(str(TEMPLATES))
        return server
