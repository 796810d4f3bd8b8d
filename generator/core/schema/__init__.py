"""The registry of record kinds: one :class:`KindSpec` per kind, declared as ``KIND`` in the kind's
own module, listed here once. Generic code asks the registry; nothing else lists kinds."""

from __future__ import annotations

from . import case, curriculum, form, handout, manual, practice, question, region, site, source, term
from .fields import Record, RefTo
from .keys import COMMON_KEYS
from .kind import KindSpec, Letters, LinkScope, NestedSpec, Pages, SheetHints, Spread
from .manual import Aspect

KINDS: tuple[KindSpec, ...] = tuple(module.KIND for module in (
    source, region, case, site, practice, manual, curriculum, term, form, question, handout))
"""Every kind, in the order the loader's messages list their folders."""

BY_FOLDER = {spec.folder: spec for spec in KINDS}
BY_NAME = {spec.name: spec for spec in KINDS}
NESTED: dict[str, NestedSpec] = {nested.name: nested for spec in KINDS for nested in spec.nested}
"""Addressable parts nested in records (aspects live inside categories)."""


def kind_label(kind: str) -> str:
    spec = BY_NAME.get(kind) or NESTED.get(kind)
    return spec.label if spec else kind


def title_field(kind: str) -> str:
    spec = BY_NAME.get(kind) or NESTED.get(kind)
    return spec.title_field if spec else "title"


def pages_of(kind: str) -> Pages | None:
    """Where records of ``kind`` (or parts nested in records) appear on the site."""
    spec = BY_NAME.get(kind) or NESTED.get(kind)
    return spec.pages if spec else None


def page_kinds() -> list[tuple[str, Pages]]:
    """Every kind and nested kind that appears on the site, in registry order."""
    out: list[tuple[str, Pages]] = []
    for spec in KINDS:
        if spec.pages is not None:
            out.append((spec.name, spec.pages))
        out.extend((n.name, n.pages) for n in spec.nested if n.pages is not None)
    return out


CHINESE_KEYS: dict[str, str] = dict(COMMON_KEYS)
"""Chinese words editors type for field names → the key: the common words, then each kind's own."""
for _spec in KINDS:
    for _word, _key in _spec.chinese_keys.items():
        CHINESE_KEYS.setdefault(_word, _key)

__all__ = ["KINDS", "BY_FOLDER", "BY_NAME", "NESTED", "CHINESE_KEYS", "KindSpec", "LinkScope", "NestedSpec", "Pages",
           "SheetHints", "Spread", "Letters",
           "Record", "RefTo", "Aspect", "kind_label", "title_field", "pages_of", "page_kinds"]
