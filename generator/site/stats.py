"""The statistics page: the library's figures as static SVG bar charts, drawn at build time.

No chart library and no script: each chart is an inline ``<svg>`` whose text is escaped here,
followed in the page by a Markdown table with the same figures and links (MkDocs checks those;
it neither rewrites nor checks links inside raw HTML). Figures keep their qualifiers: a bar for
"200余名" is labelled 200余名, never 200.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..core.kb import KnowledgeBase
from ..core.problems import display_width
from . import figures
from .resolver import Link, Resolver

BAR_AREA = 360
LABEL_WIDTH = 200
ROW_HEIGHT = 26
MAX_LABEL_COLUMNS = 24
UNIT_FAMILIES = {"名": "人", "位": "人", "人": "人"}
"""Units that count the same thing; charts compare within a family, labels keep the source's unit."""


@dataclass(frozen=True)
class Row:
    label: str
    value: Decimal
    display: str
    link: Link | None = None
    note: str = ""


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    caption: str
    rows: tuple[Row, ...]
    columns: tuple[str, str] = ("项目", "数值")


@dataclass(frozen=True)
class Statistics:
    metrics: int
    """How many figures the published cases state."""
    charts: tuple[Chart, ...] = field(default_factory=tuple)


def _short(label: str) -> str:
    """Cut a label to the chart's label column, counting CJK characters as two columns."""
    if display_width(label) <= MAX_LABEL_COLUMNS:
        return label
    out = ""
    for char in label:
        if display_width(out + char) > MAX_LABEL_COLUMNS - 2:
            return out + "…"
        out += char
    return out


