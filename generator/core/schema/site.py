"""``site``: a demonstration site or platform (示范点 / 阵地) and the organisation hosting it."""

from __future__ import annotations

from typing import Literal

from .case import OrgType
from .fields import Line, ListOf, Markdown, Record, Ref, Slug, YearOrNotGiven
from .kind import KindSpec, Pages, SheetHints

SiteKind = Literal[
    "红旗支部", "五星级党组织", "党建示范点", "红心导师服务站", "党群服务中心", "党群服务站",
    "实训基地", "实践教学点", "党建学院", "党校", "工作室", "产业链党委", "行业党委", "党建联盟",
    "综合党委", "服务驿站", "积分超市", "线上平台", "其他",
]
HonourLevel = Literal["国家级", "省级", "市级", "区县级", "街道级", "其他"]


class Honour(Record):
    """A rating or honour the site holds (五星级党组织, 市级示范点 …)."""

    title: Line
    """Name of the honour as awarded."""

    level: HonourLevel | None = None
    """Level of the awarding body."""

    year: YearOrNotGiven | None = None
    """Year awarded; 不详 when the source names the honour but not its year."""


class Site(Record):
    id: Slug
    """Stable id; the page URL is sites/<id>.html."""

    name: Line
    """Name of the site as the source gives it."""

    kind: SiteKind
    """What sort of site it is; drives the by-kind index."""

    host: Line | None = None
    """The enterprise or organisation that hosts the site."""

    host_type: OrgType | None = None
    """Kind of host organisation; drives the by-organisation-type index."""

    region: Ref("region")
    """Where the site is."""

    summary: Markdown | None = None
    """What happens there and why it is worth a visit."""

    honours: ListOf(Honour) = ()
    """Ratings and honours, each with its year."""

    cases: ListOf(Ref("case")) = ()
    """Cases the site belongs to."""

    sources: ListOf(Ref("source"), min_length=1)
    """Documents that name the site; the library invents no site."""


KIND = KindSpec("site", "sites", Site, "阵地", "name",
                Pages("阵地", backlink_rank=4, folder="sites", template="site.md.j2", index="sites/index.md",
                      index_title="示范点与阵地"),
                chinese_keys={
        "主办单位": "host", "依托单位": "host", "单位类型": "host_type", "荣誉": "honours",
    }, sheet=SheetHints(default=True))
