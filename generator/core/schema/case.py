"""``case``: a branding programme or work case (党建品牌 / 工作案例) of one place."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from pydantic import model_validator

from ..numerals import number_forms
from .fields import (
    NOT_GIVEN,
    Line,
    ListOf,
    Markdown,
    Number,
    Ordinal,
    PlainText,
    Record,
    Ref,
    Slug,
    Year,
    YearOrNotGiven,
    fail,
)
from .kind import Held, KindSpec, LinkScope, Pages, SheetHints

CaseKind = Literal["党建品牌", "工作案例"]
OrgType = Literal["非公企业", "社会组织", "行业协会商会", "产业链", "园区楼宇", "新就业群体", "个体工商户", "混合"]
Qualifier = Literal["余", "多", "近", "超", "逾", "约", "至少", "以上", "以下", "不足", "左右"]
Status = Literal["published", "draft"]

QUALIFIER_BEFORE = {"近", "超", "逾", "约", "至少", "不足"}
"""Qualifiers written before the number (近80%); the others follow the number or the unit."""
QUALIFIER_AFTER_UNIT = {"以上", "以下", "左右"}
PERIOD_YEAR_RE = re.compile(r"((?:19|20)[0-9]{2})年")
"""A year named in a figure's own time words (2024年以来)."""


class Metric(Record):
    """A figure stated by a source, kept with its qualifier, unit, period and a locating quote."""

    id: Slug | None = None
    """Optional id, unique within the case, so that practice comparisons can cite this figure."""

    label: Line
    """What is counted, in words a reader understands without the quote (认证党务干部人数)."""

    value: Number
    """The number as written in the source, without qualifier or unit (200 for 200余名)."""

    value_to: Number | None = None
    """Upper end when the source gives a range (2-3家 → value 2, value_to 3)."""

    unit: Line
    """Unit as in the source (名、个、家、万元、%); percentages are checked to lie in 0–100."""

    qualifier: Qualifier | None = None
    """The source's hedge (余、近、超 …): 200余名 is more than 200 and must never read as 200."""

    year: YearOrNotGiven | None = None
    """The year the figure refers to, when the source gives it; 不详 when the source gives none.
    Left out, the site dates the figure by its source (截至2023年10月)."""

    since: Year | None = None
    """The first year of a run the figure covers (自2018年以来 → 2018); not together with ``year``."""

    over_years: Ordinal | None = None
    """How many years the run lasts, when the source says (连续五年 → 5)."""

    period: Line | None = None
    """The source's own time words (累计、今年以来、每半年、年内), kept as written; relative ones
    (今年以来、目前) are dated by the source's date on the site."""

    source: Ref("source")
    """The document that states the figure; the figure links to it in the bibliography."""

    quote: PlainText
    """A short verbatim passage of the source containing the figure, so anyone can locate it."""

    practice: Line | None = None
    """Name of the case's named practice this figure belongs to, if any."""

    @model_validator(mode="after")
    def _ranges(self) -> Metric:
        if self.unit.strip() == "%":
            for name, number in (("value", self.value), ("value_to", self.value_to)):
                if number is not None and number > Decimal(100):
                    raise fail("E-RANGE", f"百分比不能超过 100，实际是 {number}。", "核对原文；占比写 0—100 之间的数。",
                               at=(name,))
        if self.value_to is not None and self.value_to < self.value:
            raise fail("E-RANGE", f"区间上限 value_to（{self.value_to}）小于下限 value（{self.value}）。",
                       "交换两个数，或删除 value_to。", at=("value_to",))
        return self

    @model_validator(mode="after")
    def _time(self) -> Metric:
        """One time frame: a year, or a run since a year; the period's own words may not contradict it."""
        if self.since is not None and self.year is not None:
            raise fail("E-TIME", f"同时写了 year（{self.year}）和 since（{self.since}）。",
                       "某一年的数字只写 year；“自2018年以来”这样一段时间的数字只写 since。", at=("since",))
        period = self.period or ""
        if isinstance(self.year, int) and "以来" in period:
            raise fail("E-TIME", f"period 是“{period}”，说的是从某年开始的一段时间，不是 {self.year} 这一年。",
                       f"把 year: {self.year} 改为 since: {self.year}。", at=("year",))
        named = PERIOD_YEAR_RE.findall(period)
        frame = self.since if self.since is not None else self.year
        if named and isinstance(frame, int) and str(frame) not in named:
            field = "since" if self.since is not None else "year"
            raise fail("E-TIME", f"period “{period}”写的年份与 {field}（{frame}）不一致。",
                       "核对原文，改正其中一个。", at=(field,))
        if self.year == NOT_GIVEN and named:
            raise fail("E-TIME", f"year 写了“{NOT_GIVEN}”，但 period “{period}”写明了年份。",
                       f"写 year: {named[0]}，或删除 year。", at=("year",))
        return self


