"""Markdown → HTML conversions kept between rebuilds of ``mkdocs serve`` and edits under
``hongling serve``.

MkDocs converts every page again on each save, and conversion is the largest part of a rebuild
(about half, measured on the embedded library). A page's HTML depends only on its final Markdown,
the Markdown configuration, and the files its links resolve to; so each conversion is kept with
every path it looked up (and what it found there) and reused while the Markdown and the
configuration are unchanged and every one of those paths still resolves to the same page. An
edited case therefore re-converts only its own page and the pages whose Markdown mentions it, and
a new or deleted page re-converts only the pages that link to it.

This is only ever used under a preview server: a published build converts everything. A reused
page does not repeat the link warnings it printed when it was first converted.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

Target = tuple[str, Any] | None
"""What a link's path resolved to: the file's URL and inclusion, or nothing."""


def _target(file: File | None) -> Target:
    return None if file is None else (file.url, file.inclusion)


@dataclass(frozen=True)
class Conversion:
    """What :meth:`mkdocs.structure.pages.Page.render` leaves on a page (MkDocs 1.6), and the
    paths its links looked up."""

    markdown: str
    """Digest of the Markdown converted."""
    content: str
    toc: Any
    title: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    """By the linked file's ``src_uri``."""
    lookups: tuple[tuple[str, Target], ...]


class LookupRecorder:
    """The files as a conversion sees them, noting every path looked up."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.seen: dict[str, Target] = {}

    def get_file_from_path(self, path: str) -> File | None:
        file = self.files.get_file_from_path(path)
        self.seen[path] = _target(file)
        return file

    def __getattr__(self, name: str) -> Any:
        return getattr(self.files, name)


def _digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def setup_signature(config: MkDocsConfig) -> str:
    """Everything besides a page's own Markdown and its links' targets that its HTML depends on."""
    extensions = [e if isinstance(e, str) else type(e).__qualname__ for e in config["markdown_extensions"]]
    return _digest(repr(extensions), repr(sorted((config["mdx_configs"] or {}).items())),
                   repr(config["use_directory_urls"]))


class ConversionCache:
    def __init__(self) -> None:
        self._kept: dict[str, Conversion] = {}
        self._linkers: dict[str, set[str]] = defaultdict(set)
        """Which pages looked up each path."""
        self._signature = ""
        self.reused = 0
        self.converted = 0

    def start_build(self, config: MkDocsConfig, files: Files | None = None) -> None:
        signature = setup_signature(config)
        if signature != self._signature:
            self._kept.clear()
            self._linkers.clear()
            self._signature = signature

    def linking_to(self, paths: set[str]) -> set[str]:
        """Pages whose conversion looked up one of ``paths`` (a page added or removed there
        changes their HTML)."""
        return {page for path in paths for page in self._linkers.get(path, ())}

    def forget(self, src_uri: str) -> None:
        self._store(src_uri, None)

    def attach(self, page: Page) -> None:
        """Make ``page.render`` reuse the previous conversion when its Markdown is unchanged and
        its links still resolve as they did."""

        def render(config: MkDocsConfig, files: Files) -> None:
            markdown = _digest(page.markdown or "")
            kept = self._kept.get(page.file.src_uri)
            if kept is not None and kept.markdown == markdown and all(
                    _target(files.get_file_from_path(path)) == target for path, target in kept.lookups):
                self.reused += 1
                _restore(page, kept, files)
                return
            self.converted += 1
            recorder = LookupRecorder(files)
            type(page).render(page, config, recorder)  # type: ignore[arg-type]
            links = page.links_to_anchors
            self._store(page.file.src_uri, Conversion(
                markdown, page.content or "", page.toc, page._title_from_render, page.present_anchor_ids,
                None if links is None else {file.src_uri: anchors for file, anchors in links.items()},
                tuple(recorder.seen.items())))

        page.render = render  # type: ignore[method-assign]

    def _store(self, src_uri: str, conversion: Conversion | None) -> None:
        old = self._kept.pop(src_uri, None)
        if old is not None:
            for path, _ in old.lookups:
                self._linkers[path].discard(src_uri)
        if conversion is not None:
            self._kept[src_uri] = conversion
            for path, _ in conversion.lookups:
                self._linkers[path].add(src_uri)


def _restore(page: Page, conversion: Conversion, files: Files) -> None:
    page.content = conversion.content
    page.toc = conversion.toc
    page._title_from_render = conversion.title
    page.present_anchor_ids = conversion.present_anchor_ids
    links = conversion.links_to_anchors
    page.links_to_anchors = None if links is None else {
        files.get_file_from_path(src_uri): anchors for src_uri, anchors in links.items()}  # type: ignore[misc]
