"""Statistics charts: static SVG, escaped text, qualifiers kept, comparable units only."""

from decimal import Decimal

from generator import Settings, check
from generator.site.resolver import Resolver
from generator.site.stats import Chart, Row, statistics, svg

from tests.support.library import MINIMAL


def test_svg_escapes_labels_and_keeps_the_qualified_figure():
    chart = Chart("c", "标题<script>", "", (Row("甲<b>", Decimal(200), "200余名"), Row("乙", Decimal(100), "近100名")))
    drawn = svg(chart)
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn and "甲&lt;b&gt;" in drawn
    assert "200余名" in drawn and "近100名" in drawn
    assert "http" not in drawn
    widths = [int(part.split('"')[0]) for part in drawn.split('width="')[2:]]
    assert widths == [360, 180]


def test_minimal_library_statistics():
    kb, report = check(Settings(data_dir=MINIMAL / "data", manual_categories=1, manual_aspects=1))
    assert not report.problems
    stats = statistics(kb, Resolver(kb))
    assert stats.metrics == 1
    qualifiers = next(c for c in stats.charts if c.id == "qualifiers")
    assert [(r.label, r.display) for r in qualifiers.rows] == [("余", "1个")]
    by_region = next(c for c in stats.charts if c.id == "cases-by-region")
    assert [r.label for r in by_region.rows] == ["示例市", "示例县"]
