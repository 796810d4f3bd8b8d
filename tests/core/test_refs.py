"""Where the references are in a record: every field marked Ref(...) at any depth, with its path."""

from __future__ import annotations

from generator.core.refs import iter_refs, plan_of
from generator.core.schema.case import Case
from generator.core.schema.practice import Practice

CASE = {
    "id": "c", "title": "示例", "brand": "示例", "kind": "党建品牌", "region": "county", "summary": "概况。",
    "practices": [{"name": "甲", "practice": "p", "description": "做法。", "aspects": ["a1", "a2"]},
                  {"name": "乙", "description": "做法。"}],
    "metrics": [{"label": "人数", "value": "3", "unit": "名", "source": "s2", "quote": "3名"}],
    "sites": ["site-1"], "sources": ["s1"],
}


def test_every_reference_with_its_path_and_kinds():
    refs = list(iter_refs(Case.model_validate(CASE)))
    assert ("region",) in [path for path, _, _ in refs]
    assert (("practices", 0, "practice"), "p", ("practice",)) in refs
    assert (("practices", 0, "aspects", 1), "a2", ("aspect",)) in refs
    assert (("metrics", 0, "source"), "s2", ("source",)) in refs
    assert (("sites", 0), "site-1", ("site",)) in refs
    assert not [r for r in refs if r[0][:2] == ("practices", 1) and r[0][-1] == "practice"]  # absent optional ref


def test_the_plan_of_a_model_is_found_once_and_names_only_reference_or_nested_fields():
    plan = plan_of(Practice)
    assert plan is plan_of(Practice)  # cached per class
    names = {field.name for field in plan}
    assert {"variants", "aspects", "related"} <= names and "summary" not in names
    variants = next(field for field in plan if field.name == "variants")
    assert variants.nested is not None and variants.ref_kinds is None
