"""Browse pages: cases and sites grouped by region, practice, organisation type, year, tag and
site kind, every list of Chinese labels in pinyin order. Pure, like the rest of :mod:`generator.site`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.kb import Entry
from .figures import UNKNOWN_YEAR
from .plans import Labels, PagePlan, case_cards
from .resolver import Link, Resolver


BROWSE = (
    ("browse/region.md", "按地区浏览"),
    ("browse/practice.md", "按做法浏览"),
    ("browse/org-type.md", "按组织类型浏览"),
    ("browse/year.md", "按年份浏览"),
    ("browse/tag.md", "按标签浏览"),
    ("browse/site-kind.md", "按阵地类型浏览"),
)


def group(label: str, anchor: str, *sections: tuple[str, list[Any]], note: str = "") -> dict[str, Any]:
    """One heading of a browse page with its lists (empty lists are dropped)."""
    kept = [(heading, items) for heading, items in sections if items]
    return {"label": label, "anchor": anchor, "note": note, "sections": kept,
            "count": sum(len(items) for _, items in kept)}


def browse_page(src_uri: str, title: str, intro: str, groups: list[dict[str, Any]]) -> PagePlan:
    return PagePlan(src_uri, "browse.md.j2", title, {"intro": intro, "groups": groups,
                                                    "browse": [Link(t, u) for u, t in BROWSE]}, in_nav=True)


def by_label(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for label, record_id in pairs:
        out.setdefault(label, []).append(record_id)
    return out


def plan_browse(site: Resolver, labels: Labels, children: dict[str | None, list[Entry]]) -> list[PagePlan]:
    cases = site.entries("case")
    sites = site.entries("site")
    pages = []

    region_groups = []
    cases_in = by_label((c.record.region, c.id) for c in cases)
    sites_in = by_label((s.record.region, s.id) for s in sites)
    for region in site.entries("region"):
        if region.id in cases_in or region.id in sites_in:
            path = "·".join(link.title for link in site.region_path(region.id)[:-1])
            region_groups.append(group(region.title, region.id,
                                       ("案例", case_cards(site, cases_in.get(region.id, []))),
                                       ("阵地", site.sorted_links(sites_in.get(region.id, []))),
                                       note=path))
    pages.append(browse_page("browse/region.md", "按地区浏览", "每个地区下列出当地的案例和阵地；地区按拼音排序。"
                             "地区之间的上下级关系见[地区](../regions/index.md)。", region_groups))

    practice_groups = []
    for practice in site.entries("practice"):
        case_ids = site.referrer_ids(practice.id, "case") + [v.case for v in practice.record.variants]
        regions = site.sorted_links(v.region for v in practice.record.variants)
        practice_groups.append(group(practice.title, practice.id, ("开展地区", regions),
                                     ("案例", case_cards(site, [c for c in case_ids if c], practice_id=practice.id))))
    pages.append(browse_page("browse/practice.md", "按做法浏览", "同一种做法在各地的案例；点击做法名称可看各地做法的对比。",
                             practice_groups))

    org_cases = by_label((t, c.id) for c in cases for t in c.record.org_types)
    org_sites = by_label((s.record.host_type, s.id) for s in sites if s.record.host_type)
    org_groups = [group(label, anchor, ("案例", case_cards(site, org_cases.get(label, []))),
                        ("阵地", site.sorted_links(org_sites.get(label, []))))
                  for label, anchor in labels.org_types.items()]
    pages.append(browse_page("browse/org-type.md", "按组织类型浏览",
                             "案例覆盖的组织类型，以及阵地依托单位的类型。", org_groups))

    years = by_label(((f"{c.record.year}年" if c.record.year else UNKNOWN_YEAR), c.id) for c in cases)
    ordered = sorted(years, key=lambda label: (label == UNKNOWN_YEAR, -int(label[:4]) if label[:4].isdigit() else 0))
    year_groups = [group(label, "unknown" if label == UNKNOWN_YEAR else f"y{label[:4]}",
                         ("案例", case_cards(site, years[label]))) for label in ordered]
    pages.append(browse_page("browse/year.md", "按年份浏览", "按来源报道的年份排列，最近的在前。", year_groups))

    tag_cases = by_label((t, c.id) for c in cases for t in c.record.tags)
    tag_groups = [group(label, anchor, ("案例", case_cards(site, tag_cases[label])))
                  for label, anchor in labels.tags.items()]
    pages.append(browse_page("browse/tag.md", "按标签浏览", "编辑为案例标注的关键词，按拼音排序。", tag_groups))

    kind_sites = by_label((s.record.kind, s.id) for s in sites)
    kind_groups = [group(label, anchor, ("阵地", site.sorted_links(kind_sites[label])))
                   for label, anchor in labels.site_kinds.items()]
    pages.append(browse_page("browse/site-kind.md", "按阵地类型浏览", "示范点和阵地按类型归类。", kind_groups))
    return pages
