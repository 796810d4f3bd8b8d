"""The statistics page: what the library holds, compared like with like.

* every place is counted at the county tier (区县, 开发区): a street's cases and sites count for
  its county, and a city is never ranked beside its own districts;
* what each county built: its sites by kind, one small chart per county on one scale;
* how far each practice has spread: the counties that run it;
* figures over time, where a case states the same figure for several years.

Charts are HTML bar lists (:class:`Chart`): labels are text, never cut, readable at any width
and zoom; each bar is a tiny inline SVG whose width is an attribute (the site's Content Security
Policy allows no inline styles), drawn at build time without scripts. Figures keep their
qualifiers: a bar for "200余名" is labelled 200余名, never 200.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..core.kb import Entry
from ..core.schema.case import Metric
from . import figures
from .resolver import Link, Resolver

COUNTY_LEVELS = ("区县", "开发区")
"""The tier places are compared at."""


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    display: str
    """The figure as the source writes it (200余名), or the count with its unit (3处)."""
    link: Link | None = None


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    bars: tuple[Bar, ...]
    top: Decimal = Decimal(0)
    """The value of a full bar: charts drawn side by side share it, so that they compare."""
    caption: str = ""

    def share(self, bar: Bar) -> int:
        """The bar's length in percent of the full width (at least 1, so that it shows)."""
        top = self.top or max((b.value for b in self.bars), default=Decimal(0)) or Decimal(1)
        return max(1, round(100 * bar.value / top))


@dataclass(frozen=True)
class RegionRow:
    id: str
    link: Link
    level: str
    cases: int
    sites: int
    practices: int
    figures: int
    years: str
    """The years its cases report on (2023年、年份不详)."""
    below: tuple[str, ...] = ()
    """The places below it whose records it counts (东方红街道)."""


@dataclass(frozen=True)
class Statistics:
    regions: tuple[RegionRow, ...]
    site_kinds: tuple[Chart, ...]
    """Sites by kind, one chart per county, on one scale."""
    reach: Chart
    series: tuple[Chart, ...] = field(default_factory=tuple)
    """Figures a case states for several years."""
    outside: tuple[str, ...] = ()
    """Places above the county tier that records name directly (not compared)."""


def bar_svg(chart: Chart, bar: Bar) -> str:
    """The bar itself: an SVG whose rectangle's width is the bar's share of the full width."""
    return (f'<svg class="hl-bars__svg" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
            f'focusable="false"><rect width="{chart.share(bar)}" height="10"/></svg>')


def county_of(site: Resolver, region_id: str | None) -> Entry | None:
    """The county-tier place a region belongs to (itself, or the nearest such ancestor)."""
    seen: set[str] = set()
    while region_id and region_id not in seen and site.visible(region_id):
        seen.add(region_id)
        entry = site.kb.entries[region_id]
        if entry.record.level in COUNTY_LEVELS:
            return entry
        region_id = entry.record.parent
    return None


def _regions(site: Resolver) -> tuple[list[RegionRow], dict[str, Counter[str]], list[str]]:
    cases: dict[str, list[Entry]] = defaultdict(list)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    practices: dict[str, set[str]] = defaultdict(set)
    below: dict[str, set[str]] = defaultdict(set)
    outside: set[str] = set()

    def county(region_id: str) -> str | None:
        found = county_of(site, region_id)
        if found is None:
            if site.visible(region_id):
                outside.add(site.kb.entries[region_id].title)
            return None
        if found.id != region_id and site.visible(region_id):
            below[found.id].add(site.kb.entries[region_id].title)
        return found.id

    for entry in site.entries("case"):
        if (place := county(entry.record.region)) is not None:
            cases[place].append(entry)
    for entry in site.entries("site"):
        if (place := county(entry.record.region)) is not None:
            kinds[place][entry.record.kind] += 1
    for entry in site.entries("practice"):
        for variant in entry.record.variants:
            if (place := county(variant.region)) is not None:
                practices[place].add(entry.id)
    rows = []
    for region in site.entries("region"):
        place = region.id
        if not (cases[place] or kinds[place] or practices[place]):
            continue
        years = sorted({c.record.year for c in cases[place] if isinstance(c.record.year, int)})
        unknown = any(not isinstance(c.record.year, int) for c in cases[place])
        year_text = "、".join([f"{y}年" for y in years] + (["年份不详"] if unknown else [])) or "—"
        rows.append(RegionRow(place, site.link(place), region.record.level, len(cases[place]),  # type: ignore[arg-type]
                              sum(kinds[place].values()), len(practices[place]),
                              sum(len(c.record.metrics) for c in cases[place]), year_text,
                              tuple(sorted(below[place]))))
    rows.sort(key=lambda r: (-r.sites - r.cases, r.link.title))
    return rows, kinds, sorted(outside)


def _site_kinds(rows: list[RegionRow], kinds: dict[str, Counter[str]]) -> tuple[Chart, ...]:
    top = Decimal(max((n for counter in kinds.values() for n in counter.values()), default=0))
    charts: list[Chart] = []
    for row in rows:
        counter = kinds.get(row.id, Counter())
        if not counter:
            continue
        bars = tuple(Bar(kind, Decimal(n), f"{n}处") for kind, n in sorted(counter.items(), key=lambda i: (-i[1], i[0])))
        charts.append(Chart(f"sites-{len(charts) + 1}", f"{row.link.title}（共{sum(counter.values())}处）", bars, top))
    return tuple(charts)


def _reach(site: Resolver) -> Chart:
    bars = []
    for entry in site.entries("practice"):
        places = {c.id for v in entry.record.variants if (c := county_of(site, v.region)) is not None}
        bars.append(Bar(entry.title, Decimal(len(places)), f"{len(places)}个县区", site.link(entry.id)))
    bars.sort(key=lambda b: -b.value)
    return Chart("practice-reach", "各做法在几个县区推行", tuple(bars),
                 caption="按做法比较页上并排比较的县区计，街道的做法计入所属县区。")


def _series(site: Resolver) -> tuple[Chart, ...]:
    """The same figure (same case, label and unit) stated for two or more years."""
    charts: list[Chart] = []
    for entry in site.entries("case"):
        groups: dict[tuple[str, str], dict[int, Metric]] = defaultdict(dict)
        for metric in entry.record.metrics:
            if isinstance(metric.year, int):
                groups[(metric.label, metric.unit)][metric.year] = metric
        for (label, _), by_year in groups.items():
            if len(by_year) < 2:
                continue
            bars = tuple(Bar(f"{year}年", m.value, figures.statement(m), site.link(entry.id))
                         for year, m in sorted(by_year.items()))
            charts.append(Chart(f"series-{len(charts) + 1}", f"{label}（{entry.title}）", bars))
    return tuple(charts)


def statistics(site: Resolver) -> Statistics:
    rows, kinds, outside = _regions(site)
    return Statistics(tuple(rows), _site_kinds(rows, kinds), _reach(site), _series(site), tuple(outside))
