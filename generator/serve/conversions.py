"""Markdown → HTML conversions kept between rebuilds of ``mkdocs serve``.

MkDocs converts every page again on each save, and conversion is the largest part of a rebuild
(about half, measured on the embedded library). A page's HTML depends only on its final Markdown,
the set of files its links resolve against and the Markdown configuration, so a conversion is
reused while all three are unchanged; an edited case therefore re-converts only its own page and
the pages whose generated Markdown mentions it.

This is only ever used under ``mkdocs serve``: a published build converts everything. A reused
page does not repeat the link warnings it printed when it was first converted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class Conversion:
    """What :meth:`mkdocs.structure.pages.Page.render` leaves on a page (MkDocs 1.6)."""

    content: str
    toc: Any
    title: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict | None


def _digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def setup_signature(config: MkDocsConfig, files: Files) -> str:
    """Everything besides a page's own Markdown that its HTML depends on."""
    extensions = [e if isinstance(e, str) else type(e).__qualname__ for e in config["markdown_extensions"]]
    paths = sorted(f"{f.src_uri}\t{f.url}" for f in files)
    return _digest(repr(extensions), repr(sorted((config["mdx_configs"] or {}).items())), *paths)


class ConversionCache:
    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, Conversion]] = {}
        self._signature = ""
        self.reused = 0
        self.converted = 0

    def start_build(self, config: MkDocsConfig, files: Files) -> None:
        signature = setup_signature(config, files)
        if signature != self._signature:
            self._kept.clear()
            self._signature = signature

    def attach(self, page: Page) -> None:
        """Make ``page.render`` reuse the previous conversion when its Markdown is unchanged."""
        convert = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            key = _digest(page.markdown or "")
            kept = self._kept.get(page.file.src_uri)
            if kept is not None and kept[0] == key:
                self.reused += 1
                _restore(page, kept[1])
                return
            self.converted += 1
            convert(config, files)
            self._kept[page.file.src_uri] = (key, Conversion(
                page.content or "", page.toc, page._title_from_render, page.present_anchor_ids,
                page.links_to_anchors))

        page.render = render  # type: ignore[method-assign]


def _restore(page: Page, conversion: Conversion) -> None:
    page.content = conversion.content
    page.toc = conversion.toc
    page._title_from_render = conversion.title
    page.present_anchor_ids = conversion.present_anchor_ids
    page.links_to_anchors = conversion.links_to_anchors
