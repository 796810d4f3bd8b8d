"""MkDocs' side of ``hongling serve``: the configuration, files, navigation and theme of one
build, kept in memory between edits, with each page converted and laid out only when it is
asked for.

A full build (:func:`mkdocs.commands.build.build`) reads every page, then writes every page. Here
the same steps run once at the start up to the navigation — configuration and plugins' events,
files, navigation, theme — and then per page, on demand: a page is *populated* (its Markdown read
and converted, ``on_page_content`` run: glossary marks, search documents) when first needed, and
laid out with the theme each time it is served. So each page gets the HTML a full build gives it,
as long as what it depends on is current:

- its own Markdown: pages whose plan may have changed are checked (:meth:`Session.apply`) and
  populated again when their Markdown differs;
- the files its links resolve to (:mod:`generator.serve.conversions` knows who looked up a path);
- the plugins' state that ``on_page_content`` reads (``HonglingPlugin.page_state``: the glossary);
- the navigation: its structure and the titles of the pages in it. Pages the navigation shows
  without a title of their own in mkdocs.yml (the handbook's categories and aspects, some index
  pages) take it from their Markdown, so those are read again at once after an edit.

Uses MkDocs 1.6 internals, as :mod:`generator.serve.conversions` does: ``_populate_page`` and
``_build_template`` (run as they are) and the body of ``_build_page`` (without writing a file);
``requirements/all.lock`` pins the version, and the tests compare every file with a full build.
"""

from __future__ import annotations

import copy
import gzip
import io
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from mkdocs.commands.build import _build_template, _populate_page, get_context
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_timestamp

from ..site.plans import PagePlan

log = logging.getLogger("mkdocs.hongling.serve")


class Adapter(Protocol):
    """What the session asks of the ``hongling`` MkDocs plugin (:class:`generator.plugin.HonglingPlugin`)."""

    def prepare(self, built: Any) -> None: ...

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig: ...

    def page_file(self, config: MkDocsConfig, page: PagePlan, markdown: str) -> File: ...

    def document_file(self, config: MkDocsConfig, path: str, data: bytes) -> File: ...

    def page_state(self) -> object: ...

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation: ...

    plans: Any
    """The page plans it reads (breadcrumbs, sections, previous and next)."""

    @property
    def state(self) -> Any: ...


class SearchAdapter(Protocol):
    pages: dict[str, Any]

    def index_files(self, order: list[str]) -> dict[str, str]: ...


