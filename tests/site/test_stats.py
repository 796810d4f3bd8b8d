"""Statistics compare like with like: places at the county tier, charts drawn without scripts or
inline styles, full labels, figures with their qualifiers, series only where a case has one."""

from __future__ import annotations

from decimal import Decimal

from generator import Settings, check
from generator.site.resolver import Resolver
from generator.site.stats import Bar, Chart, bar_svg, statistics
from tests.support.library import Library


def stats_of(library: Library):
    kb, report = check(Settings(data_dir=library.data, manual_categories=1, manual_aspects=1))
    assert not report.errors, [(p.code, p.message) for p in report.errors]
    return statistics(Resolver(kb))


def test_bars_are_svg_widths_not_styles():
    chart = Chart("c", "标题", (Bar("甲", Decimal(200), "200余名"), Bar("乙", Decimal(50), "近50名")))
    drawn = [bar_svg(chart, bar) for bar in chart.bars]
    assert 'width="100"' in drawn[0] and 'width="25"' in drawn[1]
    assert all("style" not in svg and "http" not in svg and "<script" not in svg for svg in drawn)
    shared = Chart("d", "标题", (Bar("丙", Decimal(2), "2处"),), top=Decimal(8))
    assert 'width="25"' in bar_svg(shared, shared.bars[0]), "charts drawn side by side share one scale"


def test_places_are_compared_at_the_county_tier(library: Library):
    library.write("regions/street.yml", "id: street\nname: 示例街道\nlevel: 街道\nparent: county\n")
    library.write("sites/street-site.yml", "id: street-site\nname: 示例街道党群服务中心\nkind: 党群服务中心\n"
                                           "region: street\nsources:\n  - src-report\n")
    stats = stats_of(library)
    assert [(r.link.title, r.cases, r.sites, r.below) for r in stats.regions] == [("示例县", 1, 2, ("示例街道",))]
    assert "示例市" not in {r.link.title for r in stats.regions}, "a city is never ranked beside its districts"
    assert [r.years for r in stats.regions] == ["2023年"]
    (kinds,) = stats.site_kinds
    assert kinds.title == "示例县（共2处）"
    assert sorted((b.label, b.display) for b in kinds.bars) == [("党群服务中心", "1处"), ("党群服务站", "1处")]
    assert [(b.label, b.display) for b in stats.reach.bars] == [("红领党务认证", "1个县区")]


def test_a_figure_stated_for_several_years_is_a_series(library: Library):
    assert stats_of(library).series == ()
    library.replace("cases/demo-case.yml", "sites:\n", "  - label: 认证党务干部人数\n    value: 150\n    unit: 名\n"
                    "    year: 2022\n    source: src-report\n    quote: 2022年认证150名\nsites:\n")
    (series,) = stats_of(library).series
    assert [(b.label, b.display) for b in series.bars] == [("2022年", "150名"), ("2023年", "200余名")]
    assert series.title == "认证党务干部人数（示例县“红色示范”工程）"
