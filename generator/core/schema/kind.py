"""What a record kind is: every fact about it in one :class:`KindSpec`, declared beside its model.

Generic code asks the registry (:mod:`generator.core.schema`) instead of naming kinds: the loader
finds a file's kind by its folder, the linker walks the kind's references, hierarchies and own
checks, the site plans and addresses its pages from :class:`Pages`, search labels results with its
section, and the command line and JSON Schemas use its Chinese label. Adding a kind means a schema
module that declares its ``KIND``, a template, and its data (see 新增记录类型 in the editing guide).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..problems import Location, Problem
from ..settings import Settings
from .fields import Record


@dataclass(frozen=True)
class Pages:
    """Where records of a kind appear on the site. A kind appears in exactly one of three ways:
    a page of its own (``folder``), an entry of one shared page (``shared``), or a section of the
    page of the record one of its fields names (``parent``)."""

    section: str
    """The site section its pages belong to, in Chinese (案例库): breadcrumbs and search results."""

    backlink_rank: int
    """Where records of this kind are listed among the records that cite a page (lower first)."""

    folder: str | None = None
    """Folder of the kind's own pages: ``<folder>/<id>.md``."""

    template: str | None = None
    """Template of a record's page (``case.md.j2``); ``None`` when another stage plans the page
    (a trainer's handout is printed from its laid-out blocks)."""

    index: str | None = None
    """The page that lists every record of the kind (``cases/index.md``); kinds without a planner
    of their own for it get the generic list (``index.md.j2``)."""

    index_title: str = ""
    """Title of that index page (案例库)."""

    shared: str | None = None
    """One page lists every record, each under an anchor equal to its id (``glossary.md``)."""

    parent: tuple[str, str] | None = None
    """(field, kind): shown on the page of the record that ``field`` names (a question on its aspect's page)."""

    in_nav: bool = False
    """Whether every record page is in the navigation (the handbook's 9 + 26 pages); cases and
    sites are far too many and are reached through index and browse pages."""

    backlinked: bool = True
    """Listed under 引用本页的记录 on the pages it cites; ``False`` for kinds shown in a section of
    their own there (questions under 自测题)."""


@dataclass(frozen=True)
class NestedSpec:
    """An addressable part nested in a record (a category's aspects): it has an id, is referenced
    and gets a page, but lives in its holder's file."""

    name: str
    field: str
    """The holder's field that lists the parts."""
    label: str
    title_field: str
    pages: Pages | None = None


class Held(Protocol):
    """A valid record with the file it came from (:class:`generator.core.validate.ValidRecord`)."""

    @property
    def record(self) -> Any: ...

    @property
    def file(self) -> Any: ...


class LinkScope(Protocol):
    """What a kind's own link checks may use (the linker provides it)."""

    settings: Settings

    def problem(self, owner: Held, path: tuple[Any, ...], code: str, message: str, hint: str = "",
                also: tuple[Location, ...] = ()) -> None: ...

    def add(self, problem: Problem) -> None:
        """A problem that belongs to no single record (the manual's shape)."""
        ...

    def location(self, owner: Held, path: tuple[Any, ...]) -> Location: ...

    def unique(self, owner: Held, field: str, attr: str, items: Sequence[Any], label: str) -> set[Any]: ...

    def local_missing(self, owner: Held, path: tuple[Any, ...], value: str, known: set[str], what: str) -> None: ...

    def record(self, record_id: str | None) -> Any | None: ...

    def of_kind(self, kind: str) -> list[Any]:
        """Every valid record of ``kind`` (what an exam can draw from)."""
        ...


@dataclass(frozen=True)
class Spread:
    """A list of parts written one column per key, in key order (a question's options as the
    columns 选项A … 选项F); each part has a key and one text."""

    key: str
    """The part's field that holds its key (``key``)."""
    text: str
    """The part's field that holds its text (``text``)."""
    keys: tuple[str, ...]
    """Every key a part may have, in column order."""
    header: str
    """The column heading, ``{}`` standing for the key (``选项{}``)."""


@dataclass(frozen=True)
class Letters:
    """A list of one-letter items written in one cell as one word (答案 ``AC``) while the record's
    ``field`` holds one of ``values``; otherwise one item per line like any other list."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class SheetHints:
    """How a kind is edited in a spreadsheet (``hongling export`` / ``hongling import``). The
    columns derive from the model (:mod:`generator.sheets.layout`); this states only what the
    model cannot say."""

    default: bool = False
    """Exported when ``hongling export`` is given no kind: the list-like records editors keep in Excel."""
    headers: Mapping[str, str] = field(default_factory=dict)
    """Column headings (by field path, ``basis.source``) where the Chinese field names do not fit."""
    spread: Mapping[str, Spread] = field(default_factory=dict)
    """Lists of parts written one column per key, by field."""
    letters: Mapping[str, Letters] = field(default_factory=dict)
    """Lists written as one word of letters, by field."""


LinkCheck = Callable[[LinkScope, Sequence[Held]], None]
"""A kind's own check in the link stage, called once with every valid record of the kind."""


@dataclass(frozen=True)
class KindSpec:
    name: str
    """The kind's name in references and messages' codes (``case``)."""
    folder: str
    """Its folder in ``data/``."""
    model: type[Record]
    label: str
    """Its name for readers and editors (案例)."""
    title_field: str
    """The field that names a record (``title``, ``name``, ``term``, ``stem``)."""
    pages: Pages | None = None
    """``None``: not on the site."""
    nested: tuple[NestedSpec, ...] = ()
    acyclic: tuple[str, ...] = ()
    """Reference fields that form a hierarchy, which must not loop (a region's ``parent``)."""
    checks: tuple[LinkCheck, ...] = ()
    """The kind's own checks in the link stage (local ids, numbering, quotes)."""
    chinese_keys: Mapping[str, str] = field(default_factory=dict)
    """Chinese words editors type for this kind's own field names (题干 → stem); the words shared
    by many kinds are in :mod:`generator.core.schema.keys`."""
    sheet: SheetHints = field(default_factory=SheetHints)
    """How its records are laid out in a workbook, where the model alone does not say."""