def nav_paths(nav: Any) -> list[str]:
    """Every page path the nav configuration names."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_paths(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in nav_paths(item)]
    return []


class Session:
    """One MkDocs build held open. ``markdown(src_uri)`` gives a generated page's current
    Markdown (rendering it if need be); ``plans`` are the current page plans, as the plugin reads
    them (:class:`generator.serve.incremental.CurrentPlans`)."""

    def __init__(self, config_file: Path, site_dir: Path, built: Any, markdown: Callable[[str], str],
                 plans: Any, makers: Mapping[str, Callable[[], bytes]]) -> None:
        self.markdown = markdown
        self.plans = plans
        self.config: MkDocsConfig = load_config(config_file=str(config_file), site_dir=str(site_dir))
        self.config.plugins.on_startup(command="serve", dirty=False)
        self.nav_config = copy.deepcopy(self.config.nav)
        self.hongling: Adapter = self.config.plugins["hongling"]  # type: ignore[assignment]
        search = self.config.plugins.get("hongling-search")
        self.search: SearchAdapter | None = search if search is not None and search.config.enabled else None
        self.sources: dict[str, str] = {}
        """The Markdown each generated page's file holds."""
        self.check: set[str] = set()
        """Pages whose plan may have changed since they were populated."""
        self.unpopulated: set[str] = set()
        """Pages that must be populated (again) before they are used."""
        self.theme_output: dict[str, bytes] = {}
        """404.html and the sitemap, until the next update."""
        self.search_index: dict[str, bytes] | None = None
        """The search index, until a page is populated again."""
        self.makers: dict[str, Callable[[], bytes]] = {}
        """Documents drawn from the whole library, made when first asked for, by path
        (:func:`generator.pipeline.workbooks`); their files hold nothing until then."""
        self.open(built, makers)

    # --- the build, up to the navigation -----------------------------------------------------

    def open(self, built: Any, makers: Mapping[str, Callable[[], bytes]]) -> None:
        """Run a build's first half for ``built`` (every plan and its Markdown): configuration,
        files, navigation, theme. Every page is then populated when first needed, every document
        of ``makers`` made when first asked for (``built`` holds nothing for them)."""
        config = self.config
        config.nav = copy.deepcopy(self.nav_config)
        self.hongling.prepare(built)
        config = self.config = config.plugins.on_config(config)
        self.hongling.plans = self.plans
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        self.files = files
        self.sources = {page.src_uri: built.pages[page.src_uri] for page in built.plans}
        self.documents: dict[str, bytes] = dict(built.documents)
        self.makers = dict(makers)
        self.order: tuple[str, ...] = tuple(page.src_uri for page in built.plans)
        self.static_files = [f for f in files if f.generated_by is None or not f.is_documentation_page()]
        self.static_files = [f for f in self.static_files if f.src_uri not in self.documents]
        self.page_state = self.hongling.page_state()
        self._navigate()
        self.env = config.plugins.on_env(env, config=config, files=files)
        self.check.clear()
        self.unpopulated = {file.src_uri for file in self.doc_files}
        self.theme_output, self.search_index = {}, None
        self.refresh_titles()

    def _navigate(self) -> None:
        """The navigation for the current files, as a build makes it; pages it shows are made
        afresh (their titles come from mkdocs.yml or their Markdown)."""
        config, files = self.config, self.files
        old = getattr(self, "nav", None)
        if old is not None:
            for page in old.pages:
                page.file.page = None
        for path in nav_paths(config.nav):
            file = files.get_file_from_path(path)
            if file is not None and file.page is not None:
                file.page = None
        nav = get_navigation(files, config)
        self.nav: Navigation = config.plugins.on_nav(nav, config=config, files=files)
        self.nav_signature = self._nav_signature()
        self.doc_files = files.documentation_pages()
        self.by_url = {file.url: file for file in files}
        self.untitled = {page.file.src_uri for page in self.nav.pages if "title" not in vars(page)}
        """Pages the navigation shows under the title in their Markdown."""
        self.unpopulated.update(page.file.src_uri for page in self.nav.pages)

    def _file(self, src_uri: str) -> File | None:
        return self.files.src_uris.get(src_uri)

    def _nav_signature(self) -> object:
        paths = nav_paths(self.config.nav)
        return repr(self.config.nav), tuple(self._file(path) is not None for path in paths)

    # --- edits -------------------------------------------------------------------------------

    def apply(self, built: Any, order: tuple[str, ...], stale: frozenset[str], removed: frozenset[str],
              plan_of: Callable[[str], PagePlan], documents: Mapping[str, bytes],
              makers: Mapping[str, Callable[[], bytes]]) -> None:
        """Take an update of the library: ``built`` (knowledge base and report), the pages in
        site order, those whose plan may have changed or that are gone, the Word documents, and
        how to make the documents made when asked for."""
        config = self.config
        config.nav = copy.deepcopy(self.nav_config)
        self.hongling.prepare(built)
        self.hongling.on_config(config)
        self.hongling.plans = self.plans
        state = self.hongling.page_state()
        if state != self.page_state:
            self.page_state = state
            self.unpopulated.update(file.src_uri for file in self.doc_files)

        appeared: set[str] = set()
        """Paths where a file appeared or disappeared: links to them now resolve differently."""
        for src_uri in removed:
            file = self._file(src_uri)
            if file is not None:
                self.files.remove(file)
                file.page = None  # no cycle left between the page and its file
                appeared.add(src_uri)
            self.sources.pop(src_uri, None)
            if self.search is not None:
                self.search.pages.pop(src_uri, None)
        generated: list[File] = []
        for src_uri in order:
            file = self._file(src_uri)
            if file is None:
                markdown = self.markdown(src_uri)
                file = self.hongling.page_file(config, plan_of(src_uri), markdown)
                self.sources[src_uri] = markdown
                self.unpopulated.add(src_uri)
                appeared.add(src_uri)
            generated.append(file)
        docs: list[File] = []
        self.makers = dict(makers)
        documents = {**documents, **dict.fromkeys(makers, b"")}
        for path, data in documents.items():
            file = self._file(path)
            if file is None:
                file = self.hongling.document_file(config, path, data)
                appeared.add(path)
            elif self.documents.get(path) is not data:
                file.content_bytes = data
            docs.append(file)
        appeared |= set(self.documents) - set(documents)
        self.documents = dict(documents)
        self.check |= stale

        wanted = [*self.static_files, *generated, *docs]
        files_changed = bool(appeared) or len(wanted) != len(self.files) or any(
            mine is not theirs for mine, theirs in zip(wanted, self.files, strict=False))
        if files_changed:
            self.files = Files(wanted)  # in site order, as a build lists them
            set_exclusions(self.files, config)
            self.doc_files = self.files.documentation_pages()
            self.by_url = {file.url: file for file in self.files}
            for file in self.doc_files:
                if file.page is None:
                    Page(None, file, config)
        if appeared and self.hongling.state is not None:
            self.unpopulated |= self.hongling.state.conversions.linking_to(appeared)
        if self._nav_signature() != self.nav_signature:
            self._navigate()
        elif files_changed or order != self.order:  # previous and next of record pages, the files crumbs link to
            self.hongling.on_nav(self.nav, config, self.files)
        self.order = order
        self.theme_output = {}
        self.refresh_titles()

    def refresh_titles(self) -> None:
        """Read again the Markdown of the pages that lend the navigation their titles."""
        for src_uri in self.untitled & (self.check | self.unpopulated):
            self._titled(src_uri)

    def _titled(self, src_uri: str) -> None:
        """Bring a page's title up to date without converting it, unless its title is its first
        heading: the navigation shows it, and so do the pages before and after it."""
        if src_uri not in self.check and src_uri not in self.unpopulated:
            return
        self._current_source(src_uri)
        page = self._file(src_uri).page  # type: ignore[union-attr]
        page.read_source(self.config)  # type: ignore[union-attr]
        if "title" not in page.meta:  # type: ignore[union-attr]
            self.populate(src_uri)  # the title comes from the first heading of its HTML

    def templates_changed(self, pages: set[str]) -> None:
        """Pages whose Markdown templates changed."""
        self.check |= pages
        self.refresh_titles()

    def docs_changed(self, paths: set[str]) -> None:
        """Hand-written pages (in docs_dir) that changed on disk."""
        self.unpopulated |= {path for path in paths if self._file(path) is not None}

    # --- pages -------------------------------------------------------------------------------

    def _current_source(self, src_uri: str) -> None:
        """Bring a generated page's file up to its current Markdown."""
        if src_uri in self.check:
            self.check.discard(src_uri)
            if src_uri in self.sources:
                markdown = self.markdown(src_uri)
                if markdown != self.sources[src_uri]:
                    self.sources[src_uri] = markdown
                    self._file(src_uri).content_string = markdown  # type: ignore[union-attr]
                    self.unpopulated.add(src_uri)
                else:
                    self.sources[src_uri] = markdown

    def populate(self, src_uri: str) -> None:
        """Read, convert and pass the page through ``on_page_content``, as a build does."""
        self._current_source(src_uri)
        if src_uri in self.unpopulated:
            self.unpopulated.discard(src_uri)
            page = self._file(src_uri).page  # type: ignore[union-attr]
            assert page is not None
            _populate_page(page, self.config, self.files)
            self.search_index = None

    def outdated(self) -> list[str]:
        """Pages to check or populate, in site order."""
        waiting = self.check | self.unpopulated
        return [file.src_uri for file in self.doc_files if file.src_uri in waiting]

    def page_html(self, file: File) -> bytes | None:
        """The page laid out with the theme, as a build writes it."""
        self.populate(file.src_uri)
        page, config = file.page, self.config
        assert page is not None
        for other in (page.previous_page, page.next_page):  # the footer shows their titles
            if other is not None:
                self._titled(other.file.src_uri)
        config._current_page = page
        page.active = True
        try:
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            output = template.render(context)
            output = config.plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
            config._current_page = None
        return output.encode("utf-8", errors="xmlcharrefreplace") if output.strip() else None

    def theme_template(self, name: str) -> bytes | None:
        """404.html or sitemap.xml (and its .gz), as the build writes them."""
        kept = self.theme_output.get(name)
        if kept is not None:
            return kept
        base = name.removesuffix(".gz")
        if base not in self.config.theme.static_templates:
            return None
        output = _build_template(base, self.env.get_template(base), self.files, self.config, self.nav)
        if not output.strip():
            return None
        data = output.encode("utf-8")
        self.theme_output[base] = data
        if base == "sitemap.xml":
            timestamp = get_build_timestamp(pages=[f.page for f in self.doc_files if f.page is not None])
            buffer = io.BytesIO()
            with gzip.GzipFile(fileobj=buffer, filename="sitemap.xml.gz", mode="wb", mtime=timestamp) as packed:
                packed.write(data)  # as MkDocs writes it: the header names the file
            self.theme_output["sitemap.xml.gz"] = buffer.getvalue()
        return self.theme_output.get(name)

    def search_file(self, rel: str) -> bytes | None:
        """A file of the search index (``meta.js``, ``s/<n>.js``, ``d/<n>.js``): every page is
        populated first, since the index numbers them all."""
        if self.search is None:
            return None
        for src_uri in self.outdated():
            self.populate(src_uri)
        if self.search_index is None:
            files = self.search.index_files([file.src_uri for file in self.doc_files])
            self.search_index = {name: text.encode("utf-8") for name, text in files.items()}
        return self.search_index.get(rel)

    def get(self, url: str) -> bytes | None:
        """What the site holds at ``url`` (relative to its root), as a full build writes it."""
        if url.startswith("search/"):
            return self.search_file(url.removeprefix("search/"))
        if url in self.config.theme.static_templates or url == "sitemap.xml.gz":
            return self.theme_template(url)
        file = self.by_url.get(url)
        if file is None:
            return None
        if file.is_documentation_page():
            return self.page_html(file)
        make = self.makers.pop(file.src_uri, None)
        if make is not None:
            file.content_bytes = make()
        return file.content_bytes
