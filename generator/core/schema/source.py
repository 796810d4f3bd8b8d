"""``source``: a document that facts in the library come from (news report, notice, regulation)."""

from __future__ import annotations

from typing import Literal

from .fields import Line, ListOf, Markdown, PartialDateOrNotGiven, Record, Slug
from .kind import KindSpec, Pages, SheetHints

SourceKind = Literal["新闻报道", "红头文件", "党内法规", "党内规范性文件", "法律法规", "工作手册", "著作", "其他"]


class Source(Record):
    id: Slug
    """Stable id that metrics, cases and rules cite; also the anchor on the bibliography page."""

    title: Line
    """The document's title exactly as published, so that a reader can find the original."""

    kind: SourceKind
    """What sort of document it is; regulations are listed apart from news reports."""

    publisher: Line | None = None
    """Outlet or issuing body (e.g. 中共长沙市岳麓区东方红街道工作委员会): who vouches for the text."""

    doc_number: Line | None = None
    """Official document number such as 东发〔2023〕33号, the way notices are cited in practice."""

    date: PartialDateOrNotGiven | None = None
    """Publication or issue date, as precise as known (2023, 2023-10 or 2023-10-07); 不详 when the
    document carries none. It dates the figures the source states as 今年、目前."""

    authors: ListOf(Line) = ()
    """Reporters and correspondents named in the byline, for attribution."""

    seed_file: Line | None = None
    """File name of the document's text in the seed folder; lets tests check every quote against it."""

    note: Markdown | None = None
    """What the document covers and how the library uses it."""


KIND = KindSpec("source", "sources", Source, "来源", "title",
                Pages("来源", backlink_rank=1, shared="sources.md", index="sources.md", index_title="来源"), chinese_keys={
        "发布单位": "publisher", "发文单位": "publisher", "出版": "publisher", "文号": "doc_number",
        "日期": "date", "作者": "authors", "记者": "authors",
    }, sheet=SheetHints(headers={"seed_file": "原文文件"}))