class NamedPractice(Record):
    """One of the case's named practices (e.g. 红旗支部创建 within 六大行动)."""

    name: Line
    """The practice's name as the source gives it, with its quotation marks."""

    practice: Ref("practice") | None = None
    """The recurring practice (做法) this is a local variant of, for cross-region comparison."""

    description: Markdown
    """How this place runs it, in the library's own words."""

    problem: Markdown | None = None
    """The specific problem this practice answers, when the source says so."""

    aspects: ListOf(Ref("aspect")) = ()
    """Manual aspects this practice illustrates."""


class Case(Record):
    id: Slug
    """Stable id; the page URL is cases/<id>.html."""

    title: Line
    """Heading of the case page: place and programme (长清区“红色凝聚力”工程)."""

    brand: Line
    """The programme's brand exactly as quoted in the source, characters and punctuation kept."""

    kind: CaseKind
    """Branding programme or single work case."""

    status: Status = "published"
    """``draft`` keeps a case out of the site while it is being written."""

    region: Ref("region")
    """Where the programme runs; drives the by-region index."""

    issuer: Line | None = None
    """The body that runs or issued the programme (e.g. 东方红街道党工委)."""

    year: Year | None = None
    """Year the source reports on, when it says; drives the by-year index (absent: 年份不详)."""

    period: Line | None = None
    """The source's own time frame for the programme (e.g. 2018年以来), when given."""

    org_types: ListOf(OrgType) = ()
    """Kinds of organisation the programme reaches (非公企业、社会组织 …)."""

    summary: Markdown
    """What the programme is, in a few sentences of the library's own words."""

    problem: Markdown | None = None
    """The problem the programme set out to solve."""

    practices: ListOf(NamedPractice, min_length=1)
    """Named practices that make up the programme, each described in its own words."""

    outcomes: ListOf(Markdown) = ()
    """Results the source reports, in words (figures go to ``metrics``)."""

    metrics: ListOf(Metric) = ()
    """Every figure the source states, with qualifier, unit, period and quote."""

    sites: ListOf(Ref("site")) = ()
    """Demonstration sites and platforms the programme runs."""

    aspects: ListOf(Ref("aspect")) = ()
    """Manual aspects the case illustrates (shown on those aspects as 其他地方怎么做)."""

    related: ListOf(Ref("case")) = ()
    """Cases an editor links by hand, in addition to those found by shared practices."""

    tags: ListOf(Line) = ()
    """Free keywords for the tag index."""

    sources: ListOf(Ref("source"), min_length=1)
    """Documents the case is written from; every case cites at least one."""


def check_metric_ids(scope: LinkScope, owners: Sequence[Held]) -> None:
    for owner in owners:
        scope.unique(owner, "metrics", "id", owner.record.metrics, "指标编号")


def check_quotes(scope: LinkScope, owners: Sequence[Held]) -> None:
    """A figure's quote must contain the figure, in one of the forms a source writes it."""
    for owner in owners:
        for index, metric in enumerate(owner.record.metrics):
            if not any(form in metric.quote for form in number_forms(metric.value)):
                scope.problem(owner, ("metrics", index, "quote"), "W-QUOTE", f"引文中找不到数字 {metric.value}。",
                              "引文应是原文中包含这个数字的那一句，便于核对。")


KIND = KindSpec(
    "case", "cases", Case, "案例", "title",
    Pages("案例库", backlink_rank=3, folder="cases", template="case.md.j2", index="cases/index.md",
          index_title="案例库"),
    checks=(check_metric_ids, check_quotes),
    chinese_keys={
        "品牌": "brand", "状态": "status", "问题": "problem", "做法": "practices", "举措": "practices",
        "成效": "outcomes", "成果": "outcomes", "标签": "tags", "关键词": "tags", "时期": "period",
        "期间": "period", "时间": "period", "单位": "unit", "限定词": "qualifier", "修饰": "qualifier",
        "引文": "quote", "原文": "quote", "组织类型": "org_types", "发布机关": "issuer",
    },
    sheet=SheetHints(headers={"practices.practice": "通用做法", "metrics.practice": "所属做法", "label": "指标名称",
                              "value_to": "数值上限"}),
)
