"""The side-by-side comparison of a practice (做法比较): how each place runs it, item by item.

The comparison is a table whose every column fits the content column: places are the columns when
there are fewer places than items to compare, and the rows when there are more (a practice run in
ten counties). On a phone the table's rows become cards, each cell labelled with its column
(assets/stylesheets/compare.css), so nothing is cut off at either width.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.kb import Entry
from .resolver import Link, Resolver, src_uri_of


@dataclass(frozen=True)
class Item:
    """One thing compared: a dimension of the practice, or the figures, case and source of each place."""

    label: str
    key: str
    """A dimension's key, or ``metrics`` / ``case`` / ``source``."""


@dataclass(frozen=True)
class Comparison:
    variants: tuple[dict[str, Any], ...]
    items: tuple[Item, ...]
    places_as_rows: bool
    """True when there are more places than items: one row per place, one column per item."""


def variant_rows(site: Resolver, entry: Entry, metric_rows: Any) -> list[dict[str, Any]]:
    """Each place's way of running the practice, with its answers, figures, case and source."""
    region_count: dict[str, int] = {}
    variants = []
    for variant in entry.record.variants:
        n = region_count[variant.region] = region_count.get(variant.region, 0) + 1
        case_entry = site.kb.get(variant.case) if site.visible(variant.case) else None
        rows = {r["metric"].id: r for r in metric_rows(site, case_entry)} if case_entry else {}
        case_page = src_uri_of(case_entry)[0] if case_entry else ""
        region = site.link(variant.region)
        variants.append({
            "variant": variant,
            "anchor": f"v-{variant.region}" + (f"-{n}" if n > 1 else ""),
            "region": region,
            "label": f"{region.title}：{variant.name}" if region else variant.name,
            "case": site.link(variant.case),
            "source": site.link(variant.source),
            "values": {v.key: v.value for v in variant.values},
            "metrics": [dict(rows[m], link=Link(rows[m]["metric"].label, case_page, rows[m]["anchor"]))
                        for m in variant.metrics if m in rows],
        })
    return variants


def comparison(entry: Entry, variants: list[dict[str, Any]]) -> Comparison | None:
    """The comparison table of a practice, or ``None`` when it has nothing to compare."""
    items = [Item(d.label, d.key) for d in entry.record.dimensions]
    if any(v["metrics"] for v in variants):
        items.append(Item("相关数据", "metrics"))
    if not items:
        return None
    if any(v["case"] for v in variants):
        items.append(Item("案例", "case"))
    items.append(Item("来源", "source"))
    return Comparison(tuple(variants), tuple(items), places_as_rows=len(variants) > len(items))
