"""The knowledge base that rendering reads: entries by id and kind, titles, referrers, counts."""

from __future__ import annotations

from generator import Settings, check
from tests.support.library import Library


def linked(library: Library):
    kb, report = check(Settings(data_dir=library.data, manual_categories=1, manual_aspects=1))
    assert not report.errors, [(p.code, p.message) for p in report.errors]
    return kb


def test_entries_by_id_and_kind_nested_parts_included(library):
    kb = linked(library)
    assert kb.get("demo-case").kind == "case"
    aspect = kb.get("demo-aspect")
    assert aspect.kind == "aspect" and aspect.parent == "demo-category" and aspect.path == ("aspects", 0, "id")
    assert [e.id for e in kb.of_kind("region")] == ["city", "county", "province"]  # sorted by id
    assert kb.of_kind("no-such-kind") == () and kb.get("nothing") is None


def test_titles_come_from_each_kinds_title_field(library):
    kb = linked(library)
    assert kb.get("county").title == "示例县"            # region: name
    assert kb.get("demo-case").title == "示例县“红色示范”工程"  # case: title
    assert kb.get("sanhuiyike").title == "三会一课"          # term: term


def test_referrers_are_distinct_records_optionally_of_one_kind(library):
    kb = linked(library)
    # the case cites its region once and the practice cites it again: one referrer each
    county = {e.id for e in kb.referrers("county")}
    assert "demo-case" in county and len(county) == len(kb.referrers("county"))
    assert [e.id for e in kb.referrers("demo-aspect", "case")] == ["demo-case"]
    assert all(e.kind == "question" for e in kb.referrers("demo-aspect", "question"))
    assert kb.referrers("province", "case") == ()


def test_counts_by_kind(library):
    counts = linked(library).counts()
    assert counts["case"] == 1 and counts["region"] == 3 and counts["aspect"] == 1
    assert list(counts) == sorted(counts)
