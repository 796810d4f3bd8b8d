"""``region``: a place in the administrative hierarchy (省 → 市 → 区县 → 街道/乡镇)."""

from __future__ import annotations

from typing import Literal

from .fields import Line, ListOf, Markdown, Record, Ref, Slug
from .kind import KindSpec, Pages

RegionLevel = Literal["省", "市", "区县", "开发区", "街道", "乡镇", "园区"]


class Region(Record):
    id: Slug
    """Stable id used by cases and sites to say where they are."""

    name: Line
    """Full official name (济南市长清区 reads better as 长清区 under its parent, so give the short form)."""

    level: RegionLevel
    """Administrative level; region pages list children level by level."""

    parent: Ref("region") | None = None
    """The region this one belongs to; absent only at the top of the hierarchy."""

    aliases: ListOf(Line) = ()
    """Other names readers search for (e.g. 高新区 for 济南高新区)."""

    summary: Markdown | None = None
    """A few words on the place that help a reader compare it with others."""


KIND = KindSpec("region", "regions", Region, "地区", "name",
                Pages("地区", backlink_rank=2, folder="regions", template="region.md.j2", index="regions/index.md",
                      index_title="地区"),
                acyclic=("parent",), chinese_keys={
        "上级": "parent", "上级地区": "parent",
    })