def svg(chart: Chart) -> str:
    """A horizontal bar chart; every text node is escaped."""
    top = max((row.value for row in chart.rows), default=Decimal(0)) or Decimal(1)
    height = ROW_HEIGHT * len(chart.rows) + 8
    width = LABEL_WIDTH + BAR_AREA + 120
    parts = [f'<svg class="hl-chart" role="img" aria-labelledby="{chart.id}-title" viewBox="0 0 {width} {height}" '
             f'width="100%" preserveAspectRatio="xMinYMin meet">',
             f'<title id="{chart.id}-title">{html.escape(chart.title)}</title>']
    for index, row in enumerate(chart.rows):
        y = 4 + index * ROW_HEIGHT
        bar = max(2, int(BAR_AREA * row.value / top))
        label = html.escape(_short(row.label))
        parts.append(
            f'<g><title>{html.escape(row.label)}：{html.escape(row.display)}</title>'
            f'<text class="hl-chart-label" x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">{label}</text>'
            f'<rect class="hl-chart-bar" x="{LABEL_WIDTH}" y="{y + 4}" width="{bar}" height="{ROW_HEIGHT - 8}" rx="2"/>'
            f'<text class="hl-chart-value" x="{LABEL_WIDTH + bar + 6}" y="{y + 17}">{html.escape(row.display)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _regions_of_sites_and_cases(kb: KnowledgeBase, site: Resolver) -> tuple[Chart, Chart]:
    """Counts per region, each record counted at its own region and at every ancestor."""
    parents = {e.id: e.record.parent for e in kb.of_kind("region")}

    def with_ancestors(region_id: str) -> list[str]:
        chain: list[str] = []
        seen: set[str] = set()
        current: str | None = region_id
        while current and current not in seen:
            seen.add(current)
            chain.append(current)
            current = parents.get(current)
        return chain

    def chart(kind: str, chart_id: str, title: str, unit: str) -> Chart:
        counts: Counter[str] = Counter()
        for entry in site.entries(kind):
            counts.update(with_ancestors(entry.record.region))
        leaves = [r for r in site.entries("region") if counts[r.id] and r.record.level not in ("省",)]
        leaves.sort(key=lambda e: -counts[e.id])
        rows = tuple(Row(e.title, Decimal(counts[e.id]), f"{counts[e.id]}{unit}", site.link(e.id)) for e in leaves)
        return Chart(chart_id, title, "含下级地区。", rows, ("地区", "数量"))

    return (chart("case", "cases-by-region", "各地区收录的案例数", "个"),
            chart("site", "sites-by-region", "各地区收录的阵地数", "处"))


def _practice_reach(site: Resolver) -> Chart:
    rows = []
    for entry in site.entries("practice"):
        regions = {v.region for v in entry.record.variants}
        rows.append(Row(entry.title, Decimal(len(regions)), f"{len(regions)}个地区", site.link(entry.id)))
    rows.sort(key=lambda r: -r.value)
    return Chart("practice-reach", "各做法在多少地区推行", "按做法页面上并排比较的地区计。", tuple(rows), ("做法", "地区数"))


def _site_kinds(site: Resolver) -> Chart:
    counts = Counter(e.record.kind for e in site.entries("site"))
    rows = tuple(Row(kind, Decimal(n), f"{n}处") for kind, n in counts.most_common())
    return Chart("site-kinds", "阵地类型分布", "", rows, ("类型", "数量"))


def _qualifiers(kb: KnowledgeBase, site: Resolver) -> Chart:
    counts: Counter[str] = Counter()
    for entry in site.entries("case"):
        counts.update(m.qualifier or "（确数）" for m in entry.record.metrics)
    rows = tuple(Row(q, Decimal(n), f"{n}个") for q, n in counts.most_common())
    return Chart("qualifiers", "指标的限定词", "来源写“200余名”“近80%”时，本库照录限定词，不把它们当作确数。",
                 rows, ("限定词", "指标数"))


def _compared_metrics(kb: KnowledgeBase, site: Resolver) -> list[Chart]:
    """For each practice: the figures its variants cite, one chart per unit, when two or more
    regions report the same unit (212名 vs 568名 党建指导员)."""
    charts = []
    for entry in site.entries("practice"):
        by_unit: dict[str, list[Row]] = defaultdict(list)
        regions_by_unit: dict[str, set[str]] = defaultdict(set)
        seen: set[tuple[str, str]] = set()
        for variant in entry.record.variants:
            case = kb.get(variant.case) if variant.case else None
            if case is None or not site.visible(case.id):
                continue
            metrics = {m.id: m for m in case.record.metrics if m.id}
            region = kb.get(variant.region)
            for metric_id in variant.metrics:
                metric = metrics.get(metric_id)
                if metric is None or (case.id, metric_id) in seen:
                    continue
                seen.add((case.id, metric_id))
                unit = UNIT_FAMILIES.get(metric.unit, metric.unit)
                label = f"{region.title if region else variant.region} · {metric.label}"
                period = metric.period or (f"{metric.year}年" if metric.year else "")
                by_unit[unit].append(Row(label, metric.value, figures.metric_value(metric), site.link(case.id), period))
                regions_by_unit[unit].add(variant.region)
        for number, (unit, rows) in enumerate(sorted(by_unit.items())):
            if len(regions_by_unit[unit]) >= 2:
                distinct = {(row.label, row.display): row for row in reversed(rows)}  # two sources, one fact
                rows = sorted(distinct.values(), key=lambda r: -r.value)
                charts.append(Chart(f"compare-{entry.id}-{number}", f"{entry.title}：各地数字（单位：{unit}）",
                                    "各地统计口径和时间不同，只宜看量级，不宜直接排名。", tuple(rows),
                                    ("地区 · 指标", "数值")))
    return charts


def statistics(kb: KnowledgeBase, site: Resolver) -> Statistics:
    metric_total = sum(len(e.record.metrics) for e in site.entries("case"))
    by_region = _regions_of_sites_and_cases(kb, site)
    charts = (*by_region, _practice_reach(site), _site_kinds(site), _qualifiers(kb, site),
              *_compared_metrics(kb, site))
    return Statistics(metric_total, tuple(c for c in charts if c.rows))
