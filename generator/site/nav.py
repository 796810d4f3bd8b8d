"""The handbook's part of the navigation: its 9 categories with their 26 aspects.

mkdocs.yml's nav names only the index page of each area (``党务手册: handbook/index.md``); the
handbook entry is expanded here into one section per category so that a new party-affairs worker
can walk the manual from the sidebar. Cases and sites never get a nav entry of their own.
Pure: works on the plain nav structure of mkdocs.yml.
"""

from __future__ import annotations

import html
from typing import Any

from ..core.kb import KnowledgeBase
from .plans import manual_order
from .resolver import src_uri_of

HANDBOOK_INDEX = "handbook/index.md"


def handbook_sections(kb: KnowledgeBase) -> list[Any]:
    """The handbook index followed by one section per category: its page, then its aspects."""
    items: list[Any] = [HANDBOOK_INDEX]
    aspects_by_category: dict[str, list[str]] = {}
    for aspect in manual_order(kb):
        aspects_by_category.setdefault(aspect.parent or "", []).append(src_uri_of(aspect)[0])
    for category in sorted(kb.of_kind("category"), key=lambda e: e.record.number):
        # Nav titles reach the theme unescaped: escape them like every other data text.
        title = html.escape(f"{category.record.number}. {category.title}")
        items.append({title: [src_uri_of(category)[0], *aspects_by_category.get(category.id, [])]})
    return items


def expand_handbook(nav: list[Any] | None, kb: KnowledgeBase) -> list[Any] | None:
    """``nav`` with its top-level ``handbook/index.md`` entry replaced by the full handbook."""
    if not nav:
        return nav
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, target), = item.items()
            if target == HANDBOOK_INDEX:
                item = {title: handbook_sections(kb)}
        expanded.append(item)
    return expanded
